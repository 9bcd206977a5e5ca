// `seekbench-cli train`: loads and validates the config, picks where the run goes (a
// folder, or a project's store), wires SIGINT/SIGTERM to a cooperative cancel, prints
// JSON-lines events on stdout and a human summary on stderr.

#include "commands.h"
#include "distributed_train.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/run/json_lines_sink.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/engine/launcher.h"
#include "seekbench/run/rank_environment.h"
#include "seekbench/config/validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace seekbench::cli {

namespace {

CancelToken g_cancel;

extern "C" void onSignal(int)
{
    g_cancel.cancel(); // a lock-free atomic store: safe in a signal handler
}

void installSignalHandlers()
{
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

int exitCodeFor(const TrainResult &r)
{
    switch (r.status) {
    case TrainStatus::Finished:
    case TrainStatus::EarlyStopped: return ExitOk;
    case TrainStatus::Cancelled: return ExitCancelled;
    case TrainStatus::Diverged: return ExitRuntime;
    case TrainStatus::Failed: return r.inputError ? ExitBadInput : ExitRuntime;
    }
    return ExitRuntime;
}

// Progress on stderr when a person watches; the events on stdout are for programs.
class Progress
{
public:
    explicit Progress(int maxSteps) : m_max(maxSteps), m_tty(isatty(STDERR_FILENO)) {}
    void onEvent(const RunEvent &ev)
    {
        if (ev.kind == "warning" || ev.kind == "checkpoint_failed") {
            const auto j = nlohmann::json::parse(ev.json);
            std::fprintf(stderr, "\nWARNING: %s\n", j.value("message", std::string()).c_str());
            return;
        }
        if (ev.kind == "start") {
            const auto j = nlohmann::json::parse(ev.json);
            const auto &env = j["environment"];
            std::fprintf(stderr, "seekbench: %s, %lld parameters, BLAS %s, %d threads, torch %s\n",
                         j.value("name", std::string()).c_str(), j.value("parameters", 0LL),
                         env.value("blas", std::string()).c_str(), env.value("intra_op_threads", 0),
                         env.value("torch_version", std::string()).c_str());
            if (env.value("blas", std::string()) == "reference BLAS")
                std::fprintf(stderr, "\n*** WARNING: the reference BLAS is loaded; training will be ~17x slower. "
                                     "Install libopenblas0-openmp. ***\n\n");
            return;
        }
        if (ev.kind != "step" || !m_tty)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(500))
            return;
        m_last = now;
        const auto j = nlohmann::json::parse(ev.json);
        std::fprintf(stderr, "\rstep %lld/%d  loss %.4f  lr %.2e  %.0f samples/s  eta %.0f s   ",
                     (long long)ev.step, m_max, j.value("loss", 0.0), j.value("lr", 0.0),
                     j.value("samples_per_s", 0.0), j.value("eta_s", 0.0));
        std::fflush(stderr);
    }

private:
    int m_max;
    bool m_tty;
    std::chrono::steady_clock::time_point m_last{};
};

void printSummary(const TrainResult &r, double seconds)
{
    std::fprintf(stderr, "%s%s after %lld steps in %.1f s", isatty(STDERR_FILENO) ? "\n" : "",
                 toString(r.status), (long long)r.step, seconds);
    for (const auto &[k, v] : r.finalMetrics)
        std::fprintf(stderr, ", %s %.4g", k.c_str(), v);
    std::fprintf(stderr, "\n");
    if (!r.message.empty())
        std::fprintf(stderr, "  %s\n", r.message.c_str());
    if (!r.lastCheckpoint.empty())
        std::fprintf(stderr, "  last checkpoint: %s\n", r.lastCheckpoint.c_str());
}

} // namespace

int runLaunch(const std::vector<std::string> &args)
{
    // seekbench-cli launch --nproc N -- train --config ... --out DIR
    const auto dashes = std::find(args.begin(), args.end(), std::string("--"));
    const Options o = parseOptions(std::vector<std::string>(args.begin(), dashes), {"--nproc", "--log-dir"}, {});
    const std::vector<std::string> rankArgs(dashes == args.end() ? args.end() : dashes + 1, args.end());
    auto fail = [](const std::string &msg) {
        std::fprintf(stderr, "seekbench-cli launch: %s\n", msg.c_str());
        return ExitBadInput;
    };
    if (!o.error.empty())
        return fail(o.error);
    if (rankArgs.empty() || rankArgs[0] != "train")
        return fail("give the rank command after --: launch --nproc N -- train --config FILE --out DIR");
    int nproc = 0;
    try {
        nproc = std::stoi(o.get("--nproc").value_or("0"));
    } catch (...) {
    }
    if (nproc < 1 || nproc > 256)
        return fail("--nproc must be between 1 and 256");
    if (std::find(rankArgs.begin(), rankArgs.end(), std::string("--project")) != rankArgs.end()) {
        // One run in the project's store, written by N ranks (distributed_train.cpp).
        installSignalHandlers();
        return runProjectLaunch(nproc, rankArgs, o.get("--log-dir"), &g_cancel);
    }
    std::filesystem::path logDir;
    if (auto d = o.get("--log-dir"))
        logDir = *d;
    else {
        const auto out = std::find(rankArgs.begin(), rankArgs.end(), std::string("--out"));
        if (out == rankArgs.end() || out + 1 == rankArgs.end())
            return fail("--log-dir DIR is required when the rank command has no --out DIR");
        logDir = std::filesystem::path(*(out + 1)) / "logs";
    }
    installSignalHandlers();
    LaunchRequest req;
    req.nproc = nproc;
    req.executable = std::filesystem::read_symlink("/proc/self/exe");
    req.rankArguments = rankArgs;
    req.logDir = logDir;
    const LaunchResult r = launchLocal(req, &g_cancel);
    if (!r.message.empty())
        std::fprintf(stderr, "seekbench-cli launch: %s\n", r.message.c_str());
    std::fprintf(stderr, "seekbench-cli launch: %d ranks, store on port %d, logs in %s, exit %d\n", nproc,
                 r.masterPort, logDir.c_str(), r.exitCode);
    return r.exitCode;
}

