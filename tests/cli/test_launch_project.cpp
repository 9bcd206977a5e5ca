// `seekbench-cli launch --nproc 2 -- train --project DIR`: one run in the project's store
// written by two ranks through segment files. The run has 2 ranks, rank 0's loss matches
// a 1-process run of the same global batch, each rank keeps its own throughput; a stop
// stops every rank and the run resumes as 2 ranks; a killed rank fails the run by name.

#include "cli_test_support.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

namespace {

struct Result
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Result cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(240000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString writeConfig(const QString &dir, const QString &name, int batch, int maxSteps)
{
    return writeTinyConfig(dir, name,
                           {{QStringLiteral("batch_size"), QString::number(batch)},
                            {QStringLiteral("max_steps"), QString::number(maxSteps)},
                            {QStringLiteral("warmup_steps"), QStringLiteral("2")},
                            {QStringLiteral("eval_every"), QStringLiteral("10")}},
                           QStringLiteral("  threads: 1\n"));
}

QString launchedRun(const QByteArray &out)
{
    const QJsonObject o = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
    return o.value(QLatin1String("event")).toString() == QLatin1String("launch")
               ? o.value(QLatin1String("run")).toString()
               : QString();
}

QJsonObject ranks(const QString &project, const QString &run)
{
    return QJsonDocument::fromJson(
               cli({QStringLiteral("runs"), QStringLiteral("ranks"), run, QStringLiteral("--project"), project}).out)
        .object();
}

// step -> value of one curve of one rank, from the store.
QMap<int, double> curve(const QString &project, const QString &run, const QString &key, int rank)
{
    QMap<int, double> out;
    const Result r = cli({QStringLiteral("project"), QStringLiteral("export"), project, run, QStringLiteral("--key"),
                          key, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"),
                          QStringLiteral("-")});
    for (const QByteArray &line : r.out.split('\n').mid(1)) {
        const auto f = line.split(',');
        if (f.size() >= 8 && f[2].toInt() == rank && f[7] == "0")
            out[f[3].toInt()] = f[5].toDouble();
    }
    return out;
}

QStringList launch(const QString &project, const QStringList &trainArgs)
{
    return QStringList{QStringLiteral("launch"),
                       QStringLiteral("--nproc"),
                       QStringLiteral("2"),
                       QStringLiteral("--"),
                       QStringLiteral("train"),
                       QStringLiteral("--project"),
                       project}
           + trainArgs;
}

// Starts a long 2-rank run and returns once both ranks train.
QString startLongRun(QProcess &launcher, const QString &project, const QString &config)
{
    launcher.start(QStringLiteral(SEEKBENCH_CLI_PATH), launch(project, {QStringLiteral("--config"), config}));
    QByteArray seen;
    QElapsedTimer t;
    t.start();
    while (!seen.contains("\"event\":\"step\"") && t.elapsed() < 60000) {
        launcher.waitForReadyRead(500);
        seen += launcher.readAllStandardOutput();
    }
    return seen.contains("\"event\":\"step\"") ? launchedRun(seen) : QString();
}

} // namespace

class TestLaunchProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneRunOfTwoRanksMatchesOneProcess();
    void stopStopsEveryRankAndResumesAsTwoRanks();
    void aKilledRankFailsTheRunByName();

private:
    QTemporaryDir m_tmp;
    QString m_project;
};

void TestLaunchProject::initTestCase()
{
    m_project = m_tmp.filePath(QStringLiteral("project"));
    QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), m_project}).code, 0);
}

// Tolerance as in test_launch: the same samples per step, fp32 rounding only (~1e-6
// measured); 1e-3 is far below the step-to-step change of the loss.
void TestLaunchProject::oneRunOfTwoRanksMatchesOneProcess()
{
    const Result one = cli({QStringLiteral("train"), QStringLiteral("--project"), m_project, QStringLiteral("--config"),
                            writeConfig(m_tmp.path(), QStringLiteral("a.yaml"), 32, 20)});
    QVERIFY2(one.code == 0, one.err.constData());
    const Result two = cli(
        launch(m_project, {QStringLiteral("--config"), writeConfig(m_tmp.path(), QStringLiteral("b.yaml"), 16, 20),
                           QStringLiteral("--name"), QStringLiteral("dp2")}));
    QVERIFY2(two.code == 0, two.err.constData());
    const QString run = launchedRun(two.out);
    QVERIFY(!run.isEmpty());

    const QJsonObject r = ranks(m_project, run);
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("finished"));
    QCOMPARE(r.value(QLatin1String("ranks")).toInt(), 2);
    for (const auto &s : r.value(QLatin1String("rank_states")).toArray()) {
        QCOMPARE(s.toObject().value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(s.toObject().value(QLatin1String("step")).toInt(), 20);
    }
    // The whole project has the two runs, nothing more (one run for the 2 ranks).
    QCOMPARE(QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 2);

    const QString single = QDir(m_project + QStringLiteral("/runs"))
                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                               .filter(QRegularExpression(QStringLiteral("^(?!") + run + QStringLiteral(")")))
                               .value(0);
    const auto a = curve(m_project, single, QStringLiteral("train/loss"), 0);
    const auto b = curve(m_project, run, QStringLiteral("train/loss"), 0);
    QCOMPARE(a.size(), 20);
    QCOMPARE(b.size(), 20);
    double worst = 0;
    for (int step = 1; step <= 20; ++step)
        worst = std::max(worst, std::abs(a[step] - b[step]) / std::abs(a[step]));
    qInfo("largest relative loss difference, 2 ranks in the store vs 1 process: %.3g", worst);
    QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    // Global loss from rank 0 only; throughput, step time and memory per rank.
    QVERIFY(curve(m_project, run, QStringLiteral("train/loss"), 1).isEmpty());
    for (const char *key : {"train/samples_per_s", "train/step_time_s", "train/comm_time_s", "train/peak_tensor_bytes"})
        QCOMPARE(curve(m_project, run, QString::fromLatin1(key), 1).size(), 20);
    QVERIFY(QFile::exists(m_project + QStringLiteral("/runs/") + run + QStringLiteral("/logs/rank-1.log")));
    const Result show = cli({QStringLiteral("project"), QStringLiteral("show"), m_project, run});
    QVERIFY2(show.out.contains("checkpoint runs/" + run.toUtf8() + "/checkpoints/step-00000020.sbckpt"),
             show.out.constData());
}

