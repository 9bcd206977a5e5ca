// slurm script|submit --json replies: round trips and malformed documents.

#include "seekbench/replies/slurm_replies.h"

#include <QTest>

using namespace seekbench::replies;

class TestCliRepliesSlurm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptRoundTrip()
    {
        SlurmScriptReply r{{"--nodes=2", "--ntasks-per-node=4"},
                           "#!/bin/bash\nsrun x\n",
                           8,
                           "runs/RUN_ID/slurm-1.sbatch"};
        const SlurmScriptReply back = SlurmScriptReply::fromJson(r.toJson());
        QCOMPARE(back.sbatchArgs, r.sbatchArgs);
        QCOMPARE(back.script, r.script);
        QCOMPARE(back.ranks, 8);
        QCOMPARE(back.scriptPath, r.scriptPath);
    }

    void submitRoundTrip()
    {
        // The line `slurm submit --json` prints.
        const std::string line
            = R"({"attempt":1,"job":"991","ranks":4,"run":"20260101-x","script":"runs/20260101-x/slurm-1.sbatch"})";
        const SlurmSubmitReply r = SlurmSubmitReply::fromJson(line);
        QCOMPARE(r.run, std::string("20260101-x"));
        QCOMPARE(r.job, std::string("991"));
        QCOMPARE(r.ranks, 4);
        QCOMPARE(r.toJson(), line);
    }

    void malformed_data()
    {
        QTest::addColumn<bool>("submit");
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("script: not json") << false << "nope"
                                          << "not JSON";
        QTest::newRow("script: no args") << false << R"({"script":"s","ranks":1,"script_path":"p"})"
                                         << "key 'sbatch_args' is missing";
        QTest::newRow("script: args not strings")
            << false << R"({"sbatch_args":[1],"script":"s","ranks":1,"script_path":"p"})"
            << "key 'sbatch_args' is not an array of strings";
        QTest::newRow("script: ranks text")
            << false << R"({"sbatch_args":[],"script":"s","ranks":"1","script_path":"p"})"
            << "key 'ranks' is not an integer";
        QTest::newRow("submit: no job") << true << R"({"run":"r","attempt":1,"ranks":1,"script":"s"})"
                                        << "key 'job' is missing";
        QTest::newRow("submit: object") << true << "42"
                                        << "not a JSON object";
    }

    void malformed()
    {
        QFETCH(bool, submit);
        QFETCH(QString, document);
        QFETCH(QString, message);
        try {
            if (submit)
                SlurmSubmitReply::fromJson(document.toStdString());
            else
                SlurmScriptReply::fromJson(document.toStdString());
            QFAIL("accepted a malformed document");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepliesSlurm)
#include "test_cli_replies_slurm.moc"
