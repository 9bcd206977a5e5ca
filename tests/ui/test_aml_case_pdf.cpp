// The AML case report as the desktop writes it (issue 24): the case's report document,
// drawn by the report machinery's writeReportPdf and read back with poppler-utils the way
// a colleague's viewer would (pdfinfo: pages; pdftotext: the alert, the account, a reason
// code, the chain's arrow, the notes; pdffonts: the Chinese font embedded), and its HTML
// from the same document, checked by a real parser.

#include "aml/aml_report_writer.h"
#include "aml_case_fixture.h"
#include "poppler_support.h"
#include "report_test_support.h"
#include "reports/report_pdf.h"

#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/report/aml_case_document.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace seekbench;
using namespace seekbench::projects;

using namespace popplertest;

namespace {} // namespace

class TestAmlCasePdf : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    AmlCase alertCase(const std::string &notes)
    {
        Project p = amlfixture::makeAmlProject(std::filesystem::path(m_dir.path().toStdString())
                                               / ("p" + std::to_string(m_n++)));
        AmlCaseStore(p).setNotes(1, notes);
        AmlCaseRequest r;
        r.alertId = 1;
        return loadAmlCase(p, r);
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *t : {"pdfinfo", "pdftotext", "pdffonts"})
            QVERIFY2(!tool(t).isEmpty(), "poppler-utils is needed (scripts/test installs it)");
        QVERIFY(m_dir.isValid());
    }

    void alertCasePdf()
    {
        const AmlCase c = alertCase("Escalate to the FIU");
        const QString pdf = m_dir.filePath(QStringLiteral("case-1.pdf"));
        QCOMPARE(ui::AmlReportWriter::writePdf(c, pdf), QString());
        const int pages = pdfPages(pdf);
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
        // The preview and the file are drawn by the same code from the same document.
        QCOMPARE(int(ui::renderReportPages(ui::AmlReportWriter::document(c)).size()), pages);
        // -layout keeps a key beside its value ("Name   A").
        const QString text = poppler("pdftotext", {QStringLiteral("-layout"), pdf, QStringLiteral("-")}).simplified();
        QVERIFY2(text.contains(QLatin1String("Case report: alert #1")), qPrintable(text.left(400)));
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\bName A\\b"))), qPrintable(text.left(1200)));
        QVERIFY(text.contains(QLatin1String("VELOCITY")));     // a reason code
        QVERIFY(text.contains(QLatin1String("Score 0.9700"))); // the alert's score
        QVERIFY2(text.contains(QStringLiteral("A → B")), "the chain's arrow, as text");
        QVERIFY(text.contains(QLatin1String("Escalate to the FIU"))); // the analyst's notes
        QVERIFY(text.contains(QLatin1String("Traced fund chains")));
        QVERIFY(text.contains(QLatin1String("Provenance")));
        QVERIFY(text.contains(QLatin1String(amlfixture::kRun)));
        // Page numbers at every page's foot: the machinery's, not a case report's own.
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\b%1 ?/ ?%1\\b").arg(pages))));
        // Kept beside the test for review, as test_report_pdf keeps its pages.
        const QString kept = QCoreApplication::applicationDirPath() + QStringLiteral("/aml-case-pdf-artifacts");
        QDir().mkpath(kept);
        QFile::remove(kept + QStringLiteral("/case-1.pdf"));
        QVERIFY(QFile::copy(pdf, kept + QStringLiteral("/case-1.pdf")));
    }

    // The same document as HTML: self-contained, parsed by a real parser, the same words.
    void alertCaseHtml()
    {
        const AmlCase c = alertCase("<i>call the bank</i>");
        const QString html = m_dir.filePath(QStringLiteral("case-1.html"));
        QCOMPARE(ui::AmlReportWriter::writeHtml(c, html), QString());
        const QString out = testsupport::checkHtml(html.toStdString(),
                                                   {QStringLiteral("Case report: alert #1"),
                                                    QStringLiteral("VELOCITY: out_24h=3"), QStringLiteral("A → B"),
                                                    QStringLiteral("<i>call the bank</i>")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    void refusedTargets()
    {
        const AmlCase c = alertCase({});
        QVERIFY(ui::AmlReportWriter::writePdf(c, m_dir.filePath(QStringLiteral("case.html")))
                    .contains(QLatin1String("must end in .pdf")));
        QVERIFY(ui::AmlReportWriter::writeHtml(c, QStringLiteral("/nonexistent-seekbench/case.html"))
                    .contains(QLatin1String("/nonexistent-seekbench")));
    }

    // A Chinese report (the labels a zh_CN interface fills): the Chinese words come out as
    // text, with the Chinese font embedded.
    void chineseCasePdf()
    {
        const AmlCase c = alertCase("已上报");
        projects::report::AmlCaseLabels l;
        l.language = "zh_CN";
        l.alertTitle = "案件报告：预警 #%1";
        l.chains = "追踪到的资金链";
        l.hop = "→ %1（%2，+%3 小时，%4 %）";
        const QString pdf = m_dir.filePath(QStringLiteral("case-zh.pdf"));
        QVERIFY(ui::writeReportPdf(pdf, projects::report::buildAmlCaseReport(c, l)) >= 2);
        const QString text = poppler("pdftotext", {pdf, QStringLiteral("-")}).simplified();
        for (const QString &zh : {QStringLiteral("案件报告：预警 #1"), QStringLiteral("追踪到的资金链"),
                                  QStringLiteral("已上报"), QStringLiteral("A → B（10000.00")})
            QVERIFY2(text.contains(zh), qPrintable(zh));
        bool embeddedChinese = false;
        for (const QString &line : poppler("pdffonts", {pdf}).split(QLatin1Char('\n')))
            embeddedChinese = embeddedChinese
                              || (line.contains(QLatin1String("WenQuanYi")) && line.contains(QLatin1String(" yes ")));
        QVERIFY(embeddedChinese);
    }
};

QTEST_MAIN(TestAmlCasePdf)
#include "test_aml_case_pdf.moc"
