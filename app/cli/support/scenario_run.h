#pragma once

// What `pdm train` and `kg train` share: the run's record for a new run or a resume, the
// trainer's request wired to it, and the end of the run: the scenario's evaluation when
// training finished, the recorded end, the outcome printed and the exit code.

#include "seekbench/engine/trainer.h"
#include "seekbench/projects/run_recorder.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace seekbench::cli {

struct VerbArgs;

// The config of a new run: --config FILE, validated, with --name applied and of data.kind
// `kind`; nothing to read for --resume RUN_ID. BadInput when neither is given or the kind is
// another; false when the config has problems (printed: exit with ExitBadInput).
bool scenarioConfig(VerbArgs &o, const std::string &kind, const std::string &verb, RunConfig &config);

// A new run of `config` in the project at `dir`, or the resume of run `resume`; a run that
// cannot be recorded or resumed is bad input.
std::unique_ptr<projects::RunRecorder> beginScenarioRun(const std::filesystem::path &dir, const RunConfig &config,
                                                        const std::optional<std::string> &resume);

// The trainer's request for the session's run on `dataset`, printing events on stdout and
// cancelled by SIGINT/SIGTERM.
TrainRequest scenarioRequest(projects::RunRecorder &session, std::shared_ptr<const DatasetSource> dataset);

// Trains; when the run finished or stopped early, `evaluate` adds its figures to the run's
// final metrics (a failure is printed and the run still ends); records the end and prints
// the outcome. Returns the exit code.
int trainScenarioRun(projects::RunRecorder &session, const TrainRequest &request, const std::string &verb,
                     const std::function<std::map<std::string, double>()> &evaluate);

} // namespace seekbench::cli
