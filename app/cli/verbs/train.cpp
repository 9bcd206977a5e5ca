// train and launch. train: loads and validates the config, picks where the run goes (a
// folder, or a project's store through projects::RunRecorder), prints JSON-lines events on
// stdout and a human summary on stderr; SIGINT/SIGTERM cancel cooperatively
// (support/signals.h). launch: N data-parallel ranks on this machine (engine launchLocal);
// with --project it owns one distributed run of the project (projects/distributed_*.h).

#include "support/options.h"
#include "support/output.h"
#include "support/signals.h"
#include "verbs/verbs.h"

#include "seekbench/config/validation.h"
#include "seekbench/engine/held_out_test.h"
#include "seekbench/engine/launcher.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/distributed_start.h"
#include "seekbench/projects/folder_run.h"
#include "seekbench/projects/local_run_owner.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/run/rank_environment.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <unistd.h>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;

struct TrainArgs
{
    std::optional<std::string> config, out, resume, project, name, parent, runId, attempt, sweepTrial;
    bool ignoreMemoryCheck = false;
};

struct LaunchArgs
{
    std::optional<std::string> nproc, logDir;
    std::vector<std::string> rankCommand; // the words after --
};

void addTrainOptions(CLI::App &v, TrainArgs &a)
{
    addOption(v, "--config", a.config, "the run config (YAML)")->type_name("FILE");
    addOption(v, "--out", a.out, "the run folder (without a project)")->type_name("DIR");
    addOption(v, "--resume", a.resume, "continue from a run folder, a checkpoint or a project's run")
        ->type_name("DIR|FILE|RUN_ID");
    addProjectOption(v, a.project, "the project that records the run");
    addOption(v, "--name", a.name, "the run's name in the project")->type_name("NAME");
    addOption(v, "--parent", a.parent, "the run this one continues from")->type_name("RUN_ID");
    addOption(v, "--run-id", a.runId, "(launcher use) the rank's recorded run")->type_name("RUN_ID");
    addOption(v, "--attempt", a.attempt, "(launcher use) the run's attempt")->type_name("N");
    addOption(v, "--sweep-trial", a.sweepTrial, "(sweep use) the new run trains this sweep's trial")
        ->type_name("SWEEP_ID:N");
    addFlag(v, "--ignore-memory-check", a.ignoreMemoryCheck,
            "train even when the memory estimate exceeds this machine's memory (refused by default)");
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
        } else if (ev.kind == "start") {
            const auto j = nlohmann::json::parse(ev.json);
            const auto &env = j["environment"];
            std::fprintf(stderr, "seekbench: %s, %lld parameters, BLAS %s, %d threads, torch %s\n",
                         j.value("name", std::string()).c_str(), j.value("parameters", 0LL),
                         env.value("blas", std::string()).c_str(), env.value("intra_op_threads", 0),
                         env.value("torch_version", std::string()).c_str());
            if (env.value("blas", std::string()) == "reference BLAS")
                std::fprintf(stderr, "\n*** WARNING: the reference BLAS is loaded; training will be ~17x slower. "
                                     "Install libopenblas0-openmp. ***\n\n");
        } else if (ev.kind == "step" && m_tty
                   && std::chrono::steady_clock::now() - m_last >= std::chrono::milliseconds(500)) {
            m_last = std::chrono::steady_clock::now();
            const auto j = nlohmann::json::parse(ev.json);
            std::fprintf(stderr, "\rstep %lld/%d  loss %.4f  lr %.2e  %.0f samples/s  eta %.0f s   ",
                         (long long)ev.step, m_max, j.value("loss", 0.0), j.value("lr", 0.0),
                         j.value("samples_per_s", 0.0), j.value("eta_s", 0.0));
            std::fflush(stderr);
        }
    }

private:
    int m_max;
    bool m_tty;
    std::chrono::steady_clock::time_point m_last{};
};

