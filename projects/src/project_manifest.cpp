#include "seekbench/projects/project_manifest.h"

#include "seekbench/projects/project_error.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

namespace seekbench::projects {

namespace {

[[noreturn]] void bad(const std::string &where, const std::string &what)
{
    throw ProjectError(ProjectError::Kind::BadManifest, where + ": " + what);
}

std::string scalar(const YAML::Node &node, const char *key, const std::string &where)
{
    const YAML::Node v = node[key];
    if (!v || v.IsNull())
        return {};
    if (!v.IsScalar())
        bad(where, std::string("'") + key + "' must be a text value (line " + std::to_string(v.Mark().line + 1) + ")");
    return v.as<std::string>();
}

} // namespace

ProjectManifest ProjectManifest::parse(const std::string &yamlText, const std::string &where)
{
    YAML::Node root;
    try {
        root = YAML::Load(yamlText);
    } catch (const YAML::Exception &e) {
        bad(where, "not valid YAML: " + std::string(e.what()));
    }
    if (!root.IsMap())
        bad(where, "expected a mapping with 'seekbench_project', 'name', ...");
    static const std::set<std::string> known = {"seekbench_project", "name",    "scenario",
                                                "description",       "storage", "defaults"};
    for (const auto &kv : root) {
        const auto key = kv.first.as<std::string>();
        if (!known.count(key))
            bad(where, "unknown key '" + key + "' (line " + std::to_string(kv.first.Mark().line + 1) + ")");
    }
    ProjectManifest m;
    const YAML::Node format = root["seekbench_project"];
    if (!format)
        bad(where, "missing 'seekbench_project: 1' (the format version)");
    try {
        m.format = format.as<int>();
    } catch (const YAML::Exception &) {
        bad(where, "'seekbench_project' must be a whole number");
    }
    if (m.format < 1)
        bad(where, "'seekbench_project' must be 1 or more");
    if (m.format > kFormat)
        bad(where,
            "format " + std::to_string(m.format) + " is newer than this build knows (" + std::to_string(kFormat) + ")");
    m.name = scalar(root, "name", where);
    if (m.name.empty())
        bad(where, "'name' is missing or empty");
    m.scenario = scalar(root, "scenario", where);
    m.description = scalar(root, "description", where);
    const std::string storage = scalar(root, "storage", where);
    if (!storage.empty()) {
        if (storage != "auto" && storage != "local" && storage != "segments")
            bad(where, "'storage' must be auto, local or segments, not '" + storage + "'");
        m.storage = storage;
    }
    if (const YAML::Node d = root["defaults"]; d && !d.IsNull()) {
        if (!d.IsMap())
            bad(where, "'defaults' must be a mapping");
        YAML::Emitter out;
        out << d;
        m.defaultsYaml = out.c_str();
    }
    return m;
}

ProjectManifest ProjectManifest::load(const std::filesystem::path &file)
{
    std::ifstream in(file);
    if (!in)
        throw ProjectError(ProjectError::Kind::NotAProject, file.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), file.string());
}

std::string ProjectManifest::toYaml() const
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "seekbench_project" << YAML::Value << format;
    out << YAML::Key << "name" << YAML::Value << name;
    out << YAML::Key << "scenario" << YAML::Value << scenario;
    out << YAML::Key << "description" << YAML::Value << description;
    out << YAML::Key << "storage" << YAML::Value << storage;
    if (!defaultsYaml.empty())
        out << YAML::Key << "defaults" << YAML::Value << YAML::Load(defaultsYaml);
    out << YAML::EndMap;
    return std::string("# Seekbench project. Paths inside the folder are relative: it can move.\n") + out.c_str()
           + "\n";
}

} // namespace seekbench::projects
