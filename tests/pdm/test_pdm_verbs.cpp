// `seekbench-cli pdm alerts|explain|simulate` on a project with a run's results in its store
// (tests/pdm/pdm_results_fixture.h): what they print is what the store holds and what the
// policy replay computes; bad options and a project without results are refused by name.

#include "cli_test_support.h"
#include "pdm_results_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;

class TestPdmVerbs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    PdmResultsFixture m_f;
    QString m_project;

    CliOutput pdm(const QStringList &args)
    {
        return runCliOutput(QStringList{QStringLiteral("pdm")} + args
                            + QStringList{QStringLiteral("--project"), m_project});
    }
    static QJsonObject json(const CliOutput &r) { return QJsonDocument::fromJson(r.out).object(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_tmp.filePath(QStringLiteral("plant"));
        m_f = makePdmResults(m_project.toStdString());
    }

    void alertsListWhatTheStoreHolds()
    {
        const projects::Project project = projects::Project::open(m_f.dir);
        projects::PdmResultStore store(project, true);
        const CliOutput all = pdm({QStringLiteral("alerts"), QStringLiteral("--json")});
        QCOMPARE(all.code, 0);
        const QJsonArray alerts = json(all)[QStringLiteral("alerts")].toArray();
        QCOMPARE(std::size_t(alerts.size()), store.alerts(m_f.runId).size());
        projects::PdmAlertQuery q;
        q.split = pdm::Split::Test;
        const CliOutput test = pdm(
            {QStringLiteral("alerts"), QStringLiteral("--split"), QStringLiteral("test"), QStringLiteral("--json")});
        QCOMPARE(std::size_t(json(test)[QStringLiteral("alerts")].toArray().size()), store.alerts(m_f.runId, q).size());
        for (const auto &a : json(test)[QStringLiteral("alerts")].toArray()) {
            const QJsonObject o = a.toObject();
            QCOMPARE(o[QStringLiteral("split")].toString(), QStringLiteral("test"));
            QCOMPARE(o[QStringLiteral("true")].toBool(), !o[QStringLiteral("lead")].isNull());
        }
        const CliOutput text = pdm({QStringLiteral("alerts"), QStringLiteral("--split"), QStringLiteral("test")});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("thresholds tuned on the validation machines"));
    }

    void explainShowsTheStoredReasons()
    {
        const projects::Project project = projects::Project::open(m_f.dir);
        const auto alerts = projects::PdmResultStore(project, true).alerts(m_f.runId);
        QVERIFY(!alerts.empty());
        const pdm::AlertRecord &a = alerts.front();
        const CliOutput r = pdm(
            {QStringLiteral("explain"), QStringLiteral("--alert"), QString::number(a.id), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o[QStringLiteral("temporal_attention")].toArray().size(), qsizetype(a.temporal.size()));
        const QJsonArray top = o[QStringLiteral("explanation")].toObject()[QStringLiteral("top")].toArray();
        QCOMPARE(std::size_t(top.size()), a.explanation.top.size());
        for (std::size_t k = 0; k < a.explanation.top.size(); ++k)
            QCOMPARE(top[qsizetype(k)].toObject()[QStringLiteral("feature")].toString().toStdString(),
                     a.explanation.top[k].name);
        const CliOutput text = pdm({QStringLiteral("explain"), QStringLiteral("--alert"), QString::number(a.id)});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("log-odds") || text.out.contains("XGBoost:"));
    }

    void simulateReplaysWithTheSettingsGiven()
    {
        const projects::Project project = projects::Project::open(m_f.dir);
        const pdm::PolicyReplay replay = projects::PdmResultStore(project, true).replay(m_f.runId);
        pdm::PolicySettings s = replay.settings;
        s.crew_per_day = 1;
        s.unplanned_cost_per_hour = 20000;
        const pdm::PolicyComparison want = pdm::replayPolicies(replay, s);
        const CliOutput r = pdm({QStringLiteral("simulate"), QStringLiteral("--crew-per-day"), QStringLiteral("1"),
                                 QStringLiteral("--unplanned-cost"), QStringLiteral("20000"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonArray policies
            = json(r)[QStringLiteral("comparison")].toObject()[QStringLiteral("policies")].toArray();
        QCOMPARE(policies.size(), 3);
        QCOMPARE(policies[0].toObject()[QStringLiteral("total_cost")].toDouble(), want.reactive.total_cost);
        QCOMPARE(policies[1].toObject()[QStringLiteral("total_cost")].toDouble(), want.fixed_schedule.total_cost);
        QCOMPARE(policies[2].toObject()[QStringLiteral("total_cost")].toDouble(), want.predictive.total_cost);
    }

    void badOptionsAreRefusedByName_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown mode") << QStringList{QStringLiteral("alerts"), QStringLiteral("--mode"),
                                                     QStringLiteral("rust")}
                                      << QStringLiteral("--mode 'rust': no such failure mode");
        QTest::newRow("unknown machine") << QStringList{QStringLiteral("alerts"), QStringLiteral("--machine"),
                                                        QStringLiteral("m999")}
                                         << QStringLiteral("--machine 'm999'");
        QTest::newRow("bad split") << QStringList{QStringLiteral("alerts"), QStringLiteral("--split"),
                                                  QStringLiteral("holdout")}
                                   << QStringLiteral("--split 'holdout'");
        QTest::newRow("unknown run") << QStringList{QStringLiteral("alerts"), QStringLiteral("--run"),
                                                    QStringLiteral("nope")}
                                     << QStringLiteral("run 'nope' has no predictive maintenance results");
        QTest::newRow("unknown alert") << QStringList{QStringLiteral("explain"), QStringLiteral("--alert"),
                                                      QStringLiteral("987654")}
                                       << QStringLiteral("no alert 987654");
        QTest::newRow("settings not JSON")
            << QStringList{QStringLiteral("simulate"), QStringLiteral("--settings"), QStringLiteral("crew=1")}
            << QStringLiteral("--settings");
        QTest::newRow("schedule of zero days") << QStringList{QStringLiteral("simulate"), QStringLiteral("--settings"),
                                                              QStringLiteral("{\"schedule_days\":[0]}")}
                                               << QStringLiteral("schedule_days");
        QTest::newRow("no crews") << QStringList{QStringLiteral("simulate"), QStringLiteral("--crew-per-day"),
                                                 QStringLiteral("0")}
                                  << QStringLiteral("--crew-per-day");
        QTest::newRow("negative cost") << QStringList{QStringLiteral("simulate"), QStringLiteral("--parts-cost"),
                                                      QStringLiteral("-5")}
                                       << QStringLiteral("parts_cost");
    }

    void badOptionsAreRefusedByName()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliOutput r = pdm(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    }

    void projectWithoutResultsSaysHowToMakeThem()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("empty"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), dir}), 0);
        const CliOutput r = runCliOutput(
            {QStringLiteral("pdm"), QStringLiteral("simulate"), QStringLiteral("--project"), dir});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("pdm train makes them"), r.err.constData());
    }
};

QTEST_MAIN(TestPdmVerbs)
#include "test_pdm_verbs.moc"
