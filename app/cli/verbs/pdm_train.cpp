// `seekbench-cli pdm train|evaluate`: the sensor model on a fleet's windows, and its
// evaluation beside the baselines. The work is in core (pdm: windows, metrics, XGBoost,
// policies; engine: the trainer and the sensor model) and projects (the run's record).

#include "support/options.h"
#include "support/output.h"
#include "support/scenario_run.h"
#include "support/verb_args.h"
#include "verbs/pdm_verbs.h"
#include "verbs/verbs.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/pdm/fleet_file.h"
#include "seekbench/pdm/pdm_dataset.h"
#include "seekbench/pdm/run_evaluation.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/pdm_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/projects/run_store.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using Clock = std::chrono::steady_clock;

struct FleetWindows
{
    std::shared_ptr<pdm::PdmDataset> dataset;
    std::vector<pdm::FailureEvent> failures;
};

// The windows of the config's fleet, cut with its pdm.* options.
FleetWindows windowsOf(const Project &project, const RunConfig &config)
{
    if (config.pdm.fleet.empty())
        throw BadInput("the config names no fleet: set pdm.fleet or give --fleet NAME (seekbench-cli pdm fleets "
                       "lists them)");
    const auto record = FleetStore(project, true).find(config.pdm.fleet);
    if (!record)
        throw BadInput("no fleet '" + config.pdm.fleet + "' in " + project.dir().string()
                       + " (seekbench-cli pdm fleets lists them)");
    std::string error;
    const auto reader = pdm::FleetFileReader::open((project.dir() / record->path).string(), error);
    if (!reader)
        throw CliFailure(ExitRuntime, error);
    const pdm::Fleet fleet = reader->readAll();
    auto windows = std::make_shared<pdm::Windows>(
        pdm::makeWindows(fleet, pdm::windowOptionsOf(config, fleet.time_unit)));
    FleetWindows f;
    f.dataset = std::make_shared<pdm::PdmDataset>(windows, "fleet '" + config.pdm.fleet + "' of project "
                                                               + project.dir().string());
    f.failures = fleet.failures;
    return f;
}

// Evaluates the run in `outDir` (its outputs written when training ended), keeps the
// evaluation in the run folder and its results in the project's store (the views, alerts
// and reports read them there), and prints its headline figures.
std::map<std::string, double> evaluateRun(const Project &project, const std::string &runId, const RunConfig &config,
                                          const FleetWindows &f, const std::filesystem::path &outDir)
{
    const pdm::Windows &w = *f.dataset->windows;
    const pdm::ModelOutputs outputs = pdm::readModelOutputs(outDir / pdm::kModelOutputsFile, pdm::windowsFingerprint(w));
    pdm::RunEvaluationOptions o;
    o.min_lead = pdm::minLeadOf(config, w.time_unit);
    o.xgb_rounds = config.pdm.xgb_rounds;
    const auto started = Clock::now();
    const pdm::PdmRunEvaluation e = pdm::evaluatePdmRun(w, f.failures, outputs, o, outDir / "xgboost");
    AtomicFile out(outDir / pdm::kRunEvaluationFile, "evaluation");
    out.write(e.json);
    out.commit();
    PdmResultStore(project).save(runId, config.pdm.fleet, e.results, e.json);
    std::fprintf(stderr,
                 "evaluated in %.1f s: thresholds from the validation machines, figures from the test machines "
                 "(lead >= %g %s)\n",
                 std::chrono::duration<double>(Clock::now() - started).count(), o.min_lead,
                 pdm::timeUnitName(w.time_unit));
    std::fprintf(stderr, "  %-18s %9s %9s %9s %7s\n", "model", "precision", "recall", "PR-AUC", "alerts");
    for (const pdm::ModelEvaluation &m : e.models)
        std::fprintf(stderr, "  %-18s %9.3f %9.3f %9.3f %7d\n", m.name.c_str(), m.test.overall.precision,
                     m.test.overall.recall, m.test.overall.pr_auc, m.test.overall.alerts);
    const pdm::PolicyComparison &p = e.policies;
    std::fprintf(stderr,
                 "  policies on the test period: downtime %.0f h reactive, %.0f h fixed (every %g days), %.0f h "
                 "predictive; cost %.0f, %.0f, %.0f\n",
                 p.reactive.downtime_hours, p.fixed_schedule.downtime_hours, p.fixed_schedule.interval_days,
                 p.predictive.downtime_hours, p.reactive.total_cost, p.fixed_schedule.total_cost,
                 p.predictive.total_cost);
    std::fprintf(stderr, "  kept %zu machines' health and %zu alerts in the project's store\n",
                 e.results.machines.size(), e.results.alerts.size());
    for (const std::string &note : e.notes)
        std::fprintf(stderr, "  note: %s\n", note.c_str());
    return e.metrics;
}

} // namespace

int pdmTrainVerb(VerbArgs &o)
{
    const auto &resume = o.get("--resume");
    const std::filesystem::path dir = o.project().dir();
    RunConfig config;
    if (!scenarioConfig(o, "pdm_fleet", "pdm train", config))
        return ExitBadInput;
    if (const auto &fleet = o.get("--fleet"))
        config.pdm.fleet = *fleet;
    FleetWindows data;
    if (!resume)
        data = windowsOf(Project::open(dir), config); // a bad fleet is refused before a run is recorded
    const std::unique_ptr<RunRecorder> session = beginScenarioRun(dir, config, resume);
    config = session->config();
    if (config.data.kind != "pdm_fleet")
        throw BadInput("run '" + session->runId() + "' is not a predictive maintenance run (data.kind "
                       + config.data.kind + ")");
    if (resume)
        data = windowsOf(Project::open(dir), config); // the windows are rebuilt from the same fleet and options
    const pdm::Windows &w = *data.dataset->windows;
    const TrainRequest request = scenarioRequest(*session, data.dataset);
    std::fprintf(stderr, "run %s: training the sensor model on %s: %zu training, %zu validation, %zu test windows\n",
                 session->runId().c_str(), data.dataset->origin.c_str(), w.count(pdm::Split::Train),
                 w.count(pdm::Split::Validation), w.count(pdm::Split::Test));
    return trainScenarioRun(*session, request, "pdm train", [&] {
        return evaluateRun(Project::open(dir), session->runId(), config, data, session->outDir());
    });
}

int pdmEvaluateVerb(VerbArgs &o)
{
    Project project = o.project();
    const std::string runId = o.required("--run", "RUN_ID");
    const RunRecord run = RunStore(project).run(runId);
    const ConfigLoad load = parseRunConfig(run.configYaml);
    if (!load.ok())
        throw BadInput("run '" + runId + "' has a config this build cannot read");
    const RunConfig &config = load.config;
    const std::filesystem::path outDir = project.layout().runDir(runId);
    if (config.data.kind != "pdm_fleet")
        throw BadInput("run '" + runId + "' is not a predictive maintenance run (data.kind " + config.data.kind + ")");
    const FleetWindows data = windowsOf(project, config);
    evaluateRun(project, runId, config, data, outDir);
    std::printf("%s\n", readSmallFile(outDir / pdm::kRunEvaluationFile, 64u << 20).text.c_str());
    return ExitOk;
}

} // namespace seekbench::cli
