#pragma once

// Runs a sweep (issue 22): keeps `parallel` trials in flight as detached `seekbench-cli
// train` runs of the project on this machine, or as Slurm jobs (SweepDriverOptions::slurm), feeds each trial's objective metric to the
// pruner as the run records it, stops a trial the pruner rejects (SIGTERM: the trainer
// writes a final checkpoint and ends cancelled, and the trial ends pruned), and tells the
// sweep each trial's value when its run ends. Before a trial launches, its config goes
// through validation and the memory check; one that fails is recorded infeasible with
// the reason and never launched.
//
// The store holds all of the sweep's state, so a driver killed at any moment (SIGKILL
// included) is replaced by running it again: trials already told are never repeated, the
// runs of running trials are adopted where they are, and a trial whose run was stopped or
// killed with the driver is resumed from its last checkpoint (once per driver; a second
// failure ends the trial failed).

#include "seekbench/projects/slurm_script.h"
#include "seekbench/projects/sweep_store.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace seekbench::projects {

class Project;

struct SweepDriverOptions
{
    std::filesystem::path cli; // the seekbench-cli that trains the trials
    double pollSeconds = 1.0;
    int cores = 0; // 0: this machine's; each trial gets cores / parallel threads
    // Set: each trial is a Slurm job through the cluster launcher (submitSlurmRun), with
    // these settings (its job name the trial's); the driver follows the jobs, importing
    // their segments, and prunes or stops a trial with scancel. Unset: local processes.
    std::optional<SlurmSettings> slurm;
    std::function<bool()> stopRequested;
    std::function<void(const std::string &)> log; // one line per event, for people
};

struct SweepOutcome
{
    bool finished = false; // the budget is spent or the space exhausted
    int complete = 0, pruned = 0, failed = 0, infeasible = 0, running = 0;
};

class SweepDriver
{
public:
    // Throws ProjectError(BadInput) naming the problem when the sweep is unknown, its space
    // does not parse, or its base config cannot be read or is invalid.
    SweepDriver(Project &project, const std::string &sweepIdOrName, SweepDriverOptions options);
    ~SweepDriver();
    SweepDriver(const SweepDriver &) = delete;
    SweepDriver &operator=(const SweepDriver &) = delete;

    // Drives until the sweep is finished or stop is requested. On a stop, the running
    // trials' runs are stopped (they checkpoint) and the sweep is marked stopped; running
    // the driver again resumes them.
    SweepOutcome run();
    // One round: adopt and tell ended trials, prune, launch up to `parallel`. For tests.
    SweepOutcome poll();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Counts of a sweep's trials by state.
SweepOutcome sweepCounts(const std::vector<tuning::Trial> &trials);

} // namespace seekbench::projects
