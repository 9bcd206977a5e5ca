#pragma once

// Slurm's client commands, run as argument vectors (fork + execvp, never a shell):
// sbatch to submit, scontrol/squeue (sacct when accounting is there) to follow, scancel
// to cancel. Torch-free and Qt-free, so the GUI can follow jobs with the same code.

#include "seekbench/projects/slurm_script.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

struct CommandResult
{
    int exitCode = -1; // -1: could not be started (out names why)
    std::string out;
    std::string err;
};

// Runs argv[0] from PATH with the rest as its arguments; stdout and stderr captured.
// Killed after `timeout`.
CommandResult runCommand(const std::vector<std::string> &argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

struct SlurmJobInfo
{
    bool known = false;   // false: Slurm has forgotten the job (after MinJobAge) or never had it
    std::string state;    // PENDING, RUNNING, COMPLETING, COMPLETED, FAILED, CANCELLED, TIMEOUT...
    std::string reason;   // scontrol's Reason (why pending, or why it failed)
    std::string exitCode; // "0:0" = exit code:signal
    std::string nodes;    // the node list once it runs
    std::string source;   // scontrol, squeue or sacct
};

// Submits the script with the settings' options as sbatch arguments. Returns the job
// id; throws ProjectError(Io) with sbatch's own message when sbatch refuses.
std::string submitSlurmJob(const SlurmSettings &settings, const SlurmJobSpec &job, const std::filesystem::path &script);
SlurmJobInfo querySlurmJob(const std::string &jobId);
// scancel JOB; throws ProjectError(Io) with scancel's message on failure.
void cancelSlurmJob(const std::string &jobId);

// States after which the job never runs again.
bool isTerminalJobState(const std::string &state);
// A job id as Slurm prints it: digits, or digits_digits for an array task.
bool isSlurmJobId(const std::string &jobId);

} // namespace seekbench::projects
