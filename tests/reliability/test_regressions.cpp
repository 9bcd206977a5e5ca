// Compact regressions of the faults that already held when issue 20 was filed, kept here
// so none of them can regress silently: kill -9 during training and resume without a
// duplicate step, concurrent writers into one project, damaged checkpoints refused by
// name, and YAML bombs refused in bounded time. Everything runs through seekbench-cli as
// a user runs it.

#include "cli_process.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <csignal>

namespace {

using seekbench::testing::CliResult;
using seekbench::testing::firstRawControl;
using seekbench::testing::readFile;
using seekbench::testing::runCli;
using seekbench::testing::tinyConfig;
using seekbench::testing::writeFile;
using Result = CliResult;

} // namespace

class TestRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killNineThenResume();
    void concurrentWriters();
    void damagedCheckpointRefused_data();
    void damagedCheckpointRefused();
    void yamlBombRefused_data();
    void yamlBombRefused();

private:
    QString runId(const QString &name);
    QList<qint64> storedSteps(const QString &run);
    QString runStatus(const QString &run);

    QTemporaryDir m_tmp;
    QString m_project, m_config, m_checkpoint;
};

// A project and a tiny config: 200 steps, a checkpoint every 20, all kept.
void TestRegressions::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_project = m_tmp.filePath(QStringLiteral("project"));
    const Result r = runCli({QStringLiteral("project"), QStringLiteral("init"), m_project});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    m_config = m_tmp.filePath(QStringLiteral("tiny.yaml"));
    QVERIFY(writeFile(m_config, tinyConfig({{"max_steps", "200"},
                                            {"warmup_steps", "2"},
                                            {"eval_every", "50"},
                                            {"checkpoint_every", "20"},
                                            {"keep_last", "20"},
                                            {"train_samples", "512"},
                                            {"eval_samples", "64"}})));
}

QString TestRegressions::runId(const QString &name)
{
    const Result r = runCli({QStringLiteral("project"), QStringLiteral("runs"), m_project, QStringLiteral("--json")});
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject().value(QLatin1String("id")).toString();
    return {};
}

QString TestRegressions::runStatus(const QString &run)
{
    const Result r = runCli({QStringLiteral("project"), QStringLiteral("runs"), m_project, QStringLiteral("--json")});
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        if (v.toObject().value(QLatin1String("id")).toString() == run)
            return v.toObject().value(QLatin1String("status")).toString();
    return {};
}

// The steps of train/loss the store holds for the run's current history (superseded
// points of an earlier attempt excluded, as every view shows it).
QList<qint64> TestRegressions::storedSteps(const QString &run)
{
    const Result r = runCli({QStringLiteral("project"), QStringLiteral("export"), m_project, run,
                             QStringLiteral("--key"), QStringLiteral("train/loss"), QStringLiteral("--format"),
                             QStringLiteral("json")});
    QList<qint64> steps;
    for (const QJsonValue &curve : QJsonDocument::fromJson(r.out).array())
        for (const QJsonValue &p : curve.toObject().value(QLatin1String("points")).toArray())
            steps << p.toObject().value(QLatin1String("step")).toInteger();
    return steps;
}

