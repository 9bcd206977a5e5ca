#pragma once

// A maintenance case (an alert's or a machine's, pdm_case.h) as a report document (kind
// "pdm_case"), so `seekbench-cli pdm report` (HTML, report_html.h) and the desktop (HTML and
// PDF, ui/src/reports/report_pdf.h) print one document and never disagree.

#include "seekbench/projects/report/pdm_case_labels.h"
#include "seekbench/projects/report/report.h"

namespace seekbench::projects {
struct PdmCase;
}

namespace seekbench::projects::report {

// The sections of a maintenance case report, in report order.
namespace pdmcase {
inline constexpr const char *kOverview = "overview";
inline constexpr const char *kAlert = "alert";
inline constexpr const char *kWhy = "why";
inline constexpr const char *kHealth = "health";
inline constexpr const char *kCharts = "charts";
inline constexpr const char *kLog = "maintenance-log";
inline constexpr const char *kOtherAlerts = "other-alerts";
inline constexpr const char *kAction = "action";
inline constexpr const char *kProvenance = "provenance";
} // namespace pdmcase

// In the order a maintenance engineer reads it: the case overview (project, run, fleet,
// machine and its split, when written), the alert and its outcome (or a note that there is
// none), why the model alerted (XGBoost contributions, sensor and temporal attention), the
// machine's health now, its scores over time and the most-attended sensor's readings
// (charts), its maintenance log and failures, its other alerts, a recommended action built
// from these numbers, and the provenance.
Report buildPdmCaseReport(const PdmCase &c, const PdmCaseLabels &labels = {});

} // namespace seekbench::projects::report
