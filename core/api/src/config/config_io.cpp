#include "seekbench/config/config_io.h"

#include "seekbench/config/config_schema.h"
#include "seekbench/formats/small_file.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdio>
#include <set>

namespace seekbench {
namespace {

const std::set<std::string> kSections = {"model", "data", "training", "aml", "crossmodal", "pdm", "kg"};

void applyScalar(RunConfig &config, const std::string &path, const YAML::Node &node, ConfigIssues &issues)
{
    const ConfigField *field = findConfigField(path);
    if (path == "aml.eval_months") {
        // One held-out period both tuned and reported on became two: say so rather than guess.
        issues.push_back({path, "replaced_key", {"aml.validation_months and aml.test_months"}});
        return;
    }
    if (!field) {
        issues.push_back({path, "unknown_key", {}});
        return;
    }
    if (!node.IsScalar()) {
        issues.push_back({path,
                          "wrong_type",
                          {typeName(field->type), node.IsMap()        ? "mapping"
                                                  : node.IsSequence() ? "list"
                                                                      : "null"}});
        return;
    }
    const std::string text = node.Scalar();
    if (!field->set(config, text))
        issues.push_back({path, "wrong_type", {typeName(field->type), text}});
}

} // namespace

ConfigLoad parseRunConfig(const std::string &yamlText)
{
    ConfigLoad load;
    YAML::Node root;
    try {
        root = YAML::Load(yamlText);
    } catch (const YAML::Exception &e) {
        load.issues.push_back(
            {"", "yaml_syntax", {std::to_string(e.mark.line + 1), std::to_string(e.mark.column + 1), e.msg}});
        return load;
    }
    if (root.IsNull())
        return load; // an empty file is the default config
    if (!root.IsMap()) {
        load.issues.push_back({"", "wrong_type", {"mapping", "scalar or list"}});
        return load;
    }
    std::set<std::string> seenTop;
    for (const auto &entry : root) {
        const std::string key = entry.first.as<std::string>();
        if (!seenTop.insert(key).second) {
            load.issues.push_back({key, "duplicate_key", {std::to_string(entry.first.Mark().line + 1)}});
            continue;
        }
        const YAML::Node &value = entry.second;
        if (kSections.count(key)) {
            if (value.IsNull())
                continue;
            if (!value.IsMap()) {
                load.issues.push_back({key, "wrong_type", {"mapping", value.IsScalar() ? value.Scalar() : "list"}});
                continue;
            }
            std::set<std::string> seen;
            for (const auto &inner : value) {
                const std::string path = key + "." + inner.first.as<std::string>();
                if (!seen.insert(path).second) {
                    // YAML would quietly keep the last one; a user who wrote it twice meant one.
                    load.issues.push_back({path, "duplicate_key", {std::to_string(inner.first.Mark().line + 1)}});
                    continue;
                }
                applyScalar(load.config, path, inner.second, load.issues);
            }
        } else {
            applyScalar(load.config, key, value, load.issues);
        }
    }
    return load;
}

ConfigLoad loadRunConfig(const std::filesystem::path &path)
{
    // A directory or an empty file is no config (parseRunConfig("") is the default one, for
    // editors); a huge file or a device is refused before it is read.
    SmallFileRead file = readSmallFile(path);
    if (!file.ok()) {
        ConfigLoad load;
        load.issues.push_back({"", "file_unreadable", {path.string(), file.problem}});
        return load;
    }
    return parseRunConfig(file.text);
}

std::string toYaml(const RunConfig &config)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    std::string section;
    for (const auto &field : configSchema()) {
        const auto dot = field.path.find('.');
        const std::string sec = dot == std::string::npos ? "" : field.path.substr(0, dot);
        const std::string key = dot == std::string::npos ? field.path : field.path.substr(dot + 1);
        if (sec != section) {
            if (!section.empty())
                out << YAML::EndMap;
            section = sec;
            if (!section.empty())
                out << YAML::Key << section << YAML::Value << YAML::BeginMap;
        }
        const std::string value = field.get(config);
        out << YAML::Key << key << YAML::Value;
        if (field.type == ConfigField::Type::String)
            out << YAML::DoubleQuoted << value;
        else
            out << value;
    }
    if (!section.empty())
        out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

std::string configHash(const RunConfig &config)
{
    // FNV-1a 64 over the canonical YAML: equal configs hash equal whatever their layout.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : toYaml(config)) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

namespace {

// Keys of DeepSeek-V2/V3 and relatives that change the architecture and that Seekbench
// does not implement. They are reported, never silently dropped.
const std::set<std::string> kUnsupportedHfKeys = {
    "kv_lora_rank",
    "q_lora_rank",
    "qk_rope_head_dim",
    "qk_nope_head_dim",
    "v_head_dim",
    "rope_scaling",
    "n_group",
    "topk_group",
    "topk_method",
    "routed_scaling_factor",
    "seq_aux",
    "ep_size",
    "num_nextn_predict_layers",
    "sliding_window",
    "use_sliding_window",
    "quantization_config",
    "head_dim",
    "mlp_bias",
    "pretraining_tp",
    "max_window_layers",
};
// Keys with no effect on the architecture or training here.
const std::set<std::string> kInformationalHfKeys = {
    "architectures", "model_type",   "torch_dtype", "transformers_version", "bos_token_id",
    "eos_token_id",  "pad_token_id", "use_cache",   "initializer_range",    "auto_map",
    "_name_or_path", "id2label",     "label2id",    "output_attentions",    "output_hidden_states",
    "return_dict",   "problem_type",
};

} // namespace

HfImport importHfConfig(const std::string &jsonText)
{
    HfImport result;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(jsonText);
    } catch (const nlohmann::json::parse_error &e) {
        result.issues.push_back({"", "json_syntax", {std::to_string(e.byte), e.what()}});
        return result;
    }
    if (!j.is_object()) {
        result.issues.push_back({"", "wrong_type", {"object", j.type_name()}});
        return result;
    }
    RunConfig holder;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string &key = it.key();
        const auto &value = it.value();
        const ConfigField *field = findConfigField("model." + key);
        if (field && field->group != "head") {
            std::string text;
            if (value.is_null() && key == "n_routed_experts")
                text = "0";
            else if (value.is_null()) {
                result.informational.push_back(key);
                continue;
            } else if (value.is_string())
                text = value.get<std::string>();
            else if (value.is_boolean())
                text = value.get<bool>() ? "true" : "false";
            else if (value.is_number_integer() || value.is_number_unsigned())
                text = std::to_string(value.get<long long>());
            else if (value.is_number_float()) {
                const double d = value.get<double>();
                // An integer field written as 64.0 is accepted; 64.5 is not.
                if (field->type == ConfigField::Type::Int && d == static_cast<double>(static_cast<long long>(d)))
                    text = std::to_string(static_cast<long long>(d));
                else
                    text = value.dump();
            } else
                text = value.dump();
            if (!field->set(holder, text))
                result.issues.push_back({"model." + key, "wrong_type", {typeName(field->type), value.dump()}});
            else
                result.imported.push_back(key);
        } else if (key == "num_labels" && value.is_number_integer()) {
            holder.model.num_labels = value.get<int>();
            result.imported.push_back(key);
        } else if (kUnsupportedHfKeys.count(key)) {
            if (value.is_null())
                result.informational.push_back(key);
            else
                result.unsupported.push_back(key);
        } else if (kInformationalHfKeys.count(key)) {
            result.informational.push_back(key);
        } else {
            // Unknown keys may change the model: name them rather than guess.
            result.unsupported.push_back(key);
        }
    }
    result.model = holder.model;
    return result;
}

HfImport importHfConfigFile(const std::filesystem::path &path)
{
    SmallFileRead file = readSmallFile(path);
    if (!file.ok()) {
        HfImport result;
        result.issues.push_back({"", "file_unreadable", {path.string(), file.problem}});
        return result;
    }
    return importHfConfig(file.text);
}

} // namespace seekbench
