// Reliability with real processes: a writer killed with SIGKILL in the middle of its
// flushes, again and again, leaves a consistent database holding every acknowledged
// point; eight writer processes at once lose no rows and never fail with "locked".

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>

#include <signal.h>

using namespace seekbench::projects;
using namespace testsupport;

class TestWriterProcesses : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    static QString writer() { return QStringLiteral(SEEKBENCH_STORE_TEST_WRITER); }
    static QString qs(const std::string &s) { return QString::fromStdString(s); }

private Q_SLOTS:
    void killNineDuringFlushes()
    {
        const auto dir = tempPath(m_tmp, "kill");
        auto p = makeProject(dir);
        RunStore store(p);
        const auto db = p.databasePath();
        const int rounds = 12;
        int killedWithAcks = 0;
        for (int round = 0; round < rounds; ++round) {
            NewRun r;
            r.name = "victim " + std::to_string(round);
            const auto id = store.createRun(r);
            const auto ackFile = dir / ("ack-" + std::to_string(round));
            QProcess proc;
            proc.start(writer(), {QStringLiteral("ack"), qs(dir.string()), qs(id), QStringLiteral("5000000"),
                                  QStringLiteral("1500"), qs(ackFile.string())});
            QVERIFY(proc.waitForStarted());
            // The ack file appears once the writer has claimed the run and opened the store.
            QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(ackFile), 10000);
            QTest::qWait(static_cast<int>(20 + QRandomGenerator::global()->bounded(300)));
            ::kill(static_cast<pid_t>(proc.processId()), SIGKILL);
            QVERIFY(proc.waitForFinished(10000));
            QCOMPARE(proc.exitStatus(), QProcess::CrashExit);

            QCOMPARE(queryText(db, "PRAGMA integrity_check"), std::string("ok"));
            // Every step up to the last acknowledged one is stored, exactly once.
            std::int64_t acked = -1;
            {
                std::ifstream in(ackFile);
                std::string line;
                while (std::getline(in, line))
                    if (!line.empty())
                        acked = std::stoll(line);
            }
            const std::string curve = "(SELECT id FROM curves WHERE run_id = '" + id + "' AND key = 'loss')";
            const auto stored = queryInt(db, "SELECT count(*) FROM metrics WHERE curve_id = " + curve);
            const auto upToAck = queryInt(db, "SELECT count(*) FROM metrics WHERE curve_id = " + curve
                                                  + " AND step <= " + std::to_string(acked));
            QCOMPARE(upToAck, acked + 1);
            QVERIFY(stored >= acked + 1);
            // Tiles and stats were committed with the points, never without them.
            QCOMPARE(queryInt(db, "SELECT coalesce(sum(n), 0) FROM tiles WHERE level = 1 AND curve_id = " + curve),
                     stored);
            QCOMPARE(queryInt(db, "SELECT coalesce(max(points), 0) FROM curves WHERE id = " + curve), stored);
            if (acked >= 0)
                ++killedWithAcks;
        }
        QVERIFY(killedWithAcks >= rounds / 2);
        // The next open marks the killed writers' runs crashed.
        auto reopened = Project::open(dir);
        QCOMPARE(reopened.staleRunsMarked().size(), std::size_t(rounds));
    }

    void eightConcurrentWriters()
    {
        const auto dir = tempPath(m_tmp, "eight");
        auto p = makeProject(dir);
        RunStore store(p);
        const int points = 40000;
        // Four processes on runs of their own, four on one run (ranks of one job, as keys).
        std::vector<std::string> runs;
        for (int i = 0; i < 4; ++i) {
            NewRun r;
            r.name = "solo " + std::to_string(i);
            runs.push_back(store.createRun(r));
        }
        NewRun shared;
        shared.name = "shared";
        const auto sharedId = store.createRun(shared);
        std::vector<std::unique_ptr<QProcess>> procs;
        for (int i = 0; i < 8; ++i) {
            auto proc = std::make_unique<QProcess>();
            const std::string run = i < 4 ? runs[std::size_t(i)] : sharedId;
            const std::string key = "loss" + std::to_string(i);
            proc->start(writer(), {QStringLiteral("write"), qs(dir.string()), qs(run), QString::number(points),
                                   QStringLiteral("250"), qs(key)});
            procs.push_back(std::move(proc));
        }
        for (auto &proc : procs) {
            QVERIFY(proc->waitForFinished(60000));
            const QString err = QString::fromUtf8(proc->readAllStandardError());
            QVERIFY2(proc->exitCode() == 0, qPrintable(err));
            QVERIFY2(!err.contains(QStringLiteral("locked")), qPrintable(err));
        }
        const auto db = p.databasePath();
        QCOMPARE(queryInt(db, "SELECT count(*) FROM metrics"), std::int64_t(8) * points);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(queryInt(db, "SELECT points FROM curves WHERE key = 'loss" + std::to_string(i) + "'"),
                     std::int64_t(points));
        QCOMPARE(queryInt(db, "SELECT sum(n) FROM tiles WHERE level = 2"), std::int64_t(8) * points);
        QCOMPARE(queryText(db, "PRAGMA integrity_check"), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestWriterProcesses)
#include "test_writer_processes.moc"
