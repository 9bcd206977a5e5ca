#include "pdm/pdm_report_writer.h"

#include "pdm/pdm_case_labels_tr.h"
#include "reports/report_pdf.h"

#include "seekbench/projects/report/pdm_case_document.h"
#include "seekbench/projects/report/report_html.h"

#include <QDir>
#include <QFileInfo>

#include <stdexcept>

namespace seekbench::ui {

QString PdmReportWriter::write(const projects::Project &project, const projects::PdmCaseRequest &request,
                               const QString &path)
{
    if (path.trimmed().isEmpty())
        return tr("No file chosen for the report.");
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    const bool pdf = suffix == QLatin1String("pdf");
    if (!pdf && suffix != QLatin1String("html") && suffix != QLatin1String("htm"))
        return tr("The report %1 must end in .html or .pdf.").arg(shown);
    const QFileInfo dir(info.absolutePath());
    if (!dir.isDir())
        return tr("Cannot write the report %1: the folder %2 does not exist.")
            .arg(shown, QDir::toNativeSeparators(info.absolutePath()));
    if (!dir.isWritable() || (info.exists() && !info.isWritable()))
        return tr("Cannot write the report %1: permission denied.").arg(shown);

    projects::report::Report report;
    try {
        report = projects::report::buildPdmCaseReport(projects::loadPdmCase(project, request),
                                                      translatedPdmCaseLabels());
    } catch (const std::exception &e) {
        return tr("Cannot make the report %1: %2").arg(shown, QString::fromUtf8(e.what()));
    }
    try {
        if (pdf)
            writeReportPdf(path, report);
        else
            projects::report::writeReportHtml(path.toStdString(), report);
    } catch (const std::exception &e) {
        return tr("Cannot write the report %1: %2").arg(shown, QString::fromUtf8(e.what()));
    }
    return {};
}

} // namespace seekbench::ui
