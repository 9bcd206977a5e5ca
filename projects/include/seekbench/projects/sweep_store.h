#pragma once

// The sweeps of a project (issue 22): each sweep's search space as created and its trials,
// which are the sampler's whole state. ask() numbers and records a trial in one write
// transaction with the history the sampler saw, so concurrent asks (parallel trials,
// several `sweep ask` processes) get distinct numbers and each sees the others' trials
// as running (the constant liar). Every value reaches SQL through bound parameters.

#include "seekbench/projects/process_identity.h"
#include "seekbench/tuning/trial.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

enum class SweepState { Active, Stopped, Finished };
const char *toString(SweepState state); // "active", "stopped", "finished"

struct SweepRecord
{
    std::string id;        // "sw-..." (stable), or look a sweep up by name
    std::string name;      // unique in the project; also the runs' tag "sweep:<name>"
    std::string spaceYaml; // the search space as created
    SweepState state = SweepState::Active;
    double createdAt = 0;
    std::optional<ProcessIdentity> driver; // the `sweep run` process driving it, when one is
};

class SweepStore
{
public:
    explicit SweepStore(const Project &project);
    ~SweepStore();
    SweepStore(const SweepStore &) = delete;
    SweepStore &operator=(const SweepStore &) = delete;

    // Names are 1-100 characters of letters, digits, '-', '_' and '.' (they name files and
    // tags); BadInput naming the problem otherwise, or when the name is taken.
    std::string createSweep(const std::string &name, const std::string &spaceYaml);
    // By id or by name; nullopt when neither matches.
    std::optional<SweepRecord> find(const std::string &idOrName);
    // find() or ProjectError(BadInput) "no sweep 'x' in this project".
    SweepRecord require(const std::string &idOrName);
    std::vector<SweepRecord> sweeps();
    void setState(const std::string &sweepId, SweepState state);
    // Records the process driving the sweep (nullopt: none).
    void setDriver(const std::string &sweepId, const std::optional<ProcessIdentity> &driver);

    // The next trial: `suggest` gets the history and the new number and returns params, or
    // nullopt when the space is exhausted (then nothing is recorded). The new trial is
    // recorded as running.
    using Suggest = std::function<std::optional<tuning::TrialParams>(const std::vector<tuning::Trial> &, int)>;
    std::optional<tuning::Trial> ask(const std::string &sweepId, const Suggest &suggest);
    // A trial's end. BadInput for an unknown trial, a trial already finished, Running as
    // the new state, Complete without a value, or a non-finite value.
    void tell(const std::string &sweepId, int number, tuning::TrialState state, std::optional<double> value,
              const std::string &reason = {}, std::optional<double> cost = std::nullopt);
    // Records the objective metric of a running trial at `step` (the pruner's input).
    void report(const std::string &sweepId, int number, std::int64_t step, double value);
    void setTrialRun(const std::string &sweepId, int number, const std::string &runId);
    std::optional<std::string> trialRun(const std::string &sweepId, int number);
    // Every trial with its intermediate values, by number.
    std::vector<tuning::Trial> trials(const std::string &sweepId);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
