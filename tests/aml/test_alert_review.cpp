// The analyst's review across thresholds (issue 20, item 3): the status and notes belong
// to (run, model, transaction), so a threshold moved up and back down finds each
// transaction's work again; a threshold outside [0, 1] is refused before anything is
// replaced; notes refuse control characters but newlines and tabs; an alert is found by id
// or by transaction; a store of schema 6 migrates with its notes.

#include "aml_case_fixture.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/schema.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <limits>
#include <map>

using namespace seekbench::projects;
using amlfixture::kRun;

namespace {

struct Work
{
    std::string status, notes;
};

// What `aml alerts --threshold t` writes: the candidates scoring at least t, as one
// operating point.
void applyThreshold(AmlResultStore &results, const std::vector<AmlAlertRow> &candidates, double t,
                    const std::string &model = "graph")
{
    AmlThresholdRow row;
    row.runId = kRun;
    row.model = model;
    row.threshold = t;
    row.days = 10;
    std::vector<AmlAlertRow> alerts;
    for (AmlAlertRow a : candidates)
        if (a.score >= t) {
            a.threshold = t;
            alerts.push_back(a);
        }
    results.saveOperatingPoint(row, alerts);
}

std::map<std::int64_t, AmlAlertRow> byTransaction(const std::vector<AmlAlertRow> &alerts)
{
    std::map<std::int64_t, AmlAlertRow> out;
    for (const auto &a : alerts)
        out[a.txId] = a;
    return out;
}

} // namespace

class TestAlertReview : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    std::filesystem::path newDir()
    {
        return std::filesystem::path(m_tmp.path().toStdString()) / ("p" + std::to_string(m_n++));
    }
    Project project() { return amlfixture::makeAmlProject(newDir()); }

    static AmlAlertQuery timeline(std::vector<std::string> statuses = {})
    {
        AmlAlertQuery q;
        q.runId = kRun;
        q.statuses = std::move(statuses);
        return q;
    }

