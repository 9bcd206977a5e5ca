// CliClient against the real seekbench-cli (SEEKBENCH_CLI_PATH) and a stand-in script:
// exit codes and their meaning, typed replies, a missing executable, cancel and timeout.
#include "aml/aml_threshold_panel.h"
#include "common/cli_client.h"
#include "runs/run_controller.h"
#include "seekbench/projects/process_identity.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/replies/runs_replies.h"
#include "seekbench/replies/slurm_replies.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using namespace seekbench;
using namespace seekbench::ui;

namespace {
// Runs one verb and waits (in the event loop) for its result.
template<typename Reply>
std::optional<CliReply<Reply>> runAndWait(CliClient &cli, const QStringList &args, int timeoutMs = 60000,
                                          CliCall **callOut = nullptr, const CliClient::Options &options = {})
{
    std::optional<CliReply<Reply>> out;
    QObject context;
    CliCall *call = cli.run<Reply>(
        args, &context, [&out](const CliReply<Reply> &r) { out = r; }, options);
    if (callOut)
        *callOut = call;
    QElapsedTimer clock;
    clock.start();
    while (!out && clock.elapsed() < timeoutMs)
        QTest::qWait(20);
    return out;
}

QString writeFile(const QString &path, const QByteArray &text, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    f.close();
    if (executable)
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}
} // namespace

class TestCliClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH); }

    void executableComesFromTheEnvironment()
    {
        QCOMPARE(CliClient::executable(), QStringLiteral(SEEKBENCH_CLI_PATH));
        qunsetenv("SEEKBENCH_CLI");
        QVERIFY(CliClient::executable().endsWith(QStringLiteral("/seekbench-cli")));
    }

    void malformedConfigIsBadInput()
    {
        QTemporaryDir tmp;
        const QString bad = writeFile(tmp.filePath(QStringLiteral("broken.yaml")), "model: [unclosed\n");
        CliClient cli;
        std::optional<CliResult> result;
        QObject context;
        cli.run({QStringLiteral("validate"), QStringLiteral("--config"), bad}, &context,
                [&result](const CliResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QCOMPARE(result->outcome, CliResult::Outcome::Failed);
        QCOMPARE(result->exitCode, 2);
        QVERIFY2(result->error.contains(bad), qPrintable(result->error));
        QVERIFY2(result->error.contains(CliClient::exitCodeMeaning(2)), qPrintable(result->error));
        QVERIFY(result->lastErrorLine().contains(QStringLiteral("YAML")));
    }

    void runsStopOfADeadRunIsRefused()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        QString id;
        {
            projects::ProjectManifest m;
            m.name = "cli";
            m.storage = "local";
            projects::Project p = projects::Project::create(dir.toStdString(), m);
            projects::NewRun run;
            run.name = "gone";
            // Recorded as running on this host under a pid that does not exist.
            run.process = projects::ProcessIdentity{projects::ProcessIdentity::hostName(), 4194000, 12345};
            id = QString::fromStdString(projects::RunStore(p).createRun(run));
        }
        CliClient cli;
        const QStringList stop{QStringLiteral("runs"),
                               QStringLiteral("stop"),
                               id,
                               QStringLiteral("--project"),
                               dir,
                               QStringLiteral("--wait"),
                               QStringLiteral("1"),
                               QStringLiteral("--json")};
        // Opening the project marks the run crashed (its process is gone): stopping it is
        // bad input, with the CLI's message and the exit code's meaning.
        const auto result = runAndWait<replies::RunsStopReply>(cli, stop);
        QVERIFY(result);
        QCOMPARE(result->outcome, CliResult::Outcome::Failed);
        QCOMPARE(result->exitCode, 2);
        QVERIFY(!result->reply);
        QVERIFY2(result->error.contains(QStringLiteral("is not running")), qPrintable(result->error));
        QVERIFY2(result->error.contains(QStringLiteral("exit code 2")), qPrintable(result->error));
    }

    void typedReplyOnSuccess()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        projects::ProjectManifest m;
        m.name = "cli";
        m.storage = "local";
        projects::Project::create(dir.toStdString(), m);
        QDir().mkpath(dir + QStringLiteral("/clusters"));
        const QString profile
            = writeFile(dir + QStringLiteral("/clusters/lab.yaml"),
                        "nodes: 1\ntasks_per_node: 2\ncpus_per_task: 1\ntime: \"00:10:00\"\npartition: debug\n");
        const QString config = QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml");
        CliClient cli;
        const QStringList script{QStringLiteral("slurm"),     QStringLiteral("script"),
                                 QStringLiteral("--project"), dir,
                                 QStringLiteral("--config"),  config,
                                 QStringLiteral("--profile"), profile,
                                 QStringLiteral("--json")};
        const auto result = runAndWait<replies::SlurmScriptReply>(cli, script);
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->error));
        QVERIFY(result->reply);
        QCOMPARE(result->reply->ranks, 2);
        QVERIFY(std::count(result->reply->sbatchArgs.begin(), result->reply->sbatchArgs.end(), "--partition=debug")
                    + std::count(result->reply->sbatchArgs.begin(), result->reply->sbatchArgs.end(), "--partition")
                > 0);
        QVERIFY(QString::fromStdString(result->reply->script).contains(QStringLiteral("srun")));

        // A verb that succeeds without printing the expected reply is a BadReply, not ok.
        const auto validate = runAndWait<replies::SlurmScriptReply>(cli, {QStringLiteral("validate"),
                                                                          QStringLiteral("--config"), config});
        QVERIFY(validate);
        QCOMPARE(validate->exitCode, 0);
        QCOMPARE(validate->outcome, CliResult::Outcome::BadReply);
        QVERIFY(!validate->reply);
        QVERIFY(!validate->error.isEmpty());
    }

    void missingExecutable()
    {
        qputenv("SEEKBENCH_CLI", "/nonexistent/seekbench-cli");
        CliClient cli;
        const auto result = runAndWait<replies::RunsStopReply>(cli,
                                                               {QStringLiteral("runs"), QStringLiteral("stop"),
                                                                QStringLiteral("x")},
                                                               5000);
        QVERIFY2(result, "no answer for a missing executable");
        QCOMPARE(result->outcome, CliResult::Outcome::NotFound);
        QVERIFY(result->error.contains(QStringLiteral("/nonexistent/seekbench-cli")));
        // startDetached refuses it the same way.
        QString error;
        QVERIFY(!CliClient::startDetached({QStringLiteral("train")}, {}, nullptr, &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent/seekbench-cli")));
    }

    void cancelStopsALongVerb()
    {
        QTemporaryDir tmp;
        // Stands in for a verb that runs long (a training run, a Slurm follower).
        qputenv("SEEKBENCH_CLI",
                writeFile(tmp.filePath(QStringLiteral("cli")), "#!/bin/sh\nexec sleep 60\n", true).toUtf8());
        CliClient cli;
        std::optional<CliResult> result;
        QObject context;
        CliCall *call = cli.run({QStringLiteral("train")}, &context, [&result](const CliResult &r) { result = r; });
        QTest::qWait(300);
        QVERIFY(call->isRunning());
        QCOMPARE(cli.runningCount(), 1);
        QElapsedTimer clock;
        clock.start();
        call->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(clock.elapsed() < 5000);
        QCOMPARE(result->outcome, CliResult::Outcome::Cancelled);
        QVERIFY(!result->error.isEmpty());
        QCOMPARE(cli.runningCount(), 0);
    }

    void timeoutStopsAHungVerb()
    {
        QTemporaryDir tmp;
        qputenv("SEEKBENCH_CLI",
                writeFile(tmp.filePath(QStringLiteral("cli")), "#!/bin/sh\nexec sleep 60\n", true).toUtf8());
        CliClient cli;
        CliClient::Options options;
        options.timeoutMs = 300;
        const auto result = runAndWait<replies::RunsStopReply>(cli, {QStringLiteral("runs")}, 10000, nullptr, options);
        QVERIFY(result);
        QCOMPARE(result->outcome, CliResult::Outcome::TimedOut);
    }

    void goneContextHearsNothing()
    {
        CliClient cli;
        bool called = false;
        auto *context = new QObject;
        cli.run({QStringLiteral("--help")}, context, [&called](const CliResult &) { called = true; });
        delete context;
        QTRY_COMPARE_WITH_TIMEOUT(cli.runningCount(), 0, 30000);
        QTest::qWait(50);
        QVERIFY(!called);
    }

    // The converted call sites read the typed replies: a stand-in CLI prints what the real
    // one prints for `aml alerts --json` and `runs resume --json`, or fails like it.
    void callSitesReadTypedReplies()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        projects::ProjectManifest m;
        m.name = "cli";
        m.storage = "local";
        projects::Project::create(dir.toStdString(), m);
        const QString alerts = writeFile(
            tmp.filePath(QStringLiteral("alerts.json")),
            R"({"alerts":[],"alerts_total":12,"curve":[{"alerts":12,"fpr":0.01,"precision":0.5,"recall":0.6,"threshold":0.4125}],)"
            R"("days":30.0,"model":"graph","operating_point":{"alerts_per_day":0.4,"capacity_bound":false,"expected_cost":9.0,)"
            R"("fpr":0.01,"precision":0.5,"precision_at_capacity":0.5,"recall":0.6,"threshold":0.4125},"positives":10,"figures_period":"test","threshold_period":"validation",)"
            R"("recall_at_fpr":{"target":0.021,"fpr":0.02,"recall":0.7,"threshold":0.3},"run":"r1"})"
            "\n");
        const QString fake
            = writeFile(tmp.filePath(QStringLiteral("cli")),
                        "#!/bin/sh\n"
                        "case \"$1 $2\" in\n"
                        "'aml alerts') cat '"
                            + alerts.toUtf8()
                            + "' ;;\n"
                              "'runs resume') echo '{\"run\":\"r1\",\"pid\":77,\"stdout\":\"a\",\"stderr\":\"b\"}' ;;\n"
                              "*) echo \"seekbench-cli $1 $2: no such run\" >&2; exit 2 ;;\n"
                              "esac\n",
                        true);
        qputenv("SEEKBENCH_CLI", fake.toUtf8());

        ui::AmlThresholdPanel panel(std::make_shared<const projects::Project>(
                                        projects::Project::open(dir.toStdString())),
                                    dir);
        QVERIFY(!panel.setRun(QStringLiteral("r1"), QStringLiteral("graph"))); // no stored curve; the run is still set
        QSignalSpy recreated(&panel, &ui::AmlThresholdPanel::alertsRecreated);
        QSignalSpy message(&panel, &ui::AmlThresholdPanel::message);
        QVERIFY(panel.apply());
        QVERIFY(panel.isApplying());
        QTRY_COMPARE_WITH_TIMEOUT(recreated.count(), 1, 10000);
        QVERIFY(!panel.isApplying());
        QVERIFY2(message.last().first().toString().contains(QStringLiteral("0.4125")),
                 qPrintable(message.last().first().toString()));

        ui::RunController controller(dir);
        QSignalSpy resumed(&controller, &ui::RunController::resumed);
        QSignalSpy failed(&controller, &ui::RunController::failed);
        controller.resume(QStringLiteral("r1"));
        QTRY_COMPARE_WITH_TIMEOUT(resumed.count(), 1, 10000);
        QCOMPARE(failed.count(), 0);
        projects::RunRecord run;
        run.id = "r2";
        controller.stop(run, 1);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        const QString why = failed.first().at(1).toString();
        QVERIFY2(why.contains(QStringLiteral("no such run")) && why.contains(QStringLiteral("exit code 2")),
                 qPrintable(why));
    }
};

QTEST_MAIN(TestCliClient)
#include "test_cli_client.moc"