// Training killed with SIGKILL at a random step (seeded) leaves a store that marks the
// run crashed; resuming continues from the last checkpoint and the stored curve holds
// every step once.
void TestRegressions::killNineThenResume()
{
    QRandomGenerator random(20);
    for (int round = 0; round < 2; ++round) {
        const QString name = QStringLiteral("killed-%1").arg(round);
        const int checkpoints = 1 + static_cast<int>(random.bounded(4)); // of 10: steps 20..80
        const int extraMs = static_cast<int>(random.bounded(300));
        const QDir runs(m_project + QStringLiteral("/runs"));
        const QStringList before = runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QProcess train;
        train.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                    {QStringLiteral("train"), QStringLiteral("--config"), m_config, QStringLiteral("--project"),
                     m_project, QStringLiteral("--name"), name});
        QVERIFY(train.waitForStarted());
        // Wait for the run's n-th checkpoint (stdout carries no metrics in project mode),
        // then a random moment more.
        int seen = 0;
        QElapsedTimer clock;
        clock.start();
        while (seen < checkpoints && clock.elapsed() < 240000 && train.state() == QProcess::Running) {
            QTest::qWait(50);
            for (const QString &dir : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                if (!before.contains(dir))
                    seen = static_cast<int>(QDir(runs.filePath(dir) + QStringLiteral("/checkpoints"))
                                                .entryList({QStringLiteral("*.sbckpt")}, QDir::Files)
                                                .size());
        }
        QVERIFY2(seen >= checkpoints, qPrintable(QStringLiteral("%1 of %2 checkpoints; stderr: %3")
                                                     .arg(seen)
                                                     .arg(checkpoints)
                                                     .arg(QString::fromUtf8(train.readAllStandardError()))));
        QTest::qWait(extraMs);
        ::kill(static_cast<pid_t>(train.processId()), SIGKILL);
        QVERIFY(train.waitForFinished(10000));

        const QString run = runId(name);
        QVERIFY2(!run.isEmpty(), qPrintable(name));
        QCOMPARE(runStatus(run), QStringLiteral("crashed"));
        const Result resumed = runCli(
            {QStringLiteral("train"), QStringLiteral("--project"), m_project, QStringLiteral("--resume"), run});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(runStatus(run), QStringLiteral("finished"));
        QList<qint64> expected;
        for (qint64 s = 1; s <= 200; ++s)
            expected << s;
        QCOMPARE(storedSteps(run), expected);

        if (m_checkpoint.isEmpty()) {
            const QDir dir(m_project + QStringLiteral("/runs/") + run + QStringLiteral("/checkpoints"));
            const QStringList files = dir.entryList({QStringLiteral("*.sbckpt")}, QDir::Files, QDir::Name);
            QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
            m_checkpoint = dir.filePath(files.last());
        }
    }
}

// Three trainings write into one project at once, while a fourth process tags a run:
// every run finishes with all its steps, and the store passes its full check.
void TestRegressions::concurrentWriters()
{
    QList<QProcess *> trains;
    for (int i = 0; i < 3; ++i) {
        auto *p = new QProcess(this);
        p->start(QStringLiteral(SEEKBENCH_CLI_PATH),
                 {QStringLiteral("train"), QStringLiteral("--config"), m_config, QStringLiteral("--project"), m_project,
                  QStringLiteral("--name"), QStringLiteral("together-%1").arg(i)});
        trains << p;
    }
    const QString tagged = runId(QStringLiteral("killed-0"));
    for (int i = 0; i < 4; ++i) {
        const Result tag = runCli({QStringLiteral("runs"), QStringLiteral("tag"), tagged, QStringLiteral("t%1").arg(i),
                                   QStringLiteral("--project"), m_project});
        QVERIFY2(tag.exitCode == 0, tag.err.constData());
    }
    for (QProcess *p : trains) {
        QVERIFY(p->waitForFinished(120000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    for (int i = 0; i < 3; ++i) {
        const QString run = runId(QStringLiteral("together-%1").arg(i));
        QCOMPARE(runStatus(run), QStringLiteral("finished"));
        QCOMPARE(storedSteps(run).size(), 200);
    }
    const Result check = runCli({QStringLiteral("project"), QStringLiteral("validate"), m_project});
    QVERIFY2(check.exitCode == 0, check.out + check.err);
    const Result show = runCli({QStringLiteral("project"), QStringLiteral("show"), m_project, tagged});
    for (int i = 0; i < 4; ++i)
        QVERIFY2(show.out.contains(QStringLiteral("t%1").arg(i).toUtf8()), show.out.constData());
}

// Each damage to a real checkpoint: resuming from it is refused as bad input, naming the
// file and what is wrong, before any training.
void TestRegressions::damagedCheckpointRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty file") << "empty"
                                << "is truncated";
    QTest::newRow("cut in half") << "half"
                                 << "is truncated";
    QTest::newRow("one byte flipped") << "flip"
                                      << "checksum mismatch";
    QTest::newRow("end marker damaged") << "end"
                                        << "bad end marker";
    QTest::newRow("not a checkpoint") << "magic"
                                      << "is not a Seekbench checkpoint";
}

void TestRegressions::damagedCheckpointRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, message);
    if (m_checkpoint.isEmpty())
        QSKIP("killNineThenResume made no checkpoint (it failed first)");
    QByteArray bytes = readFile(m_checkpoint);
    QVERIFY(bytes.size() > 64);
    if (damage == QLatin1String("empty"))
        bytes.clear();
    else if (damage == QLatin1String("half"))
        bytes.truncate(bytes.size() / 2);
    else if (damage == QLatin1String("flip"))
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    else if (damage == QLatin1String("end"))
        bytes[bytes.size() - 1] = static_cast<char>(bytes[bytes.size() - 1] ^ 0x01);
    else
        bytes.replace(0, 8, "PK\x03\x04zzzz");
    const QString file = m_tmp.filePath(QStringLiteral("damaged-%1.sbckpt").arg(damage));
    QVERIFY(writeFile(file, bytes));
    const Result r = runCli({QStringLiteral("train"), QStringLiteral("--config"), m_config, QStringLiteral("--out"),
                             m_tmp.filePath(QStringLiteral("out-") + damage), QStringLiteral("--resume"), file});
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(err.contains(file) && err.contains(message), qPrintable(err));
    QVERIFY2(!r.out.contains("\"event\":\"metric\""), r.out.constData());
}

