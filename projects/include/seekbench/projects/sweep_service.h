#pragma once

// The sweep operations the CLI's `sweep` verbs and the GUI share (issue 22): creating a
// sweep from its space file, ask/tell/report for programs that run trials themselves,
// linking a trial's run, and the best trial. The driver that runs trials on this machine
// is SweepDriver.

#include "seekbench/projects/sweep_store.h"
#include "seekbench/tuning/search_space.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

// The space a sweep was created with. Throws ProjectError(BadInput) naming every problem.
tuning::SearchSpace sweepSpace(const SweepRecord &sweep);

// Reads `spaceFile` (inside the project), checks the space and its base config (every
// problem at once, each "file: key: problem"), and records the sweep under `name` (the
// file's stem when empty). Throws ProjectError(BadInput) with the problems.
SweepRecord createSweepFromFile(const Project &project, const std::filesystem::path &spaceFile,
                                const std::string &name = {});

// The next trial by the sweep's sampler, recorded as running; nullopt when the space is
// exhausted (a grid).
std::optional<tuning::Trial> askTrial(const Project &project, const std::string &sweepIdOrName);
// Records the objective at `step` of a running trial; true when the sweep's pruner says
// to stop it (then tell it pruned).
bool reportTrial(const Project &project, const std::string &sweepIdOrName, int number, std::int64_t step, double value);
// `train --sweep-trial ID:N`: the run trains that trial; it gets the tag "sweep:<name>".
void linkTrialRun(const Project &project, const std::string &sweepId, int number, const std::string &runId);

// The sweep's trials as CSV: trial, state, value, cost, run, one column per param of the
// space, reason. Numbers in the shortest text that reads back to the same double, so an
// export loses nothing; text fields quoted.
std::string sweepTrialsCsv(SweepStore &store, const SweepRecord &sweep);

// The best complete trial by the sweep's objective (ties: the earlier trial).
std::optional<tuning::Trial> bestTrial(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials);

} // namespace seekbench::projects
