#pragma once

// Differences between runs' configs, key by key, on their flattened scalars
// (RunRecord::params: "training.lr").

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects::report {

struct ConfigDifference
{
    std::string key;
    // One value per config compared, std::nullopt where the key is absent.
    std::vector<std::optional<std::string>> values;
};

// Keys whose value differs between any two of `configs` (or is absent from some), sorted.
std::vector<ConfigDifference> diffConfigs(const std::vector<std::map<std::string, std::string>> &configs);

} // namespace seekbench::projects::report
