#pragma once

#include "seekbench/run/run_status.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

// Which runs to list. Every value ends up as a bound SQL parameter; keys and operators
// are checked against fixed lists.
struct RunFilter
{
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge };

    // "training.lr>=0.001", "eval/loss<0.5", "model.head=regression"
    struct Condition
    {
        std::string key;
        Op op = Op::Eq;
        std::string text;
        std::optional<double> number; // set when the value parses as a number
        // Parses one condition; throws ProjectError(BadInput) naming `where` (the
        // argument) and the problem.
        static Condition parse(const std::string &text, const std::string &where);
    };

    std::vector<RunStatus> statuses;     // any of
    std::vector<std::string> tags;       // all of
    std::vector<Condition> params;       // all of, on flattened config params
    std::vector<Condition> finalMetrics; // all of, on the summary's final values
    std::vector<Condition> bestMetrics;  // all of, on the summary's best values
    std::string nameContains;
    std::vector<std::string> ids;         // only these (empty: all)
    bool includeParams = false;           // fill RunRecord::params (costs a query)
    bool includeConfig = false;           // fill RunRecord::configYaml
    std::vector<std::string> summaryKeys; // only these metrics in summary (empty: all)
    std::size_t limit = 0;                // 0: no limit
    bool newestFirst = true;
};

const char *toString(RunFilter::Op op);

} // namespace seekbench::projects
