#include "reports/report_labels_tr.h"

#include "runs/runs_table_model.h"

#include "seekbench/run/run_status.h"

#include <QCoreApplication>

namespace seekbench::ui {

namespace {

// Every field of ReportLabels is set below: one added there without its line here would
// stay English in a Chinese report, so the build stops until it is added.
static_assert(sizeof(projects::report::ReportLabels)
                  == 184 * sizeof(std::string) + sizeof(std::map<std::string, std::string>),
              "ReportLabels changed: translate the new label in translatedReportLabels()");

std::string translated(const char *text) { return QCoreApplication::translate("ReportLabels", text).toStdString(); }

} // namespace

projects::report::ReportLabels translatedReportLabels()
{
    projects::report::ReportLabels l;
    //: The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).
    l.language = QCoreApplication::translate("ReportLabels", "en").toStdString();
    l.contents = translated(QT_TRANSLATE_NOOP("ReportLabels", "Contents"));
    l.runReportSubtitle = translated(QT_TRANSLATE_NOOP("ReportLabels", "Run report: %1"));
    l.comparisonSubtitle = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "Comparison of %1 runs against the baseline %2"));
    l.overview = translated(QT_TRANSLATE_NOOP("ReportLabels", "Overview"));
    l.notes = translated(QT_TRANSLATE_NOOP("ReportLabels", "Notes"));
    l.config = translated(QT_TRANSLATE_NOOP("ReportLabels", "Configuration"));
    l.curves = translated(QT_TRANSLATE_NOOP("ReportLabels", "Curves"));
    l.metrics = translated(QT_TRANSLATE_NOOP("ReportLabels", "Final and best metrics"));
    l.system = translated(QT_TRANSLATE_NOOP("ReportLabels", "System"));
    l.checkpoints = translated(QT_TRANSLATE_NOOP("ReportLabels", "Checkpoints"));
    l.exports = translated(QT_TRANSLATE_NOOP("ReportLabels", "Model exports"));
    l.aml = translated(QT_TRANSLATE_NOOP("ReportLabels", "AML results"));
    l.provenance = translated(QT_TRANSLATE_NOOP("ReportLabels", "Provenance"));
    l.run = translated(QT_TRANSLATE_NOOP("ReportLabels", "Run"));
    l.runId = translated(QT_TRANSLATE_NOOP("ReportLabels", "Run id"));
    l.name = translated(QT_TRANSLATE_NOOP("ReportLabels", "Name"));
    l.status = translated(QT_TRANSLATE_NOOP("ReportLabels", "Status"));
    l.message = translated(QT_TRANSLATE_NOOP("ReportLabels", "Message"));
    l.started = translated(QT_TRANSLATE_NOOP("ReportLabels", "Started"));
    l.ended = translated(QT_TRANSLATE_NOOP("ReportLabels", "Ended"));
    l.wallTime = translated(QT_TRANSLATE_NOOP("ReportLabels", "Wall time"));
    l.attempts = translated(QT_TRANSLATE_NOOP("ReportLabels", "Attempts"));
    l.restarts = translated(QT_TRANSLATE_NOOP("ReportLabels", "Restarts"));
    l.ranks = translated(QT_TRANSLATE_NOOP("ReportLabels", "Ranks"));
    l.host = translated(QT_TRANSLATE_NOOP("ReportLabels", "Host"));
    l.tags = translated(QT_TRANSLATE_NOOP("ReportLabels", "Tags"));
    l.parent = translated(QT_TRANSLATE_NOOP("ReportLabels", "Parent run"));
    l.notRecorded = translated(QT_TRANSLATE_NOOP("ReportLabels", "-"));
    l.configSnapshot = translated(QT_TRANSLATE_NOOP("ReportLabels", "Config snapshot (%1)"));
    l.configDiff = translated(QT_TRANSLATE_NOOP("ReportLabels", "Differences against the baseline %1"));
    l.configSame = translated(QT_TRANSLATE_NOOP("ReportLabels", "The config is the same as the baseline %1's."));
    l.configDifferences = translated(QT_TRANSLATE_NOOP("ReportLabels", "Config differences"));
    l.configKey = translated(QT_TRANSLATE_NOOP("ReportLabels", "Key"));
    l.absent = translated(QT_TRANSLATE_NOOP("ReportLabels", "(absent)"));
    l.step = translated(QT_TRANSLATE_NOOP("ReportLabels", "Step"));
    l.rankSeries = translated(QT_TRANSLATE_NOOP("ReportLabels", "rank %1"));
    l.curveNotes = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "Each line is the mean of a bucket of steps; the band spans the bucket's min and max."));
    l.noCurves = translated(QT_TRANSLATE_NOOP("ReportLabels", "The run recorded no curves."));
    l.emptyCurve = translated(QT_TRANSLATE_NOOP("ReportLabels", "Curve %1"));
    l.emptyCurveWhy = translated(QT_TRANSLATE_NOOP("ReportLabels", "no finite points"));
    l.metric = translated(QT_TRANSLATE_NOOP("ReportLabels", "Metric"));
    l.finalValue = translated(QT_TRANSLATE_NOOP("ReportLabels", "Final"));
    l.bestValue = translated(QT_TRANSLATE_NOOP("ReportLabels", "Best"));
    l.atStep = translated(QT_TRANSLATE_NOOP("ReportLabels", "At step"));
    l.delta = translated(QT_TRANSLATE_NOOP("ReportLabels", "Δ %1"));
    l.baseline = translated(QT_TRANSLATE_NOOP("ReportLabels", "Baseline"));
    l.finalMetrics = translated(QT_TRANSLATE_NOOP("ReportLabels", "Final metrics"));
    l.bestMetrics = translated(QT_TRANSLATE_NOOP("ReportLabels", "Best metrics"));
    l.noMetrics = translated(QT_TRANSLATE_NOOP("ReportLabels", "The run recorded no final or best metrics."));
    l.peakMemory = translated(QT_TRANSLATE_NOOP("ReportLabels", "Peak memory (RSS)"));
    l.peakCudaMemory = translated(QT_TRANSLATE_NOOP("ReportLabels", "Peak CUDA memory"));
    l.meanCpu = translated(QT_TRANSLATE_NOOP("ReportLabels", "Mean CPU"));
    l.throughput = translated(QT_TRANSLATE_NOOP("ReportLabels", "Throughput (%1)"));
    l.rank = translated(QT_TRANSLATE_NOOP("ReportLabels", "Rank"));
    l.samples = translated(QT_TRANSLATE_NOOP("ReportLabels", "Samples"));
    l.noSystem = translated(QT_TRANSLATE_NOOP("ReportLabels", "The run recorded no system samples."));
    l.path = translated(QT_TRANSLATE_NOOP("ReportLabels", "Path"));
    l.bytes = translated(QT_TRANSLATE_NOOP("ReportLabels", "Bytes"));
    l.sha256 = translated(QT_TRANSLATE_NOOP("ReportLabels", "SHA-256"));
    l.format = translated(QT_TRANSLATE_NOOP("ReportLabels", "Format"));
    l.state = translated(QT_TRANSLATE_NOOP("ReportLabels", "State"));
    l.verified = translated(QT_TRANSLATE_NOOP("ReportLabels", "verified"));
    l.missingFile = translated(QT_TRANSLATE_NOOP("ReportLabels", "missing"));
    l.damagedFile = translated(QT_TRANSLATE_NOOP("ReportLabels", "damaged"));
    l.checkpointMissing = translated(QT_TRANSLATE_NOOP("ReportLabels", "Checkpoint %1"));
    l.checkpointMissingWhy = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "the file is not in the project folder (deleted or moved)."));
    l.checkpointDamagedWhy = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "its SHA-256 is %1, not the recorded %2: the file changed after it was written."));
    l.noCheckpoints = translated(QT_TRANSLATE_NOOP("ReportLabels", "The run recorded no checkpoint."));
    l.noExports = translated(QT_TRANSLATE_NOOP("ReportLabels", "No model was exported from this run."));
    l.exportMissing = translated(QT_TRANSLATE_NOOP("ReportLabels", "Export %1"));
    l.unrecordedFiles = translated(QT_TRANSLATE_NOOP("ReportLabels", "Files in %1 the store does not list"));
    l.model = translated(QT_TRANSLATE_NOOP("ReportLabels", "Model"));
    l.typology = translated(QT_TRANSLATE_NOOP("ReportLabels", "Typology"));
    l.rows = translated(QT_TRANSLATE_NOOP("ReportLabels", "Rows"));
    l.positives = translated(QT_TRANSLATE_NOOP("ReportLabels", "Positives"));
    l.prAuc = translated(QT_TRANSLATE_NOOP("ReportLabels", "PR-AUC"));
    l.rocAuc = translated(QT_TRANSLATE_NOOP("ReportLabels", "ROC-AUC"));
    l.recallAtFpr = translated(QT_TRANSLATE_NOOP("ReportLabels", "Recall at FPR %1"));
    l.prCurve = translated(QT_TRANSLATE_NOOP("ReportLabels", "Precision-recall curve (%1, %2)"));
    l.precision = translated(QT_TRANSLATE_NOOP("ReportLabels", "Precision"));
    l.recall = translated(QT_TRANSLATE_NOOP("ReportLabels", "Recall"));
    l.operatingPoint = translated(QT_TRANSLATE_NOOP("ReportLabels", "Operating point (%1)"));
    l.threshold = translated(QT_TRANSLATE_NOOP("ReportLabels", "Threshold"));
    l.fpr = translated(QT_TRANSLATE_NOOP("ReportLabels", "False positive rate"));
    l.alertsPerDay = translated(QT_TRANSLATE_NOOP("ReportLabels", "Alerts per day"));
    l.capacityPerDay = translated(QT_TRANSLATE_NOOP("ReportLabels", "Capacity per day"));
    l.expectedCost = translated(QT_TRANSLATE_NOOP("ReportLabels", "Expected cost"));
    l.alertStatistics = translated(QT_TRANSLATE_NOOP("ReportLabels", "Alerts (%1)"));
    l.alerts = translated(QT_TRANSLATE_NOOP("ReportLabels", "Alerts"));
    l.severity = translated(QT_TRANSLATE_NOOP("ReportLabels", "Severity"));
    l.reviewStatus = translated(QT_TRANSLATE_NOOP("ReportLabels", "Review status"));
    l.count = translated(QT_TRANSLATE_NOOP("ReportLabels", "Count"));
    l.classification = translated(QT_TRANSLATE_NOOP("ReportLabels", "Classification"));
    l.confusionMatrix = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "Confusion matrix, %1 split at step %2: rows are the true class, columns the predicted"));
    l.bestConfusionMatrix = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "Confusion matrix of the best evaluation, %1 split at step %2"));
    l.perClassMetrics = translated(QT_TRANSLATE_NOOP("ReportLabels", "Per-class metrics, %1 split at step %2"));
    l.bestPerClassMetrics = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "Per-class metrics of the best evaluation, %1 split at step %2"));
    l.trueClass = translated(QT_TRANSLATE_NOOP("ReportLabels", "True class"));
    l.className = translated(QT_TRANSLATE_NOOP("ReportLabels", "Class"));
    l.f1 = translated(QT_TRANSLATE_NOOP("ReportLabels", "F1"));
    l.support = translated(QT_TRANSLATE_NOOP("ReportLabels", "Support"));
    l.macroAverage = translated(QT_TRANSLATE_NOOP("ReportLabels", "Macro average"));
    l.weightedAverage = translated(QT_TRANSLATE_NOOP("ReportLabels", "Weighted average"));
    l.accuracy = translated(QT_TRANSLATE_NOOP("ReportLabels", "Accuracy"));
    l.confusionFile = translated(QT_TRANSLATE_NOOP("ReportLabels", "Confusion matrix %1"));
    l.attention = translated(QT_TRANSLATE_NOOP("ReportLabels", "Attention examples"));
    l.attentionIntroCrossModal = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "One image of each class from the %1 split, at step %2, as the attention inspector shows them. "
                          "Each row: the image, where the class token of its caption looks in the image in each head of "
                          "the last cross layer (text-to-image attention), then the mean over heads. Redder and "
                          "brighter: more attention; each panel is scaled to its own maximum."));
    l.attentionIntroImageOnly = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "One image of each class from the %1 split, at step %2, as the attention inspector shows them. "
                          "Each row: the image, the attention each patch receives in the last image layer (mean over "
                          "the patches that look) in each head, then the mean over heads. Redder and brighter: more "
                          "attention; each panel is scaled to its own maximum."));
    l.attentionExample = translated(QT_TRANSLATE_NOOP("ReportLabels", "%1, image %2: predicted %3"));
    l.attentionExampleCaption = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "%1, image %2: predicted %3; caption \"%4\"; gate: text %5, image %6"));
    l.attentionImage = translated(QT_TRANSLATE_NOOP("ReportLabels", "Image"));
    l.predictedClass = translated(QT_TRANSLATE_NOOP("ReportLabels", "Predicted"));
    l.onObject = translated(QT_TRANSLATE_NOOP("ReportLabels", "On the object"));
    l.uniformShare = translated(QT_TRANSLATE_NOOP("ReportLabels", "Uniform"));
    l.attentionSummary = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "On the object: the share of the mean attention that falls on patches at least half covered "
                          "by the object; uniform: the share an attention spread evenly over the patches would give."));
    l.attentionFile = translated(QT_TRANSLATE_NOOP("ReportLabels", "Attention examples %1"));
    l.noAttention = l.attention;
    l.noAttentionWhy = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "the run recorded none (it ended before its training finished, or an older Seekbench trained "
                          "it); `seekbench-cli inspect examples --project DIR --run-id %1` writes them from its newest "
                          "checkpoint."));
    l.seekbenchVersion = translated(QT_TRANSLATE_NOOP("ReportLabels", "Seekbench"));
    l.generatedAt = translated(QT_TRANSLATE_NOOP("ReportLabels", "Generated"));
    l.generatedOn = translated(QT_TRANSLATE_NOOP("ReportLabels", "Generated on"));
    l.torchVersion = translated(QT_TRANSLATE_NOOP("ReportLabels", "LibTorch"));
    l.qtVersion = translated(QT_TRANSLATE_NOOP("ReportLabels", "Qt"));
    l.noQt = translated(QT_TRANSLATE_NOOP("ReportLabels", "none (a build without the desktop programs)"));
    l.os = translated(QT_TRANSLATE_NOOP("ReportLabels", "OS"));
    l.threads = translated(QT_TRANSLATE_NOOP("ReportLabels", "Threads"));
    l.cores = translated(QT_TRANSLATE_NOOP("ReportLabels", "Cores"));
    l.device = translated(QT_TRANSLATE_NOOP("ReportLabels", "Device"));
    l.precisionMode = translated(QT_TRANSLATE_NOOP("ReportLabels", "Numeric precision"));
    l.blas = translated(QT_TRANSLATE_NOOP("ReportLabels", "BLAS"));
    l.seed = translated(QT_TRANSLATE_NOOP("ReportLabels", "Seed"));
    l.dataFingerprint = translated(QT_TRANSLATE_NOOP("ReportLabels", "Data fingerprint"));
    l.checkpoint = translated(QT_TRANSLATE_NOOP("ReportLabels", "Checkpoint"));
    l.checkpointHash = translated(QT_TRANSLATE_NOOP("ReportLabels", "Checkpoint SHA-256"));
    l.reproduce = translated(QT_TRANSLATE_NOOP("ReportLabels", "Reproduce with"));
    l.configAttached = translated(QT_TRANSLATE_NOOP("ReportLabels", "Config snapshot %1"));
    l.noEnvironment = translated(QT_TRANSLATE_NOOP("ReportLabels", "Environment"));
    l.noEnvironmentWhy = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "the run recorded no start event (it never started training)."));
    l.provenanceOf = translated(QT_TRANSLATE_NOOP("ReportLabels", "Run %1"));
    l.sweepReportSubtitle = translated(QT_TRANSLATE_NOOP("ReportLabels", "Sweep report: %1"));
    l.searchSpace = translated(QT_TRANSLATE_NOOP("ReportLabels", "Search space"));
    l.bestTrials = translated(QT_TRANSLATE_NOOP("ReportLabels", "Best trials"));
    l.bestSoFar = translated(QT_TRANSLATE_NOOP("ReportLabels", "Best so far"));
    l.parallelCoordinates = translated(QT_TRANSLATE_NOOP("ReportLabels", "Parallel coordinates"));
    l.importance = translated(QT_TRANSLATE_NOOP("ReportLabels", "Parameter importance"));
    l.sweepDefinition = translated(QT_TRANSLATE_NOOP("ReportLabels", "Sweep definition"));
    l.sweep = translated(QT_TRANSLATE_NOOP("ReportLabels", "Sweep"));
    l.sweepId = translated(QT_TRANSLATE_NOOP("ReportLabels", "Sweep id"));
    l.created = translated(QT_TRANSLATE_NOOP("ReportLabels", "Created"));
    l.objective = translated(QT_TRANSLATE_NOOP("ReportLabels", "Objective"));
    l.objectiveText = translated(QT_TRANSLATE_NOOP("ReportLabels", "%1, %2 (%3)"));
    l.minimize = translated(QT_TRANSLATE_NOOP("ReportLabels", "minimize"));
    l.maximize = translated(QT_TRANSLATE_NOOP("ReportLabels", "maximize"));
    l.atEnd = translated(QT_TRANSLATE_NOOP("ReportLabels", "its last value"));
    l.atBest = translated(QT_TRANSLATE_NOOP("ReportLabels", "its best value"));
    l.sampler = translated(QT_TRANSLATE_NOOP("ReportLabels", "Sampler"));
    l.pruner = translated(QT_TRANSLATE_NOOP("ReportLabels", "Pruner"));
    l.budget = translated(QT_TRANSLATE_NOOP("ReportLabels", "Trial budget"));
    l.trials = translated(QT_TRANSLATE_NOOP("ReportLabels", "Trials"));
    l.trialCounts = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "%1 complete, %2 pruned, %3 failed, %4 infeasible, %5 running (%6 in all)"));
    l.bestTrialValue = translated(QT_TRANSLATE_NOOP("ReportLabels", "%1 (trial %2)"));
    l.trialsWallTime = translated(QT_TRANSLATE_NOOP("ReportLabels", "Wall time of the trials' runs"));
    l.parameter = translated(QT_TRANSLATE_NOOP("ReportLabels", "Parameter"));
    l.kind = translated(QT_TRANSLATE_NOOP("ReportLabels", "Kind"));
    l.values = translated(QT_TRANSLATE_NOOP("ReportLabels", "Values"));
    l.condition = translated(QT_TRANSLATE_NOOP("ReportLabels", "When"));
    l.trial = translated(QT_TRANSLATE_NOOP("ReportLabels", "Trial"));
    l.bestTrialsCaption = translated(QT_TRANSLATE_NOOP("ReportLabels", "The %1 best of %2 complete trials by %3"));
    l.noCompleteTrials = translated(QT_TRANSLATE_NOOP("ReportLabels", "Results"));
    l.noCompleteTrialsWhy = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "no trial of this sweep has completed yet, so there is no best trial."));
    l.trialObjective = translated(QT_TRANSLATE_NOOP("ReportLabels", "Trial objective"));
    l.bestSoFarNotes = translated(
        QT_TRANSLATE_NOOP("ReportLabels",
                          "Each dot is a complete trial's objective; the line is the best value up to that trial."));
    l.parallelNotes = translated(QT_TRANSLATE_NOOP(
        "ReportLabels",
        "One line per complete trial through its parameters and objective; darker is better, the best trial in red. A dashed line passes a parameter the trial did not use."));
    l.colourScale = translated(QT_TRANSLATE_NOOP("ReportLabels", "%1 (darker: better)"));
    l.trialLabel = translated(QT_TRANSLATE_NOOP("ReportLabels", "Trial %1"));
    l.importanceShare = translated(QT_TRANSLATE_NOOP("ReportLabels", "Importance"));
    l.importanceStddev = translated(QT_TRANSLATE_NOOP("ReportLabels", "Std. dev."));
    l.importanceNotes = translated(QT_TRANSLATE_NOOP(
        "ReportLabels",
        "fANOVA on a random forest of %1 complete trials: each parameter's share of the objective's variance."));
    l.importanceNeeds = translated(
        QT_TRANSLATE_NOOP("ReportLabels", "needs at least %1 complete trials; this sweep has %2."));
    l.importanceFailed = translated(QT_TRANSLATE_NOOP("ReportLabels", "the importance could not be computed: %1"));
    l.spaceYaml = translated(QT_TRANSLATE_NOOP("ReportLabels", "The search space as created"));
    l.reproduceSweep = translated(QT_TRANSLATE_NOOP("ReportLabels", "Reproduce the sweep with"));
    l.bestTrialRun = translated(QT_TRANSLATE_NOOP("ReportLabels", "Best trial's run"));
    for (RunStatus s : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                        RunStatus::Cancelled, RunStatus::Crashed})
        l.statusNames[toString(s)] = RunsTableModel::statusText(s).toStdString();
    return l;
}

} // namespace seekbench::ui
