#include "seekbench/projects/slurm_jobs.h"

#include "seekbench/projects/project_error.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace seekbench::projects {

namespace {

using Kind = ProjectError::Kind;

std::string trim(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    const auto first = s.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : s.substr(first);
}

// "Key=Value Key2=Value2 ..." of `scontrol show job -o`: the value of one key.
std::string field(const std::string &line, const std::string &key)
{
    const std::string needle = key + "=";
    std::size_t at = 0;
    while ((at = line.find(needle, at)) != std::string::npos) {
        if (at == 0 || line[at - 1] == ' ') {
            const auto start = at + needle.size();
            const auto end = line.find(' ', start);
            return line.substr(start, end == std::string::npos ? std::string::npos : end - start);
        }
        at += needle.size();
    }
    return {};
}

std::string firstWord(const std::string &s)
{
    const std::string t = trim(s);
    return t.substr(0, t.find_first_of(" \n+"));
}

} // namespace

CommandResult runCommand(const std::vector<std::string> &argv, std::chrono::milliseconds timeout)
{
    CommandResult r;
    if (argv.empty())
        return r;
    int outPipe[2], errPipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0)
        return r;
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        return r;
    }
    std::vector<std::string> words = argv;
    std::vector<char *> cargv;
    for (auto &w : words)
        cargv.push_back(w.data());
    cargv.push_back(nullptr);
    // posix_spawn, not fork: the only fork outside the engine's launcher is startDetached's
    // (run_control.cpp). stdout and stderr go to the pipes, stdin reads /dev/null.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid = -1;
    const int spawnError = ::posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (spawnError != 0) {
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        if (spawnError == ENOENT || spawnError == EACCES) {
            r.exitCode = 127;
            r.err = "cannot run the command (not installed or not on PATH)\n";
        } else {
            r.err = std::string("cannot start ") + argv[0] + ": " + std::strerror(spawnError);
        }
        return r;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    bool killed = false;
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                                                - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        const int n = ::poll(fds, 2, int(std::min<long long>(left.count(), 1000)));
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[4096];
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                (i == 0 ? r.out : r.err).append(buf, std::size_t(got));
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto &f : fds)
        if (f.fd >= 0)
            ::close(f.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (killed)
        r.err += "\n(" + argv[0] + " did not answer within " + std::to_string(timeout.count() / 1000) + " s)";
    return r;
}

bool isSlurmJobId(const std::string &id)
{
    if (id.empty() || id.size() > 32)
        return false;
    bool underscore = false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        if (c == '_' && i > 0 && !underscore && i + 1 < id.size())
            underscore = true;
        else if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool isTerminalJobState(const std::string &s)
{
    for (const char *t : {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "OUT_OF_MEMORY",
                          "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT"})
        if (s.rfind(t, 0) == 0)
            return true;
    return false;
}

std::string submitSlurmJob(const SlurmSettings &settings, const SlurmJobSpec &job, const std::filesystem::path &script)
{
    const auto issues = checkSlurmSettings(settings, job);
    if (!issues.empty())
        throw ProjectError(Kind::BadInput, describe(issues.front()));
    std::vector<std::string> argv{"sbatch"};
    for (auto &a : sbatchArguments(settings, job))
        argv.push_back(std::move(a));
    argv.push_back(script.string());
    const CommandResult r = runCommand(argv);
    if (r.exitCode != 0)
        throw ProjectError(Kind::Io,
                           "sbatch refused the job (exit " + std::to_string(r.exitCode) + "): " + trim(r.err + r.out));
    // --parsable: "<job id>" or "<job id>;<cluster>"
    const std::string out = trim(r.out);
    const std::string id = out.substr(0, out.find(';'));
    if (!isSlurmJobId(id))
        throw ProjectError(Kind::Io, "sbatch answered '" + out + "', not a job id");
    return id;
}

SlurmJobInfo querySlurmJob(const std::string &jobId)
{
    SlurmJobInfo info;
    if (!isSlurmJobId(jobId))
        throw ProjectError(Kind::BadInput, "'" + jobId + "' is not a Slurm job id");
    const CommandResult sc = runCommand({"scontrol", "show", "job", "-o", jobId}, std::chrono::seconds(30));
    if (sc.exitCode == 0 && !field(sc.out, "JobState").empty()) {
        info.known = true;
        info.source = "scontrol";
        info.state = field(sc.out, "JobState");
        info.reason = field(sc.out, "Reason");
        info.exitCode = field(sc.out, "ExitCode");
        info.nodes = field(sc.out, "NodeList");
        return info;
    }
    if (sc.exitCode == -1 || sc.exitCode == 127) {
        // No scontrol here: squeue knows live jobs.
        const CommandResult sq = runCommand({"squeue", "-h", "-t", "all", "-j", jobId, "-o", "%T %r"},
                                            std::chrono::seconds(30));
        if (sq.exitCode == 0 && !trim(sq.out).empty()) {
            info.known = true;
            info.source = "squeue";
            info.state = firstWord(sq.out);
            const std::string t = trim(sq.out);
            info.reason = t.find(' ') == std::string::npos ? std::string() : t.substr(t.find(' ') + 1);
            return info;
        }
    }
    // Forgotten by the controller (MinJobAge): accounting still knows, when there is one.
    const CommandResult sa = runCommand({"sacct", "-n", "-X", "-P", "-j", jobId, "-o", "State,ExitCode"},
                                        std::chrono::seconds(30));
    if (sa.exitCode == 0 && !trim(sa.out).empty()) {
        const std::string line = trim(sa.out).substr(0, trim(sa.out).find('\n'));
        info.known = true;
        info.source = "sacct";
        info.state = firstWord(line.substr(0, line.find('|')));
        if (line.find('|') != std::string::npos)
            info.exitCode = line.substr(line.find('|') + 1);
    }
    return info;
}

void cancelSlurmJob(const std::string &jobId)
{
    if (!isSlurmJobId(jobId))
        throw ProjectError(Kind::BadInput, "'" + jobId + "' is not a Slurm job id");
    const CommandResult r = runCommand({"scancel", jobId}, std::chrono::seconds(30));
    if (r.exitCode != 0)
        throw ProjectError(Kind::Io, "scancel " + jobId + " failed (exit " + std::to_string(r.exitCode)
                                         + "): " + trim(r.err + r.out));
}

} // namespace seekbench::projects
