#pragma once

// Runs as JSON: the documents `seekbench-cli project runs|show --json` print (scripts and
// the GUI read these keys). Times are Unix seconds; a value the run does not have yet
// (ended_at of a live run, a metric without a best) is null.

#include "seekbench/projects/run_record.h"

#include <string>
#include <vector>

namespace seekbench::projects {

// One run: {"id","name","status","created_at","started_at","ended_at","heartbeat_at","host",
// "pid","launcher","config_hash","parent","parent_kind","attempt","tags","notes","message",
// "metrics": {key: {"final","final_step","best","best_step"}}}; compact unless indent >= 0.
std::string runJson(const RunRecord &run, int indent = -1);

// An array of runJson objects, indented by 2 (project runs --json).
std::string runListJson(const std::vector<RunRecord> &runs);

// runJson plus "params", "config_yaml", "curves" ([{"key","rank","points","min_step",
// "max_step"}]) and "artifacts" ([{"kind","path","sha256","bytes"}]), indented by 2
// (project show --json).
std::string runDetailJson(const RunRecord &run, const std::vector<CurveInfo> &curves,
                          const std::vector<ArtifactRecord> &artifacts);

// The text a human listing of runs shows beside a run: its final eval loss, or its final
// train loss when it has no eval ("eval/loss 0.4123"); "" when it has neither yet.
std::string runHeadline(const RunRecord &run);

// A Unix time as "YYYY-MM-DD HH:MM:SS" in UTC; "-" for a time not set (0 or less).
std::string utcTimeText(double unixSeconds);

} // namespace seekbench::projects