void printSummary(const TrainResult &r, double seconds)
{
    std::fprintf(stderr, "%s%s after %lld steps in %.1f s", isatty(STDERR_FILENO) ? "\n" : "", toString(r.status),
                 (long long)r.step, seconds);
    for (const auto &[k, v] : r.finalMetrics)
        std::fprintf(stderr, ", %s %.4g", k.c_str(), v);
    std::fprintf(stderr, "\n");
    if (!r.message.empty())
        std::fprintf(stderr, "  %s\n", r.message.c_str());
    if (!r.lastCheckpoint.empty())
        std::fprintf(stderr, "  last checkpoint: %s\n", r.lastCheckpoint.c_str());
}

void checkTrainArgs(const TrainArgs &o)
{
    if (!o.project && !o.out)
        throw BadInput("--out DIR or --project DIR is required");
    if (o.project && o.out)
        throw BadInput("--out and --project exclude each other");
    if (o.runId && (!o.project || o.config || o.resume || o.name || o.parent))
        throw BadInput("--run-id ID --attempt N joins a distributed run in --project DIR; its config is the run's "
                       "snapshot (no --config, --resume or --name)");
    if (!o.config && !(o.project && o.resume) && !o.runId)
        throw BadInput("--config is required");
    if (o.parent && (!o.project || o.resume))
        throw BadInput("--parent needs --project and a new run (--config)");
    if (o.sweepTrial && (!o.project || !o.config || o.resume || o.runId))
        throw BadInput("--sweep-trial needs --project and a new run (--config)");
}

int trainVerb(const TrainArgs &o)
{
    checkTrainArgs(o);
    RunConfig config;
    if (o.config && !loadValidConfig(*o.config, o.name, config))
        return ExitBadInput;
    const RankEnvironmentResult rankEnv = readRankEnvironment();
    if (!rankEnv.env)
        throw BadInput("bad rank environment: " + rankEnv.error);
    const RankEnvironment &ranks = *rankEnv.env;

    std::unique_ptr<projects::RunRecorder> session;
    std::unique_ptr<MetricsSink> folderSink;
    TrainRequest request;
    request.rank = ranks.rank;
    request.worldSize = ranks.worldSize;
    request.rankEnvironment = ranks;
    if (const char *hosted = std::getenv("SEEKBENCH_STORE_HOSTED"))
        request.storeHostedByLauncher = std::string(hosted) == "1";
    request.ignoreMemoryCheck = o.ignoreMemoryCheck;
    try {
        if (o.runId)
            session = projects::RunRecorder::joinRun(*o.project, *o.runId,
                                                     static_cast<int>(parseIntegerIn("--attempt",
                                                                                     o.attempt.value_or("1"), 1,
                                                                                     std::numeric_limits<int>::max())),
                                                     ranks.rank);
        else if (o.project && ranks.worldSize > 1)
            throw BadInput("several ranks record one run in a project through its owner: "
                           "seekbench-cli launch --nproc N -- train --project DIR --config FILE, or "
                           "seekbench-cli slurm submit (the ranks then get --run-id ID --attempt N)");
        else if (o.project)
            session = o.resume
                          ? projects::RunRecorder::beginResume(*o.project, *o.resume)
                          : projects::RunRecorder::beginNew(*o.project, config, config.name, o.parent.value_or(""));
        else
            folderSink = projects::openFolderRun(*o.out, config, ranks.rank);
    } catch (const std::exception &e) {
        throw BadInput(e.what()); // a run that cannot be recorded or resumed is the user's input
    }
    if (session && o.sweepTrial) {
        const std::size_t colon = o.sweepTrial->rfind(':');
        if (colon == std::string::npos)
            throw BadInput("--sweep-trial '" + *o.sweepTrial + "': expected SWEEP_ID:N");
        const int number = int(parseIntegerIn("--sweep-trial", o.sweepTrial->substr(colon + 1), 0, 100000000));
        if (!session->openProject())
            throw BadInput("--sweep-trial: this run is not recorded in a project");
        projects::linkTrialRun(*session->openProject(), o.sweepTrial->substr(0, colon), number, session->runId());
    }
    if (session) {
        config = session->config();
        request.outDir = session->outDir();
        request.resumeFrom = session->resumeCheckpoint();
        request.resumeNotes = session->resumeNotes();
        request.sink = session->sink();
    } else {
        request.outDir = *o.out;
        if (o.resume)
            request.resumeFrom = fs::path(*o.resume);
        request.sink = folderSink.get();
    }
    // A --config file was validated on loading; a run's snapshot (a resume, a rank joining
    // a distributed run) is checked here, against this machine's capabilities.
    if (!o.config) {
        const ConfigIssues issues = validate(config, engineCapabilities());
        for (const auto &issue : issues)
            std::fprintf(stderr, "run config: %s\n", describe(issue).c_str());
        if (!issues.empty())
            return ExitBadInput;
    }
    request.config = config;
    request.cancel = &installCancelSignals();
    enableTensorMemoryTracking();

    Progress progress(config.training.max_steps);
    request.onEvent = [&progress](const RunEvent &ev) {
        printEventLine(ev);
        progress.onEvent(ev);
    };
    const auto started = std::chrono::steady_clock::now();
    const TrainResult result = trainAndTest(request); // train(), and a held-out test split scored once
    std::fflush(stdout);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (session) {
        try {
            session->end(result);
        } catch (const std::exception &e) {
            printSummary(result, seconds);
            throw CliFailure(ExitRuntime, std::string("recording the end of the run failed: ") + e.what());
        }
    }
    printSummary(result, seconds);
    return exitCodeFor(result);
}

