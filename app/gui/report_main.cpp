// seekbench-report: the report renderer with Qt, for `seekbench-cli report` when the report
// is a PDF or is wanted in Chinese (the CLI itself has no Qt). seekbench-cli checks the
// options and applies the template, then runs this with the resolved request; the
// document is built by projects/report and drawn by ui/src/reports (report_pdf.h), the
// same code as the desktop application's Report dialog. Errors use seekbench-cli's style
// and exit codes (2 bad input, 3 failure).
//   seekbench-report --project DIR --out FILE.pdf|FILE.html (--run ID [--run ID...] | --sweep ID [--top N])
//                    [--baseline ID] [--title T] [--notes T] [--hide SECTION...] [--buckets N]
//                    [--paper a4|letter] [--language en|zh_CN] [--logo FILE] [--command TEXT]
// The written report is recorded in the project (report_store.h) with --command.

#include "reports/report_labels_tr.h"
#include "reports/report_pdf.h"
#include "shell/app_setup.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/report/sweep_report.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace {

int fail(int code, const std::string &message)
{
    std::fprintf(stderr, "seekbench-cli report: %s\n", message.c_str());
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // a renderer needs no display
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const auto option = [&parser](const char *name, const char *value) {
        QCommandLineOption o(QString::fromLatin1(name), QString(), QString::fromLatin1(value));
        parser.addOption(o);
        return o;
    };
    const auto project = option("project", "DIR"), out = option("out", "FILE"), run = option("run", "ID"),
               baseline = option("baseline", "ID"), title = option("title", "T"), notes = option("notes", "T"),
               hide = option("hide", "SECTION"), buckets = option("buckets", "N"), paper = option("paper", "P"),
               language = option("language", "L"), logo = option("logo", "FILE"), sweep = option("sweep", "ID"),
               top = option("top", "N"), command = option("command", "TEXT");
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(2, parser.errorText().toStdString());
    if (!parser.isSet(project) || !parser.isSet(out) || parser.isSet(run) == parser.isSet(sweep))
        return fail(2, "seekbench-report needs --project, --out and either --run or --sweep");

    namespace report = seekbench::projects::report;
    const QString lang = parser.value(language);
    if (!lang.isEmpty() && lang != QLatin1String("en") && lang != QLatin1String("zh_CN"))
        return fail(2, "--language " + lang.toStdString() + ": en or zh_CN");
    seekbench::ui::AppSetup::installTranslator(lang.isEmpty() ? QStringLiteral("en") : lang);

    report::ReportRequest request;
    for (const QString &id : parser.values(run))
        request.runIds.push_back(id.toStdString());
    request.baselineId = parser.value(baseline).toStdString();
    request.title = parser.value(title).toStdString();
    request.notes = parser.value(notes).toStdString();
    for (const QString &id : parser.values(hide))
        request.sections[id.toStdString()] = false;
    if (parser.isSet(buckets))
        request.chartBuckets = parser.value(buckets).toInt();
    report::SweepReportRequest sweepRequest;
    if (parser.isSet(sweep)) {
        sweepRequest.sweepId = parser.value(sweep).toStdString();
        bool ok = true;
        if (parser.isSet(top))
            sweepRequest.topTrials = parser.value(top).toInt(&ok);
        if (!ok)
            return fail(2, "--top " + parser.value(top).toStdString() + ": a whole number");
        sweepRequest.title = request.title;
        sweepRequest.notes = request.notes;
        sweepRequest.sections = request.sections;
    }
    seekbench::ui::ReportPdfOptions pdf;
    pdf.pageSize = parser.value(paper) == QLatin1String("letter") ? QPageSize::Letter : QPageSize::A4;
    pdf.logoFile = parser.value(logo);
    const QString file = parser.value(out);
    try {
        seekbench::projects::Project::OpenOptions options;
        options.markStaleRuns = false; // reads, and records the report (report_store.h)
        const auto p = seekbench::projects::Project::open(parser.value(project).toStdString(), options);
        const auto labels = seekbench::ui::translatedReportLabels();
        const report::Report doc = parser.isSet(sweep) ? report::buildSweepReport(p, sweepRequest, labels)
                                                       : report::buildReport(p, request, labels);
        if (QFileInfo(file).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0) {
            const int pages = seekbench::ui::writeReportPdf(file, doc, pdf);
            std::printf("wrote %s report %s (%lld bytes, %d pages)\n", doc.kind.c_str(), qPrintable(file),
                        static_cast<long long>(QFileInfo(file).size()), pages);
        } else {
            report::writeReportHtml(file.toStdString(), doc);
            std::printf("wrote %s report %s (%lld bytes, %zu sections)\n", doc.kind.c_str(), qPrintable(file),
                        static_cast<long long>(QFileInfo(file).size()), doc.sections.size());
        }
        if (const std::string why = report::tryRecordReportFile(p, doc, file.toStdString(), request.runIds,
                                                                sweepRequest.sweepId,
                                                                parser.value(command).toStdString());
            !why.empty())
            std::fprintf(stderr,
                         "seekbench-cli report: note: the report is written but not recorded in the project: %s\n",
                         why.c_str());
    } catch (const seekbench::projects::ProjectError &e) {
        return fail(e.exitCode(), e.what());
    } catch (const std::invalid_argument &e) {
        return fail(2, e.what());
    } catch (const std::exception &e) {
        return fail(3, e.what());
    }
    return 0;
}
