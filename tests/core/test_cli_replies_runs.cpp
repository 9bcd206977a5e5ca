// runs stop|resume --json replies: what the CLI prints round-trips through the typed
// reply, and a malformed document is rejected with the key named.

#include "seekbench/replies/runs_replies.h"

#include <QTest>

using namespace seekbench;
using namespace seekbench::replies;

class TestCliRepliesRuns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopSignalledRoundTrip()
    {
        RunsStopReply r;
        r.run = "20260101-abc";
        r.signalledPid = 4242;
        r.stopped = true;
        r.status = RunStatus::Cancelled;
        const std::string text = r.toJson();
        QCOMPARE(text, std::string(R"({"run":"20260101-abc","signalled":4242,"status":"cancelled","stopped":true})"));
        const RunsStopReply back = RunsStopReply::fromJson(text);
        QCOMPARE(back.run, r.run);
        QCOMPARE(*back.signalledPid, std::int64_t(4242));
        QVERIFY(back.stopped);
        QVERIFY(back.status == RunStatus::Cancelled);
        QVERIFY(!back.scancelJob);
    }

    void stopScancelRoundTrip()
    {
        // What the CLI prints for a Slurm run.
        const RunsStopReply r = RunsStopReply::fromJson(R"({"run":"r1","scancel":"12345"})");
        QCOMPARE(*r.scancelJob, std::string("12345"));
        QVERIFY(!r.signalledPid);
        QCOMPARE(RunsStopReply::fromJson(r.toJson()).scancelJob.value_or(""), std::string("12345"));
    }

    void resumeRoundTrip()
    {
        RunsResumeReply r{"r1", 777, "runs/r1/resume.out.log", "runs/r1/resume.err.log"};
        QCOMPARE(r.toJson(),
                 std::string(
                     R"({"pid":777,"run":"r1","stderr":"runs/r1/resume.err.log","stdout":"runs/r1/resume.out.log"})"));
        const RunsResumeReply back = RunsResumeReply::fromJson(r.toJson());
        QCOMPARE(back.pid, std::int64_t(777));
        QCOMPARE(back.stdoutLog, r.stdoutLog);
        QCOMPARE(back.stderrLog, r.stderrLog);
    }

    void malformedStop_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << "{run"
                                  << "not JSON";
        QTest::newRow("array") << "[1]"
                               << "not a JSON object";
        QTest::newRow("no run") << R"({"signalled":1,"stopped":true})"
                                << "key 'run' is missing";
        QTest::newRow("run not text") << R"({"run":3,"scancel":"1"})"
                                      << "key 'run' is not a string";
        QTest::newRow("neither") << R"({"run":"r"})"
                                 << "'signalled' or 'scancel'";
        QTest::newRow("no stopped") << R"({"run":"r","signalled":1})"
                                    << "key 'stopped' is missing";
        QTest::newRow("pid text") << R"({"run":"r","signalled":"1","stopped":true})"
                                  << "key 'signalled' is not an integer";
        QTest::newRow("bad status") << R"({"run":"r","signalled":1,"stopped":true,"status":"asleep"})"
                                    << "'asleep' is not a run status";
    }

    void malformedStop()
    {
        QFETCH(QString, document);
        QFETCH(QString, message);
        try {
            RunsStopReply::fromJson(document.toStdString());
            QFAIL("accepted a malformed document");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void malformedResume_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("no pid") << R"({"run":"r","stdout":"a","stderr":"b"})"
                                << "key 'pid' is missing";
        QTest::newRow("pid float") << R"({"run":"r","pid":1.5,"stdout":"a","stderr":"b"})"
                                   << "key 'pid' is not an integer";
        QTest::newRow("no stderr") << R"({"run":"r","pid":1,"stdout":"a"})"
                                   << "key 'stderr' is missing";
    }

    void malformedResume()
    {
        QFETCH(QString, document);
        QFETCH(QString, message);
        try {
            RunsResumeReply::fromJson(document.toStdString());
            QFAIL("accepted a malformed document");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepliesRuns)
#include "test_cli_replies_runs.moc"
