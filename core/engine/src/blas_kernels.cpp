#include "seekbench/engine/blas_kernels.h"

#include "seekbench/run/blas_core.h"

#include "machine_cache.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <optional>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace seekbench::engine {

namespace {

// One verdict per machine, library build and core type.
std::string cacheKey(const std::string &core) { return machineIdentity() + "|" + core; }

// Runs `seekbench-cli blas-check` with OPENBLAS_CORETYPE=core in a child; a crash, a
// wrong result, a core OpenBLAS did not take or 60 s without an answer all fail.
BlasSelfCheck checkInChild(const std::string &core)
{
    BlasSelfCheck result;
    int pipeFds[2];
    if (::pipe(pipeFds) != 0)
        return result;
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        return result;
    }
    if (pid == 0) {
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        ::setenv("OPENBLAS_CORETYPE", core.c_str(), 1);
        ::setenv("SEEKBENCH_BLAS_REASON", "self-check", 1);
        char self[] = "/proc/self/exe";
        char verb[] = "blas-check";
        char *argv[] = {self, verb, nullptr};
        ::execv(self, argv);
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    int status = 0;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            exited = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
    }
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        out.append(buffer, std::size_t(n));
    ::close(pipeFds[0]);
    if (!exited || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return result;
    try {
        const auto j = nlohmann::json::parse(out.substr(0, out.find('\n')));
        result.ok = j.value("ok", false);
        result.maxRelativeError = j.value("max_relative_error", 1.0);
        result.gflops = j.value("gflops", 0.0);
        result.core = j.value("core", std::string());
    } catch (const std::exception &) {
        return {};
    }
    // OpenBLAS ignores a core type it does not know: that is no selection either.
    result.ok = result.ok && result.core == core;
    return result;
}

} // namespace

std::string openblasCoreName()
{
    using CoreFn = char *(*)();
    auto fn = reinterpret_cast<CoreFn>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    return fn ? fn() : "";
}

BlasSelfCheck runBlasSelfCheck()
{
    BlasSelfCheck r;
    r.core = openblasCoreName();
    torch::NoGradGuard noGrad;
    at::Generator generator = at::detail::createCPUGenerator(11);
    const auto a = torch::randn({512, 512}, generator), b = torch::randn({512, 512}, generator);
    const auto fast = torch::mm(a, b).to(torch::kDouble);
    const auto exact = torch::mm(a.to(torch::kDouble), b.to(torch::kDouble));
    r.maxRelativeError = ((fast - exact).abs().max() / exact.abs().max()).item<double>();
    r.ok = std::isfinite(r.maxRelativeError) && r.maxRelativeError < 1e-4;
    const auto x = torch::randn({1024, 1024}, generator), y = torch::randn({1024, 1024}, generator);
    torch::mm(x, y); // warm-up
    const int reps = 5;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i)
        torch::mm(x, y);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.gflops = reps * 2.0 * 1024 * 1024 * 1024 / seconds / 1e9;
    return r;
}

int blasCheckMain()
{
    const BlasSelfCheck r = runBlasSelfCheck();
    std::printf("%s\n", nlohmann::json{{"ok", r.ok},
                                       {"max_relative_error", r.maxRelativeError},
                                       {"gflops", r.gflops},
                                       {"core", r.core}}
                            .dump()
                            .c_str());
    return r.ok ? 0 : 1;
}

void selectBlasKernels(int argc, char **argv)
{
    if (argc > 1 && std::string(argv[1]) == "blas-check")
        return;
    char hostBuffer[256] = {0};
    ::gethostname(hostBuffer, sizeof hostBuffer - 1);
    const std::string host = hostBuffer;
    if (!envText("SEEKBENCH_BLAS_REASON").empty()) {
        // Decided already for this machine: the re-executed process, a rank, a self-check.
        if (envText("SEEKBENCH_BLAS_HOST") == host || envText("SEEKBENCH_BLAS_REASON") == "self-check")
            return;
        // Decided on another machine (a Slurm job inherits the submitter's environment):
        // its core type may not even run here. Drop what Seekbench set and decide again.
        const bool ours = envText("SEEKBENCH_BLAS_OURS") == "1";
        for (const char *v : {"SEEKBENCH_BLAS_REASON", "SEEKBENCH_BLAS_OURS", "SEEKBENCH_BLAS_GFLOPS"})
            ::unsetenv(v);
        if (ours) { // OpenBLAS loaded with the other machine's core type: start clean
            ::unsetenv("OPENBLAS_CORETYPE");
            ::execv("/proc/self/exe", argv);
        }
    }
    ::setenv("SEEKBENCH_BLAS_HOST", host.c_str(), 1);
    const std::string user = envText("OPENBLAS_CORETYPE");
    // SEEKBENCH_BLAS_REPORTED_CORE stands in for OpenBLAS's answer (tests, on machines
    // OpenBLAS knows).
    const std::string reported = envText("SEEKBENCH_BLAS_REPORTED_CORE").empty()
                                     ? openblasCoreName()
                                     : envText("SEEKBENCH_BLAS_REPORTED_CORE");
    // The cache and the processor's flags are read only when OpenBLAS reported a generic
    // core: on every other start this costs no file reads beyond the environment.
    std::optional<nlohmann::json> cacheRead;
    bool cacheChanged = false;
    std::string gflops;
    const auto check = [&](const std::string &core) {
        if (!cacheRead)
            cacheRead = readMachineCache(machineCacheFile("blas-check.json"));
        nlohmann::json &cache = *cacheRead;
        const std::string key = cacheKey(core);
        if (!cache.contains(key)) {
            const BlasSelfCheck r = checkInChild(core);
            cache[key] = {{"ok", r.ok}, {"gflops", r.gflops}, {"max_relative_error", r.maxRelativeError}};
            cacheChanged = true;
        }
        const bool ok = cache[key].value("ok", false);
        if (ok) {
            std::ostringstream g;
            g.precision(4);
            g << cache[key].value("gflops", 0.0);
            gflops = g.str();
        }
        return ok;
    };
    const BlasCoreDecision d = decideBlasCore(isGenericBlasCore(reported) ? cpuFeatures() : CpuFeatures{}, reported,
                                              user.empty() ? std::nullopt : std::optional(user),
                                              envText("SEEKBENCH_BLAS_SELECT") != "0", check);
    if (cacheChanged)
        writeMachineCache(machineCacheFile("blas-check.json"), *cacheRead);
    ::setenv("SEEKBENCH_BLAS_REASON", d.reason.c_str(), 1);
    if (d.action != BlasCoreDecision::Action::Select)
        return;
    ::setenv("OPENBLAS_CORETYPE", d.coreType.c_str(), 1);
    ::setenv("SEEKBENCH_BLAS_OURS", "1", 1);
    if (!gflops.empty())
        ::setenv("SEEKBENCH_BLAS_GFLOPS", gflops.c_str(), 1);
    ::execv("/proc/self/exe", argv);
    // exec failed: carry on with the kernels this process has, and say so.
    ::unsetenv("OPENBLAS_CORETYPE");
    ::setenv("SEEKBENCH_BLAS_REASON", ("could not restart with " + d.coreType + " kernels").c_str(), 1);
}

} // namespace seekbench::engine
