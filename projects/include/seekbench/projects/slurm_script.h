#pragma once

// A Slurm batch job for a run: the sbatch options (given to sbatch as arguments, never
// through a shell) and the batch script, which runs `srun seekbench-cli train` for the
// run's ranks. Torch-free and Qt-free: the GUI shows the same script before submitting.

#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::projects {

// Cluster settings: from the command line or a saved cluster profile (YAML).
struct SlurmSettings
{
    int nodes = 1;
    int tasksPerNode = 1; // ranks per node; the run has nodes x tasksPerNode ranks
    int cpusPerTask = 0;  // 0: not asked (Slurm's default)
    int gpusPerTask = 0;
    std::string timeLimit; // minutes, MM:SS, HH:MM:SS, D-HH[:MM[:SS]] or UNLIMITED; "" none
    std::string partition;
    std::string account;
    std::string jobName;            // "" -> seekbench-<run id>
    std::vector<std::string> extra; // more sbatch options, one argument each ("--qos=high"; a leading
                                    // "#SBATCH " is dropped)
    std::string cli;                // seekbench-cli as the nodes see it (absolute); "" -> this program

    int ranks() const { return nodes * tasksPerNode; }
};

// The run the job trains.
struct SlurmJobSpec
{
    std::string runId;
    int attempt = 1;
    std::string runName;
    std::filesystem::path projectDir; // absolute; shared between this host and the nodes
};

struct SlurmIssue
{
    std::string field; // nodes, tasks_per_node, time, partition, account, job_name, sbatch[2], cli...
    std::string message;
};

// Every problem of the settings, each naming its field: counts out of range, a time
// that is no Slurm time, and any value with a newline, NUL or another control character
// (it could end a line of the script or of a log).
std::vector<SlurmIssue> checkSlurmSettings(const SlurmSettings &settings, const SlurmJobSpec &job);
std::string describe(const SlurmIssue &issue);

// sbatch's arguments, one option each, without "sbatch" and without the script.
std::vector<std::string> sbatchArguments(const SlurmSettings &settings, const SlurmJobSpec &job);
// The batch script: exports, then `exec srun ... seekbench-cli train --project DIR
// --run-id ID --attempt N`, every word single-quoted.
std::string sbatchScript(const SlurmSettings &settings, const SlurmJobSpec &job);
// runs/<id>/job-<attempt>.sbatch, relative to the project.
std::string sbatchScriptPath(const std::string &runId, int attempt);

// POSIX shell single-quoting: 'it'\''s'. Safe for any string without NUL.
std::string shellQuote(const std::string &word);

// A cluster profile (YAML): nodes, tasks_per_node, cpus_per_task, gpus_per_task, time,
// partition, account, job_name, sbatch (a list), cli. Unknown keys and wrong types are
// errors naming the file, line and key. Throws ProjectError(BadInput).
SlurmSettings loadSlurmProfile(const std::filesystem::path &file);

} // namespace seekbench::projects
