#pragma once

#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/report/report.h"

#include <QCoreApplication>
#include <QString>

namespace seekbench::ui {

// The case report as files, in the interface language: one report document
// (projects/report/aml_case_document.h, the same as `seekbench-cli aml report` writes)
// rendered by the report machinery as HTML (writeReportHtml) or PDF (writeReportPdf), so
// the two formats never disagree.
class AmlReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(AmlReportWriter)
public:
    // The case's document with the interface language's labels.
    static projects::report::Report document(const projects::AmlCase &c);
    // Each returns an empty string on success, else a message naming the file and the problem.
    static QString writeHtml(const projects::AmlCase &c, const QString &path);
    static QString writePdf(const projects::AmlCase &c, const QString &path);

private:
    static QString checkTarget(const QString &path, const QString &suffix);
};

} // namespace seekbench::ui
