#include "aml/aml_report_writer.h"

#include "aml/aml_case_labels_tr.h"
#include "reports/report_pdf.h"

#include "seekbench/projects/report/aml_case_document.h"
#include "seekbench/projects/report/report_html.h"

#include <QDir>
#include <QFileInfo>

namespace seekbench::ui {

QString AmlReportWriter::checkTarget(const QString &path, const QString &suffix)
{
    if (path.trimmed().isEmpty())
        return tr("No file chosen for the report.");
    const QFileInfo info(path);
    if (info.suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        return tr("The report %1 must end in .%2.").arg(QDir::toNativeSeparators(path), suffix);
    const QFileInfo dir(info.absolutePath());
    if (!dir.isDir())
        return tr("Cannot write the report %1: the folder %2 does not exist.")
            .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(info.absolutePath()));
    if (!dir.isWritable() || (info.exists() && !info.isWritable()))
        return tr("Cannot write the report %1: permission denied.").arg(QDir::toNativeSeparators(path));
    return {};
}

projects::report::Report AmlReportWriter::document(const projects::AmlCase &c)
{
    return projects::report::buildAmlCaseReport(c, translatedAmlCaseLabels());
}

QString AmlReportWriter::writeHtml(const projects::AmlCase &c, const QString &path)
{
    if (QString e = checkTarget(path, QStringLiteral("html")); !e.isEmpty())
        return e;
    try {
        projects::report::writeReportHtml(path.toStdString(), document(c));
    } catch (const std::exception &e) {
        return tr("Cannot write the report: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

QString AmlReportWriter::writePdf(const projects::AmlCase &c, const QString &path)
{
    if (QString e = checkTarget(path, QStringLiteral("pdf")); !e.isEmpty())
        return e;
    try {
        writeReportPdf(path, document(c));
    } catch (const std::exception &e) {
        return tr("Cannot write the report: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

} // namespace seekbench::ui
