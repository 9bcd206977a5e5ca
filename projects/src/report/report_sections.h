#pragma once

// The sections run and comparison reports share, and the formatting of their numbers.
// Private to projects/src/report.

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"
#include "seekbench/projects/run_record.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
class RunStore;
} // namespace seekbench::projects

namespace seekbench::projects::report::detail {

std::string number(double v);             // "%.6g"
std::string signedNumber(double v);       // "%+.4g"
std::string integer(std::int64_t v);      // "1234567"
std::string fixed1(double v);             // "83.3"
std::string utcTime(double epochSeconds); // "2026-12-04 20:49:09 UTC"
std::string duration(double seconds);     // "1:02:03"
std::string byteSize(double bytes);       // "1.5 GiB"
std::string statusName(const RunRecord &r, const ReportLabels &l);
// The run's wall time over all attempts: first start to end (or last heartbeat).
std::optional<double> wallSeconds(const RunRecord &r, const std::vector<AttemptRecord> &attempts);

// Curve keys in reading order: losses, eval/*, learning rate, gradient norm, throughput,
// memory, then the rest by name.
std::vector<std::string> orderedKeys(std::vector<std::string> keys);
ChartSeries seriesOf(const DecimatedCurve &curve, const std::string &name, int colorIndex);
Chart chartOf(const std::string &key, std::vector<ChartSeries> series, const ReportLabels &l);

// The run's checkpoints or model exports, each file checked against its recorded SHA-256:
// a table, then one MissingNotice per absent or changed file.
std::vector<Block> artifactBlocks(const Project &project, const std::vector<ArtifactRecord> &artifacts, bool withFormat,
                                  const std::string &noticeLabel, const ReportLabels &l);
// Files under `dir` (inside the project) that no artifact records, with their size and
// SHA-256; nullopt when there are none.
std::optional<Table> unrecordedFiles(const Project &project, const std::filesystem::path &dir,
                                     const std::vector<ArtifactRecord> &recorded, const ReportLabels &l);
Section systemSection(RunStore &store, const RunRecord &r, const std::vector<AttemptRecord> &attempts,
                      const ReportLabels &l);
// AML outputs of the run (evaluations, PR curves, operating points, alert statistics);
// nullopt when it has none.
std::optional<Section> amlSection(const Project &project, const std::string &runId, const ReportLabels &l);
// The confusion matrix a classification run wrote into its folder (eval/confusion.json, and
// the best evaluation's when that was another), with per-class precision, recall, F1 and
// support; a MissingNotice naming a damaged file; nullopt when the run wrote none.
std::optional<Section> classificationSection(const Project &project, const std::string &runId, const ReportLabels &l);

// The attention examples a cross-modal or image-only run wrote (kAttentionExamplesFile),
// each drawn with the inspector's overlay, with how much of the attention lands on the
// object; a MissingNotice when such a run has none or a damaged file; nullopt for a run
// of another model that has none.
std::optional<Section> attentionSection(const Project &project, const RunRecord &r, const ReportLabels &l);

// The runs of a request, in its order; throws ProjectError(NotFound) naming an unknown id.
std::vector<RunRecord> requestedRuns(const Project &project, RunStore &store, const ReportRequest &request);

} // namespace seekbench::projects::report::detail
