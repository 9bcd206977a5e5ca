// A run's JSON (project runs|show --json): the keys scripts and the GUI read, nulls for
// values a run does not have.

#include "seekbench/projects/run_json.h"
#include "test_support.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace seekbench;
using namespace seekbench::projects;
using json = nlohmann::json;

namespace {

RunRecord sampleRun()
{
    RunRecord r;
    r.id = "20260101-120000-abcdef01";
    r.name = "baseline";
    r.status = RunStatus::Finished;
    r.createdAt = 100;
    r.startedAt = 101;
    r.attempt = 2;
    r.tags = {"a", "b"};
    r.params = {{"training.lr", "0.001"}};
    r.configYaml = "name: baseline\n";
    r.summary["train/loss"] = MetricSummary{0.5, 30, std::nullopt, 0};
    return r;
}

} // namespace

class TestRunJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runKeys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // the value's dump()
        QTest::newRow("id") << "id"
                            << "\"20260101-120000-abcdef01\"";
        QTest::newRow("status as its word") << "status"
                                            << "\"finished\"";
        QTest::newRow("started") << "started_at"
                                 << "101.0";
        QTest::newRow("not ended: null") << "ended_at"
                                         << "null";
        QTest::newRow("no heartbeat: null") << "heartbeat_at"
                                            << "null";
        QTest::newRow("attempt") << "attempt"
                                 << "2";
        QTest::newRow("tags") << "tags"
                              << "[\"a\",\"b\"]";
        QTest::newRow("no parent") << "parent"
                                   << "\"\"";
        QTest::newRow("metric") << "metrics"
                                << "{\"train/loss\":{\"best\":null,\"best_step\":0,\"final\":0.5,\"final_step\":30}}";
    }

    void runKeys()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const json j = json::parse(runJson(sampleRun()));
        QVERIFY2(j.contains(key.toStdString()), qPrintable(key));
        QCOMPARE(QString::fromStdString(j[key.toStdString()].dump()), value);
        QVERIFY(!j.contains("params")); // only the detail has the config
    }

    void listIsAnArrayOfRuns()
    {
        const json j = json::parse(runListJson({sampleRun(), sampleRun()}));
        QVERIFY(j.is_array());
        QCOMPARE(j.size(), std::size_t(2));
        QCOMPARE(j[1]["name"].get<std::string>(), std::string("baseline"));
        QCOMPARE(json::parse(runListJson({})).dump(), std::string("[]"));
    }

    void detailAddsConfigCurvesAndArtifacts()
    {
        CurveInfo c;
        c.key = "train/loss";
        c.rank = 1;
        c.points = 30;
        c.minStep = 1;
        c.maxStep = 30;
        ArtifactRecord a;
        a.kind = "checkpoint";
        a.path = "runs/x/checkpoints/step-00000030.sbckpt";
        a.bytes = 1234;
        const json j = json::parse(runDetailJson(sampleRun(), {c}, {a}));
        QCOMPARE(j["id"].get<std::string>(), std::string("20260101-120000-abcdef01"));
        QCOMPARE(j["params"]["training.lr"].get<std::string>(), std::string("0.001"));
        QCOMPARE(j["config_yaml"].get<std::string>(), std::string("name: baseline\n"));
        QCOMPARE(j["curves"][0].dump(),
                 std::string("{\"key\":\"train/loss\",\"max_step\":30,\"min_step\":1,\"points\":30,\"rank\":1}"));
        QCOMPARE(j["artifacts"][0]["path"].get<std::string>(), a.path);
        QCOMPARE(j["artifacts"][0]["bytes"].get<int>(), 1234);
        QVERIFY(json::parse(runDetailJson(sampleRun(), {}, {}))["curves"].empty());
    }

    void headlineAndTimes()
    {
        RunRecord r = sampleRun();
        QCOMPARE(runHeadline(r), std::string("train/loss 0.5"));
        r.summary["eval/loss"] = MetricSummary{0.25, 30, 0.25, 30};
        QCOMPARE(runHeadline(r), std::string("eval/loss 0.25")); // eval wins over train
        QCOMPARE(runHeadline(RunRecord{}), std::string());
        QCOMPARE(utcTimeText(0), std::string("-"));
        QCOMPARE(utcTimeText(1764669600), std::string("2025-12-02 10:00:00"));
    }
};

QTEST_GUILESS_MAIN(TestRunJson)
#include "test_run_json.moc"
