#include "reports/report_writing.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_html.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace seekbench::ui {

namespace report = projects::report;

// The sections of run_report.cpp and of comparison_report.cpp.
bool reportSectionApplies(const std::string &id, bool comparison)
{
    namespace s = report::sections;
    static const std::vector<std::string> run = {s::kOverview, s::kNotes,       s::kConfig,
                                                 s::kCurves,   s::kMetrics,     s::kClassification,
                                                 s::kSystem,   s::kCheckpoints, s::kExports,
                                                 s::kAml,      s::kProvenance};
    static const std::vector<std::string> compared = {s::kOverview, s::kConfig, s::kCurves, s::kMetrics, s::kProvenance};
    const auto &ids = comparison ? compared : run;
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

QString reportSectionTitle(const report::ReportLabels &l, const std::string &id)
{
    namespace s = report::sections;
    const std::string &title = id == s::kOverview         ? l.overview
                               : id == s::kNotes          ? l.notes
                               : id == s::kConfig         ? l.config
                               : id == s::kCurves         ? l.curves
                               : id == s::kMetrics        ? l.metrics
                               : id == s::kClassification ? l.classification
                               : id == s::kSystem         ? l.system
                               : id == s::kCheckpoints    ? l.checkpoints
                               : id == s::kExports        ? l.exports
                               : id == s::kAml            ? l.aml
                               : id == s::kProvenance     ? l.provenance
                                                          : id;
    return QString::fromStdString(title);
}

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

ReportSaveResult writeReportFiles(std::shared_ptr<const projects::Project> project,
                                  const report::ReportRequest &request, const report::ReportLabels &labels,
                                  const ReportPdfOptions &options, bool html, const QString &file,
                                  const QString &templateFile, const QByteArray &templateYaml)
{
    ReportSaveResult r;
    r.file = file;
    try {
        const report::Report doc = report::buildReport(*project, request, labels);
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (html)
            report::writeReportHtml(file.toStdString(), doc);
        else
            r.pages = writeReportPdf(file, doc, options);
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
