#pragma once

// Every fixed word a report shows: section titles, column headers, "Final", "Best"...
// English by default; the desktop application fills one with tr() strings (zh_CN), the
// CLI uses the defaults. Texts with %1, %2 take arguments (fillLabel), as Qt's arg() does.

#include <map>
#include <string>
#include <vector>

namespace seekbench::projects::report {

struct ReportLabels
{
    std::string language = "en";
    std::string contents = "Contents";
    std::string runReportSubtitle = "Run report: %1";
    std::string comparisonSubtitle = "Comparison of %1 runs against the baseline %2";

    // Section titles.
    std::string overview = "Overview";
    std::string notes = "Notes";
    std::string config = "Configuration";
    std::string curves = "Curves";
    std::string metrics = "Final and best metrics";
    std::string system = "System";
    std::string checkpoints = "Checkpoints";
    std::string exports = "Model exports";
    std::string aml = "AML results";
    std::string provenance = "Provenance";

    // Overview.
    std::string run = "Run";
    std::string runId = "Run id";
    std::string name = "Name";
    std::string status = "Status";
    std::string message = "Message";
    std::string started = "Started";
    std::string ended = "Ended";
    std::string wallTime = "Wall time";
    std::string attempts = "Attempts";
    std::string restarts = "Restarts";
    std::string ranks = "Ranks";
    std::string host = "Host";
    std::string tags = "Tags";
    std::string parent = "Parent run";
    std::string notRecorded = "-";
    std::map<std::string, std::string> statusNames; // the store's word -> shown word ("" map: as stored)

    // Config.
    std::string configSnapshot = "Config snapshot (%1)";
    std::string configDiff = "Differences against the baseline %1";
    std::string configSame = "The config is the same as the baseline %1's.";
    std::string configDifferences = "Config differences";
    std::string configKey = "Key";
    std::string absent = "(absent)";

    // Curves and metrics.
    std::string step = "Step";
    std::string rankSeries = "rank %1";
    std::string curveNotes = "Each line is the mean of a bucket of steps; the band spans the bucket's min and max.";
    std::string noCurves = "The run recorded no curves.";
    std::string emptyCurve = "Curve %1";
    std::string emptyCurveWhy = "no finite points";
    std::string metric = "Metric";
    std::string finalValue = "Final";
    std::string bestValue = "Best";
    std::string atStep = "At step";
    std::string delta = "Δ %1";
    std::string baseline = "Baseline";
    std::string finalMetrics = "Final metrics";
    std::string bestMetrics = "Best metrics";
    std::string noMetrics = "The run recorded no final or best metrics.";

    // System.
    std::string peakMemory = "Peak memory (RSS)";
    std::string peakCudaMemory = "Peak CUDA memory";
    std::string meanCpu = "Mean CPU";
    std::string throughput = "Throughput (%1)";
    std::string rank = "Rank";
    std::string samples = "Samples";
    std::string noSystem = "The run recorded no system samples.";

    // Checkpoints and exports.
    std::string path = "Path";
    std::string bytes = "Bytes";
    std::string sha256 = "SHA-256";
    std::string format = "Format";
    std::string state = "State";
    std::string verified = "verified";
    std::string missingFile = "missing";
    std::string damagedFile = "damaged";
    std::string checkpointMissing = "Checkpoint %1";
    std::string checkpointMissingWhy = "the file is not in the project folder (deleted or moved).";
    std::string checkpointDamagedWhy = "its SHA-256 is %1, not the recorded %2: the file changed after it was written.";
    std::string noCheckpoints = "The run recorded no checkpoint.";
    std::string noExports = "No model was exported from this run.";
    std::string exportMissing = "Export %1";
    std::string unrecordedFiles = "Files in %1 the store does not list";

