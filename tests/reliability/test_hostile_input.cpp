// Hostile input to seekbench-cli (issue 20, items 6, 7, 10, 11 and 12): files that are no
// config, huge files and devices, duplicate keys, numbers that overflow, control
// characters in names and tags, unknown runs, a finished run resumed, a crafted
// checkpoint. Each is refused with the bad-input exit code and a message naming the
// problem, and nothing may reach the terminal raw.

#include "seekbench/formats/checkpoint_file.h"

#include "cli_process.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

namespace {

using seekbench::testing::CliResult;
using seekbench::testing::firstRawControl;
using seekbench::testing::fourStepConfig;
using seekbench::testing::runCli;
using seekbench::testing::writeFile;
using Result = CliResult;

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refused_data();
    void refused();
    void runsTableShowsNamesSafely();
    void reportOfUnknownRunFailsLikeAlerts();

private:
    QString expand(QString text) const;

    QTemporaryDir m_tmp;
    QString m_project, m_tiny, m_evilRun, m_cjkRun;
};

// A project with two finished runs of the tiny model (4 steps), named with an escape
// sequence, BEL and CR LF, and with a long Chinese name; and the hostile files.
void TestHostileInput::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_project = m_tmp.filePath(QStringLiteral("project"));
    Result r = runCli({QStringLiteral("project"), QStringLiteral("init"), m_project});
    QVERIFY2(r.exitCode == 0, r.err.constData());

    m_tiny = m_tmp.filePath(QStringLiteral("tiny.yaml"));
    QVERIFY(writeFile(m_tiny, fourStepConfig()));

    const QString evilName = QStringLiteral("\x1b[2J\x1b]0;owned\x07ok\r\nFAKE ROW");
    const QString cjkName = QStringLiteral("深度求索混合专家模型基线实验第一轮");
    for (const QString &name : {evilName, cjkName}) {
        r = runCli({QStringLiteral("train"), QStringLiteral("--config"), m_tiny, QStringLiteral("--project"), m_project,
                    QStringLiteral("--name"), name});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = runCli({QStringLiteral("project"), QStringLiteral("runs"), m_project, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
        const QJsonObject o = v.toObject();
        (o.value(QLatin1String("name")).toString() == evilName ? m_evilRun : m_cjkRun)
            = o.value(QLatin1String("id")).toString();
    }
    QVERIFY(!m_evilRun.isEmpty() && !m_cjkRun.isEmpty());

    QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("adir"))));
    QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("empty.yaml")), {}));
    QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("big.yaml")), "name: big\n" + QByteArray(1 << 20, '#')));
    QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("dupkey.yaml")), "training:\n  lr: 0.1\n  lr: 0.2\n"));
    QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("dup-profile.yaml")), "nodes: 1\npartition: cpu\nnodes: 64\n"));
    seekbench::writeCheckpointFile(m_tmp.filePath(QStringLiteral("negative.sbckpt")).toStdString(), R"({"step":-3})",
                                   "payload");
}

// "@tmp", "@project", "@tiny" and "@run" (the finished run) in a row's text.
QString TestHostileInput::expand(QString text) const
{
    return text.replace(QLatin1String("@tmp"), m_tmp.path())
        .replace(QLatin1String("@project"), m_project)
        .replace(QLatin1String("@tiny"), m_tiny)
        .replace(QLatin1String("@run"), m_cjkRun);
}