// N ranks of this executable, each running `args`.
LaunchRequest rankLaunch(int nproc, const std::vector<std::string> &args, const fs::path &logDir)
{
    LaunchRequest req;
    req.nproc = nproc;
    req.executable = fs::read_symlink("/proc/self/exe");
    req.rankArguments = args;
    req.logDir = logDir;
    return req;
}

// The rank command's options (the words after `train`), checked before any rank starts.
TrainArgs parseRankCommand(const std::vector<std::string> &command)
{
    TrainArgs t;
    CLI::App rank("the rank command", "train");
    rank.allow_extras();
    rank.set_help_flag(); // after --, --help is an unknown option of the rank command
    addTrainOptions(rank, t);
    rank.parse(std::vector<std::string>(command.rbegin(), command.rend() - 1));
    rejectExtras(rank);
    return t;
}

// launch --nproc N -- train --project DIR (--config FILE [--name N] | --resume RUN_ID): the
// owner of one run of N ranks; they join it with `train --project DIR --run-id ID --attempt N`.
int launchProjectRun(int nproc, const TrainArgs &t, const std::optional<std::string> &logDir)
{
    if (t.out || t.parent || t.runId || t.attempt)
        throw BadInput("the rank command of a project run takes --project, --config, --name, --resume and "
                       "--ignore-memory-check");
    if (!t.config == !t.resume)
        throw BadInput("give the run as --config FILE [--name NAME] (a new run) or --resume RUN_ID");
    std::optional<RunConfig> config;
    if (t.config && !loadValidConfig(*t.config, t.name, config.emplace()))
        return ExitBadInput;
    projects::Project project = projects::Project::open(fs::absolute(*t.project));
    // Before the run exists: a cancel from now on ends it as cancelled, never as crashed.
    CancelToken &cancel = installCancelSignals();
    projects::DistributedRunStart start;
    try {
        start = projects::beginDistributedRun(project, config, t.resume.value_or(""), nproc, "");
    } catch (const std::exception &e) {
        throw BadInput(e.what());
    }
    // Programs (the GUI) learn the run id from this first line.
    printJsonLine(nlohmann::json{{"event", "launch"},
                                 {"run", start.runId},
                                 {"attempt", start.attempt},
                                 {"ranks", nproc},
                                 {"project", project.dir().string()}});
    auto command = projects::rankCommand(project.dir(), start.runId, start.attempt);
    if (t.ignoreMemoryCheck) // the user's override reaches every rank
        command.push_back("--ignore-memory-check");
    const LaunchRequest req = rankLaunch(nproc, command,
                                         logDir ? fs::path(*logDir) : project.layout().runLogsDir(start.runId));
    LaunchResult r;
    const projects::RunEnd end = projects::ownLocalRun(project, start.runId, [&] {
        r = launchLocal(req, &cancel);
        return projects::LocalRanksEnd{cancel.isCancelled(), r.failedRank, r.exitCode};
    });
    std::fprintf(stderr, "seekbench-cli launch: run %s (%d ranks) %s%s%s\n", start.runId.c_str(), nproc,
                 toString(end.status), end.message.empty() ? "" : ": ", end.message.c_str());
    return r.exitCode;
}

