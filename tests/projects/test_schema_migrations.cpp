// Every earlier schema version migrates forward to the latest with its data intact:
// runs, points (as visible attempt-1 points), tiles rebuilt, summary, events; AML curves
// (schema 8) keyed by period.

#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "test_support.h"

#include <QtTest>

namespace fs = std::filesystem;
using namespace seekbench::projects;
using namespace testsupport;

class TestSchemaMigrations : public QObject
{
    Q_OBJECT

    static constexpr int kPoints = 5000;

    // A project folder whose database is at `version`, with data written in the layout
    // of version 1 and carried forward by the real migrations up to `version`.
    static fs::path oldProject(const QTemporaryDir &tmp, int version)
    {
        const auto dir = tempPath(tmp, ("v" + std::to_string(version)).c_str());
        fs::create_directories(dir / "runs");
        writeFile(dir / "seekbench-project.yaml", "seekbench_project: 1\nname: old\n");
        const auto db = dir / "seekbench.db";
        Schema::createDatabaseAtVersion(db, 1);
        std::string sql = "BEGIN;"
                          "INSERT INTO runs(id, name, status, created_at, started_at, ended_at, host, pid) VALUES "
                          "('r1', 'old run', 'finished', 1000, 1000, 2000, 'h', 1);"
                          "INSERT INTO run_tags VALUES ('r1', 'legacy');"
                          "INSERT INTO curves(id, run_id, key, rank) VALUES (1, 'r1', 'train/loss', 0);"
                          "INSERT INTO events(run_id, rank, step, wall_time, kind, json) VALUES "
                          "('r1', 0, 0, 1000, 'start', '{\"event\":\"start\"}');";
        for (int s = 0; s < kPoints; ++s) {
            const double v = s == 3210 ? 50.0 : 1.0 / (1 + s); // one spike
            sql += "INSERT INTO metrics(curve_id, step, wall_time, value) VALUES (1, " + std::to_string(s) + ", "
                   + std::to_string(1000 + s) + ", " + std::to_string(v) + ");";
        }
        sql += "COMMIT;";
        execSql(db, sql);
        Schema::migrateFile(db, version);
        return dir;
    }

private Q_SLOTS:
    void migratesEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < Schema::kLatest; ++v)
            QTest::newRow(("from v" + std::to_string(v)).c_str()) << v;
    }

    void migratesEveryEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir tmp;
        const auto dir = oldProject(tmp, version);
        QCOMPARE(queryInt(dir / "seekbench.db", "PRAGMA user_version"), std::int64_t(version));
        auto p = Project::open(dir);
        QCOMPARE(p.schemaVersionAtOpen(), version);
        const auto db = dir / "seekbench.db";
        QCOMPARE(queryInt(db, "PRAGMA user_version"), std::int64_t(Schema::kLatest));
        QCOMPARE(queryText(db, "PRAGMA integrity_check"), std::string("ok"));
        // The copy set aside before migrating still has the old version.
        const auto before = dir / ("seekbench.db.before-v" + std::to_string(Schema::kLatest));
        QVERIFY(fs::exists(before));
        QCOMPARE(queryInt(before, "PRAGMA user_version"), std::int64_t(version));

        RunStore store(p);
        const auto run = store.run("r1");
        QCOMPARE(run.name, std::string("old run"));
        QCOMPARE(run.tags, std::vector<std::string>{"legacy"});
        QCOMPARE(run.attempt, 1);
        QCOMPARE(seekbench::toString(run.status),
                 seekbench::toString(seekbench::RunStatus::Finished)); // not mistaken for a stale run
        // Schema 4: one rank, no scheduler job; the accessors write the new columns.
        QCOMPARE(run.ranks, 1);
        QVERIFY(run.scheduler.empty() && run.jobId.empty() && run.jobState.empty());
        store.setRanks("r1", 4);
        store.setJob("r1", "slurm", "123", "RUNNING");
        const auto again = store.run("r1");
        QCOMPARE(again.ranks, 4);
        QCOMPARE(again.jobId, std::string("123"));
        QCOMPARE(again.jobState, std::string("RUNNING"));
        QVERIFY(again.jobStateAt.has_value());
        QVERIFY(run.summary.count("train/loss"));
        QCOMPARE(*run.summary.at("train/loss").finalValue, 1.0 / kPoints);
        QCOMPARE(store.events("r1").size(), std::size_t(1));

        CurveQuery q(p);
        QCOMPARE(q.points("r1", "train/loss").size(), std::size_t(kPoints));
        const auto dec = q.decimate("r1", "train/loss", 100);
        QVERIFY(dec.tileLevel > 0);
        std::int64_t count = 0;
        double maxSeen = 0;
        for (const auto &b : dec.buckets) {
            count += b.count;
            maxSeen = std::max(maxSeen, b.max);
        }
        QCOMPARE(count, std::int64_t(kPoints));
        QCOMPARE(maxSeen, 50.0); // the spike survived the migration's tile rebuild
    }

    // Schema 8 keys AML curves by period: a curve stored at schema 7 (the test months')
    // becomes the "test" one with its threshold row's days; there is no validation curve.
    void amlCurvesBecomeTestCurves()
    {
        QTemporaryDir tmp;
        const auto dir = oldProject(tmp, 7);
        execSql(dir / "seekbench.db",
                "INSERT INTO aml_curves(run_id, model, points_json) VALUES ('r1', 'graph', '[{\"threshold\":0.5}]');"
                "INSERT INTO aml_curves(run_id, model, points_json) VALUES ('r1', 'xgboost', '[]');"
                "INSERT INTO aml_thresholds(run_id, model, threshold, capacity_per_day, cost_missed, "
                "cost_false_alert, alerts_per_day, days, chosen_at) VALUES ('r1', 'graph', 0.5, 1, 1, 1, 1, 61, 0);");
        auto p = Project::open(dir);
        AmlResultStore results(p);
        const auto test = results.curve("r1", "graph", "test");
        QVERIFY(test);
        QCOMPARE(test->days, 61.0);
        QCOMPARE(test->pointsJson, std::string("[{\"threshold\":0.5}]"));
        QVERIFY(!results.curve("r1", "graph", "validation"));
        const auto noThreshold = results.curve("r1", "xgboost", "test"); // kept, days unknown
        QVERIFY(noThreshold);
        QCOMPARE(noThreshold->days, 0.0);
    }

    // Schema 9 gives every run a colour, in creation order.
    void runsGetColoursByCreation()
    {
        QTemporaryDir tmp;
        const auto dir = oldProject(tmp, 8);
        execSql(dir / "seekbench.db",
                "INSERT INTO runs(id, name, status, created_at, host, pid) VALUES ('r0', 'older', 'finished', 500, "
                "'h', 1);"
                "INSERT INTO runs(id, name, status, created_at, host, pid) VALUES ('r2', 'newer', 'finished', 3000, "
                "'h', 1);");
        auto p = Project::open(dir);
        RunStore store(p);
        QCOMPARE(store.run("r0").color, 0);
        QCOMPARE(store.run("r1").color, 1);
        QCOMPARE(store.run("r2").color, 2);
        NewRun next;
        next.name = "after";
        next.status = seekbench::RunStatus::Finished;
        QCOMPARE(store.run(store.createRun(next)).color, 3);
    }

    void refusesNewerVersion()
    {
        QTemporaryDir tmp;
        const auto dir = oldProject(tmp, Schema::kLatest);
        execSql(dir / "seekbench.db", "PRAGMA user_version = " + std::to_string(Schema::kLatest + 1));
        QVERIFY_THROWS_EXCEPTION(ProjectError, Project::open(dir));
        QCOMPARE(queryInt(dir / "seekbench.db", "PRAGMA user_version"), std::int64_t(Schema::kLatest + 1));
    }

    void headerVersionWithoutSqlite()
    {
        QTemporaryDir tmp;
        const auto dir = oldProject(tmp, 2);
        QCOMPARE(Schema::versionInHeader(dir / "seekbench.db"), 2);
        writeFile(dir / "junk",
                  "not a database at all, certainly not 100 bytes of SQLite header.........................");
        QCOMPARE(Schema::versionInHeader(dir / "junk"), -1);
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigrations)
#include "test_schema_migrations.moc"
