// The analyst's queries (issue 10): alerts in a window with filters, an account's daily
// activity, the ego network up to a time with its caps, status and notes that persist,
// survive a new threshold and refuse bad values; the case report's data (its document is
// test_aml_case_document's).

#include "aml_case_fixture.h"
#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/aml_case_store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace seekbench::projects;
using amlfixture::kHour;
using amlfixture::kT0;

class TestAmlCaseStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    Project project()
    {
        return amlfixture::makeAmlProject(std::filesystem::path(m_tmp.path().toStdString())
                                          / ("p" + std::to_string(m_n++)));
    }

    static AmlAlertQuery all()
    {
        AmlAlertQuery q;
        q.runId = amlfixture::kRun;
        return q;
    }

private Q_SLOTS:
    void alertsFilterByWindowScoreStatusAccountTypology()
    {
        Project p = project();
        AmlCaseStore store(p);
        auto q = all();
        auto a = store.alerts(q);
        QCOMPARE(int(a.size()), 3);
        QCOMPARE(a[0].txId, std::int64_t(1)); // time order
        QCOMPARE(a[0].ts, kT0 + 10 * kHour);
        QCOMPARE(a[0].status, std::string("new"));
        QCOMPARE(a[0].typology, std::string("stack"));
        QCOMPARE(a[2].typology, std::string(""));
        q.fromTs = kT0 + 15 * kHour;
        QCOMPARE(int(store.alerts(q).size()), 2);
        q = all();
        q.minScore = 0.8;
        QCOMPARE(int(store.alerts(q).size()), 2);
        q = all();
        q.accountId = 1;
        QCOMPARE(int(store.alerts(q).size()), 2);
        q = all();
        q.typology = std::string("stack");
        QCOMPARE(int(store.alerts(q).size()), 2);
        store.setStatus(a[1].id, "escalated");
        q = all();
        q.statuses = {"escalated", "dismissed"};
        const auto esc = store.alerts(q);
        QCOMPARE(int(esc.size()), 1);
        QCOMPARE(esc[0].id, a[1].id);
        QCOMPARE(store.latestAlertRun()->first, std::string(amlfixture::kRun));
    }

    void badFilterStatus()
    {
        Project p = project();
        AmlCaseStore store(p);
        auto q = all();
        q.statuses = {"open"};
        try {
            store.alerts(q);
            QFAIL("an unknown status was accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY(std::string(e.what()).find("'open'") != std::string::npos);
        }
    }

    void statusAndNotesPersistAndSurviveANewThreshold()
    {
        const auto dir = std::filesystem::path(m_tmp.path().toStdString()) / "persist";
        std::int64_t id = 0;
        {
            Project p = amlfixture::makeAmlProject(dir);
            AmlCaseStore store(p);
            id = store.alerts(all())[0].id;
            store.setStatus(id, "reviewing");
            store.setNotes(id, "called the bank; 三 transfers");
        }
        Project p = Project::open(dir);
        AmlResultStore results(p);
        auto a = results.alert(id);
        QVERIFY(a);
        QCOMPARE(a->status, std::string("reviewing"));
        QCOMPARE(a->notes, std::string("called the bank; 三 transfers"));
        // A new threshold re-creates the alerts; the same transaction keeps the analyst's work.
        auto rows = results.alerts(amlfixture::kRun, "graph", 10);
        rows.pop_back();
        for (auto &r : rows) {
            r.status = "new";
            r.notes.clear();
        }
        results.replaceAlerts(amlfixture::kRun, "graph", rows);
        AmlCaseStore store(p);
        bool found = false;
        for (const auto &r : results.alerts(amlfixture::kRun, "graph", 10))
            if (r.txId == 1) {
                found = true;
                QCOMPARE(r.status, std::string("reviewing"));
                QCOMPARE(r.notes, std::string("called the bank; 三 transfers"));
            }
        QVERIFY(found);
    }

    void badStatusAndUnknownAlert_data()
    {
        QTest::addColumn<qint64>("alert");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown status") << qint64(1) << "open"
                                        << "unknown alert status 'open' for alert 1";
        QTest::newRow("empty status") << qint64(1) << ""
                                      << "unknown alert status ''";
        QTest::newRow("unknown alert") << qint64(999) << "reviewing"
                                       << "no alert 999 in the project";
    }

    void badStatusAndUnknownAlert()
    {
        QFETCH(qint64, alert);
        QFETCH(QString, status);
        QFETCH(QString, expected);
        Project p = project();
        AmlCaseStore store(p);
        try {
            store.setStatus(alert, status.toStdString());
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, store.setNotes(999, "x"));
    }

    void activityPerDay()
    {
        Project p = project();
        AmlCaseStore store(p);
        const auto days = store.activity(2); // B: in 10000 at 10 h, out 9800 at 20 h, same day
        QCOMPARE(int(days.size()), 1);
        QCOMPARE(days[0].dayTs, kT0);
        QCOMPARE(days[0].amountIn, 10000.0);
        QCOMPARE(days[0].amountOut, 9800.0);
        QCOMPARE(days[0].countIn, 1);
        QCOMPARE(days[0].countOut, 1);
    }

    void egoNetworkUpToTimeAndCaps()
    {
        Project p = project();
        AmlCaseStore store(p);
        AmlEgoOptions o;
        o.hops = 2;
        auto net = store.egoNetwork(1, o); // A: B (hop 1), H (hop 1), C, E, F, G (hop 2)
        std::set<std::string> names;
        for (const auto &n : net.nodes)
            names.insert(n.name);
        QCOMPARE(names, (std::set<std::string>{"A", "B", "C", "E", "F", "G", "H"}));
        QVERIFY(!net.truncated);
        for (std::size_t i = 1; i < net.edges.size(); ++i)
            QVERIFY(net.edges[i - 1].ts <= net.edges[i].ts);
        o.upToTs = kT0 + 25 * kHour;
        net = store.egoNetwork(1, o);
        for (const auto &e : net.edges)
            QVERIFY(e.ts <= o.upToTs);
        QCOMPARE(int(net.edges.size()), 2); // A -> B, B -> C
        o = {};
        o.maxNodes = 3;
        net = store.egoNetwork(1, o);
        QCOMPARE(int(net.nodes.size()), 3);
        QVERIFY(net.truncated);
        o = {};
        o.perAccountLimit = 1;
        QVERIFY(store.egoNetwork(8, o).truncated);
        try {
            store.egoNetwork(4242, {});
            QFAIL("an unknown account was accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY(std::string(e.what()).find("no account with id 4242") != std::string::npos);
        }
    }

    void badCases_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown alert") << "alert:77"
                                       << "no alert 77 in the project";
        QTest::newRow("unknown account") << "account:ZZ"
                                         << "no account 'ZZ' in the project";
        QTest::newRow("no subject") << ""
                                    << "a case needs an alert or an account";
        QTest::newRow("malformed reasons") << "reasons:{\"x\":1}"
                                           << "alert 1: reasons_json is not a JSON list";
        QTest::newRow("reasons not JSON") << "reasons:[oops"
                                          << "alert 1: reasons_json is not valid JSON";
        QTest::newRow("reason not a string") << "reasons:[\"a\", 3]"
                                             << "alert 1: reasons_json item 2 is not a string";
    }

    void badCases()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        Project p = project();
        AmlCaseRequest r;
        if (what.startsWith(QStringLiteral("alert:")))
            r.alertId = what.mid(6).toLongLong();
        else if (what.startsWith(QStringLiteral("account:")))
            r.accountName = what.mid(8).toStdString();
        else if (what.startsWith(QStringLiteral("reasons:"))) {
            AmlResultStore results(p);
            auto rows = results.alerts(amlfixture::kRun, "graph", 10);
            for (auto &row : rows)
                if (row.id == 1)
                    row.reasonsJson = what.mid(8).toStdString();
            results.replaceAlerts(amlfixture::kRun, "graph", rows);
            r.alertId = results.alerts(amlfixture::kRun, "graph", 10)[0].id;
            expected.replace(QStringLiteral("alert 1"), QStringLiteral("alert %1").arg(*r.alertId));
        }
        try {
            loadAmlCase(p, r);
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestAmlCaseStore)
#include "test_aml_case_store.moc"
