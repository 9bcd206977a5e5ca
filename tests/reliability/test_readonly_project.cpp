// A project this user cannot write (issue 20, item 5), and work that cannot fit in this
// machine's memory (item 8), through seekbench-cli as a user runs it.
//
// Read-only: a project with one finished run is made read-only two ways, a read-only
// folder (as on a read-only mount) and a read-only store file in a writable folder. The
// reading verbs work and say so; the writing verbs fail with the bad-input exit code
// naming the read-only project; nothing in the folder changes (no -wal/-shm left
// behind). Root writes through permissions, so as root the CLI runs as user nobody
// (setpriv), which the permissions do bind; the code path is the one a user meets.
//
// Memory: a huge in-range model (1,024 layers at hidden 65,536) is refused before
// anything is allocated, naming the estimate and the machine's memory, in bounded time;
// so is an `aml generate` whose history cannot fit.

#include "cli_process.h"

#include <QtTest>

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <unistd.h>

namespace {

using seekbench::testing::fourStepConfig;
using seekbench::testing::tinyConfig;
using seekbench::testing::writeFile;

struct Result
{
    int exitCode = -1;
    QByteArray out, err;
};

bool shell(const QStringList &args)
{
    QProcess p;
    p.start(args.front(), args.mid(1));
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Every file under `dir` with its size and modification time.
QStringList snapshot(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        out << QStringLiteral("%1 %2 %3")
                   .arg(QDir(dir).relativeFilePath(fi.filePath()))
                   .arg(fi.isDir() ? 0 : fi.size())
                   .arg(fi.lastModified().toMSecsSinceEpoch());
    }
    out.sort();
    return out;
}

} // namespace

class TestReadOnlyProject : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void readOnly_data();
    void readOnly();
    void refusedBeyondMemory_data();
    void refusedBeyondMemory();

private:
    // seekbench-cli; as root, as user nobody (asOther) where permissions must bind.
    Result runCli(const QStringList &args, bool asOther = false) const;
    QString readOnlyCopy(const QString &how);

    QTemporaryDir m_tmp;
    QString m_project, m_tiny, m_huge, m_run, m_setpriv;
    QMap<QString, QString> m_copies; // how -> the read-only copy
};

