// The batched writer: thread-safe adds, commits on its own within a quarter second,
// one transaction per flush, heartbeats, samples and events stored beside the points.

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QtTest>

#include <cmath>
#include <thread>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

class TestMetricWriter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;

    std::pair<Project, std::string> projectWithRun()
    {
        auto p = makeProject(tempPath(m_tmp, ("p" + std::to_string(m_n++)).c_str()));
        NewRun r;
        r.name = "w";
        const auto id = RunStore(p).createRun(r);
        return {std::move(p), id};
    }

private Q_SLOTS:
    void commitsWithoutBeingAsked()
    {
        auto [p, id] = projectWithRun();
        MetricWriter w(p, id, 1);
        const MetricPoint pt{"train/loss", 1, 1.0, 0, 0.5};
        w.addMetrics(std::span(&pt, 1));
        // Another connection sees the point without flush(): the writer's own timer
        // committed it (250 ms; generous bound for a loaded machine).
        QTRY_COMPARE_WITH_TIMEOUT(queryInt(p.databasePath(), "SELECT count(*) FROM metrics"), std::int64_t(1), 3000);
        // The counter moves just after the commit that made the point visible: wait for it.
        QTRY_VERIFY_WITH_TIMEOUT(w.flushes() >= 1, 3000);
    }

    void twoThreadsAddAtOnce()
    {
        auto [p, id] = projectWithRun();
        {
            MetricWriter w(p, id, 1);
            auto trainer = std::thread([&] {
                for (int s = 0; s < 20000; ++s) {
                    const MetricPoint pt{"train/loss", s, 1.0 * s, 0, 1.0 / (s + 1)};
                    w.addMetrics(std::span(&pt, 1));
                    if (s % 5000 == 0)
                        w.addEvent({"eval", s, 1.0 * s, 0, "{\"event\":\"eval\"}"});
                }
            });
            auto sampler = std::thread([&] {
                for (int i = 0; i < 200; ++i) {
                    SystemSample s;
                    s.wallTime = 1000.0 + i;
                    s.rssBytes = 1e8;
                    s.cpuPercent = 150;
                    s.gpuStatus = "no CUDA device";
                    w.addSystemSample(s);
                    if (i % 50 == 0)
                        w.flush();
                }
            });
            trainer.join();
            sampler.join();
            w.flush();
            QCOMPARE(w.pointsCommitted(), std::uint64_t(20000));
        }
        const auto db = p.databasePath();
        QCOMPARE(queryInt(db, "SELECT count(*) FROM metrics"), std::int64_t(20000));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM system_samples"), std::int64_t(200));
        QCOMPARE(queryInt(db, "SELECT count(*) FROM events WHERE kind = 'eval'"), std::int64_t(4));
        QCOMPARE(queryText(db, "SELECT gpu_json FROM system_samples LIMIT 1").find("no CUDA device")
                     != std::string::npos,
                 true);
    }

    void nonFiniteValuesAreKept()
    {
        auto [p, id] = projectWithRun();
        {
            MetricWriter w(p, id, 1);
            const std::vector<MetricPoint> pts{{"loss", 1, 1, 0, 1.0},
                                               {"loss", 2, 2, 0, NAN},
                                               {"loss", 3, 3, 0, INFINITY}};
            w.addMetrics(pts);
        }
        QCOMPARE(queryInt(p.databasePath(), "SELECT count(*) FROM metrics"), std::int64_t(3));
        QCOMPARE(queryInt(p.databasePath(), "SELECT n FROM tiles WHERE level = 1"), std::int64_t(1));
    }

    void heartbeatAdvances()
    {
        auto [p, id] = projectWithRun();
        const auto db = p.databasePath();
        const auto before = queryText(db, "SELECT heartbeat_at FROM runs");
        MetricWriter::Options o;
        o.heartbeatInterval = 0.1;
        MetricWriter w(p, id, 1, o);
        QTRY_VERIFY_WITH_TIMEOUT(queryText(db, "SELECT heartbeat_at FROM runs") != before, 3000);
    }

    void duplicatePointsStoredOnce()
    {
        auto [p, id] = projectWithRun();
        {
            MetricWriter w(p, id, 1);
            const std::vector<MetricPoint> pts{{"loss", 1, 1, 0, 1.0}, {"loss", 1, 1, 0, 1.0}};
            w.addMetrics(pts);
            w.flush();
            w.addMetrics(pts);
        }
        QCOMPARE(queryInt(p.databasePath(), "SELECT count(*) FROM metrics"), std::int64_t(1));
        QCOMPARE(queryInt(p.databasePath(), "SELECT n FROM tiles WHERE level = 1"), std::int64_t(1));
    }

    void refusesUnknownRun()
    {
        auto [p, id] = projectWithRun();
        try {
            MetricWriter w(p, "20990101-000000-00000000", 1);
            QFAIL("a writer for an unknown run");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::NotFound);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("20990101-000000-00000000")));
        }
    }
};

QTEST_GUILESS_MAIN(TestMetricWriter)
#include "test_metric_writer.moc"
