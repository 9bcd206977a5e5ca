#pragma once

#include "seekbench/config/run_config.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace seekbench {

// One key of the run config. The schema drives YAML parsing, canonical output, range
// validation and, later, the GUI's form (group, description, choices, range).
struct ConfigField
{
    enum class Type { Int, Double, Bool, String, UInt64 };

    std::string path;  // "model.hidden_size"
    std::string group; // model, moe, head, data, training, precision, checkpoints...
    Type type = Type::Int;
    std::string description;          // English; the GUI translates it
    std::vector<std::string> choices; // for strings with a fixed set
    std::optional<double> min;        // inclusive
    std::optional<double> max;        // inclusive

    // Text form of the value ("64", "0.001", "true", "adamw").
    std::function<std::string(const RunConfig &)> get;
    // Sets from text; false when the text is not of the field's type.
    std::function<bool(RunConfig &, const std::string &)> set;
};

const std::vector<ConfigField> &configSchema();
const ConfigField *findConfigField(const std::string &path);
const char *typeName(ConfigField::Type type);

} // namespace seekbench
