#include "seekbench/tuning/apply.h"

#include "seekbench/config/config_schema.h"

namespace seekbench::tuning {

ConfigIssues applyTrialParams(RunConfig &config, const TrialParams &params)
{
    ConfigIssues issues;
    for (const auto &[key, value] : params) {
        const ConfigField *field = findConfigField(key);
        if (!field)
            issues.push_back({key, "unknown_key", {}});
        else if (!field->set(config, value))
            issues.push_back({key, "wrong_type", {typeName(field->type), value}});
    }
    return issues;
}

} // namespace seekbench::tuning
