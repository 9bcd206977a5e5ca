// The owner of a distributed run in a project: create the run, start the ranks, import
// their segments, record the outcome.

#include "distributed_train.h"

#include "commands.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/launcher.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/distributed_run.h"
#include "seekbench/projects/distributed_start.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/config/validation.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <stdexcept>

namespace seekbench::cli {

namespace fs = std::filesystem;
using namespace seekbench::projects;

int runProjectLaunch(int nproc, const std::vector<std::string> &trainArgs, const std::optional<std::string> &logDirArg,
                     const CancelToken *cancel)
{
    auto fail = [](const std::string &msg) {
        std::fprintf(stderr, "seekbench-cli launch: %s\n", msg.c_str());
        return ExitBadInput;
    };
    const Options o = parseOptions(std::vector<std::string>(trainArgs.begin() + 1, trainArgs.end()),
                                   {"--project", "--config", "--name", "--resume"}, {});
    if (!o.error.empty())
        return fail("train " + o.error);
    if (!o.get("--config") == !o.get("--resume"))
        return fail("give the run as --config FILE [--name NAME] (a new run) or --resume RUN_ID");
    std::optional<RunConfig> config;
    if (auto path = o.get("--config")) {
        RunConfig loaded;
        if (!loadValidConfig(*path, o.get("--name"), loaded))
            return ExitBadInput;
        config = loaded;
    }
    std::optional<Project> project;
    DistributedRunStart start;
    try {
        project.emplace(Project::open(fs::absolute(*o.get("--project"))));
        start = beginDistributedRun(*project, config, o.get("--resume").value_or(""), nproc, "");
    } catch (const std::exception &e) {
        return fail(e.what());
    }
    // Programs (the GUI) learn the run id from this first line.
    std::printf("%s\n", nlohmann::json{{"event", "launch"}, {"run", start.runId}, {"attempt", start.attempt},
                                       {"ranks", nproc}, {"project", project->dir().string()}}.dump().c_str());
    std::fflush(stdout);

    LaunchRequest req;
    req.nproc = nproc;
    req.executable = fs::read_symlink("/proc/self/exe");
    req.rankArguments = rankCommand(project->dir(), start.runId, start.attempt);
    req.logDir = logDirArg ? fs::path(*logDirArg) : project->layout().runLogsDir(start.runId);
    LaunchResult r;
    {
        // The ranks' points reach the store while they train, not only at the end.
        SegmentImporter importer(*project);
        importer.startTimer(std::chrono::seconds(2));
        r = launchLocal(req, cancel);
    }
    EndContext ctx;
    ctx.cancelRequested = cancel && cancel->isCancelled();
    ctx.firstFailedRank = r.failedRank;
    ctx.firstFailedExitCode = r.failedRank >= 0 ? r.exitCode : 0;
    try {
        const RunEnd end = finishDistributedRun(*project, start.runId, ctx);
        std::fprintf(stderr, "seekbench-cli launch: run %s (%d ranks) %s%s%s\n", start.runId.c_str(), nproc,
                     toString(end.status), end.message.empty() ? "" : ": ", end.message.c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli launch: recording the end of run %s failed: %s\n", start.runId.c_str(), e.what());
        return ExitRuntime;
    }
    return r.exitCode;
}

} // namespace seekbench::cli
