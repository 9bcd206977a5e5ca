// Cluster-safe mode: ranks append segment files without SQLite; one process holding the
// lock imports them, idempotently, including segments still being written.

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/segment_writer.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <cstdlib>

namespace fs = std::filesystem;
using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

class TestSegments : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void modeFromManifestAndEnvironment()
    {
        const auto dir = tempPath(m_tmp, "modes");
        {
            auto p = makeProject(dir, "segments");
            QCOMPARE(p.storageMode(), StorageMode::Segments);
            QCOMPARE(queryText(p.databasePath(), "PRAGMA journal_mode"), std::string("delete"));
            QVERIFY(fs::exists(dir / "seekbench.db.lock"));
            // A second process-like open cannot take the lock: it reads only.
            auto second = Project::open(dir);
            QVERIFY(second.isReadOnly());
        }
        QVERIFY(!fs::exists(dir / "seekbench.db.lock"));
        const auto local = tempPath(m_tmp, "forced");
        makeProject(local, "auto");
        ::setenv("SEEKBENCH_STORAGE", "segments", 1);
        QCOMPARE(Project::open(local).storageMode(), StorageMode::Segments);
        ::unsetenv("SEEKBENCH_STORAGE");
        QCOMPARE(Project::open(local).storageMode(), StorageMode::Local);
        QVERIFY(networkFilesystemName(local).empty()); // a local disk
    }

    void importIsIdempotent()
    {
        const auto dir = tempPath(m_tmp, "import");
        auto p = makeProject(dir, "segments");
        RunStore store(p);
        NewRun r;
        r.name = "cluster";
        const auto id = store.createRun(r);
        {
            SegmentWriter rank0(p.runDir(id), id, 1, 0);
            SegmentWriter rank1(p.runDir(id), id, 1, 1);
            std::vector<MetricPoint> a, b;
            for (int s = 0; s < 3000; ++s) {
                a.push_back({"train/loss", s, 1.0 * s, 0, 1.0 / (s + 1)});
                b.push_back({"train/loss", s, 1.0 * s, 1, 2.0 / (s + 1)});
            }
            rank0.addMetrics(a);
            rank1.addMetrics(b);
            rank0.addEvent({"eval", 100, 1.0, 0, "{\"event\":\"eval\"}"});
            SystemSample smp;
            smp.wallTime = 5;
            rank0.addSystemSample(smp);
        }
        SegmentImporter importer(p);
        auto res = importer.importAll();
        QCOMPARE(res.segments, std::size_t(2));
        QCOMPARE(res.points, std::size_t(6000));
        const auto db = p.databasePath();
        QCOMPARE(queryInt(db, "SELECT count(*) FROM metrics"), std::int64_t(6000));
        // Again: nothing new.
        res = importer.importAll();
        QCOMPARE(res.points, std::size_t(0));
        // Even with the import records gone, re-reading every byte adds no duplicate.
        execSql(db, "DELETE FROM segment_imports");
        res = importer.importAll();
        QCOMPARE(res.points, std::size_t(0));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM metrics"), std::int64_t(6000));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM events"), std::int64_t(1));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM system_samples"), std::int64_t(1));
        QCOMPARE(queryInt(db, "SELECT sum(n) FROM tiles WHERE level = 1"), std::int64_t(6000));
        CurveQuery q(p);
        QCOMPARE(q.decimate(id, "train/loss", 10, 1).points, std::int64_t(3000));
    }

    void partialLinesWaitForTheirEnd()
    {
        const auto dir = tempPath(m_tmp, "partial");
        auto p = makeProject(dir, "segments");
        NewRun r;
        r.name = "growing";
        const auto id = RunStore(p).createRun(r);
        const auto seg = p.runDir(id) / "segments";
        fs::create_directories(seg);
        const std::string header = "{\"t\":\"seg\",\"run\":\"" + id + "\",\"attempt\":1,\"rank\":0}\n";
        const std::string l1 = "{\"t\":\"m\",\"k\":\"loss\",\"s\":1,\"w\":1.0,\"r\":0,\"v\":0.5}\n";
        const std::string l2 = "{\"t\":\"m\",\"k\":\"loss\",\"s\":2,\"w\":2.0,\"r\":0,\"v\":0.25}\n";
        writeFile(seg / "a1-r0-h-1.seg", header + l1 + l2.substr(0, 10));
        SegmentImporter importer(p);
        QCOMPARE(importer.importRun(id).points, std::size_t(1));
        writeFile(seg / "a1-r0-h-1.seg", header + l1 + l2);
        QCOMPARE(importer.importRun(id).points, std::size_t(1));
        QCOMPARE(queryInt(p.databasePath(), "SELECT count(*) FROM metrics"), std::int64_t(2));
    }

    void ranksAsProcessesNeverOpenSqlite()
    {
        const auto dir = tempPath(m_tmp, "ranks");
        auto p = makeProject(dir, "segments");
        NewRun r;
        r.name = "job";
        const auto id = RunStore(p).createRun(r);
        SegmentImporter importer(p);
        importer.startTimer(std::chrono::milliseconds(100)); // while the job is live
        std::vector<std::unique_ptr<QProcess>> ranks;
        for (int rank = 0; rank < 4; ++rank) {
            auto proc = std::make_unique<QProcess>();
            proc->start(QStringLiteral(SEEKBENCH_STORE_TEST_WRITER),
                        {QStringLiteral("segment"), QString::fromStdString(p.runDir(id).string()),
                         QString::fromStdString(id), QStringLiteral("1"), QString::number(rank),
                         QStringLiteral("20000")});
            ranks.push_back(std::move(proc));
        }
        for (auto &proc : ranks) {
            QVERIFY(proc->waitForFinished(30000));
            QCOMPARE(proc->exitCode(), 0);
        }
        importer.stopTimer();
        importer.importAll();
        QCOMPARE(queryInt(p.databasePath(), "SELECT count(*) FROM metrics"), std::int64_t(80000));
        QCOMPARE(queryText(p.databasePath(), "PRAGMA integrity_check"), std::string("ok"));
    }

    void readOnlyOpenCannotImport()
    {
        const auto dir = tempPath(m_tmp, "locked");
        auto holder = makeProject(dir, "segments");
        auto reader = Project::open(dir);
        try {
            SegmentImporter importer(reader);
            QFAIL("imported without the lock");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::Locked);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("seekbench.db.lock")));
        }
    }
};

QTEST_GUILESS_MAIN(TestSegments)
#include "test_segments.moc"
