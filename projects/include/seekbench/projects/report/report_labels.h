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

    // Provenance.
    std::string seekbenchVersion = "Seekbench";
    std::string generatedAt = "Generated";
    std::string generatedOn = "Generated on";
    std::string torchVersion = "LibTorch";
    std::string os = "OS";
    std::string threads = "Threads";
    std::string cores = "Cores";
    std::string device = "Device";
    std::string precisionMode = "Precision";
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
inline constexpr const char *kSystem = "system";
inline constexpr const char *kCheckpoints = "checkpoints";
inline constexpr const char *kExports = "exports";
inline constexpr const char *kAml = "aml";
inline constexpr const char *kProvenance = "provenance";
// Every id above, in report order.
const std::vector<std::string> &all();
} // namespace sections

} // namespace seekbench::projects::report
