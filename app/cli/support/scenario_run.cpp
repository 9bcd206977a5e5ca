#include "support/scenario_run.h"

#include "support/errors.h"
#include "support/output.h"
#include "support/signals.h"
#include "support/verb_args.h"
#include "verbs/verbs.h"

#include <chrono>
#include <cstdio>

namespace seekbench::cli {

bool scenarioConfig(VerbArgs &o, const std::string &kind, const std::string &verb, RunConfig &config)
{
    const auto &configFile = o.get("--config");
    if (!configFile && !o.get("--resume"))
        throw BadInput("--config FILE (a new run) or --resume RUN_ID is required");
    if (!configFile)
        return true;
    if (!loadValidConfig(*configFile, o.get("--name"), config))
        return false;
    if (config.data.kind != kind)
        throw BadInput("the config's data.kind is '" + config.data.kind + "'; " + verb + " needs " + kind);
    return true;
}

std::unique_ptr<projects::RunRecorder> beginScenarioRun(const std::filesystem::path &dir, const RunConfig &config,
                                                        const std::optional<std::string> &resume)
{
    try {
        return resume ? projects::RunRecorder::beginResume(dir, *resume)
                      : projects::RunRecorder::beginNew(dir, config, config.name);
    } catch (const std::exception &e) {
        throw BadInput(e.what());
    }
}

TrainRequest scenarioRequest(projects::RunRecorder &session, std::shared_ptr<const DatasetSource> dataset)
{
    TrainRequest request;
    request.outDir = session.outDir();
    request.resumeFrom = session.resumeCheckpoint();
    request.resumeNotes = session.resumeNotes();
    request.sink = session.sink();
    request.config = session.config();
    request.dataset = std::move(dataset);
    request.ignoreMemoryCheck = true; // no estimate from the config alone (estimates.h says why)
    request.cancel = &installCancelSignals();
    request.onEvent = printEventLine;
    return request;
}

int trainScenarioRun(projects::RunRecorder &session, const TrainRequest &request, const std::string &verb,
                     const std::function<std::map<std::string, double>()> &evaluate)
{
    const auto started = std::chrono::steady_clock::now();
    TrainResult result = train(request);
    std::fflush(stdout);
    if (result.status == TrainStatus::Finished || result.status == TrainStatus::EarlyStopped) {
        try {
            for (const auto &[k, v] : evaluate())
                result.finalMetrics[k] = v;
        } catch (const std::exception &e) {
            printError(verb, std::string("evaluating the run failed: ") + e.what());
        }
    }
    try {
        session.end(result);
    } catch (const std::exception &e) {
        throw CliFailure(ExitRuntime, std::string("recording the end of the run failed: ") + e.what());
    }
    std::fprintf(stderr, "%s after %lld steps in %.1f s\n", toString(result.status), (long long)result.step,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (!result.message.empty())
        std::fprintf(stderr, "  %s\n", result.message.c_str());
    return exitCodeFor(result);
}

} // namespace seekbench::cli
