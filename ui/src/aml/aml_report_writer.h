#pragma once

#include "aml/aml_case_loader.h"

#include <QCoreApplication>
#include <QString>

namespace seekbench::ui {

// The case report as files: HTML (the engine's builder in projects, the same as
// `seekbench-cli aml report`) and PDF (QPdfWriter: vector charts and text, A4). Page 1:
// the account, the score with its reasons and the analyst's notes; page 2: the activity
// chart and the transactions over time; then the traced chains and the transactions.
class AmlReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(AmlReportWriter)
public:
    // Each returns an empty string on success, else a message naming the file and the problem.
    static QString writeHtml(const AmlCaseData &data, const QString &path);
    static QString writePdf(const AmlCaseData &data, const QString &path);

private:
    static QString checkTarget(const QString &path, const QString &suffix);
};

} // namespace seekbench::ui
