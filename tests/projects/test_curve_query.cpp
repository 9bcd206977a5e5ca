// Curves read back from the tiles: each bucket equals what a raw scan gives (first,
// last, min, max, sum, count), spikes survive, several runs align by step or time, live
// reads continue from a cursor, and a resumed run continues without duplicate steps.

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

namespace {

std::string runWith(const Project &p, const std::vector<MetricPoint> &points, const std::string &name = "r")
{
    RunStore store(p);
    NewRun r;
    r.name = name;
    const auto id = store.createRun(r);
    MetricWriter w(p, id, 1);
    // In uneven chunks, so tiles are merged across flushes.
    std::size_t at = 0, chunk = 1;
    while (at < points.size()) {
        const std::size_t n = std::min(points.size() - at, chunk);
        w.addMetrics(std::span(points).subspan(at, n));
        if (chunk % 3 == 0)
            w.flush();
        at += n;
        chunk = chunk * 2 + 1;
    }
    w.flush();
    return id;
}

// Checks every bucket against a scan of the raw points in its step range.
void checkAgainstRaw(const DecimatedCurve &dec, const std::vector<MetricPoint> &raw)
{
    std::int64_t total = 0;
    for (const auto &b : dec.buckets) {
        const auto lo = static_cast<std::int64_t>(b.x);
        const auto hi = lo + dec.bucketWidth;
        std::int64_t n = 0;
        double mn = INFINITY, mx = -INFINITY, sum = 0, first = NAN, last = NAN;
        std::int64_t firstStep = INT64_MAX, lastStep = INT64_MIN;
        for (const auto &p : raw) {
            if (p.step < lo || p.step >= hi)
                continue;
            if (p.step < firstStep) {
                firstStep = p.step;
                first = p.value;
            }
            if (p.step >= lastStep) {
                lastStep = p.step;
                last = p.value;
            }
            if (std::isfinite(p.value)) {
                mn = std::min(mn, p.value);
                mx = std::max(mx, p.value);
                sum += p.value;
                ++n;
            }
        }
        QCOMPARE(b.count, n);
        QCOMPARE(b.firstStep, firstStep);
        QCOMPARE(b.lastStep, lastStep);
        QCOMPARE(b.first, first);
        QCOMPARE(b.last, last);
        if (n > 0) {
            QCOMPARE(b.min, mn);
            QCOMPARE(b.max, mx);
            QVERIFY(std::abs(b.sum - sum) <= 1e-9 * std::max(1.0, std::abs(sum)));
        }
        total += n;
    }
    std::int64_t finite = 0;
    for (const auto &p : raw)
        finite += std::isfinite(p.value) ? 1 : 0;
    QCOMPARE(total, finite);
}

} // namespace

class TestCurveQuery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    Project project() { return makeProject(tempPath(m_tmp, ("p" + std::to_string(m_n++)).c_str())); }