    // AML.
    std::string model = "Model";
    std::string typology = "Typology";
    std::string rows = "Rows";
    std::string positives = "Positives";
    std::string prAuc = "PR-AUC";
    std::string rocAuc = "ROC-AUC";
    std::string recallAtFpr = "Recall at FPR %1";
    std::string prCurve = "Precision-recall curve (%1, %2)";
    std::string precision = "Precision";
    std::string recall = "Recall";
    std::string operatingPoint = "Operating point (%1)";
    std::string threshold = "Threshold";
    std::string fpr = "False positive rate";
    std::string alertsPerDay = "Alerts per day";
    std::string capacityPerDay = "Capacity per day";
    std::string expectedCost = "Expected cost";
    std::string alertStatistics = "Alerts (%1)";
    std::string alerts = "Alerts";
    std::string severity = "Severity";
    std::string reviewStatus = "Review status";
    std::string count = "Count";

    // Classification (the confusion matrix a classification run writes).
    std::string classification = "Classification";
    std::string confusionMatrix
        = "Confusion matrix, %1 split at step %2: rows are the true class, columns the predicted";
    std::string bestConfusionMatrix = "Confusion matrix of the best evaluation, %1 split at step %2";
    std::string perClassMetrics = "Per-class metrics, %1 split at step %2";
    std::string bestPerClassMetrics = "Per-class metrics of the best evaluation, %1 split at step %2";
    std::string trueClass = "True class";
    std::string className = "Class";
    std::string f1 = "F1";
    std::string support = "Support";
    std::string macroAverage = "Macro average";
    std::string weightedAverage = "Weighted average";
    std::string accuracy = "Accuracy";
    std::string confusionFile = "Confusion matrix %1";

    // Attention examples (the cross-modal model and the image-only ViT).
    std::string attention = "Attention examples";
    std::string attentionIntroCrossModal
        = "One image of each class from the %1 split, at step %2, as the attention inspector shows them. Each row: "
          "the image, where the class token of its caption looks in the image in each head of the last cross layer "
          "(text-to-image attention), then the mean over heads. Redder and brighter: more attention; each panel is "
          "scaled to its own maximum.";
    std::string attentionIntroImageOnly
        = "One image of each class from the %1 split, at step %2, as the attention inspector shows them. Each row: "
          "the image, the attention each patch receives in the last image layer (mean over the patches that look) in "
          "each head, then the mean over heads. Redder and brighter: more attention; each panel is scaled to its own "
          "maximum.";
    std::string attentionExample = "%1, image %2: predicted %3";
    std::string attentionExampleCaption = "%1, image %2: predicted %3; caption \"%4\"; gate: text %5, image %6";
    std::string attentionImage = "Image";
    std::string predictedClass = "Predicted";
    std::string onObject = "On the object";
    std::string uniformShare = "Uniform";
    std::string attentionSummary
        = "On the object: the share of the mean attention that falls on patches at least half covered by the object; "
          "uniform: the share an attention spread evenly over the patches would give.";
    std::string attentionFile = "Attention examples %1";
    std::string noAttention = "Attention examples";
    std::string noAttentionWhy
        = "the run recorded none (it ended before its training finished, or an older Seekbench trained it); "
          "`seekbench-cli inspect examples --project DIR --run-id %1` writes them from its newest checkpoint.";

    // Provenance.
    std::string seekbenchVersion = "Seekbench";
    std::string generatedAt = "Generated";
    std::string generatedOn = "Generated on";
    std::string torchVersion = "LibTorch";
    std::string qtVersion = "Qt";
    std::string noQt = "none (a build without the desktop programs)";
    std::string os = "OS";
    std::string threads = "Threads";
    std::string cores = "Cores";
    std::string device = "Device";
    std::string precisionMode = "Numeric precision";
    std::string blas = "BLAS";
    std::string seed = "Seed";
    std::string dataFingerprint = "Data fingerprint";
    std::string checkpoint = "Checkpoint";
    std::string checkpointHash = "Checkpoint SHA-256";
    std::string reproduce = "Reproduce with";
    std::string configAttached = "Config snapshot %1";
    std::string noEnvironment = "Environment";
    std::string noEnvironmentWhy = "the run recorded no start event (it never started training).";
    std::string provenanceOf = "Run %1";

