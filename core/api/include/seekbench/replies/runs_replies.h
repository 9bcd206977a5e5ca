#pragma once

// What `seekbench-cli runs stop|resume --json` print: one JSON object on one stdout line.
// The CLI writes toJson(), the GUI reads fromJson(); the keys are the CLI's documented
// output. fromJson throws std::invalid_argument naming the missing or malformed key.

#include "seekbench/run/run_status.h"

#include <cstdint>
#include <optional>
#include <string>

namespace seekbench::replies {

// runs stop: a local run was signalled ({"run","signalled","stopped","status"}) or a Slurm
// run's job cancelled ({"run","scancel"}).
struct RunsStopReply
{
    std::string run;
    std::optional<std::int64_t> signalledPid; // "signalled": the pid that got SIGTERM
    bool stopped = false;                     // the process is gone (local runs)
    std::optional<RunStatus> status;          // the store's status after the wait, as its word
    std::optional<std::string> scancelJob;    // "scancel": the Slurm job id cancelled

    std::string toJson() const;
    static RunsStopReply fromJson(const std::string &document);
};

// runs resume: {"run","pid","stdout","stderr"} (log paths relative to the project).
struct RunsResumeReply
{
    std::string run;
    std::int64_t pid = 0;
    std::string stdoutLog, stderrLog;

    std::string toJson() const;
    static RunsResumeReply fromJson(const std::string &document);
};

} // namespace seekbench::replies