Result TestReadOnlyProject::runCli(const QStringList &args, bool asOther) const
{
    QProcess p;
    if (asOther && !m_setpriv.isEmpty())
        p.start(m_setpriv, QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                       QStringLiteral("--clear-groups"), QStringLiteral(SEEKBENCH_CLI_PATH)}
                               + args);
    else
        p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    if (!p.waitForFinished(60000))
        p.kill();
    p.waitForFinished(5000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// A project with one finished run of the tiny model (4 steps), the tiny config, and the
// huge model's config.
void TestReadOnlyProject::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Another user (nobody, below) must reach the copies.
    QVERIFY(QFile::setPermissions(m_tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                    | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                    | QFileDevice::ReadOther | QFileDevice::ExeOther));
    if (::geteuid() == 0) {
        m_setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (m_setpriv.isEmpty())
            QSKIP("running as root, whom permissions do not stop from writing, and setpriv (util-linux) is "
                  "missing to run seekbench-cli as another user");
        const Result r = runCli({QStringLiteral("--help")}, true);
        if (r.exitCode != 0)
            QSKIP(qPrintable(QStringLiteral("running as root, and user nobody cannot run %1 (its folders are not "
                                            "readable by others): %2")
                                 .arg(QStringLiteral(SEEKBENCH_CLI_PATH), QString::fromUtf8(r.err))));
    }
    m_project = m_tmp.filePath(QStringLiteral("project"));
    Result r = runCli({QStringLiteral("project"), QStringLiteral("init"), m_project});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    m_tiny = m_tmp.filePath(QStringLiteral("tiny.yaml"));
    QVERIFY(writeFile(m_tiny, fourStepConfig()));
    m_huge = m_tmp.filePath(QStringLiteral("huge.yaml"));
    QVERIFY(writeFile(m_huge, tinyConfig({{"hidden_size", "65536"},
                                          {"num_hidden_layers", "1024"},
                                          {"max_steps", "4"},
                                          {"warmup_steps", "1"}})));
    QVERIFY(QFile::setPermissions(m_tiny, QFile::permissions(m_tiny) | QFileDevice::ReadOther));

    r = runCli({QStringLiteral("train"), QStringLiteral("--config"), m_tiny, QStringLiteral("--project"), m_project,
                QStringLiteral("--name"), QStringLiteral("one")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({QStringLiteral("project"), QStringLiteral("runs"), m_project, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    m_run = QJsonDocument::fromJson(r.out).array().at(0).toObject().value(QLatin1String("id")).toString();
    QVERIFY(!m_run.isEmpty());
}

// The read-only copies become removable again (a folder without write permission keeps
// its files from its owner too).
void TestReadOnlyProject::cleanupTestCase()
{
    for (const QString &dir : m_copies)
        shell({QStringLiteral("chmod"), QStringLiteral("-R"), QStringLiteral("u+w"), dir});
}

// A copy of the project, read-only by `how`: "folder" (every folder and file, as on a
// read-only mount) or "store" (seekbench.db alone, in folders anyone may write).
QString TestReadOnlyProject::readOnlyCopy(const QString &how)
{
    if (m_copies.contains(how))
        return m_copies.value(how);
    const QString dir = m_tmp.filePath(QStringLiteral("readonly-") + how);
    if (!shell({QStringLiteral("cp"), QStringLiteral("-a"), m_project, dir}))
        return {};
    if (how == QLatin1String("folder")) {
        if (!shell({QStringLiteral("chmod"), QStringLiteral("-R"), QStringLiteral("a-w,a+rX"), dir}))
            return {};
    } else if (!shell({QStringLiteral("chmod"), QStringLiteral("-R"), QStringLiteral("a+rwX"), dir})
               || !shell({QStringLiteral("chmod"), QStringLiteral("a-w"), dir + QStringLiteral("/seekbench.db")})) {
        return {};
    }
    m_copies.insert(how, dir);
    return dir;
}

// Each row: how the project is read-only, the arguments ('|' between them; @p the
// project, @run its run, @tiny the tiny config), the exit code and what the output
// (stdout and stderr) must say.
void TestReadOnlyProject::readOnly_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    for (const char *how : {"folder", "store"}) {
        auto row = [&](const char *what, const char *args, int code, const char *message) {
            QTest::addRow("%s: %s", how, what)
                << QString::fromLatin1(how) << QString::fromLatin1(args) << code << QString::fromLatin1(message);
        };
        row("info says read-only", "project|info|@p", 0, "read-only   yes: this user cannot write");
        row("info --json has read_only", "project|info|@p|--json", 0, "\"read_only\": true");
        row("runs lists the run", "project|runs|@p", 0, "@run");
        row("runs says read-only", "project|runs|@p", 0, "is read-only");
        row("show", "project|show|@p|@run", 0, "status    finished");
        row("export to stdout", "project|export|@p", 0, "@run");
        row("export a curve", "project|export|@p|@run|--key|train/loss", 0, "train/loss");
        row("validate", "project|validate|@p", 0, "valid");
        row("export into the project", "project|export|@p|-o|reports/runs.csv", 2, "project @p is read-only");
        row("tag", "runs|tag|@run|x|--project|@p", 2, "project @p is read-only");
        row("note", "runs|note|@run|a|note|--project|@p", 2, "project @p is read-only");
        row("delete", "runs|delete|@run|--yes|--project|@p", 2, "project @p is read-only");
        row("resume", "runs|resume|@run|--project|@p", 2, "project @p is read-only");
        row("train", "train|--config|@tiny|--project|@p", 2, "project @p is read-only");
        row("import-segments", "project|import-segments|@p", 2, "project @p is read-only");
    }
}

void TestReadOnlyProject::readOnly()
{
    QFETCH(QString, how);
    QFETCH(QString, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const QString dir = readOnlyCopy(how);
    QVERIFY2(!dir.isEmpty(), "cannot make the read-only copy");
    const QStringList before = snapshot(dir);
    auto expand = [&](QString text) {
        return text.replace(QLatin1String("@p"), dir)
            .replace(QLatin1String("@run"), m_run)
            .replace(QLatin1String("@tiny"), m_tiny);
    };
    const Result r = runCli(expand(args).split(QLatin1Char('|')), true);
    const QString output = QString::fromUtf8(r.out + r.err);
    QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(output)));
    QVERIFY2(output.contains(expand(message)), qPrintable(output));
    QVERIFY2(!output.contains(QLatin1String("unable to open database file")), qPrintable(output));
    // Nothing changed, nothing was left behind (no -wal, -shm or lock file).
    QCOMPARE(snapshot(dir), before);
}

// Each row: the arguments (@tmp, @huge), and what stderr must say besides both figures.
void TestReadOnlyProject::refusedBeyondMemory_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("train a huge model") << "train|--config|@huge|--out|@tmp/huge-run"
                                        << "refused before allocating: training this run";
    QTest::newRow("train a huge model in a project") << "train|--config|@huge|--project|@tmp/project"
                                                     << "refused before allocating: training this run";
    QTest::newRow("aml generate a huge history")
        << "aml|generate|--accounts|10000000|--months|120|--tx-per-month|1000|--csv|@tmp/huge.csv"
        << "generating about";
}

void TestReadOnlyProject::refusedBeyondMemory()
{
    QFETCH(QString, args);
    QFETCH(QString, message);
    QElapsedTimer clock;
    clock.start();
    const Result r = runCli(QString(args)
                                .replace(QLatin1String("@tmp"), m_tmp.path())
                                .replace(QLatin1String("@huge"), m_huge)
                                .split(QLatin1Char('|')));
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(r.exitCode == 2, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(err)));
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY2(err.contains(QRegularExpression(QStringLiteral("needs about [0-9.]+ [KMGTPEZY]iB of memory, but this "
                                                            "machine has [0-9.]+ [KMGTPEZY]iB"))),
             qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("--ignore-memory-check")), qPrintable(err));
    QVERIFY2(!err.contains(QLatin1String("frame #")), qPrintable(err)); // no LibTorch stack trace
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("huge.csv"))));
}

QTEST_MAIN(TestReadOnlyProject)
#include "test_readonly_project.moc"
