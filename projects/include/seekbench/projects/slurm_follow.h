#pragma once

// A run as a Slurm job, the steps between the command line and Slurm: the cluster
// settings (a profile, then the command line's options over it), the submission (the run
// recorded, its batch script written, sbatch, the job recorded on the run), one look at
// the job (its state onto the run, the ranks' segments into the store, the run's end once
// the job has ended) and the rank states as JSON. `seekbench-cli slurm` and `runs ranks`
// print what these return.

#include "seekbench/config/run_config.h"
#include "seekbench/projects/slurm_script.h"
#include "seekbench/run/run_status.h"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

// The command line's cluster options; each one given overrides the profile's value.
struct SlurmOverrides
{
    std::optional<std::string> profile; // a cluster profile (YAML, loadSlurmProfile)
    std::optional<int> nodes, tasksPerNode, cpusPerTask, gpusPerTask;
    std::optional<std::string> timeLimit, partition, account, jobName, cli;
    std::vector<std::string> extra; // appended to the profile's sbatch options
};

// The profile (if any), the overrides over it; this program (/proc/self/exe) when neither
// names seekbench-cli.
SlurmSettings mergeSlurmSettings(const SlurmOverrides &overrides);
// Throws std::invalid_argument "slurm settings: <issue>; <issue>" when checkSlurmSettings finds any.
void requireValidSlurmSettings(const SlurmSettings &settings, const SlurmJobSpec &job);

struct SlurmSubmission
{
    std::string runId;
    int attempt = 1;
    std::string jobId;
    std::string script; // the batch script, relative to the project
};

// Records a new run (`config`) or a new attempt of `resumeId` as queued with
// settings.ranks() ranks, writes its batch script and submits it. Throws
// std::invalid_argument when the run cannot be started (nothing is recorded), and
// std::runtime_error when the script cannot be written or sbatch refuses it (the run is
// then marked failed, and the message says so).
SlurmSubmission submitSlurmRun(Project &project, const std::optional<RunConfig> &config, const std::string &resumeId,
                               const SlurmSettings &settings);

struct SlurmPoll
{
    std::string jobState;                 // Slurm's state of the job; UNKNOWN once Slurm has forgotten it
    RunStatus status = RunStatus::Queued; // the run's status after this look
    std::string message;
    bool done = false; // the run has ended
};

// One look at the run's job: its state onto the run (running once Slurm runs it), new
// segments into the store, and the run's end once the job has ended or Slurm no longer
// knows it (finishDistributedRun). A run that has already ended is returned as it is.
// Throws std::invalid_argument when the run is no Slurm job.
SlurmPoll pollSlurmRun(const Project &project, const std::string &runId);

// scancel of the run's job, logged on the run; returns the job id. Throws
// std::invalid_argument when the run has no job or has already ended.
std::string cancelSlurmRun(const Project &project, const std::string &runId);

struct SlurmFollowOptions
{
    bool wait = false;     // poll until the run ends, not just once
    double interval = 0.5; // seconds between polls (at least 0.05)
    double timeout = 0;    // give up after this many seconds; 0: never
};
// Polls the run's job once, or with `wait` until the run ends; `onChange` gets each new
// (job state, run status) and the last poll. Returns the last poll. Throws
// std::runtime_error when another process holds the project's writer lock (it imports
// the segments) and when the timeout passes.
SlurmPoll followSlurmRun(const Project &project, const std::string &runId, const SlurmFollowOptions &options,
                         const std::function<void(const SlurmPoll &)> &onChange);

// {"run","job_state","status","message","done","ranks":[rank states]}: slurm follow --json.
std::string slurmPollJson(const Project &project, const std::string &runId, const SlurmPoll &poll);
// {"run","status","attempt","ranks","scheduler","job","job_state","rank_states":[...]}:
// slurm ranks and runs ranks. Each rank state: {"rank","state","step","last_seen","message","log"}.
std::string rankStatesJson(const Project &project, const std::string &runId);

// The log `slurm logs` prints: one rank's (rank >= 0), else the job's Slurm output.
// Throws std::invalid_argument when the run has no job and no rank is given.
std::filesystem::path slurmLogFile(const Project &project, const std::string &runId, int rank);
// Copies `file` to `out`: once, or with `follow` as it grows until the run has ended (then
// one last read). Throws std::runtime_error "no log yet: FILE" when it is missing and
// `follow` is off.
void streamRunLog(const Project &project, const std::string &runId, const std::filesystem::path &file, bool follow,
                  std::ostream &out);

} // namespace seekbench::projects
