#include "seekbench/projects/report/config_diff.h"

#include <set>

namespace seekbench::projects::report {

std::vector<ConfigDifference> diffConfigs(const std::vector<std::map<std::string, std::string>> &configs)
{
    std::set<std::string> keys;
    for (const auto &c : configs)
        for (const auto &kv : c)
            keys.insert(kv.first);
    std::vector<ConfigDifference> out;
    for (const auto &key : keys) {
        ConfigDifference d{key, {}};
        bool differs = false;
        for (const auto &c : configs) {
            const auto it = c.find(key);
            d.values.push_back(it == c.end() ? std::nullopt : std::optional<std::string>(it->second));
            if (d.values.back() != d.values.front())
                differs = true;
        }
        if (differs)
            out.push_back(std::move(d));
    }
    return out;
}

} // namespace seekbench::projects::report
