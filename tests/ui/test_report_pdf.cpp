// The report PDF (issue 24): a real run trained by seekbench-cli, its report built from the
// store and drawn by writeReportPdf, then read back by poppler-utils the way a colleague's
// viewer would: pdfinfo (pages, paper size), pdftotext (the run, config keys, metric
// values; Chinese in a zh_CN report), pdffonts (the Chinese font embedded), pdftoppm (every
// page renders; page 1 kept as the test's artifact for review).

#include "poppler_support.h"
#include "reports/report_labels_tr.h"
#include "reports/report_pdf.h"
#include "shell/app_setup.h"
#include "tiny_run.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_builder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <filesystem>

using namespace seekbench;
using namespace seekbench::projects::report;

using namespace popplertest;

namespace {

// The final value of the run's first metric, as the report's metrics table shows it.
QString firstFinalValue(const Report &r)
{
    const Section *s = r.section(sections::kMetrics);
    if (!s)
        return {};
    for (const Block &b : s->blocks)
        if (const auto *t = std::get_if<Table>(&b); t && !t->rows.empty() && t->rows.front().size() > 1)
            return QString::fromStdString(t->rows.front()[1].text);
    return {};
}

} // namespace

class TestReportPdf : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project, m_runId;

    Report build(const std::vector<std::string> &runs = {}) const
    {
        const auto project = projects::Project::open(m_project.toStdString());
        ReportRequest request;
        request.runIds = runs.empty() ? std::vector<std::string>{m_runId.toStdString()} : runs;
        request.notes = "Checked by test_report_pdf.";
        return buildReport(project, request, ui::translatedReportLabels());
    }

    QString artifact(const QString &name) const
    {
        const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/report-pdf-artifacts");
        QDir().mkpath(dir);
        return dir + QLatin1Char('/') + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *t : {"pdfinfo", "pdftotext", "pdftoppm", "pdffonts"})
            QVERIFY2(!tool(t).isEmpty(), "poppler-utils is needed (scripts/test installs it)");
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("project"));
        m_runId = test::trainTinyRun(m_project, m_dir.path());
        QVERIFY2(!m_runId.isEmpty(), "the tiny run did not train");
    }

    void runReportA4()
    {
        const Report report = build();
        const QString pdf = m_dir.filePath(QStringLiteral("run-a4.pdf"));
        const int pages = ui::writeReportPdf(pdf, report);
        QCOMPARE(pdfPages(pdf), pages);
        QVERIFY(pages >= 2);
        const QString info = poppler("pdfinfo", {pdf});
        QVERIFY2(info.contains(QLatin1String("pts (A4)")), qPrintable(info));
        const QString text = poppler("pdftotext", {pdf, QStringLiteral("-")}).simplified();
        QVERIFY2(text.contains(m_runId), "the run id");
        for (const char *key : {"max_steps", "hidden_size", "warmup_steps"})
            QVERIFY2(text.contains(QLatin1String(key)), key);
        const QString value = firstFinalValue(report);
        QVERIFY(!value.isEmpty());
        QVERIFY2(text.contains(value), qPrintable(QStringLiteral("the metric value %1").arg(value)));
        QVERIFY(text.contains(QLatin1String("Provenance")));
        QVERIFY2(text.contains(QLatin1String("seekbench-cli train --config")),
                 qPrintable(text.mid(text.indexOf(QLatin1String("Reproduce")), 300)));
        // Every page renders; page 1 is kept for review.
        const QString prefix = m_dir.filePath(QStringLiteral("page"));
        poppler("pdftoppm", {QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"), pdf, prefix});
        const QStringList rendered
            = QDir(m_dir.path()).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(rendered.size(), pages);
        QFile::remove(artifact(QStringLiteral("run-a4-page1.png")));
        QVERIFY(QFile::copy(m_dir.filePath(rendered.first()), artifact(QStringLiteral("run-a4-page1.png"))));
        // The preview draws the same pages.
        const QList<QImage> preview = ui::renderReportPages(report, {}, 1.0);
        QCOMPARE(preview.size(), pages);
        QCOMPARE(preview.first().size(), QSize(595, 842));
        // Page numbers: "n / N" at the foot of every page (pdftotext may drop the spaces).
        for (int page : {1, pages})
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\b%1 ?/ ?%2\\b").arg(page).arg(pages))),
                     qPrintable(QStringLiteral("page %1 of %2").arg(page).arg(pages)));
    }

    void letterPaper()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("run-letter.pdf"));
        ui::ReportPdfOptions options;
        options.pageSize = QPageSize::Letter;
        QVERIFY(ui::writeReportPdf(pdf, build(), options) >= 1);
        const QString info = poppler("pdfinfo", {pdf});
        QVERIFY2(info.contains(QLatin1String("612 x 792 pts (letter)")), qPrintable(info));
    }

    void comparisonOfTwoRuns()
    {
        QCOMPARE(test::runCli({QStringLiteral("train"), QStringLiteral("--config"),
                               m_dir.filePath(QStringLiteral("tiny.yaml")), QStringLiteral("--project"), m_project,
                               QStringLiteral("--name"), QStringLiteral("second")}),
                 0);
        const QStringList runs
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(runs.size(), 2);
        const Report report = build({runs[0].toStdString(), runs[1].toStdString()});
        QCOMPARE(report.kind, std::string("comparison"));
        const QString pdf = m_dir.filePath(QStringLiteral("comparison.pdf"));
        const int pages = ui::writeReportPdf(pdf, report);
        QCOMPARE(pdfPages(pdf), pages);
        const QString text = poppler("pdftotext", {pdf, QStringLiteral("-")}).simplified();
        QVERIFY(text.contains(runs[0]) && text.contains(runs[1]));
        QVERIFY(text.contains(QLatin1String("second")));
    }

    void missingCheckpointStillRenders()
    {
        QTemporaryDir copy;
        const QString project = copy.filePath(QStringLiteral("p"));
        const QString run = test::trainTinyRun(project, copy.path());
        QVERIFY(!run.isEmpty());
        const QDir checkpoints(project + QStringLiteral("/runs/") + run + QStringLiteral("/checkpoints"));
        for (const QString &f : checkpoints.entryList(QDir::Files))
            QVERIFY(QFile::remove(checkpoints.filePath(f)));
        const auto p = projects::Project::open(project.toStdString());
        ReportRequest request;
        request.runIds = {run.toStdString()};
        const QString pdf = copy.filePath(QStringLiteral("missing.pdf"));
        QVERIFY(ui::writeReportPdf(pdf, buildReport(p, request, ui::translatedReportLabels())) >= 1);
        const QString text = poppler("pdftotext", {pdf, QStringLiteral("-")}).simplified();
        QVERIFY2(text.simplified().contains(QLatin1String("not in the project folder")), qPrintable(text));
    }

    void unwritableFileAndBadLogoAreNamed()
    {
        const Report report = build();
        const QString file = m_dir.filePath(QStringLiteral("no-such-folder/r.pdf"));
        try {
            ui::writeReportPdf(file, report);
            QFAIL("wrote into a missing folder");
        } catch (const std::runtime_error &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(file));
        }
        const QString logo = m_dir.filePath(QStringLiteral("logo.png"));
        QFile bad(logo);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a picture");
        bad.close();
        ui::ReportPdfOptions options;
        options.logoFile = logo;
        try {
            ui::writeReportPdf(m_dir.filePath(QStringLiteral("logo.pdf")), report, options);
            QFAIL("accepted a logo that is no image");
        } catch (const std::runtime_error &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(logo));
        }
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("logo.pdf"))));
    }

    // Last: it installs the Chinese translator for the rest of the process.
    void chineseReport()
    {
        QVERIFY(ui::AppSetup::installTranslator(QStringLiteral("zh_CN")));
        const Report report = build();
        QCOMPARE(report.language, std::string("zh_CN"));
        const QString pdf = m_dir.filePath(QStringLiteral("run-zh.pdf"));
        const int pages = ui::writeReportPdf(pdf, report);
        QCOMPARE(pdfPages(pdf), pages);
        const QString text = poppler("pdftotext", {pdf, QStringLiteral("-")}).simplified();
        for (const QString &zh :
             {QStringLiteral("概览"), QStringLiteral("配置"), QStringLiteral("来源与复现"), QStringLiteral("目录")})
            QVERIFY2(text.contains(zh), qPrintable(zh));
        QVERIFY(text.contains(m_runId));
        const QString fonts = poppler("pdffonts", {pdf});
        bool embeddedChinese = false;
        for (const QString &line : fonts.split(QLatin1Char('\n')))
            if (line.contains(QLatin1String("WenQuanYi")) && line.contains(QLatin1String(" yes ")))
                embeddedChinese = true;
        QVERIFY2(embeddedChinese, qPrintable(fonts));
        poppler("pdftoppm", {QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"), QStringLiteral("-f"),
                             QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), pdf,
                             m_dir.filePath(QStringLiteral("zh"))});
        const QStringList rendered = QDir(m_dir.path()).entryList({QStringLiteral("zh-*.png")}, QDir::Files);
        QCOMPARE(rendered.size(), 1);
        QFile::remove(artifact(QStringLiteral("run-zh_CN-page1.png")));
        QVERIFY(QFile::copy(m_dir.filePath(rendered.first()), artifact(QStringLiteral("run-zh_CN-page1.png"))));
    }
};

QTEST_MAIN(TestReportPdf)
#include "test_report_pdf.moc"