// YAML built to explode: nine levels of nine aliases (a billion nodes), 100,000 nested
// brackets, 200 nested maps, a 500 KB key, an alias pasting one section into another.
// Each is refused as bad input with the file named, in seconds.
void TestRegressions::yamlBombRefused_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("message");
    QByteArray laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i) {
        QByteArray row = "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [";
        for (int j = 0; j < 9; ++j)
            row += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
        laughs += row + "]\n";
    }
    QTest::newRow("billion laughs") << laughs << "unknown key";
    QTest::newRow("billion laughs in a known key") << laughs + "name: *a9\n"
                                                   << "bomb.yaml";
    QTest::newRow("100,000 brackets") << "name: " + QByteArray(100000, '[') + QByteArray(100000, ']') + "\n"
                                      << "YAML syntax error";
    QByteArray maps;
    for (int i = 0; i < 200; ++i)
        maps += QByteArray(2 * i, ' ') + "k" + QByteArray::number(i) + ":\n";
    QTest::newRow("200 nested maps") << maps + QByteArray(400, ' ') + "v: 1\n"
                                     << "unknown key";
    QTest::newRow("500 KB key") << QByteArray(500000, 'x') + ": 1\n"
                                << "bomb.yaml";
    QTest::newRow("alias of a section") << QByteArray("training: &t\n  lr: 0.1\nmodel: *t\n")
                                        << "model.lr: unknown key";
}

void TestRegressions::yamlBombRefused()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, message);
    const QString file = m_tmp.filePath(QStringLiteral("bomb.yaml"));
    QVERIFY(writeFile(file, yaml));
    const Result r = runCli({QStringLiteral("validate"), QStringLiteral("--config"), file}, 30000);
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(err.startsWith(file) || err.startsWith(QStringLiteral("bomb.yaml")), qPrintable(err.left(300)));
    QVERIFY2(err.contains(message), qPrintable(err.left(300)));
    QVERIFY2(r.ms < 20000, qPrintable(QStringLiteral("%1 ms").arg(r.ms)));
}

QTEST_GUILESS_MAIN(TestRegressions)
#include "test_regressions.moc"