private Q_SLOTS:
    void decimationEqualsRawScan_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("buckets");
        QTest::newRow("short curve, raw path") << 300 << 1 << 1000;
        QTest::newRow("fewer steps per bucket than a tile") << 5000 << 1 << 1000;
        QTest::newRow("level 1 tiles") << 40000 << 1 << 500;
        QTest::newRow("level 2 tiles, sparse steps") << 30000 << 7 << 300;
        QTest::newRow("level 3 tiles") << 200000 << 1 << 20;
        QTest::newRow("one bucket") << 10000 << 3 << 1;
    }

    void decimationEqualsRawScan()
    {
        QFETCH(int, points);
        QFETCH(int, stride);
        QFETCH(int, buckets);
        auto p = project();
        std::mt19937 rng(7);
        std::normal_distribution<double> noise(0, 0.05);
        std::vector<MetricPoint> raw;
        for (int i = 0; i < points; ++i) {
            const std::int64_t step = std::int64_t(i) * stride + 5;
            double v = std::exp(-i / 5000.0) + noise(rng);
            if (i == points / 3)
                v = 1000.0; // a spike plain sampling would miss
            if (i == points / 2)
                v = NAN; // a non-finite loss is stored, not counted
            raw.push_back({"train/loss", step, 1e9 + i * 0.01, 0, v});
        }
        const auto id = runWith(p, raw);
        CurveQuery q(p);
        const auto dec = q.decimate(id, "train/loss", buckets);
        QVERIFY(dec.buckets.size() <= std::size_t(buckets) + 1);
        QVERIFY(!dec.buckets.empty());
        checkAgainstRaw(dec, raw);
        double mx = 0;
        for (const auto &b : dec.buckets)
            mx = std::max(mx, b.max);
        QCOMPARE(mx, 1000.0);
        if (points >= 40000)
            QVERIFY(dec.tileLevel > 0);
    }

    void zoomedRange()
    {
        auto p = project();
        std::vector<MetricPoint> raw;
        for (int i = 0; i < 100000; ++i)
            raw.push_back({"loss", i, 1.0 * i, 0, std::sin(i * 0.001)});
        const auto id = runWith(p, raw);
        CurveQuery q(p);
        const auto dec = q.decimate(id, "loss", 100, 0, 40960, 40960 + 25600 - 1);
        QVERIFY(dec.buckets.size() <= 101);
        QCOMPARE(dec.buckets.front().firstStep, std::int64_t(40960));
        QCOMPARE(dec.buckets.back().lastStep, std::int64_t(40960 + 25600 - 1));
        checkAgainstRaw(dec, std::vector<MetricPoint>(raw.begin() + 40960, raw.begin() + 40960 + 25600));
    }

    void alignedByStepAndTime()
    {
        auto p = project();
        std::vector<MetricPoint> a, b;
        for (int i = 0; i < 20000; ++i) {
            a.push_back({"loss", i, 100.0 + i * 0.1, 0, 1.0});
            if (i < 10000)
                b.push_back({"loss", i, 500.0 + i * 0.2, 0, 2.0}); // half the steps, half the speed
        }
        const auto ida = runWith(p, a, "a"), idb = runWith(p, b, "b");
        execSql(p.databasePath(), "UPDATE runs SET started_at = 100 WHERE name = 'a'");
        execSql(p.databasePath(), "UPDATE runs SET started_at = 500 WHERE name = 'b'");
        CurveQuery q(p);
        const auto bySteps = q.aligned({ida, idb}, "loss", 100, AlignBy::Step);
        QCOMPARE(bySteps.size(), std::size_t(2));
        QCOMPARE(bySteps[0].bucketWidth, bySteps[1].bucketWidth);
        for (std::size_t i = 0; i < bySteps[1].buckets.size(); ++i)
            QCOMPARE(bySteps[0].buckets[i].x, bySteps[1].buckets[i].x); // same grid
        QVERIFY(bySteps[1].buckets.size() * 2 <= bySteps[0].buckets.size() + 2);
        const auto byTime = q.aligned({ida, idb}, "loss", 50, AlignBy::Time);
        // Both took about 2,000 s: both span the whole time axis.
        QVERIFY(byTime[0].buckets.back().x > 1800);
        QVERIFY(byTime[1].buckets.back().x > 1800);
        QCOMPARE(byTime[1].buckets.front().mean(), 2.0);
        std::int64_t n = 0;
        for (const auto &bk : byTime[0].buckets)
            n += bk.count;
        QCOMPARE(n, std::int64_t(20000));
    }

    void liveCursor()
    {
        auto p = project();
        RunStore store(p);
        NewRun r;
        r.name = "live";
        const auto id = store.createRun(r);
        MetricWriter w(p, id, 1);
        CurveQuery q(p);
        LiveCursor cursor;
        std::int64_t seen = 0;
        for (int round = 0; round < 5; ++round) {
            std::vector<MetricPoint> pts;
            for (int i = 0; i < 100; ++i) {
                pts.push_back({"train/loss", round * 100 + i, 1.0, 0, 1.0});
                if (i % 10 == 0)
                    pts.push_back({"eval/loss", round * 100 + i, 1.0, 0, 1.0});
            }
            w.addMetrics(pts);
            w.flush();
            const auto up = q.since(id, cursor);
            QVERIFY(!up.reset);
            for (const auto &s : up.series) {
                for (const auto &pt : s.points) {
                    QVERIFY(pt.step >= round * 100); // nothing delivered twice
                    ++seen;
                }
            }
            cursor = up.cursor;
        }
        QCOMPARE(seen, std::int64_t(550));
        QVERIFY(q.since(id, cursor).series.empty());
    }

    void resumeSupersedesWithoutDuplicates()
    {
        auto p = project();
        RunStore store(p);
        NewRun r;
        r.name = "resumed";
        const auto id = store.createRun(r);
        {
            // Attempt 1 reached step 999, but its last checkpoint is at step 600.
            MetricWriter w(p, id, 1);
            std::vector<MetricPoint> pts;
            for (int s = 1; s < 1000; ++s)
                pts.push_back({"train/loss", s, 1.0 * s, 0, 10.0 + s});
            w.addMetrics(pts);
        }
        store.setStatus(id, seekbench::RunStatus::Crashed);
        CurveQuery q(p);
        LiveCursor cursor = q.since(id, {}).cursor;
        const int attempt = store.beginAttempt(id, 600);
        QCOMPARE(attempt, 2);
        QCOMPARE(store.run(id).attempt, 2);
        QCOMPARE(seekbench::toString(store.run(id).status), seekbench::toString(seekbench::RunStatus::Running));
        {
            MetricWriter w(p, id, attempt);
            std::vector<MetricPoint> pts;
            for (int s = 601; s < 1500; ++s)
                pts.push_back({"train/loss", s, 2000.0 + s, 0, 20.0 + s});
            w.addMetrics(pts);
        }
        const auto visible = q.points(id, "train/loss");
        QCOMPARE(visible.size(), std::size_t(1499));
        for (std::size_t i = 0; i < visible.size(); ++i) {
            QCOMPARE(visible[i].step, std::int64_t(i + 1)); // continuous, no duplicate step
            QCOMPARE(visible[i].attempt, visible[i].step <= 600 ? 1 : 2);
        }
        // The superseded points are kept, hidden by default.
        const auto all = q.points(id, "train/loss", 0, true);
        QCOMPARE(all.size(), std::size_t(1499 + 399));
        std::vector<MetricPoint> expected;
        for (const auto &pt : visible)
            expected.push_back({"train/loss", pt.step, pt.wallTime, 0, pt.value});
        checkAgainstRaw(q.decimate(id, "train/loss", 37), expected);
        checkAgainstRaw(q.decimate(id, "train/loss", 3), expected);
        const auto summary = store.run(id).summary.at("train/loss");
        QCOMPARE(*summary.finalValue, 20.0 + 1499);
        QCOMPARE(*summary.bestValue, 11.0);
        QVERIFY(q.since(id, cursor).reset); // a live view reloads after a resume
    }

    void unknownCurveAndBadBuckets()
    {
        auto p = project();
        const auto id = runWith(p, {{"loss", 1, 1.0, 0, 1.0}});
        CurveQuery q(p);
        QVERIFY_THROWS_EXCEPTION(ProjectError, q.decimate(id, "nope", 10));
        QVERIFY_THROWS_EXCEPTION(ProjectError, q.decimate(id, "loss", 0));
        QVERIFY_THROWS_EXCEPTION(ProjectError, q.decimate("missing-run", "loss", 10));
    }
};

QTEST_GUILESS_MAIN(TestCurveQuery)
#include "test_curve_query.moc"