private Q_SLOTS:
    // The fixture alerts tx 1 (0.97), tx 2 (0.81) and tx 12 (0.55) at threshold 0.5.
    void thresholdUpThenDownKeepsEachTransactionsReview()
    {
        Project p = project();
        AmlResultStore results(p);
        AmlCaseStore cases(p);
        const auto candidates = results.alerts(kRun, "graph", 100);
        QCOMPARE(int(candidates.size()), 3);
        const std::map<std::int64_t, Work> work{{1, {"escalated", "SAR filed; 三 transfers"}},
                                                {2, {"reviewing", "asked B's bank\n\tfor statements"}},
                                                {12, {"dismissed", "salary"}}};
        for (const auto &a : candidates)
            cases.review(a.id, work.at(a.txId).status, work.at(a.txId).notes);

        applyThreshold(results, candidates, 0.9); // up: only tx 1 stays
        auto up = results.alerts(kRun, "graph", 100);
        QCOMPARE(int(up.size()), 1);
        QCOMPARE(up[0].txId, std::int64_t(1));
        QCOMPARE(up[0].status, std::string("escalated"));
        QCOMPARE(up[0].notes, work.at(1).notes);
        QCOMPARE(int(cases.alerts(timeline()).size()), 1);
        QCOMPARE(int(cases.alerts(timeline({"reviewing", "dismissed"})).size()), 0);

        applyThreshold(results, candidates, 0.7); // tx 1 and 2
        QCOMPARE(int(results.alerts(kRun, "graph", 100).size()), 2);

        applyThreshold(results, candidates, 0.5); // back down: every transaction's work is there
        const auto down = byTransaction(results.alerts(kRun, "graph", 100));
        QCOMPARE(int(down.size()), 3);
        for (const auto &[tx, w] : work) {
            QVERIFY2(down.count(tx), std::to_string(tx).c_str());
            QCOMPARE(down.at(tx).status, w.status);
            QCOMPARE(down.at(tx).notes, w.notes);
            QVERIFY(down.at(tx).updatedAt.has_value());
            QCOMPARE(results.alert(down.at(tx).id)->notes, w.notes);
        }
        const auto dismissed = cases.alerts(timeline({"dismissed"}));
        QCOMPARE(int(dismissed.size()), 1);
        QCOMPARE(dismissed[0].txId, std::int64_t(12));
        QCOMPARE(int(cases.alerts(timeline({"new"})).size()), 0);
        QCOMPARE(int(cases.alerts(timeline({"escalated", "reviewing"})).size()), 2);
    }

    // A change made while other transactions are below the threshold touches only its own.
    void reviewWhileOthersAreHidden()
    {
        Project p = project();
        AmlResultStore results(p);
        AmlCaseStore cases(p);
        const auto candidates = results.alerts(kRun, "graph", 100);
        for (const auto &a : candidates)
            cases.review(a.id, "reviewing", "first look at tx " + std::to_string(a.txId));
        applyThreshold(results, candidates, 0.9);
        const auto top = results.alerts(kRun, "graph", 100).at(0);
        cases.setNotes(top.id, "second look");
        cases.setStatus(top.id, "escalated");
        applyThreshold(results, candidates, 0.5);
        const auto down = byTransaction(results.alerts(kRun, "graph", 100));
        QCOMPARE(down.at(1).status, std::string("escalated"));
        QCOMPARE(down.at(1).notes, std::string("second look"));
        QCOMPARE(down.at(2).notes, std::string("first look at tx 2"));
        QCOMPARE(down.at(12).status, std::string("reviewing"));
    }

    // The review is the run's and the model's: the same transaction elsewhere starts new.
    void reviewBelongsToTheRunAndModel()
    {
        Project p = project();
        AmlResultStore results(p);
        AmlCaseStore cases(p);
        const auto candidates = results.alerts(kRun, "graph", 100);
        cases.review(byTransaction(candidates).at(1).id, "escalated", "graph's");
        applyThreshold(results, candidates, 0.5, "xgboost");
        const auto other = byTransaction(results.alerts(kRun, "xgboost", 100));
        QCOMPARE(int(other.size()), 3);
        QCOMPARE(other.at(1).status, std::string("new"));
        QCOMPARE(other.at(1).notes, std::string());
        QVERIFY(!other.at(1).updatedAt);
        QCOMPARE(byTransaction(results.alerts(kRun, "graph", 100)).at(1).notes, std::string("graph's"));
    }

    // One field given, the other kept.
    void reviewChangesOnlyTheGivenField()
    {
        Project p = project();
        AmlResultStore results(p);
        AmlCaseStore cases(p);
        const std::int64_t id = results.alerts(kRun, "graph", 1).at(0).id;
        cases.review(id, "reviewing", "kept");
        cases.review(id, "escalated", std::nullopt);
        QCOMPARE(results.alert(id)->notes, std::string("kept"));
        cases.review(id, std::nullopt, "changed");
        QCOMPARE(results.alert(id)->status, std::string("escalated"));
        QCOMPARE(results.alert(id)->notes, std::string("changed"));
    }

    void outOfRangeThresholdIsRefused_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::addColumn<QString>("expected");
        QTest::newRow("2") << 2.0 << "threshold 2 is outside [0, 1]";
        QTest::newRow("-0.1") << -0.1 << "threshold -0.1 is outside [0, 1]";
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "threshold nan is outside [0, 1]";
        QTest::newRow("inf") << std::numeric_limits<double>::infinity() << "threshold inf is outside [0, 1]";
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "threshold -inf is outside [0, 1]";
    }

    // Refused by every writer, before anything is written: the alerts, their ids and the
    // stored operating point stay as they were.
    void outOfRangeThresholdIsRefused()
    {
        QFETCH(double, threshold);
        QFETCH(QString, expected);
        Project p = project();
        AmlResultStore results(p);
        const auto before = results.alerts(kRun, "graph", 100);
        AmlThresholdRow row;
        row.runId = kRun;
        row.model = "graph";
        row.threshold = threshold;
        auto refused = [&](const std::function<void()> &write, const char *what) {
            try {
                write();
                QFAIL(qPrintable(QStringLiteral("%1 accepted").arg(QLatin1String(what))));
            } catch (const std::invalid_argument &e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
            }
        };
        refused([&] { results.saveOperatingPoint(row, {}); }, "saveOperatingPoint");
        refused([&] { results.saveThreshold(row); }, "saveThreshold");
        auto rows = before;
        for (auto &a : rows)
            a.threshold = threshold;
        refused([&] { results.replaceAlerts(kRun, "graph", rows); }, "replaceAlerts");
        refused([&] { checkAmlThreshold(threshold); }, "checkAmlThreshold");
        const auto after = results.alerts(kRun, "graph", 100);
        QCOMPARE(int(after.size()), 3);
        for (std::size_t i = 0; i < after.size(); ++i)
            QCOMPARE(after[i].id, before[i].id);
        QCOMPARE(results.threshold(kRun, "graph")->threshold, 0.5);
    }

    void thresholdBoundsAreAccepted()
    {
        Project p = project();
        AmlResultStore results(p);
        const auto candidates = results.alerts(kRun, "graph", 100);
        applyThreshold(results, candidates, 1.0);
        QCOMPARE(int(results.alerts(kRun, "graph", 100).size()), 0);
        applyThreshold(results, candidates, 0.0);
        QCOMPARE(int(results.alerts(kRun, "graph", 100).size()), 3);
    }

    void notesRefuseControlCharacters_data()
    {
        QTest::addColumn<QByteArray>("notes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("escape sequence") << QByteArray("\x1b[2Jcleared") << "hold a control character (\\e)";
        QTest::newRow("carriage return") << QByteArray("a\r\nb") << "hold a control character (\\r)";
        QTest::newRow("bell") << QByteArray("ding\a") << "hold a control character (\\x07)";
        QTest::newRow("C1 CSI") << QByteArray("x\xc2\x9b"
                                              "31m")
                                << "hold a control character (\\u009B)";
    }

    void notesRefuseControlCharacters()
    {
        QFETCH(QByteArray, notes);
        QFETCH(QString, expected);
        Project p = project();
        AmlResultStore results(p);
        AmlCaseStore cases(p);
        const std::int64_t id = results.alerts(kRun, "graph", 1).at(0).id;
        cases.setNotes(id, "before");
        try {
            cases.review(id, "escalated", notes.toStdString());
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("alert %1").arg(id)), e.what());
        }
        QCOMPARE(results.alert(id)->notes, std::string("before")); // nothing written, the status neither
        QCOMPARE(results.alert(id)->status, std::string("new"));
    }

    void notesKeepNewlinesAndTabs()
    {
        Project p = project();
        AmlResultStore results(p);
        const std::int64_t id = results.alerts(kRun, "graph", 1).at(0).id;
        AmlCaseStore(p).setNotes(id, "line 1\n\tline 2 三");
        QCOMPARE(results.alert(id)->notes, std::string("line 1\n\tline 2 三"));
    }

    void findAlertByIdOrTransaction()
    {
        Project p = project();
        AmlResultStore results(p);
        const auto tx2 = byTransaction(results.alerts(kRun, "graph", 100)).at(2);
        QCOMPARE(results.findAlert(std::nullopt, 2, std::string(kRun), std::nullopt).id, tx2.id);
        QCOMPARE(results.findAlert(tx2.id, std::nullopt, std::nullopt, std::nullopt).txId, std::int64_t(2));
        QCOMPARE(results.findAlert(tx2.id, std::nullopt, std::string(kRun), std::string("graph")).txId, std::int64_t(2));
    }

    void findAlertRefuses_data()
    {
        QTest::addColumn<qint64>("alert"); // -1: not given; -2: tx 2's alert
        QTest::addColumn<qint64>("tx");    // -1: not given
        QTest::addColumn<QString>("run");  // empty: not given
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown alert") << qint64(999) << qint64(-1) << ""
                                       << ""
                                       << "no alert 999 in the project";
        QTest::newRow("alert of another run") << qint64(-2) << qint64(-1) << "other"
                                              << ""
                                              << "in the project for run 'other' (graph)";
        QTest::newRow("alert of another model") << qint64(-2) << qint64(-1) << ""
                                                << "xgboost"
                                                << "for run 'run-fixture' (xgboost)";
        QTest::newRow("transaction not alerted") << qint64(-1) << qint64(4) << kRun << ""
                                                 << "no alert on transaction 4 in run 'run-fixture' (graph)";
        QTest::newRow("transaction, no scored run") << qint64(-1) << qint64(2) << ""
                                                    << ""
                                                    << "the project has no evaluated AML run";
        QTest::newRow("neither") << qint64(-1) << qint64(-1) << ""
                                 << ""
                                 << "by its id or by its transaction";
        QTest::newRow("both") << qint64(-2) << qint64(2) << ""
                              << ""
                              << "by its id or by its transaction";
    }

    void findAlertRefuses()
    {
        QFETCH(qint64, alert);
        QFETCH(qint64, tx);
        QFETCH(QString, run);
        QFETCH(QString, model);
        QFETCH(QString, expected);
        Project p = project();
        AmlResultStore results(p);
        const std::int64_t tx2 = byTransaction(results.alerts(kRun, "graph", 100)).at(2).id;
        const auto opt = [](const QString &s) {
            return s.isEmpty() ? std::nullopt : std::optional<std::string>(s.toStdString());
        };
        try {
            results.findAlert(alert == -1 ? std::nullopt : std::optional<std::int64_t>(alert == -2 ? tx2 : alert),
                              tx == -1 ? std::nullopt : std::optional<std::int64_t>(tx), opt(run), opt(model));
            QFAIL("found");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    // A project of schema 6 (status and notes on aml_alerts) opens with its analyst's work
    // in aml_alert_reviews, the alerts' ids kept, and the work survives a threshold round trip.
    void schema6StoreMigratesWithItsNotes()
    {
        using namespace testsupport;
        const auto dir = newDir();
        std::filesystem::create_directories(dir / "runs");
        writeFile(dir / "seekbench-project.yaml", "seekbench_project: 1\nname: old\nscenario: aml\n");
        const auto db = dir / "seekbench.db";
        Schema::createDatabaseAtVersion(db, 6);
        execSql(db, "BEGIN;"
                    "INSERT INTO aml_accounts(id, name) VALUES (1, 'A'), (2, 'B');"
                    "INSERT INTO aml_transactions(id, ts, sender, receiver, amount, currency) VALUES "
                    "(1, 1767225600, 1, 2, 100, 'USD'), (2, 1767229200, 2, 1, 50, 'USD'), "
                    "(3, 1767232800, 1, 2, 70, 'USD');"
                    "INSERT INTO aml_alerts(id, run_id, model, tx_id, account_id, score, threshold, severity, "
                    "reasons_json, status, notes, created_at, updated_at) VALUES "
                    "(5, 'r6', 'graph', 1, 1, 0.9, 0.5, 'high', '[]', 'escalated', 'called the bank; 三', 1000, 2000),"
                    "(6, 'r6', 'graph', 2, 2, 0.7, 0.5, 'medium', '[]', 'new', 'only a note', 1000, 2100),"
                    "(7, 'r6', 'graph', 3, 1, 0.6, 0.5, 'low', '[]', 'new', '', 1000, NULL);"
                    "COMMIT;");
        {
            Project p = Project::open(dir);
            QCOMPARE(p.schemaVersionAtOpen(), 6);
            AmlResultStore results(p);
            const auto a5 = results.alert(5), a6 = results.alert(6), a7 = results.alert(7);
            QVERIFY(a5 && a6 && a7);
            QCOMPARE(a5->status, std::string("escalated"));
            QCOMPARE(a5->notes, std::string("called the bank; 三"));
            QCOMPARE(*a5->updatedAt, 2000.0);
            QCOMPARE(a5->score, 0.9);
            QCOMPARE(a6->status, std::string("new"));
            QCOMPARE(a6->notes, std::string("only a note"));
            QCOMPARE(a7->status, std::string("new"));
            QVERIFY(!a7->updatedAt);
            AmlAlertQuery q;
            q.runId = "r6";
            q.statuses = {"escalated"};
            QCOMPARE(int(AmlCaseStore(p).alerts(q).size()), 1);

            const auto candidates = results.alerts("r6", "graph", 100);
            std::vector<AmlAlertRow> top{candidates.at(0)};
            results.replaceAlerts("r6", "graph", top); // up: only tx 1
            results.replaceAlerts("r6", "graph", candidates);
            const auto down = byTransaction(results.alerts("r6", "graph", 100));
            QCOMPARE(int(down.size()), 3);
            QCOMPARE(down.at(1).notes, std::string("called the bank; 三"));
            QCOMPARE(down.at(2).notes, std::string("only a note"));
        }
        QCOMPARE(queryInt(db, "PRAGMA user_version"), std::int64_t(Schema::kLatest));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM aml_alert_reviews"), std::int64_t(2)); // the touched two
        QCOMPARE(queryInt(db, "SELECT count(*) FROM pragma_table_info('aml_alerts') "
                              "WHERE name IN ('status', 'notes', 'updated_at')"),
                 std::int64_t(0));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                              "AND name IN ('aml_alerts_by_account', 'aml_alerts_by_run')"),
                 std::int64_t(2));
        QCOMPARE(queryText(db, "PRAGMA integrity_check"), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestAlertReview)
#include "test_alert_review.moc"