    // Sweep reports.
    std::string sweepReportSubtitle = "Sweep report: %1";
    std::string searchSpace = "Search space";
    std::string bestTrials = "Best trials";
    std::string bestSoFar = "Best so far";
    std::string parallelCoordinates = "Parallel coordinates";
    std::string importance = "Parameter importance";
    std::string sweepDefinition = "Sweep definition";
    std::string sweep = "Sweep";
    std::string sweepId = "Sweep id";
    std::string created = "Created";
    std::string objective = "Objective";
    std::string objectiveText = "%1, %2 (%3)"; // metric, direction, at
    std::string minimize = "minimize";
    std::string maximize = "maximize";
    std::string atEnd = "its last value";
    std::string atBest = "its best value";
    std::string sampler = "Sampler";
    std::string pruner = "Pruner";
    std::string budget = "Trial budget";
    std::string trials = "Trials";
    std::string trialCounts = "%1 complete, %2 pruned, %3 failed, %4 infeasible, %5 running (%6 in all)";
    std::string bestTrialValue = "%1 (trial %2)";
    std::string trialsWallTime = "Wall time of the trials' runs";
    std::string parameter = "Parameter";
    std::string kind = "Kind";
    std::string values = "Values";
    std::string condition = "When";
    std::string trial = "Trial";
    std::string bestTrialsCaption = "The %1 best of %2 complete trials by %3";
    std::string noCompleteTrials = "Results";
    std::string noCompleteTrialsWhy = "no trial of this sweep has completed yet, so there is no best trial.";
    std::string trialObjective = "Trial objective";
    std::string bestSoFarNotes
        = "Each dot is a complete trial's objective; the line is the best value up to that trial.";
    std::string parallelNotes
        = "One line per complete trial through its parameters and objective; darker is better, the best trial in red. A dashed line passes a parameter the trial did not use.";
    std::string colourScale = "%1 (darker: better)";
    std::string trialLabel = "Trial %1";
    std::string importanceShare = "Importance";
    std::string importanceStddev = "Std. dev.";
    std::string importanceNotes
        = "fANOVA on a random forest of %1 complete trials: each parameter's share of the objective's variance.";
    std::string importanceNeeds = "needs at least %1 complete trials; this sweep has %2.";
    std::string importanceFailed = "the importance could not be computed: %1";
    std::string spaceYaml = "The search space as created";
    std::string reproduceSweep = "Reproduce the sweep with";
    std::string bestTrialRun = "Best trial's run";
};

// `text` with %1, %2, ... replaced by args (an absent argument leaves its %n).
std::string fillLabel(const std::string &text, const std::vector<std::string> &args);

// The ids of the sections, for toggles (templates, the GUI's dialog) and anchors.
namespace sections {
inline constexpr const char *kOverview = "overview";
inline constexpr const char *kNotes = "notes";
inline constexpr const char *kConfig = "config";
inline constexpr const char *kCurves = "curves";
inline constexpr const char *kMetrics = "metrics";
inline constexpr const char *kClassification = "classification";
inline constexpr const char *kAttention = "attention";
inline constexpr const char *kSystem = "system";
inline constexpr const char *kCheckpoints = "checkpoints";
inline constexpr const char *kExports = "exports";
inline constexpr const char *kAml = "aml";
inline constexpr const char *kProvenance = "provenance";
// A sweep report's own sections (with kOverview, kConfig and kProvenance above).
inline constexpr const char *kSearchSpace = "search-space";
inline constexpr const char *kBestTrials = "best-trials";
inline constexpr const char *kBestSoFar = "best-so-far";
inline constexpr const char *kParallel = "parallel-coordinates";
inline constexpr const char *kImportance = "importance";
// Every id above, in report order: what a template may name.
const std::vector<std::string> &all();
// The sections a report of `kind` (run, comparison, sweep) can have, in its order;
// throws std::invalid_argument for another kind.
const std::vector<std::string> &ofKind(const std::string &kind);
// The section's title in `labels` (the id itself for one it does not know).
std::string title(const ReportLabels &labels, const std::string &id);
} // namespace sections

} // namespace seekbench::projects::report
