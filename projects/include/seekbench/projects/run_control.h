#pragma once

// Controlling a run from outside it: is it alive, stop it, resume it, start a process
// that outlives its parent. The one place for these rules; the CLI verbs (runs stop,
// runs resume), the store's stale-run marking and the GUI all ask here.
//
// The liveness rule (WriterState), for the process recorded as a run's writer:
//   - a run of a scheduler's job (a job id is recorded) is the scheduler's to judge: Scheduled;
//   - on this host the process itself answers: Alive when the pid exists and its start time
//     (clock ticks since boot, /proc/PID/stat) is the recorded one; Gone when the pid is
//     dead, a zombie, or now names another process (pid reuse). A start time of 0 (unknown)
//     trusts the pid alone;
//   - on another host nothing can be asked: the heartbeat decides. Remote while the last
//     heartbeat (or the creation, before the first) is at most three heartbeat intervals
//     old; Gone after that.
// A run counts as live (isLive) when it is running and its writer is not Gone, or queued
// with a scheduler's job (a queued run without a job has no process yet: a clone waiting
// to start). A live run is never resumed, deleted or given a second writer.

#include "seekbench/projects/run_record.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace seekbench::projects {

class Project;

enum class WriterState {
    Alive,     // a live process on this host, the very one recorded (pid and start time)
    Remote,    // on another host with a fresh heartbeat: presumed alive, not reachable from here
    Scheduled, // a scheduler's job owns the run (Slurm): its state says whether it lives
    Gone,      // dead or reused pid here; no heartbeat for three intervals elsewhere
};

const char *toString(WriterState state);

// The argv of a process started detached: the double fork and setsid of a daemon, stdin
// from /dev/null, stdout and stderr appended to the logs. Returns the pid of the process
// (a grandchild of this one: it outlives this process and its terminal). Throws
// ProjectError(Process) when it cannot be started (fork, or the logs cannot be opened).
// env: variables set (or replaced) in the child's environment only, this process's own
// environment unchanged.
std::int64_t startDetached(const std::vector<std::string> &argv, const std::filesystem::path &outLog,
                           const std::filesystem::path &errLog,
                           const std::vector<std::pair<std::string, std::string>> &env = {});

class RunControl
{
public:
    explicit RunControl(const Project &project);

    // The rule above, at wall-clock time `now` (seconds since the epoch).
    static WriterState writerState(const RunRecord &run, double now);
    static WriterState writerState(const RunRecord &run);
    // The rule above: running with a writer that is not Gone, or queued with a job.
    static bool isLive(const RunRecord &run);
    // Why a running run's writer is Gone at `now`: "its process (pid 42 on host-a) is
    // gone", "no heartbeat from host-b for 40 s"; empty when it is not Gone or runs as a
    // scheduler's job. What markStaleRuns records.
    static std::string goneReason(const RunRecord &run, double now);
    // What a reader that cannot write (a read-only project) shows for a running run whose
    // writer is Gone: crashed, as markStaleRuns would record it (status, message, end at its
    // last heartbeat), changed in `run` only, the message saying it was not recorded. True
    // when `run` was changed.
    static bool showStaleAsCrashed(RunRecord &run, double now);
    // A human reason for isLive, for refusals: "pid 42 on host-a", "slurm job 17".
    static std::string describeWriter(const RunRecord &run);
    // Throws ProjectError (bad input) when the run cannot be resumed: it is live ("is still
    // running (pid 42 on host-a)"), or finished ("is finished; there is nothing to resume").
    static void requireResumable(const RunRecord &run);
    // Sends `signal` to the run's writer only when it is Alive here (never to a pid that
    // now names another process). False when it is not, or the signal failed.
    static bool signalWriter(const RunRecord &run, int signal);

    struct StopOutcome
    {
        std::string scancelJob;                // a Slurm job: scancel was asked, nothing signalled
        std::int64_t signalled = 0;            // the pid sent SIGTERM (0 for a job)
        bool stopped = false;                  // the process exited within the wait (false for a job)
        RunStatus status = RunStatus::Running; // the run's status after the wait
    };
    // Stops a run: scancel for a Slurm job that is active; SIGTERM to a live local writer,
    // then waits up to `waitSeconds` for it to exit (the trainer writes a final checkpoint
    // and records 'cancelled'). Throws ProjectError: BadInput for a run that is not running
    // or runs on another host; Process when its process is gone (the run is then marked
    // crashed) or refuses the signal.
    StopOutcome stop(const std::string &runId, double waitSeconds = 60);

    struct ResumeStart
    {
        std::int64_t pid = 0;
        std::filesystem::path stdoutLog; // runs/<id>/resume.out.log
        std::filesystem::path stderrLog; // runs/<id>/resume.err.log
    };
    // Starts `cliExecutable train --project DIR --resume ID` detached, its output in the
    // run folder. Refuses a live run (BadInput naming its writer).
    ResumeStart resume(const std::string &runId, const std::filesystem::path &cliExecutable);

private:
    const Project &m_project;
};

} // namespace seekbench::projects
