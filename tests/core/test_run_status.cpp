// RunStatus: the one spelling of a run's status (store column, CLI JSON, GUI).

#include "seekbench/run/run_status.h"
#include "seekbench/run/train_result.h"

#include <QtTest>

using seekbench::RunStatus;

Q_DECLARE_METATYPE(RunStatus)

class TestRunStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("active");
        QTest::addColumn<bool>("inError");
        QTest::newRow("queued") << RunStatus::Queued << "queued" << true << false;
        QTest::newRow("running") << RunStatus::Running << "running" << true << false;
        QTest::newRow("finished") << RunStatus::Finished << "finished" << false << false;
        QTest::newRow("failed") << RunStatus::Failed << "failed" << false << true;
        QTest::newRow("cancelled") << RunStatus::Cancelled << "cancelled" << false << false;
        QTest::newRow("crashed") << RunStatus::Crashed << "crashed" << false << true;
    }

    void roundTrip()
    {
        QFETCH(RunStatus, status);
        QFETCH(QString, word);
        QFETCH(bool, active);
        QFETCH(bool, inError);
        QCOMPARE(QString::fromLatin1(seekbench::toString(status)), word);
        const auto parsed = seekbench::parseRunStatus(word.toStdString());
        QVERIFY(parsed.has_value());
        QVERIFY(*parsed == status);
        QCOMPARE(seekbench::isActive(status), active);
        QCOMPARE(seekbench::endedInError(status), inError);
    }

    void unknownWords_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("empty") << "";
        QTest::newRow("capitalised") << "Running";
        QTest::newRow("trainer's word") << "diverged";
        QTest::newRow("early stop") << "early_stopped";
        QTest::newRow("padded") << " running";
        QTest::newRow("prefix") << "run";
    }

    void unknownWords()
    {
        QFETCH(QString, word);
        QVERIFY(!seekbench::parseRunStatus(word.toStdString()).has_value());
    }

    void trainStatusRoundTrip()
    {
        using seekbench::TrainStatus;
        for (TrainStatus s : {TrainStatus::Finished, TrainStatus::EarlyStopped, TrainStatus::Cancelled,
                              TrainStatus::Diverged, TrainStatus::Failed}) {
            const auto parsed = seekbench::parseTrainStatus(seekbench::toString(s));
            QVERIFY(parsed && *parsed == s);
        }
        QVERIFY(!seekbench::parseTrainStatus("crashed"));
    }
};

QTEST_GUILESS_MAIN(TestRunStatus)
#include "test_run_status.moc"
