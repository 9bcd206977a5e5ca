#include "seekbench/engine/launcher.h"

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

// GCC 12 at -O2 reports a false -Wfree-nonheap-object inside std::vector<int>'s
// deallocation in launchLocal (a known GCC 12 false positive with inlined vectors).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
#endif

namespace seekbench {
namespace {

pid_t spawnRank(const LaunchRequest &req, int rank, int port)
{
    const auto err = req.logDir / ("rank-" + std::to_string(rank) + ".log");
    const auto out = req.logDir / ("rank-" + std::to_string(rank) + ".jsonl");
    std::vector<std::string> args{req.executable.string()};
    args.insert(args.end(), req.rankArguments.begin(), req.rankArguments.end());
    const pid_t pid = fork();
    if (pid != 0)
        return pid;
    // Child: only async-signal-safe work between fork and exec, so everything is prepared
    // with plain calls here; an error ends the child with 127 and a line in its log.
    const int errFd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (errFd >= 0)
        ::dup2(errFd, STDERR_FILENO);
    if (rank > 0) {
        const int outFd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (outFd >= 0)
            ::dup2(outFd, STDOUT_FILENO);
    }
    const std::string r = std::to_string(rank), n = std::to_string(req.nproc), p = std::to_string(port);
    ::setenv("RANK", r.c_str(), 1);
    ::setenv("WORLD_SIZE", n.c_str(), 1);
    ::setenv("LOCAL_RANK", r.c_str(), 1);
    ::setenv("LOCAL_WORLD_SIZE", n.c_str(), 1);
    ::setenv("MASTER_ADDR", "127.0.0.1", 1);
    ::setenv("MASTER_PORT", p.c_str(), 1);
    ::setenv("SEEKBENCH_STORE_HOSTED", "1", 1);
    // N ranks share the cores: each gets its share, never N x all of them.
    const long cores = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN) / req.nproc);
    const std::string threads = std::to_string(cores);
    ::setenv("OMP_NUM_THREADS", threads.c_str(), 1);
    ::setenv("SEEKBENCH_THREADS", threads.c_str(), 1);
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    const char msg[] = "seekbench launch: cannot start the rank process\n";
    [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    ::_exit(127);
}

} // namespace

LaunchResult launchLocal(const LaunchRequest &req, const CancelToken *cancel)
{
    LaunchResult result;
    std::error_code ec;
    std::filesystem::create_directories(req.logDir, ec);
    if (ec) {
        result.exitCode = 2;
        result.message = "cannot create the log folder " + req.logDir.string() + ": " + ec.message();
        return result;
    }
    c10d::TCPStoreOptions opts;
    opts.port = 0; // a free port, handed to the ranks
    opts.isServer = true;
    opts.waitWorkers = false;
    auto store = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", opts);
    result.masterPort = store->getPort();

    std::vector<pid_t> pids;
    for (int r = 0; r < req.nproc; ++r)
        pids.push_back(spawnRank(req, r, result.masterPort));

    std::vector<int> codes(pids.size(), -1);
    int running = int(pids.size());
    bool stopping = false;
    std::chrono::steady_clock::time_point stopSince;
    auto signalAll = [&](int sig) {
        for (size_t i = 0; i < pids.size(); ++i)
            if (codes[i] < 0)
                ::kill(pids[i], sig);
    };
    while (running > 0) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (size_t i = 0; i < pids.size(); ++i) {
                if (pids[i] != pid)
                    continue;
                codes[i] = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                --running;
                const bool failed = codes[i] != 0 && !(stopping && (codes[i] == 130 || codes[i] == 128 + SIGTERM));
                if (failed && result.failedRank < 0) {
                    result.failedRank = int(i);
                    result.exitCode = codes[i];
                    result.message = "rank " + std::to_string(i) + " exited with code " + std::to_string(codes[i])
                                     + "; its log: " + (req.logDir / ("rank-" + std::to_string(i) + ".log")).string();
                }
                if (failed && !stopping) {
                    // The others would wait in a collective until the timeout: end them now.
                    stopping = true;
                    stopSince = std::chrono::steady_clock::now();
                    signalAll(SIGTERM);
                }
            }
            continue;
        }
        if (pid < 0 && errno != EINTR && errno != ECHILD)
            break;
        if (!stopping && cancel && cancel->isCancelled()) {
            stopping = true;
            stopSince = std::chrono::steady_clock::now();
            signalAll(SIGTERM);
        }
        if (stopping && std::chrono::steady_clock::now() - stopSince > std::chrono::seconds(req.graceSeconds))
            signalAll(SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (result.failedRank < 0 && stopping)
        result.exitCode = 130;
    return result;
}

} // namespace seekbench
