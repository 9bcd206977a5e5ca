#include "reports/report_writing.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_store.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace seekbench::ui {

namespace report = projects::report;

QString withReportSuffix(const QString &file, bool html)
{
    if (file.isEmpty())
        return file;
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (html ? (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) : suffix == QLatin1String("pdf"))
        return file;
    const bool known = suffix == QLatin1String("pdf") || suffix == QLatin1String("html")
                       || suffix == QLatin1String("htm");
    const QString stem = known ? file.left(file.size() - suffix.size() - 1) : file;
    return stem + (html ? QStringLiteral(".html") : QStringLiteral(".pdf"));
}

report::Report buildReportOf(const projects::Project &project, const ReportSubject &subject,
                             const report::ReportLabels &labels)
{
    if (subject.sweep)
        return report::buildSweepReport(project, *subject.sweep, labels);
    return report::buildReport(project, subject.runs, labels);
}

ReportSaveResult writeReportFiles(std::shared_ptr<const projects::Project> project, const ReportSubject &subject,
                                  const report::ReportLabels &labels, const ReportPdfOptions &options, bool html,
                                  const QString &file, const QString &templateFile, const QByteArray &templateYaml)
{
    ReportSaveResult r;
    r.file = file;
    try {
        const report::Report doc = buildReportOf(*project, subject, labels);
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (html)
            report::writeReportHtml(file.toStdString(), doc);
        else
            r.pages = writeReportPdf(file, doc, options);
        // The Reports panel lists it from the store; a project this user cannot write keeps
        // the file unrecorded (the panel still lists the files of reports/).
        if (!project->isWriteProtected()) {
            try {
                // A sweep's report covers the sweep, not runs (as the CLI records it).
                if (subject.sweep)
                    report::recordReportFile(*project, doc, file.toStdString(), {}, subject.sweep->sweepId);
                else
                    report::recordReportFile(*project, doc, file.toStdString(), subject.runs.runIds);
            } catch (const std::exception &e) {
                r.recordError = QString::fromUtf8(e.what());
            }
        }
    } catch (const std::exception &e) {
        r.error = QString::fromUtf8(e.what());
        return r;
    }
    if (templateYaml.isEmpty())
        return r;
    QDir().mkpath(QFileInfo(templateFile).absolutePath());
    QSaveFile out(templateFile);
    if (!out.open(QIODevice::WriteOnly) || out.write(templateYaml) != templateYaml.size() || !out.commit())
        r.templateError = out.errorString();
    return r;
}

} // namespace seekbench::ui
