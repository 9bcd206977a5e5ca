#pragma once

// What the report dialog does besides showing its form: which section toggles apply to a
// run report or a comparison, their titles in the interface language, the output file's
// suffix for a format, and the save itself (run off the GUI thread): the report built from
// the store and written as PDF or HTML, then the project's report template.

#include "reports/report_pdf.h"

#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

struct ReportSaveResult
{
    QString file, error, templateError;
    int pages = 0; // PDF only
};

// Whether section `id` can appear in a run report (comparison false) or a comparison: a
// sweep report's own sections never do.
bool reportSectionApplies(const std::string &id, bool comparison);
// The section's title from `labels` (the id itself for one it does not know).
QString reportSectionTitle(const projects::report::ReportLabels &labels, const std::string &id);
// `file` with the suffix of its format: .html (or .htm, kept) or .pdf; "" stays "".
QString withReportSuffix(const QString &file, bool html);

// Builds the report and writes it to `file` (PDF with `options`, or HTML); on success,
// writes `templateYaml` to `templateFile` unless it is empty. Errors are returned, never
// thrown: the report's names the file, the template's is separate.
ReportSaveResult writeReportFiles(std::shared_ptr<const projects::Project> project,
                                  const projects::report::ReportRequest &request,
                                  const projects::report::ReportLabels &labels, const ReportPdfOptions &options,
                                  bool html, const QString &file, const QString &templateFile,
                                  const QByteArray &templateYaml);

} // namespace seekbench::ui