int launchVerb(const LaunchArgs &l)
{
    if (l.rankCommand.empty() || l.rankCommand[0] != "train")
        throw BadInput("give the rank command after --: launch --nproc N -- train --config FILE --out DIR");
    const long long nproc = l.nproc ? parseInteger("--nproc", *l.nproc) : 0;
    if (nproc < 1 || nproc > 256)
        throw BadInput("--nproc must be between 1 and 256");
    const TrainArgs t = parseRankCommand(l.rankCommand);
    if (t.project)
        return launchProjectRun(static_cast<int>(nproc), t, l.logDir);
    if (!l.logDir && !t.out)
        throw BadInput("--log-dir DIR is required when the rank command has no --out DIR");
    const fs::path logDir = l.logDir ? fs::path(*l.logDir) : projects::folderRunLogsDir(*t.out);
    const LaunchResult r = launchLocal(rankLaunch(static_cast<int>(nproc), l.rankCommand, logDir),
                                       &installCancelSignals());
    if (!r.message.empty())
        std::fprintf(stderr, "seekbench-cli launch: %s\n", r.message.c_str());
    std::fprintf(stderr, "seekbench-cli launch: %lld ranks, store on port %d, logs in %s, exit %d\n", nproc,
                 r.masterPort, logDir.c_str(), r.exitCode);
    return r.exitCode;
}

} // namespace

void registerTrainVerbs(CLI::App &root, int &exitCode)
{
    auto t = std::make_shared<TrainArgs>();
    CLI::App *train = root.add_subcommand("train",
                                          "train a run: in a folder (--out), or recorded in a project (--project)");
    train->allow_extras();
    addTrainOptions(*train, *t);
    describe(*train, "seekbench-cli train --config run.yaml --project DIR --name baseline");
    train->callback([train, t, &exitCode] {
        rejectExtras(*train);
        exitCode = trainVerb(*t);
    });

    auto l = std::make_shared<LaunchArgs>();
    CLI::App *launch = root.add_subcommand("launch",
                                           "N data-parallel ranks (c10d Gloo) on this machine; with --project "
                                           "one run of N ranks");
    launch->allow_extras();
    addOption(*launch, "--nproc", l->nproc, "ranks to start")->type_name("N");
    addOption(*launch, "--log-dir", l->logDir, "each rank's log (default: the run's)")->type_name("DIR");
    launch
        ->add_option("RANK_COMMAND", l->rankCommand,
                     "after --: train --config FILE --out DIR, or train --project "
                     "DIR (--config FILE [--name N] | --resume RUN_ID)")
        ->type_name("-- train ...");
    describe(*launch, "seekbench-cli launch --nproc 2 -- train --project DIR --config run.yaml");
    launch->callback([launch, l, &exitCode] {
        rejectExtras(*launch);
        exitCode = launchVerb(*l);
    });
}

} // namespace seekbench::cli
