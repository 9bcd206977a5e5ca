// Sweeps from the command line (issue 22): create, run, status, best, export, ask/tell and
// report; an infeasible trial is never launched; a driver killed with SIGKILL mid-way
// resumes without repeating finished trials.

#include "cli_test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {

struct Out
{
    int code = -1;
    QByteArray out, err;
};

Out cli(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestSweepCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_project;

    QStringList on(QStringList args) const { return args << QStringLiteral("--project") << m_project; }

    QJsonObject status(const QString &sweep) const
    {
        const Out o = cli(on({QStringLiteral("sweep"), QStringLiteral("status"), QStringLiteral("--sweep"), sweep,
                              QStringLiteral("--json")}));
        return QJsonDocument::fromJson(o.out).object();
    }

    int runsTagged(const QString &sweep) const
    {
        const Out o = cli({QStringLiteral("project"), QStringLiteral("runs"), m_project, QStringLiteral("--tag"),
                           QStringLiteral("sweep:") + sweep, QStringLiteral("--json")});
        return QJsonDocument::fromJson(o.out).array().size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_tmp.filePath(QStringLiteral("p"));
        QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), m_project}).code, 0);
        QVERIFY(QDir().mkpath(m_project + QStringLiteral("/configs")));
        writeTinyConfig(m_project + QStringLiteral("/configs"), QStringLiteral("quick.yaml"),
                        {{QStringLiteral("max_steps"), QStringLiteral("30")},
                         {QStringLiteral("eval_every"), QStringLiteral("10")},
                         {QStringLiteral("warmup_steps"), QStringLiteral("2")},
                         {QStringLiteral("checkpoint_every"), QStringLiteral("10")}},
                        QStringLiteral("  threads: 1\n"));
    }

    // A bad space is refused whole, every problem named with its key; nothing is recorded.
    void badSpaceIsRefused()
    {
        write(m_project + QStringLiteral("/sweeps/bad.yaml"), "base: configs/quick.yaml\n"
                                                              "trials: 4\n"
                                                              "params:\n"
                                                              "  training.lrr: {log_uniform: [1.0e-4, 1.0e-2]}\n"
                                                              "  training.lr: {log_uniform: [0, 1.0e-2]}\n");
        const Out o = cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                              QStringLiteral("sweeps/bad.yaml")}));
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains("sweeps/bad.yaml: training.lrr") && o.err.contains("sweeps/bad.yaml: training.lr"),
                 o.err.constData());
        const Out outside = cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                                    QStringLiteral("../escape.yaml")}));
        QCOMPARE(outside.code, 2);
        QVERIFY(status(QStringLiteral("bad")).isEmpty());
    }

    // Trials are runs of the project; a config that cannot be valid is infeasible and never
    // launched; status, best and export agree.
    void runsAllTrials()
    {
        write(m_project + QStringLiteral("/sweeps/lr.yaml"),
              "base: configs/quick.yaml\n"
              "objective: {metric: eval/loss, direction: minimize}\n"
              "sampler: {kind: random, seed: 3}\n"
              "trials: 5\n"
              "parallel: 2\n"
              "params:\n"
              "  training.lr: {log_uniform: [1.0e-3, 1.0e-2]}\n"
              // 66 is not divisible by the 4 heads: those trials are infeasible.
              "  model.hidden_size: {choices: [32, 66]}\n");
        QCOMPARE(cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                         QStringLiteral("sweeps/lr.yaml")}))
                     .code,
                 0);
        const Out run = cli(
            on({QStringLiteral("sweep"), QStringLiteral("run"), QStringLiteral("--sweep"), QStringLiteral("lr")}));
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonObject s = status(QStringLiteral("lr"));
        QCOMPARE(s.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        const QJsonArray trials = s.value(QLatin1String("trials")).toArray();
        QCOMPARE(trials.size(), 5);
        int complete = 0, infeasible = 0;
        for (const QJsonValue &v : trials) {
            const QJsonObject t = v.toObject();
            const QString state = t.value(QLatin1String("state")).toString();
            const QString hidden
                = t.value(QLatin1String("params")).toObject().value(QLatin1String("model.hidden_size")).toString();
            if (hidden == QLatin1String("66")) {
                QCOMPARE(state, QStringLiteral("infeasible"));
                QVERIFY(t.value(QLatin1String("reason")).toString().contains(QLatin1String("model.hidden_size")));
                QVERIFY(!t.contains(QLatin1String("run"))); // never launched
                ++infeasible;
            } else {
                QCOMPARE(state, QStringLiteral("complete"));
                QVERIFY(t.value(QLatin1String("value")).toDouble() > 0);
                QVERIFY(t.contains(QLatin1String("run")));
                ++complete;
            }
        }
        QCOMPARE(complete + infeasible, 5);
        QCOMPARE(runsTagged(QStringLiteral("lr")), complete);

        const Out best = cli(on({QStringLiteral("sweep"), QStringLiteral("best"), QStringLiteral("--sweep"),
                                 QStringLiteral("lr"), QStringLiteral("--json")}));
        QCOMPARE(best.code, 0);
        const double bestValue = QJsonDocument::fromJson(best.out).object().value(QLatin1String("value")).toDouble();
        for (const QJsonValue &v : trials)
            if (v.toObject().value(QLatin1String("state")).toString() == QLatin1String("complete"))
                QVERIFY(bestValue <= v.toObject().value(QLatin1String("value")).toDouble());

        const Out csv = cli(
            on({QStringLiteral("sweep"), QStringLiteral("export"), QStringLiteral("--sweep"), QStringLiteral("lr")}));
        QCOMPARE(csv.code, 0);
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QVERIFY2(lines[0].startsWith("trial,state,value,cost,run,\"training.lr\",\"model.hidden_size\""),
                 lines[0].constData());
        // Every value exactly as recorded: an export must not round.
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cols = lines[i].split(',');
            for (const QJsonValue &v : trials) {
                const QJsonObject t = v.toObject();
                if (t.value(QLatin1String("trial")).toInt() != cols[0].toInt()
                    || t.value(QLatin1String("state")).toString() != QLatin1String("complete"))
                    continue;
                QVERIFY2(cols[2].toDouble() == t.value(QLatin1String("value")).toDouble(), lines[i].constData());
            }
        }
    }

    // ask/tell drive the sampler from any program; a second tell is refused.
    void askAndTell()
    {
        write(m_project + QStringLiteral("/sweeps/ext.yaml"), "base: configs/quick.yaml\n"
                                                              "sampler: {kind: tpe, seed: 1}\n"
                                                              "pruner: {kind: median, startup_trials: 1}\n"
                                                              "trials: 10\n"
                                                              "params:\n"
                                                              "  training.lr: {uniform: [0.001, 0.01]}\n");
        QCOMPARE(cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                         QStringLiteral("sweeps/ext.yaml")}))
                     .code,
                 0);
        const auto ask = [&] {
            const Out o = cli(
                on({QStringLiteral("sweep"), QStringLiteral("ask"), QStringLiteral("--sweep"), QStringLiteral("ext")}));
            return QJsonDocument::fromJson(o.out).object();
        };
        const QJsonObject a0 = ask(), a1 = ask();
        QCOMPARE(a0.value(QLatin1String("trial")).toInt(), 0);
        QCOMPARE(a1.value(QLatin1String("trial")).toInt(), 1);
        QVERIFY(a0.value(QLatin1String("params")).toObject().contains(QLatin1String("training.lr")));
        // The constant liar: two pending asks do not probe the same point.
        QVERIFY(a0.value(QLatin1String("params")) != a1.value(QLatin1String("params")));
        auto tell = [&](const QString &trial, const QStringList &more) {
            return cli(on(QStringList{QStringLiteral("sweep"), QStringLiteral("tell"), QStringLiteral("--sweep"),
                                      QStringLiteral("ext"), QStringLiteral("--trial"), trial}
                          + more));
        };
        QCOMPARE(tell(QStringLiteral("0"), {QStringLiteral("--value"), QStringLiteral("0.5")}).code, 0);
        const Out again = tell(QStringLiteral("0"), {QStringLiteral("--value"), QStringLiteral("0.4")});
        QCOMPARE(again.code, 2);
        QVERIFY2(again.err.contains("has ended already (complete)"), again.err.constData());
        QCOMPARE(tell(QStringLiteral("7"), {QStringLiteral("--value"), QStringLiteral("1")}).code, 2);
        QCOMPARE(tell(QStringLiteral("1"), {QStringLiteral("--value"), QStringLiteral("nan")}).code, 2);
        // Trial 0 reported 0.5 at step 10; trial 1 at 0.9 is worse than the median: prune.
        QCOMPARE(cli(on({QStringLiteral("sweep"), QStringLiteral("report"), QStringLiteral("--sweep"),
                         QStringLiteral("ext"), QStringLiteral("--trial"), QStringLiteral("0"), QStringLiteral("--step"),
                         QStringLiteral("10"), QStringLiteral("--value"), QStringLiteral("0.5")}))
                     .code,
                 2); // trial 0 has ended: no more reports
        QCOMPARE(tell(QStringLiteral("1"), {QStringLiteral("--state"), QStringLiteral("pruned"),
                                            QStringLiteral("--reason"), QStringLiteral("by hand")})
                     .code,
                 0);
        const Out best = cli(on({QStringLiteral("sweep"), QStringLiteral("best"), QStringLiteral("--sweep"),
                                 QStringLiteral("ext"), QStringLiteral("--json")}));
        QCOMPARE(QJsonDocument::fromJson(best.out).object().value(QLatin1String("trial")).toInt(), 0);
    }

    // The median pruner stops a trial whose curve is worse than the median of the
    // finished ones at the same step: its run checkpoints and ends cancelled, the trial
    // ends pruned with its last reported value, before the run's last step.
    void medianPrunerStopsABadTrial()
    {
        writeTinyConfig(m_project + QStringLiteral("/configs"), QStringLiteral("long.yaml"),
                        {{QStringLiteral("max_steps"), QStringLiteral("300")},
                         {QStringLiteral("eval_every"), QStringLiteral("10")},
                         {QStringLiteral("warmup_steps"), QStringLiteral("2")},
                         {QStringLiteral("checkpoint_every"), QStringLiteral("100")}},
                        QStringLiteral("  threads: 1\n"));
        write(m_project + QStringLiteral("/sweeps/prune.yaml"),
              "base: configs/long.yaml\n"
              "sampler: {kind: grid}\n"
              "pruner: {kind: median, startup_trials: 1, warmup_steps: 10}\n"
              "trials: 2\n"
              "params:\n"
              // A learning rate that learns, then one that barely moves the loss.
              "  training.lr: {choices: [0.003, 0.000001]}\n");
        QCOMPARE(cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                         QStringLiteral("sweeps/prune.yaml")}))
                     .code,
                 0);
        const Out run = cli(
            on({QStringLiteral("sweep"), QStringLiteral("run"), QStringLiteral("--sweep"), QStringLiteral("prune")}));
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonArray trials = status(QStringLiteral("prune")).value(QLatin1String("trials")).toArray();
        QCOMPARE(trials.size(), 2);
        QCOMPARE(trials[0].toObject().value(QLatin1String("state")).toString(), QStringLiteral("complete"));
        const QJsonObject pruned = trials[1].toObject();
        QCOMPARE(pruned.value(QLatin1String("state")).toString(), QStringLiteral("pruned"));
        QVERIFY2(pruned.value(QLatin1String("reason")).toString().contains(QLatin1String("median pruner")),
                 qPrintable(pruned.value(QLatin1String("reason")).toString()));
        QVERIFY(pruned.value(QLatin1String("value")).toDouble()
                > trials[0].toObject().value(QLatin1String("value")).toDouble());
        const QString runId = pruned.value(QLatin1String("run")).toString();
        const Out show = cli(
            {QStringLiteral("project"), QStringLiteral("show"), m_project, runId, QStringLiteral("--json")});
        const QJsonObject r = QJsonDocument::fromJson(show.out).object();
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
        // Stopped early, with a final checkpoint to resume from.
        const QDir checkpoints(m_project + QStringLiteral("/runs/") + runId + QStringLiteral("/checkpoints"));
        QVERIFY(!checkpoints.entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        const int lastStep = r.value(QLatin1String("metrics"))
                                 .toObject()
                                 .value(QLatin1String("train/loss"))
                                 .toObject()
                                 .value(QLatin1String("final_step"))
                                 .toInt();
        QVERIFY2(lastStep > 0 && lastStep < 300, qPrintable(QString::number(lastStep))); // compute saved
    }

    // SIGKILL of the driver mid-way: running it again finishes the budget without
    // repeating a finished trial (each trial has at most one run, each run one trial).
    void killedDriverResumes()
    {
        write(m_project + QStringLiteral("/sweeps/kill.yaml"), "base: configs/quick.yaml\n"
                                                               "sampler: {kind: random, seed: 9}\n"
                                                               "trials: 4\n"
                                                               "parallel: 1\n"
                                                               "params:\n"
                                                               "  training.lr: {uniform: [0.001, 0.01]}\n");
        QCOMPARE(cli(on({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"),
                         QStringLiteral("sweeps/kill.yaml")}))
                     .code,
                 0);
        QProcess driver;
        driver.start(QStringLiteral(SEEKBENCH_CLI_PATH), on({QStringLiteral("sweep"), QStringLiteral("run"),
                                                             QStringLiteral("--sweep"), QStringLiteral("kill")}));
        QVERIFY(driver.waitForStarted());
        QElapsedTimer t;
        t.start();
        int done = 0;
        while (t.elapsed() < 180000) {
            const QJsonObject s = status(QStringLiteral("kill"));
            done = s.value(QLatin1String("counts")).toObject().value(QLatin1String("complete")).toInt();
            if (done >= 1)
                break;
            QTest::qWait(200);
        }
        QVERIFY(done >= 1);
        ::kill(pid_t(driver.processId()), SIGKILL);
        QVERIFY(driver.waitForFinished(10000));
        const QJsonArray before = status(QStringLiteral("kill")).value(QLatin1String("trials")).toArray();

        const Out resumed = cli(
            on({QStringLiteral("sweep"), QStringLiteral("resume"), QStringLiteral("--sweep"), QStringLiteral("kill")}));
        QVERIFY2(resumed.code == 0, resumed.err.constData());
        const QJsonObject after = status(QStringLiteral("kill"));
        QCOMPARE(after.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        const QJsonArray trials = after.value(QLatin1String("trials")).toArray();
        QCOMPARE(trials.size(), 4);
        QSet<QString> runs;
        for (const QJsonValue &v : trials) {
            QVERIFY2(v.toObject().value(QLatin1String("state")).toString() == QLatin1String("complete"),
                     QJsonDocument(v.toObject()).toJson().constData());
            runs.insert(v.toObject().value(QLatin1String("run")).toString());
        }
        QCOMPARE(runs.size(), 4);
        QCOMPARE(runsTagged(QStringLiteral("kill")), 4);
        // What was told before the kill is what it was.
        for (const QJsonValue &v : before)
            if (v.toObject().value(QLatin1String("state")).toString() == QLatin1String("complete"))
                QCOMPARE(trials[v.toObject().value(QLatin1String("trial")).toInt()].toObject().value(
                             QLatin1String("value")),
                         v.toObject().value(QLatin1String("value")));
    }
};

QTEST_GUILESS_MAIN(TestSweepCli)
#include "test_sweep_cli.moc"
