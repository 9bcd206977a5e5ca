// The AML case report as a report document (issue 24): every section the case HTML
// showed, as the report machinery's blocks; the words from AmlCaseLabels only; the HTML
// written by writeReportHtml, read back by a real parser (tests/projects/check_report_html.py).

#include "aml_case_fixture.h"
#include "report_test_support.h"
#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/report/aml_case_document.h"
#include "seekbench/projects/report/report_html.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

using namespace seekbench::projects;

namespace {

bool hasItem(const report::KeyValueList &kv, const std::string &key, const std::string &value)
{
    for (const auto &i : kv.items)
        if (i.key == key && i.value == value)
            return true;
    return false;
}

std::string readFile(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

class TestAmlCaseDocument : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    Project project()
    {
        return amlfixture::makeAmlProject(std::filesystem::path(m_tmp.path().toStdString())
                                          / ("p" + std::to_string(m_n++)));
    }

private Q_SLOTS:
    // The case as a report document: every section the case HTML showed, the chains'
    // arrows as text, the notes kept as the analyst wrote them (escaped by the renderer).
    void caseReportDocument()
    {
        Project p = project();
        AmlCaseStore(p).setNotes(1, "<b>escalate</b>");
        AmlCaseRequest r;
        r.alertId = 1;
        const AmlCase c = loadAmlCase(p, r);
        QCOMPARE(c.account.name, std::string("A"));
        QCOMPARE(int(c.reasons.size()), 2);
        QVERIFY(!c.trace.chains.empty());
        QCOMPARE(c.traceOptions.frontierCap, r.chainLimit);
        const report::Report doc = report::buildAmlCaseReport(c);
        QCOMPARE(doc.kind, std::string("aml_case"));
        QCOMPARE(doc.title, std::string("Case report: alert #1"));
        std::vector<std::string> ids;
        for (const auto &s : doc.sections)
            ids.push_back(s.id);
        namespace k = report::amlcase;
        QCOMPARE(ids, (std::vector<std::string>{k::kOverview, k::kAlert, k::kAccount, k::kAccountAlerts,
                                                k::kTransactions, k::kChains, k::kNotes, k::kProvenance}));
        // The alert: its score against the threshold, then its reasons as the engine wrote them.
        const auto alertKv = testsupport::blocksOf<report::KeyValueList>(doc, k::kAlert);
        QCOMPARE(int(alertKv.size()), 1);
        QVERIFY(hasItem(*alertKv.front(), "Score", "0.9700"));
        QVERIFY(hasItem(*alertKv.front(), "Threshold", "0.5000"));
        QVERIFY(hasItem(*alertKv.front(), "Severity", "high"));
        const auto reasons = testsupport::blocksOf<report::Table>(doc, k::kAlert);
        QCOMPARE(int(reasons.size()), 1);
        QCOMPARE(reasons.front()->rows.front().front().text, std::string("VELOCITY: out_24h=3 (z=4.1)"));
        // The account, its score and its alerts (the case's own one marked).
        const auto account = testsupport::blocksOf<report::KeyValueList>(doc, k::kAccount);
        QVERIFY(hasItem(*account.front(), "Name", "A"));
        QVERIFY(hasItem(*account.front(), "Label", "laundering"));
        const auto alerts = testsupport::blocksOf<report::Table>(doc, k::kAccountAlerts);
        QCOMPARE(int(alerts.front()->rows.size()), 2); // alerts 1 and 3 are on A
        QCOMPARE(alerts.front()->rows.front().front().tone, report::CellTone::Worse);
        // Transactions over time (a log-scale dot chart, the alerted one its own series) and
        // the table with their scores.
        const auto charts = testsupport::blocksOf<report::Chart>(doc, k::kTransactions);
        QCOMPARE(int(charts.size()), 1);
        QVERIFY(charts.front()->logY);
        QCOMPARE(charts.front()->series.back().name, std::string("The alerted transaction"));
        QCOMPARE(int(charts.front()->series.back().points.size()), 1);
        const auto txs = testsupport::blocksOf<report::Table>(doc, k::kTransactions);
        QCOMPARE(txs.front()->rows.size(), c.transactions.size());
        QCOMPARE(txs.front()->rows.front().front().text, std::string("1"));
        QCOMPARE(txs.front()->rows.front().front().tone, report::CellTone::Worse); // the alerted transfer
        // The chains, their arrows as text.
        const auto chains = testsupport::blocksOf<report::Table>(doc, k::kChains);
        QCOMPARE(chains.front()->rows.size(), c.trace.chains.size());
        bool arrow = false;
        for (const auto &row : chains.front()->rows)
            arrow = arrow || row.back().text.rfind("A → B (10000.00", 0) == 0;
        QVERIFY(arrow);
        QCOMPARE(testsupport::blocksOf<report::Paragraph>(doc, k::kNotes).front()->text, std::string("<b>escalate</b>"));
        // Provenance: this build, when and where, the run the case came from.
        QVERIFY(!doc.provenance.seekbenchVersion.empty());
        QVERIFY(!doc.provenance.generatedAt.empty());
        QCOMPARE(int(doc.provenance.runs.size()), 1);
        QCOMPARE(doc.provenance.runs.front().runId, std::string(amlfixture::kRun));
        const auto prov = testsupport::blocksOf<report::KeyValueList>(doc, k::kProvenance);
        QVERIFY(hasItem(*prov.front(), "Run", amlfixture::kRun));

        // The HTML, read back by a real parser: self-contained, the notes escaped.
        const auto file = std::filesystem::path(m_tmp.path().toStdString()) / "case-1.html";
        report::writeReportHtml(file, doc);
        const QString out
            = testsupport::checkHtml(file,
                                     {QStringLiteral("Case report: alert #1"), QStringLiteral("VELOCITY: out_24h=3"),
                                      QStringLiteral("<b>escalate</b>"), QStringLiteral("A → B (10000.00"),
                                      QStringLiteral("0.9700"), QStringLiteral("Traced fund chains"),
                                      QStringLiteral("Provenance"), QString::fromLatin1(amlfixture::kRun)});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
        const std::string html = readFile(file);
        QVERIFY(html.find("&lt;b&gt;escalate&lt;/b&gt;") != std::string::npos); // notes are escaped
        QVERIFY(html.find("<b>escalate") == std::string::npos);
        QVERIFY(html.find("<svg") != std::string::npos);
    }

    // An account's case: no alert, the run's scores, the report says so instead of inventing one.
    void accountCaseDocument()
    {
        Project p = project();
        AmlCaseRequest r;
        r.accountName = "H";
        r.runId = amlfixture::kRun;
        const AmlCase c = loadAmlCase(p, r);
        QCOMPARE(c.runId, std::string(amlfixture::kRun));
        const report::Report doc = report::buildAmlCaseReport(c);
        QCOMPARE(doc.title, std::string("Case report: account H"));
        const auto alert = testsupport::blocksOf<report::Paragraph>(doc, report::amlcase::kAlert);
        QCOMPARE(alert.front()->text, report::AmlCaseLabels().noAlert);
        QVERIFY(testsupport::blocksOf<report::Table>(doc, report::amlcase::kAlert).empty());
        QCOMPARE(testsupport::blocksOf<report::Paragraph>(doc, report::amlcase::kAccountAlerts).front()->text,
                 report::AmlCaseLabels().noAccountAlerts);
        QCOMPARE(testsupport::blocksOf<report::Paragraph>(doc, report::amlcase::kNotes).front()->text,
                 std::string("(none)"));
        const auto file = std::filesystem::path(m_tmp.path().toStdString()) / "case-h.html";
        report::writeReportHtml(file, doc);
        const QString out = testsupport::checkHtml(file, {QStringLiteral("Case report: account H")});
        QVERIFY2(!out.startsWith(QStringLiteral("FAILED")), qPrintable(out));
    }

    // The labels are the only words: a report in other words carries them everywhere,
    // stored words (severity, status, model, reasons) through the labels' functions.
    void labelsAreTheWords()
    {
        Project p = project();
        AmlCaseRequest r;
        r.alertId = 1;
        const AmlCase c = loadAmlCase(p, r);
        report::AmlCaseLabels l;
        l.language = "xx";
        l.alertTitle = "Fall %1";
        l.hop = "=> %1";
        l.severityName = [](const std::string &w) { return "S:" + w; };
        l.reasonText = [](const std::string &w) { return "R:" + w; };
        const report::Report doc = report::buildAmlCaseReport(c, l);
        QCOMPARE(doc.language, std::string("xx"));
        QCOMPARE(doc.title, std::string("Fall 1"));
        const auto reasons = testsupport::blocksOf<report::Table>(doc, report::amlcase::kAlert);
        QCOMPARE(reasons.front()->rows.front().front().text, std::string("R:VELOCITY: out_24h=3 (z=4.1)"));
        const auto kv = testsupport::blocksOf<report::KeyValueList>(doc, report::amlcase::kAlert);
        QVERIFY(hasItem(*kv.front(), "Severity", "S:high"));
        const auto chains = testsupport::blocksOf<report::Table>(doc, report::amlcase::kChains);
        QVERIFY(chains.front()->rows.front().back().text.find("=> ") != std::string::npos);
        QVERIFY(chains.front()->rows.front().back().text.find("→") == std::string::npos);
    }

    void reportToAnUnwritablePlace()
    {
        Project p = project();
        AmlCaseRequest r;
        r.alertId = 1;
        const report::Report doc = report::buildAmlCaseReport(loadAmlCase(p, r));
        try {
            report::writeReportHtml("/proc/seekbench-no/such/dir/case.html", doc);
            QFAIL("accepted");
        } catch (const std::runtime_error &e) {
            // The report's folder is made when it can be; here it cannot, and the error names it.
            QVERIFY2(std::string(e.what()).find("/proc/seekbench-no/such/dir") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestAmlCaseDocument)
#include "test_aml_case_document.moc"