int runTrain(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--config", "--out", "--resume", "--project", "--name", "--parent", "--run-id", "--attempt"}, {});
    auto fail = [](const std::string &msg) {
        std::fprintf(stderr, "seekbench-cli train: %s\n", msg.c_str());
        return ExitBadInput;
    };
    if (!o.error.empty())
        return fail(o.error);
    const auto project = o.get("--project");
    if (!project && !o.get("--out"))
        return fail("--out DIR or --project DIR is required");
    if (project && o.get("--out"))
        return fail("--out and --project exclude each other");
    const auto joinRunId = o.get("--run-id");
    if (joinRunId && (!project || o.get("--config") || o.get("--resume") || o.get("--name") || o.get("--parent")))
        return fail("--run-id ID --attempt N joins a distributed run in --project DIR; its config is the run's "
                    "snapshot (no --config, --resume or --name)");
    if (!o.get("--config") && !(project && o.get("--resume")) && !joinRunId)
        return fail("--config is required");
    if (o.get("--parent") && (!project || o.get("--resume")))
        return fail("--parent needs --project and a new run (--config)");

    RunConfig config;
    if (auto path = o.get("--config")) {
        if (!loadValidConfig(*path, o.get("--name"), config))
            return ExitBadInput;
    }

    const RankEnvironmentResult rankEnv = readRankEnvironment();
    if (!rankEnv.env)
        return fail("bad rank environment: " + rankEnv.error);
    const RankEnvironment &ranks = *rankEnv.env;

    std::unique_ptr<projects::RunRecorder> session;
    std::unique_ptr<JsonLinesSink> fileSink;
    TrainRequest request;
    request.rank = ranks.rank;
    request.worldSize = ranks.worldSize;
    request.rankEnvironment = ranks;
    if (const char *hosted = std::getenv("SEEKBENCH_STORE_HOSTED"))
        request.storeHostedByLauncher = std::string(hosted) == "1";
    try {
        if (joinRunId) {
            int attempt = 0;
            try {
                attempt = std::stoi(o.get("--attempt").value_or("1"));
            } catch (...) {
                throw std::runtime_error("--attempt: '" + o.get("--attempt").value_or("") + "' is not a number");
            }
            session = projects::RunRecorder::joinRun(*project, *joinRunId, attempt, ranks.rank);
            config = session->config();
            request.outDir = session->outDir();
            request.resumeFrom = session->resumeCheckpoint();
            request.sink = session->sink();
        } else if (project && ranks.worldSize > 1) {
            throw std::runtime_error("several ranks record one run in a project through its owner: "
                                     "seekbench-cli launch --nproc N -- train --project DIR --config FILE, or "
                                     "seekbench-cli slurm submit (the ranks then get --run-id ID --attempt N)");
        } else if (project) {
            session = o.get("--resume") ? projects::RunRecorder::beginResume(*project, *o.get("--resume"))
                                        : projects::RunRecorder::beginNew(*project, config, config.name,
                                                                          o.get("--parent").value_or(std::string()));
            config = session->config();
            request.outDir = session->outDir();
            request.resumeFrom = session->resumeCheckpoint();
            request.sink = session->sink();
        } else {
            request.outDir = *o.get("--out");
            std::filesystem::create_directories(request.outDir);
            if (auto resume = o.get("--resume"))
                request.resumeFrom = std::filesystem::path(*resume);
            // Rank 0 owns the folder's files; other ranks keep their own metrics beside them.
            if (ranks.rank == 0) {
                std::ofstream snapshot(request.outDir / "config.yaml");
                snapshot << toYaml(config);
                if (!snapshot)
                    throw std::runtime_error("cannot write " + (request.outDir / "config.yaml").string());
            }
            fileSink = std::make_unique<JsonLinesSink>(
                request.outDir / (ranks.rank == 0 ? std::string("metrics.jsonl")
                                                  : "metrics.rank" + std::to_string(ranks.rank) + ".jsonl"));
            request.sink = fileSink.get();
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli train: %s\n", e.what());
        return ExitBadInput;
    }

    ConfigIssues issues = validate(config, engineCapabilities());
    if (!issues.empty()) {
        for (const auto &i : issues)
            std::fprintf(stderr, "run config: %s\n", describe(i).c_str());
        return ExitBadInput;
    }
    request.config = config;
    request.cancel = &g_cancel;
    installSignalHandlers();
    enableTensorMemoryTracking();

    Progress progress(config.training.max_steps);
    request.onEvent = [&progress](const RunEvent &ev) {
        std::fwrite(ev.json.data(), 1, ev.json.size(), stdout);
        std::fputc('\n', stdout);
        if (ev.kind != "step" && ev.kind != "system")
            std::fflush(stdout);
        progress.onEvent(ev);
    };
    const auto started = std::chrono::steady_clock::now();
    const TrainResult result = train(request);
    std::fflush(stdout);
    if (session) {
        try {
            session->end(result);
        } catch (const std::exception &e) {
            std::fprintf(stderr, "seekbench-cli train: recording the end of the run failed: %s\n", e.what());
            return ExitRuntime;
        }
    }
    printSummary(result, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return exitCodeFor(result);
}

} // namespace seekbench::cli
