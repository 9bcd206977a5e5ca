#pragma once

// What the sweep driver reads off a trial's run: the objective and the cost it tells the
// sweep, the counts by state, and the text of a failure.

#include "seekbench/config/config_issue.h"
#include "seekbench/projects/run_record.h"
#include "seekbench/projects/sweep_driver.h"
#include "seekbench/tuning/search_space.h"

#include <filesystem>
#include <optional>
#include <string>

namespace seekbench::projects {

// The objective metric at the run's end or its best, as the space says; nullopt when the
// run did not record it.
std::optional<double> trialObjective(const tuning::SearchSpace &space, const RunRecord &run);
// The space's cost measure of the run: wall time, parameters or estimated memory.
std::optional<double> trialCost(const tuning::SearchSpace &space, const RunRecord &run);
// Every issue's describe(), joined by "; ".
std::string issuesText(const ConfigIssues &issues);
// The last `lines` non-empty lines of a log, joined by " | ".
std::string lastLines(const std::filesystem::path &file, int lines);

} // namespace seekbench::projects