// Each row: the arguments ('|' between them), the exit code and what stderr must say.
void TestHostileInput::refused_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    // 6, 7: a config or profile that is no file of its kind, or too big to be one.
    QTest::newRow("config is a directory")
        << "train|--config|@tmp/adir|--out|@tmp/o1" << 2 << "cannot read @tmp/adir: it is a directory";
    QTest::newRow("config is empty") << "validate|--config|@tmp/empty.yaml" << 2
                                     << "cannot read @tmp/empty.yaml: it is empty";
    QTest::newRow("config over 1 MiB") << "estimate|--config|@tmp/big.yaml" << 2
                                       << "cannot read @tmp/big.yaml: it is larger than 1 MiB";
    QTest::newRow("config is /dev/zero") << "train|--config|/dev/zero|--out|@tmp/o2" << 2
                                         << "cannot read /dev/zero: it is larger than 1 MiB";
    QTest::newRow("HF config is a directory")
        << "import-hf|--config|@tmp/adir" << 2 << "cannot read @tmp/adir: it is a directory";
    QTest::newRow("config key twice") << "validate|--config|@tmp/dupkey.yaml" << 2
                                      << "training.lr: given more than once (again at line 3)";
    QTest::newRow("profile is /dev/zero") << "slurm|script|--config|@tiny|--profile|/dev/zero" << 2
                                          << "/dev/zero: cannot read the cluster profile: it is larger than 1 MiB";
    QTest::newRow("profile is a directory") << "slurm|script|--config|@tiny|--profile|@tmp/adir" << 2
                                            << "@tmp/adir: cannot read the cluster profile: it is a directory";
    QTest::newRow("profile key twice") << "slurm|script|--config|@tiny|--profile|@tmp/dup-profile.yaml" << 2
                                       << "dup-profile.yaml:3: nodes: given more than once (first at line 1)";
    // 11: numbers out of range are named, never wrapped.
    QTest::newRow("--alert past int64") << "aml|trace|--project|@project|--alert|99999999999999999999" << 2
                                        << "--alert '99999999999999999999' is not 0..9223372036854775807";
    QTest::newRow("--tx not whole") << "aml|trace|--project|@project|--tx|1e3" << 2
                                    << "--tx '1e3' is not 0..9223372036854775807";
    QTest::newRow("--hops past int") << "aml|trace|--project|@project|--tx|1|--hops|99999999999" << 2
                                     << "--hops '99999999999' is not 1..2147483647";
    QTest::newRow("--accounts 1e12") << "aml|generate|--project|@project|--accounts|1e12" << 2
                                     << "--accounts '1e12' is not 1..";
    QTest::newRow("--nodes past int") << "slurm|script|--config|@tiny|--nodes|99999999999" << 2
                                      << "--nodes '99999999999' is not 0..2147483647";
    QTest::newRow("--wait inf") << "runs|stop|@run|--project|@project|--wait|inf" << 2
                                << "--wait: 'inf' is not a number";
    QTest::newRow("--budget-gb nan") << "estimate|--config|@tiny|--budget-gb|nan" << 2
                                     << "--budget-gb: 'nan' is not a number";
    QTest::newRow("--budget-gb past double")
        << "estimate|--config|@tiny|--budget-gb|1e999" << 2 << "--budget-gb: '1e999' is out of range";
    QTest::newRow("--budget-gib nan") << "estimate|--config|@tiny|--budget-gib|nan" << 2
                                      << "--budget-gib: 'nan' is not a number";
    QTest::newRow("--budget-gb and --budget-gib") << "estimate|--config|@tiny|--budget-gb|24|--budget-gib|24" << 2
                                                  << "give --budget-gb or --budget-gib, not both";
    QTest::newRow("--limit past int64") << "project|runs|@project|--limit|99999999999999999999" << 2
                                        << "--limit: '99999999999999999999' is not a count";
    QTest::newRow("--attempt past int") << "train|--project|@project|--run-id|@run|--attempt|99999999999" << 2
                                        << "--attempt '99999999999' is not 1..2147483647";
    QTest::newRow("--nproc past int64") << "launch|--nproc|99999999999999999999|--|train|--config|@tiny|--out|@tmp/o4"
                                        << 2 << "--nproc: '99999999999999999999' is out of range";
    // 10: a tag is one line of printable text.
    QTest::newRow("tag with newline") << "runs|tag|@run|a\nb|--project|@project" << 2
                                      << "the tag 'a\\nb' for run '@run' holds a control character (\\n)";
    QTest::newRow("tag with escape") << "runs|tag|@run|\x1b]0;x\x07|--project|@project" << 2
                                     << "holds a control character (\\e)";
    // 12: a finished run, a non-file import, a crafted checkpoint.
    QTest::newRow("train --resume finished")
        << "train|--project|@project|--resume|@run" << 2 << "run '@run' is finished; there is nothing to resume";
    QTest::newRow("runs resume finished")
        << "runs|resume|@run|--project|@project" << 2 << "run '@run' is finished; there is nothing to resume";
    QTest::newRow("import a directory") << "aml|import|--project|@project|--csv|@tmp/adir" << 2
                                        << "@tmp/adir: it is a directory";
    QTest::newRow("import /dev/zero") << "aml|import|--project|@project|--csv|/dev/zero" << 2
                                      << "/dev/zero: it is not a regular file";
    QTest::newRow("checkpoint with a negative step")
        << "train|--config|@tiny|--out|@tmp/o5|--resume|@tmp/negative.sbckpt" << 2
        << "has an impossible step -3 in its header";
}

