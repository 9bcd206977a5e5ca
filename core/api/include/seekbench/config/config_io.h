#pragma once

#include "seekbench/config/config_issue.h"
#include "seekbench/config/run_config.h"

#include <filesystem>
#include <string>
#include <vector>

namespace seekbench {

struct ConfigLoad
{
    RunConfig config;
    ConfigIssues issues; // parse problems; validation is separate (validation.h)
    bool ok() const { return issues.empty(); }
};

// Parses YAML text. Every problem is reported (unknown keys, wrong types), never thrown.
ConfigLoad parseRunConfig(const std::string &yamlText);
ConfigLoad loadRunConfig(const std::filesystem::path &path);

// The canonical YAML of a config: every key, in schema order. parse(toYaml(c)) == c.
std::string toYaml(const RunConfig &config);

// A stable hash of the canonical YAML (hex), recorded with each run.
std::string configHash(const RunConfig &config);

// Import of a Hugging Face style config.json into the model section.
struct HfImport
{
    ModelConfig model;
    std::vector<std::string> imported;      // keys taken over
    std::vector<std::string> unsupported;   // keys that change the architecture and that
                                            // Seekbench does not implement (MLA, YaRN...)
    std::vector<std::string> informational; // keys with no effect here (model_type, dtype...)
    ConfigIssues issues;                    // malformed JSON, wrong types
};
HfImport importHfConfig(const std::string &jsonText);
HfImport importHfConfigFile(const std::filesystem::path &path);

} // namespace seekbench
