#pragma once

// What the report dialog does besides showing its form: the output file's suffix for a
// format, and the save itself (run off the GUI thread): the report built from
// the store and written as PDF or HTML and recorded in the project, then the project's
// report template.

#include "reports/report_pdf.h"

#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"
#include "seekbench/projects/report/sweep_report.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// What a report is of: runs (a run report, or a comparison of several), or a sweep when
// `sweep` is set (`runs` is then unused). The preview and the save build from it alike.
struct ReportSubject
{
    projects::report::ReportRequest runs;
    std::optional<projects::report::SweepReportRequest> sweep;
};

// The report of `subject`: buildSweepReport for a sweep, buildReport for runs. Throws as
// they do.
projects::report::Report buildReportOf(const projects::Project &project, const ReportSubject &subject,
                                       const projects::report::ReportLabels &labels);

struct ReportSaveResult
{
    QString file, error, templateError;
    QString recordError; // the file is written but not recorded in the project's store
    int pages = 0;       // PDF only
};

// `file` with the suffix of its format: .html (or .htm, kept) or .pdf; "" stays "".
QString withReportSuffix(const QString &file, bool html);

// Builds the report of `subject` and writes it to `file` (PDF with `options`, or HTML); on success,
// writes `templateYaml` to `templateFile` unless it is empty. Errors are returned, never
// thrown: the report's names the file, the template's is separate.
ReportSaveResult writeReportFiles(std::shared_ptr<const projects::Project> project, const ReportSubject &subject,
                                  const projects::report::ReportLabels &labels, const ReportPdfOptions &options,
                                  bool html, const QString &file, const QString &templateFile,
                                  const QByteArray &templateYaml);

} // namespace seekbench::ui
