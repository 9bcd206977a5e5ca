// A predictive maintenance run's results in the project's store (schema 14,
// projects/pdm_results.h): what the evaluation computed comes back unchanged (machines'
// health and scores, alerts with attention and explanations, the policy replay), replaying
// the kept inputs gives the evaluation's policy figures, a second save replaces the first,
// and damaged rows or replay text are refused with an error naming the row and the field.

#include "pdm_results_fixture.h"
#include "pdm_test_support.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

class TestPdmResults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    PdmResultsFixture m_f;

    std::filesystem::path db() const { return m_f.dir / "seekbench.db"; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_f = makePdmResults(tempPath(m_tmp));
    }

    void machinesAndScoresComeBackAsComputed()
    {
        const Project project = Project::open(m_f.dir);
        PdmResultStore store(project, true);
        const pdm::RunResults &r = m_f.evaluation.results;
        const auto machines = store.machines(m_f.runId);
        QCOMPARE(machines.size(), r.machines.size());
        for (std::size_t i = 0; i < machines.size(); ++i) {
            const auto &a = machines[i], &b = r.machines[i];
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.split, b.split);
            QCOMPARE(a.windows, b.windows);
            QCOMPARE(a.risk, b.risk);
            QCOMPARE(a.risk_mode, b.risk_mode);
            QCOMPARE(a.alerts, b.alerts);
            QCOMPARE(a.failures, b.failures);
            QVERIFY(sameBits(a.spark, b.spark));
            QVERIFY(sameBits(a.temporal, b.temporal));
            QVERIFY(sameBits(a.sensor, b.sensor));
            QVERIFY(a.spark.size() <= std::size_t(pdm::kSparkPoints));
            const auto s = store.machineScores(m_f.runId, a.machine);
            QVERIFY(s);
            QVERIFY(sameBits(s->time, r.scores[i].time));
            QVERIFY(sameBits(s->scores, r.scores[i].scores));
            QCOMPARE(s->time.size(), std::size_t(a.windows));
        }
        const auto run = store.run(m_f.runId);
        QVERIFY(run);
        QCOMPARE(run->fleet, m_f.fleet);
        QCOMPARE(run->modes, r.modes);
        QCOMPARE(run->sensors, r.sensors);
        QCOMPARE(run->thresholds, r.thresholds);
        QCOMPARE(run->evaluationJson, m_f.evaluation.json);
        QVERIFY(!store.machineScores(m_f.runId, 9999));
        QVERIFY(!store.run("no-such-run"));
    }

    // Every alert is the model's, raised with the tuned thresholds, explained for its own mode.
    void alertsComeBackWithTheirReasons()
    {
        const Project project = Project::open(m_f.dir);
        PdmResultStore store(project, true);
        const pdm::RunResults &r = m_f.evaluation.results;
        const auto alerts = store.alerts(m_f.runId);
        QCOMPARE(alerts.size(), r.alerts.size());
        QVERIFY(!alerts.empty());
        int test = 0;
        for (const auto &a : alerts) {
            QVERIFY(a.id > 0);
            QVERIFY(a.alert.score >= a.threshold);
            QCOMPARE(a.threshold, r.thresholds[std::size_t(a.alert.mode)]);
            QCOMPARE(a.explanation.mode, r.modes[std::size_t(a.alert.mode)]);
            QCOMPARE(a.temporal.size(), std::size_t(m_f.windows.history));
            QCOMPARE(a.alert.isTrue(), std::isfinite(a.failure_time));
            if (a.alert.isTrue())
                QCOMPARE(a.alert.lead, a.failure_time - a.alert.time);
            const auto one = store.alert(a.id);
            QVERIFY(one);
            QCOMPARE(one->runId, m_f.runId);
            QCOMPARE(one->record.alert.time, a.alert.time);
            test += a.split == pdm::Split::Test;
        }
        // The test split's alerts are the ones the evaluation scored.
        QCOMPARE(std::size_t(test), m_f.evaluation.models.front().test.alerts.size());
        PdmAlertQuery q;
        q.split = pdm::Split::Test;
        QCOMPARE(store.alerts(m_f.runId, q).size(), std::size_t(test));
        q.limit = 1;
        QVERIFY(store.alerts(m_f.runId, q).size() <= 1);
        QVERIFY(!store.alert(987654321));
    }

    void keptReplayGivesTheEvaluationsPolicies()
    {
        const Project project = Project::open(m_f.dir);
        const pdm::PolicyReplay replay = PdmResultStore(project, true).replay(m_f.runId);
        const pdm::PolicyComparison again = pdm::replayPolicies(replay, replay.settings);
        const pdm::PolicyComparison &was = m_f.evaluation.policies;
        QCOMPARE(again.reactive.total_cost, was.reactive.total_cost);
        QCOMPARE(again.fixed_schedule.total_cost, was.fixed_schedule.total_cost);
        QCOMPARE(again.fixed_schedule.interval_days, was.fixed_schedule.interval_days);
        QCOMPARE(again.predictive.total_cost, was.predictive.total_cost);
        QCOMPARE(again.predictive.downtime_hours, was.predictive.downtime_hours);
        // Fewer crews can only leave more failures unprevented.
        pdm::PolicySettings one = replay.settings;
        one.crew_per_day = 1;
        QVERIFY(pdm::replayPolicies(replay, one).predictive.avoided_failures <= again.predictive.avoided_failures);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PdmResultStore(project, true).replay("no-such-run"));
    }

    void secondSaveReplacesTheFirst()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tempPath(tmp);
        std::filesystem::copy(m_f.dir, dir, std::filesystem::copy_options::recursive);
        const Project project = Project::open(dir);
        PdmResultStore store(project);
        pdm::RunResults fewer = m_f.evaluation.results;
        fewer.alerts.resize(1);
        store.save(m_f.runId, m_f.fleet, fewer, "{}");
        QCOMPARE(store.alerts(m_f.runId).size(), std::size_t(1));
        QCOMPARE(store.machines(m_f.runId).size(), fewer.machines.size());
        QCOMPARE(store.runs().size(), std::size_t(1));
    }

    // A changed row cannot send a reader outside the project: the fleet file is always
    // datasets/fleets/<name>.sbfleet.
    void fleetPathComesFromItsNameNotTheRow()
    {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tempPath(tmp);
        std::filesystem::copy(m_f.dir, dir, std::filesystem::copy_options::recursive);
        execSql(dir / "seekbench.db", "UPDATE pdm_fleets SET path = '../../etc/passwd'");
        const Project project = Project::open(dir);
        const auto record = FleetStore(project, true).find(m_f.fleet);
        QVERIFY(record);
        QCOMPARE(record->path, std::string("datasets/fleets/plant.sbfleet"));
        QCOMPARE(fleetFileState(project, *record), FleetFileState::Present);
    }

    void damagedRowsAreNamed_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sparkline of odd size")
            << QStringLiteral("UPDATE pdm_machines SET spark = x'010203' WHERE machine = 0")
            << QStringLiteral("sparkline");
        QTest::newRow("unknown split") << QStringLiteral("UPDATE pdm_machines SET split = 'holdout' WHERE machine = 0")
                                       << QStringLiteral("split 'holdout'");
        QTest::newRow("scores of the wrong length")
            << QStringLiteral("UPDATE pdm_machine_scores SET rul = x'00000000' WHERE machine = 0")
            << QStringLiteral("RUL");
        QTest::newRow("explanation not JSON")
            << QStringLiteral("UPDATE pdm_alerts SET explanation_json = '{oops'") << QStringLiteral("explanation");
        QTest::newRow("modes not a list")
            << QStringLiteral("UPDATE pdm_runs SET modes_json = '3'") << QStringLiteral("failure modes");
        QTest::newRow("replay not JSON") << QStringLiteral("UPDATE pdm_runs SET replay_json = 'nope'")
                                         << QStringLiteral("not a JSON object");
    }

    void damagedRowsAreNamed()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const std::filesystem::path dir = tempPath(tmp);
        std::filesystem::copy(m_f.dir, dir, std::filesystem::copy_options::recursive);
        execSql(dir / "seekbench.db", sql.toStdString());
        const Project project = Project::open(dir);
        PdmResultStore store(project, true);
        std::string message;
        try {
            store.machines(m_f.runId);
            store.machineScores(m_f.runId, 0);
            store.alerts(m_f.runId);
            store.replay(m_f.runId);
        } catch (const std::exception &e) {
            message = e.what();
        }
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
        QVERIFY2(message.find(m_f.runId) != std::string::npos || message.find("policy replay") != std::string::npos,
                 message.c_str());
    }

    void badReplayTextIsRefusedByField_data()
    {
        QTest::addColumn<QString>("edit"); // a key path and its new JSON value
        QTest::addColumn<QString>("expected");
        QTest::newRow("unit") << QStringLiteral("time_unit=\"weeks\"") << QStringLiteral("replay.time_unit");
        QTest::newRow("period backwards") << QStringLiteral("test.0.to=-1") << QStringLiteral("ends before it starts");
        QTest::newRow("alert names no failure")
            << QStringLiteral("test_alerts.0.failure=100000") << QStringLiteral("test_alerts[0].failure");
        QTest::newRow("crew zero") << QStringLiteral("settings.crew_per_day=0") << QStringLiteral("crew_per_day");
        QTest::newRow("cost text") << QStringLiteral("settings.parts_cost=\"cheap\"") << QStringLiteral("parts_cost");
        QTest::newRow("no failures") << QStringLiteral("failures=null") << QStringLiteral("failures");
    }

    void badReplayTextIsRefusedByField()
    {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        const pdm::PolicyReplay &kept = m_f.evaluation.results.replay;
        QVERIFY(!kept.test.empty());
        QVERIFY(!kept.test_alerts.empty());
        auto j = nlohmann::json::parse(pdm::policyReplayJson(kept));
        const QStringList kv = edit.split(QLatin1Char('='));
        nlohmann::json *at = &j;
        for (const QString &key : kv[0].split(QLatin1Char('.'))) {
            bool isIndex = false;
            const int i = key.toInt(&isIndex);
            at = isIndex ? &(*at)[std::size_t(i)] : &(*at)[key.toStdString()];
        }
        *at = nlohmann::json::parse(kv[1].toStdString());
        std::string message;
        try {
            pdm::parsePolicyReplay(j.dump());
        } catch (const std::invalid_argument &e) {
            message = e.what();
        }
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
        // The untouched text round-trips.
        const pdm::PolicyReplay back = pdm::parsePolicyReplay(pdm::policyReplayJson(kept));
        QCOMPARE(back.test_alerts.size(), kept.test_alerts.size());
        QCOMPARE(back.failures.size(), kept.failures.size());
    }
};

QTEST_MAIN(TestPdmResults)
#include "test_pdm_results.moc"
