#include "seekbench/projects/run_control.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/slurm_jobs.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace seekbench::projects {

namespace {

using Kind = ProjectError::Kind;

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

ProcessIdentity writerOf(const RunRecord &run) { return {run.host, run.pid, run.pidStart}; }

// A file descriptor closed on scope exit.
struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

int openLog(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        throw ProjectError(Kind::Process, "cannot open " + path.string() + ": " + std::strerror(errno));
    return fd;
}

} // namespace

const char *toString(WriterState state)
{
    switch (state) {
    case WriterState::Alive: return "alive";
    case WriterState::Remote: return "remote";
    case WriterState::Scheduled: return "scheduled";
    case WriterState::Gone: return "gone";
    }
    return "gone";
}

std::int64_t startDetached(const std::vector<std::string> &argv, const fs::path &outLog, const fs::path &errLog,
                           const std::vector<std::pair<std::string, std::string>> &env)
{
    if (argv.empty())
        throw ProjectError(Kind::BadInput, "startDetached: no program to start");
    // Everything the children need is made before fork: after it, only async-signal-safe
    // calls (no allocation).
    std::vector<std::string> words = argv;
    std::vector<char *> cargv;
    for (auto &w : words)
        cargv.push_back(w.data());
    cargv.push_back(nullptr);
    // This process's environment with env's variables set or replaced.
    std::vector<std::string> environment;
    for (char **e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const auto name = entry.substr(0, entry.find('='));
        if (std::none_of(env.begin(), env.end(), [&](const auto &v) { return v.first == name; }))
            environment.emplace_back(entry);
    }
    for (const auto &[name, value] : env)
        environment.push_back(name + "=" + value);
    std::vector<char *> cenv;
    for (auto &e : environment)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);
    Fd in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0)
        throw ProjectError(Kind::Process, std::string("cannot open /dev/null: ") + std::strerror(errno));
    Fd out{openLog(outLog)};
    Fd err{openLog(errLog)};
    // Two close-on-exec pipes: the intermediate child sends the grandchild's pid on one; the
    // grandchild sends the errno of a failed exec on the other, which otherwise reads EOF
    // once exec succeeded. Separate pipes, so the two writes cannot arrive in either order.
    int pidPipe[2], execPipe[2];
    if (::pipe2(pidPipe, O_CLOEXEC) != 0)
        throw ProjectError(Kind::Process, "cannot start " + argv.front() + ": pipe failed");
    Fd pidRead{pidPipe[0]}, pidWrite{pidPipe[1]};
    if (::pipe2(execPipe, O_CLOEXEC) != 0)
        throw ProjectError(Kind::Process, "cannot start " + argv.front() + ": pipe failed");
    Fd execRead{execPipe[0]}, execWrite{execPipe[1]};
    const pid_t child = ::fork();
    if (child < 0)
        throw ProjectError(Kind::Process, "cannot start " + argv.front() + ": fork failed");
    if (child == 0) {
        // Double fork and setsid: the process outlives its parent and any terminal.
        ::setsid();
        const pid_t grandchild = ::fork();
        if (grandchild != 0) {
            const long long g = grandchild;
            [[maybe_unused]] auto n = ::write(pidWrite.fd, &g, sizeof g);
            ::_exit(grandchild > 0 ? 0 : 1);
        }
        ::dup2(in.fd, 0);
        ::dup2(out.fd, 1);
        ::dup2(err.fd, 2);
        ::execve(cargv.front(), cargv.data(), cenv.data());
        const int e = errno;
        [[maybe_unused]] auto n = ::write(execWrite.fd, &e, sizeof e);
        ::_exit(127);
    }
    ::close(pidWrite.fd);
    pidWrite.fd = -1;
    ::close(execWrite.fd);
    execWrite.fd = -1;
    long long grandchild = -1;
    const auto got = ::read(pidRead.fd, &grandchild, sizeof grandchild);
    ::waitpid(child, nullptr, 0);
    if (got != sizeof grandchild || grandchild <= 0)
        throw ProjectError(Kind::Process, "cannot start " + argv.front() + ": fork failed");
    int execErrno = 0;
    if (::read(execRead.fd, &execErrno, sizeof execErrno) == sizeof execErrno)
        throw ProjectError(Kind::Process, "cannot start " + argv.front() + ": " + std::strerror(execErrno));
    return grandchild;
}

RunControl::RunControl(const Project &project) : m_project(project) {}

WriterState RunControl::writerState(const RunRecord &run, double now)
{
    if (!run.jobId.empty())
        return WriterState::Scheduled;
    const ProcessIdentity writer = writerOf(run);
    if (writer.host == ProcessIdentity::hostName())
        return writer.isAliveHere() ? WriterState::Alive : WriterState::Gone;
    const double heartbeat = run.heartbeatAt.value_or(run.createdAt);
    return now - heartbeat > 3 * run.heartbeatInterval ? WriterState::Gone : WriterState::Remote;
}

