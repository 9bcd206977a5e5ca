#include "params.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>

namespace seekbench::projects {

namespace {

void flatten(const YAML::Node &node, const std::string &prefix, std::map<std::string, std::string> &out)
{
    if (node.IsMap()) {
        for (const auto &kv : node) {
            const auto key = kv.first.as<std::string>();
            flatten(kv.second, prefix.empty() ? key : prefix + "." + key, out);
        }
    } else if (node.IsScalar()) {
        out[prefix] = node.as<std::string>();
    } else if (node.IsSequence()) {
        YAML::Emitter e;
        e << YAML::Flow << node;
        out[prefix] = e.c_str();
    } else if (node.IsNull() && !prefix.empty()) {
        out[prefix] = "";
    }
}

} // namespace

std::map<std::string, std::string> flattenConfigParams(const std::string &yamlText)
{
    std::map<std::string, std::string> out;
    try {
        flatten(YAML::Load(yamlText), {}, out);
    } catch (const YAML::Exception &) {
        out.clear();
    }
    return out;
}

bool parseNumber(const std::string &text, double &out)
{
    if (text.empty())
        return false;
    if (text == "true" || text == "false") {
        out = text == "true" ? 1.0 : 0.0;
        return true;
    }
    char *end = nullptr;
    errno = 0;
    out = std::strtod(text.c_str(), &end);
    return errno == 0 && end == text.c_str() + text.size();
}

} // namespace seekbench::projects
