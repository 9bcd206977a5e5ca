#pragma once

// An AML case (an alert's or an account's, aml_case_report.h) as a report document (kind
// "aml_case"), so `seekbench-cli aml report` (HTML, report_html.h) and the desktop case
// view (HTML and PDF, ui/src/reports/report_pdf.h) print one document and never disagree.

#include "seekbench/projects/report/aml_case_labels.h"
#include "seekbench/projects/report/report.h"

namespace seekbench::projects {
struct AmlCase;
}

namespace seekbench::projects::report {

// The sections of a case report, in report order.
namespace amlcase {
inline constexpr const char *kOverview = "overview";
inline constexpr const char *kAlert = "alert";
inline constexpr const char *kAccount = "account";
inline constexpr const char *kAccountAlerts = "account-alerts";
inline constexpr const char *kTransactions = "transactions";
inline constexpr const char *kChains = "chains";
inline constexpr const char *kNotes = "notes";
inline constexpr const char *kProvenance = "provenance";
} // namespace amlcase

// The case overview, the alert and its reasons (or a note that there is none), the
// account and its score, the account's alerts, its transactions over time (a chart) and
// as a table with their scores, the traced chains as text, the analyst's notes, and the
// provenance: this build, when and where the report was written, the run it came from.
Report buildAmlCaseReport(const AmlCase &c, const AmlCaseLabels &labels = {});

} // namespace seekbench::projects::report
