// `seekbench-cli launch`: two data-parallel ranks over c10d Gloo, as subprocesses. They
// match a single process with the same global batch, and a dying rank never leaves the
// others hanging.

#include "cli_test_support.h"

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

namespace {

QString writeConfig(const QTemporaryDir &dir, const QString &name, int batch, int maxSteps)
{
    return writeTinyConfig(dir.path(), name,
                           {{QStringLiteral("batch_size"), QString::number(batch)},
                            {QStringLiteral("max_steps"), QString::number(maxSteps)},
                            {QStringLiteral("warmup_steps"), QStringLiteral("2")},
                            {QStringLiteral("eval_every"), QStringLiteral("10")}},
                           QStringLiteral("  threads: 1\n"));
}

QMap<int, double> curve(const QString &metricsFile, const QString &key) { return metricsFileCurve(metricsFile, key); }

int run(const QStringList &args, QByteArray *err = nullptr) { return runCli(args, err); }

} // namespace

class TestLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoRanksMatchOneRank();
    void aDyingRankEndsTheOthers();
    void badRankEnvironmentIsNamed();
};

// Tolerance: 2 ranks of batch 16 see exactly the samples of 1 rank of batch 32, so the
// mean gradients agree up to fp32 rounding (different matmul blocking, and the gradient
// all-reduce adds two halves instead of one whole). Measured here: relative differences
// around 1e-6 in the loss after 20 AdamW steps; 1e-3 leaves room for AdamW amplifying
// rounding on near-zero second moments, and is still far below the step-to-step change
// of the loss (~1e-2), so a wrong shard or a missing average fails it.
void TestLaunch::twoRanksMatchOneRank()
{
    QTemporaryDir dir;
    const QString one = dir.filePath(QStringLiteral("one")), two = dir.filePath(QStringLiteral("two"));
    QByteArray err;
    QCOMPARE(run({QStringLiteral("train"), QStringLiteral("--config"),
                  writeConfig(dir, QStringLiteral("a.yaml"), 32, 20), QStringLiteral("--out"), one},
                 &err),
             0);
    QCOMPARE(run({QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"), QStringLiteral("--"),
                  QStringLiteral("train"), QStringLiteral("--config"),
                  writeConfig(dir, QStringLiteral("b.yaml"), 16, 20), QStringLiteral("--out"), two},
                 &err),
             0);
    const auto a = curve(one + QStringLiteral("/metrics.jsonl"), QStringLiteral("train/loss"));
    const auto b = curve(two + QStringLiteral("/metrics.jsonl"), QStringLiteral("train/loss"));
    QCOMPARE(a.size(), 20);
    QCOMPARE(b.size(), 20);
    double worst = 0;
    for (int step = 1; step <= 20; ++step)
        worst = std::max(worst, std::abs(a[step] - b[step]) / std::abs(a[step]));
    qInfo("largest relative loss difference over 20 steps: %.3g", worst);
    QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
    // Rank 1 keeps its own throughput and communication figures; only rank 0 the global loss.
    QVERIFY(curve(two + QStringLiteral("/metrics.rank1.jsonl"), QStringLiteral("train/comm_time_s")).size() == 20);
    QVERIFY(curve(two + QStringLiteral("/metrics.rank1.jsonl"), QStringLiteral("train/loss")).isEmpty());
    QVERIFY(QFile::exists(two + QStringLiteral("/logs/rank-1.log")));
    QVERIFY(QFile::exists(two + QStringLiteral("/checkpoints/step-00000020.sbckpt")));
}

void TestLaunch::aDyingRankEndsTheOthers()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("run"));
    QProcess launcher;
    launcher.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                   {QStringLiteral("launch"), QStringLiteral("--nproc"), QStringLiteral("2"), QStringLiteral("--"),
                    QStringLiteral("train"), QStringLiteral("--config"),
                    writeConfig(dir, QStringLiteral("c.yaml"), 16, 100000), QStringLiteral("--out"), out});
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains("\"event\":\"step\"") && timer.elapsed() < 60000) {
        launcher.waitForReadyRead(1000);
        seen += launcher.readAllStandardOutput();
    }
    QVERIFY(seen.contains("\"event\":\"step\""));
    // Find rank 1 among the launcher's children and kill it as the OOM killer would.
    pid_t rank1 = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
        QFile environ(QStringLiteral("/proc/") + entry + QStringLiteral("/environ"));
        if (!stat.open(QIODevice::ReadOnly) || !environ.open(QIODevice::ReadOnly))
            continue;
        const QByteArray s = stat.readAll();
        const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields[1].toLongLong() == launcher.processId()
            && environ.readAll().split('\0').contains("RANK=1"))
            rank1 = pid_t(entry.toInt());
    }
    QVERIFY(rank1 > 0);
    timer.restart();
    ::kill(rank1, SIGKILL);
    QVERIFY(launcher.waitForFinished(60000));
    qInfo("launcher ended %lld ms after rank 1 died", qint64(timer.elapsed()));
    QCOMPARE(launcher.exitCode(), 128 + SIGKILL);
    const QString err = QString::fromUtf8(launcher.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("rank 1 exited with code 137; its log: ") + out
                          + QStringLiteral("/logs/rank-1.log")),
             qPrintable(err));
}

void TestLaunch::badRankEnvironmentIsNamed()
{
    QTemporaryDir dir;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RANK"), QStringLiteral("3"));
    env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH),
            {QStringLiteral("train"), QStringLiteral("--config"), writeConfig(dir, QStringLiteral("d.yaml"), 16, 5),
             QStringLiteral("--out"), dir.filePath(QStringLiteral("x"))});
    p.waitForFinished(60000);
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("bad rank environment: rank 3 is not below the world size 2"));
}

QTEST_GUILESS_MAIN(TestLaunch)
#include "test_launch.moc"