void TestLaunchProject::stopStopsEveryRankAndResumesAsTwoRanks()
{
    QProcess launcher;
    const QString run = startLongRun(launcher, m_project, writeConfig(m_tmp.path(), QStringLiteral("c.yaml"), 16, 200));
    QVERIFY(!run.isEmpty());
    // `runs stop` signals the run's writer, the launcher, which stops every rank.
    const Result stop = cli(
        {QStringLiteral("runs"), QStringLiteral("stop"), run, QStringLiteral("--project"), m_project});
    QVERIFY2(stop.code == 0, stop.err.constData() + stop.out);
    QVERIFY(launcher.waitForFinished(60000));
    QCOMPARE(launcher.exitCode(), 130);
    QJsonObject r = ranks(m_project, run);
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
    const QJsonArray stopped = r.value(QLatin1String("rank_states")).toArray();
    QCOMPARE(stopped.size(), 2);
    const int stoppedAt = stopped[0].toObject().value(QLatin1String("step")).toInt();
    QVERIFY(stoppedAt > 0 && stoppedAt < 200);
    for (const auto &s : stopped)
        QCOMPARE(s.toObject().value(QLatin1String("state")).toString(), QStringLiteral("cancelled"));

    // Resume: the same run, attempt 2, from the stop's checkpoint, again 2 ranks.
    const Result resumed = cli(launch(m_project, {QStringLiteral("--resume"), run}));
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QCOMPARE(launchedRun(resumed.out), run);
    QVERIFY(resumed.out.contains("\"event\":\"resumed\""));
    r = ranks(m_project, run);
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("finished"));
    QCOMPARE(r.value(QLatin1String("attempt")).toInt(), 2);
    for (const auto &s : r.value(QLatin1String("rank_states")).toArray())
        QCOMPARE(s.toObject().value(QLatin1String("step")).toInt(), 200);
    // The loss curve continues without duplicate steps: one visible point per step.
    QCOMPARE(curve(m_project, run, QStringLiteral("train/loss"), 0).size(), 200);
}

void TestLaunchProject::aKilledRankFailsTheRunByName()
{
    QProcess launcher;
    const QString run = startLongRun(launcher, m_project,
                                     writeConfig(m_tmp.path(), QStringLiteral("d.yaml"), 16, 100000));
    QVERIFY(!run.isEmpty());
    pid_t rank1 = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/") + entry + QStringLiteral("/cmdline"));
        QFile environ(QStringLiteral("/proc/") + entry + QStringLiteral("/environ"));
        if (!cmdline.open(QIODevice::ReadOnly) || !environ.open(QIODevice::ReadOnly))
            continue;
        if (cmdline.readAll().split('\0').contains(run.toUtf8()) && environ.readAll().split('\0').contains("RANK=1"))
            rank1 = pid_t(entry.toInt());
    }
    QVERIFY(rank1 > 0);
    ::kill(rank1, SIGKILL);
    QVERIFY(launcher.waitForFinished(60000));
    QCOMPARE(launcher.exitCode(), 128 + SIGKILL);
    const QJsonObject r = ranks(m_project, run);
    QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    const Result show = cli({QStringLiteral("project"), QStringLiteral("show"), m_project, run});
    QVERIFY2(show.out.contains("rank 1 exited with code 137; its log: runs/" + run.toUtf8() + "/logs/rank-1.log"),
             show.out.constData());
    QCOMPARE(r.value(QLatin1String("rank_states")).toArray()[1].toObject().value(QLatin1String("state")).toString(),
             QStringLiteral("lost"));
}

QTEST_GUILESS_MAIN(TestLaunchProject)
#include "test_launch_project.moc"