WriterState RunControl::writerState(const RunRecord &run) { return writerState(run, nowSeconds()); }

std::string RunControl::goneReason(const RunRecord &run, double now)
{
    if (run.status != RunStatus::Running || writerState(run, now) != WriterState::Gone)
        return {};
    const std::string here = ProcessIdentity::hostName();
    if (run.host == here)
        return "its process (pid " + std::to_string(run.pid) + " on " + here + ") is gone";
    return "no heartbeat from " + run.host + " for "
           + std::to_string(static_cast<long long>(now - run.heartbeatAt.value_or(run.createdAt))) + " s";
}

bool RunControl::showStaleAsCrashed(RunRecord &run, double now)
{
    const std::string why = goneReason(run, now);
    if (why.empty())
        return false;
    run.status = RunStatus::Crashed;
    run.message = "crashed: " + why + " (not recorded: the project is read-only)";
    run.endedAt = run.heartbeatAt.value_or(run.createdAt);
    return true;
}

bool RunControl::isLive(const RunRecord &run)
{
    if (run.status == RunStatus::Queued)
        return !run.jobId.empty();
    return run.status == RunStatus::Running && writerState(run) != WriterState::Gone;
}

std::string RunControl::describeWriter(const RunRecord &run)
{
    if (!run.jobId.empty())
        return (run.scheduler.empty() ? std::string("job ") : run.scheduler + " job ") + run.jobId;
    return "pid " + std::to_string(run.pid) + " on " + run.host;
}

bool RunControl::signalWriter(const RunRecord &run, int signal)
{
    if (!run.jobId.empty() || writerState(run) != WriterState::Alive)
        return false;
    return ::kill(static_cast<pid_t>(run.pid), signal) == 0;
}

RunControl::StopOutcome RunControl::stop(const std::string &runId, double waitSeconds)
{
    RunStore store(m_project);
    const RunRecord r = store.run(runId);
    StopOutcome outcome;
    if (!r.jobId.empty() && isActive(r.status)) {
        // A Slurm job: its scheduler stops every rank (slurm follow records the end).
        cancelSlurmJob(r.jobId);
        store.addLog(runId, "info", "cancel requested: scancel " + r.jobId);
        outcome.scancelJob = r.jobId;
        outcome.status = r.status;
        return outcome;
    }
    if (r.status != RunStatus::Running)
        throw ProjectError(Kind::BadInput, "run '" + runId + "' is not running (status " + toString(r.status) + ")");
    if (r.host != ProcessIdentity::hostName())
        throw ProjectError(Kind::BadInput, "run '" + runId + "' runs on host " + r.host
                                               + "; stop it there (or through its cluster scheduler)");
    if (writerState(r) != WriterState::Alive) {
        // The pid is gone or now names another process: never signal it.
        const auto marked = store.markStaleRuns();
        throw ProjectError(Kind::Process, "the process of run '" + runId + "' (pid " + std::to_string(r.pid)
                                              + ") is gone" + (marked.empty() ? "" : "; the run is now marked crashed"));
    }
    if (::kill(static_cast<pid_t>(r.pid), SIGTERM) != 0)
        throw ProjectError(Kind::Process, "cannot signal pid " + std::to_string(r.pid) + ": " + std::strerror(errno));
    outcome.signalled = r.pid;
    // The trainer writes a final checkpoint, records 'cancelled' and exits 130. Wait for it.
    const ProcessIdentity writer = writerOf(r);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(waitSeconds);
    while (writer.isAliveHere() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    outcome.stopped = !writer.isAliveHere();
    outcome.status = store.run(runId).status;
    return outcome;
}

void RunControl::requireResumable(const RunRecord &r)
{
    if (isLive(r))
        throw ProjectError(Kind::BadInput,
                           "run '" + r.id + "' is still " + toString(r.status) + " (" + describeWriter(r) + ")");
    // A finished run reached its last step: a new attempt would only supersede its end.
    if (r.status == RunStatus::Finished)
        throw ProjectError(Kind::BadInput, "run '" + r.id + "' is finished; there is nothing to resume");
}

RunControl::ResumeStart RunControl::resume(const std::string &runId, const fs::path &cliExecutable)
{
    m_project.requireWritable(); // the resumed run writes its store
    requireResumable(RunStore(m_project).run(runId));
    const ProjectLayout layout = m_project.layout();
    ResumeStart start;
    start.stdoutLog = layout.resumeOutLog(runId);
    start.stderrLog = layout.resumeErrLog(runId);
    start.pid = startDetached({cliExecutable.string(), "train", "--project", m_project.dir().string(), "--resume",
                               runId},
                              start.stdoutLog, start.stderrLog);
    return start;
}

} // namespace seekbench::projects