void TestHostileInput::refused()
{
    QFETCH(QString, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Result r = runCli(expand(args).split(QLatin1Char('|')));
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(expand(message)), qPrintable(err));
    QCOMPARE(r.exitCode, code);
    QVERIFY2(!err.contains(QLatin1String("terminate called")), qPrintable(err));
}

// 10: `project runs` and `project show` print stored names escaped, and cut a long CJK
// name at a character boundary by display width (two columns a character).
void TestHostileInput::runsTableShowsNamesSafely()
{
    const Result table = runCli({QStringLiteral("project"), QStringLiteral("runs"), m_project});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(firstRawControl(table.out) < 0, table.out.toPercentEncoding(" \n").constData());
    QCOMPARE(QString::fromUtf8(table.out).toUtf8(), table.out); // valid UTF-8: no character cut
    QVERIFY2(table.out.contains("\\e[2J\\e]0;owned\\x07ok\\r\xe2\x80\xa6 "), table.out.constData());
    // 24 columns: 11 characters of 2 columns, then "…" and a space.
    QVERIFY2(table.out.contains("深度求索混合专家模型基\xe2\x80\xa6  "), table.out.constData());
    QCOMPARE(table.out.count('\n'), 4); // header, two runs, the count: no injected row

    const Result show = runCli({QStringLiteral("project"), QStringLiteral("show"), m_project, m_evilRun});
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(firstRawControl(show.out) < 0, show.out.toPercentEncoding(" \n").constData());
    QVERIFY2(show.out.contains("\\e[2J\\e]0;owned\\x07ok\\r\\nFAKE ROW"), show.out.constData());
}

// 12: an unknown --run is an error in `aml report` as in `aml alerts`: same code, same words.
void TestHostileInput::reportOfUnknownRunFailsLikeAlerts()
{
    const QString nope = QStringLiteral("20260101-000000-deadbeef");
    const Result alerts = runCli({QStringLiteral("aml"), QStringLiteral("alerts"), QStringLiteral("--project"),
                                  m_project, QStringLiteral("--run"), nope});
    const Result report = runCli({QStringLiteral("aml"), QStringLiteral("report"), QStringLiteral("--project"),
                                  m_project, QStringLiteral("--account"), QStringLiteral("acc-1"),
                                  QStringLiteral("--run"), nope, QStringLiteral("--out"),
                                  m_tmp.filePath(QStringLiteral("case.html"))});
    QVERIFY2(alerts.exitCode != 0, alerts.err.constData());
    QCOMPARE(report.exitCode, alerts.exitCode);
    const auto reason = [](const QByteArray &err) { return err.mid(err.indexOf(':')); };
    QCOMPARE(reason(report.err), reason(alerts.err));
    QVERIFY2(report.err.contains(nope.toUtf8()), report.err.constData());
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("case.html"))));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "test_hostile_input.moc"
