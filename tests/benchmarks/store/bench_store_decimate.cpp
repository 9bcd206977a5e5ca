// One 1,000,000-point curve decimated to 2,000 buckets (first, last, min, max, sum,
// count) from the tiles, against a raw scan of every point bucketed in C++ and a SQL
// GROUP BY over the raw points. Target: at most 20 ms.
//
//   bench_store_decimate [POINTS] [BUCKETS] [REPEATS]    defaults 1,000,000 2,000 15
//   bench_store_decimate --check [POINTS] [BUCKETS] [REPEATS]
//
// --check (the perf-smoke test, see ../perf_smoke.h) times the tiles against the raw scan
// only, at small sizes, and exits 1 unless the raw scan takes at least kCheckRatio times
// as long as the tiles (median of the per-pair ratios).

#include "../perf_smoke.h"
#include "bench_util.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/run_store.h"

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

// --check: 200,000 points in 2,000 buckets of 100 steps, i.e. a zoomed-in view read from
// the 16-step tiles (1,786 buckets of 112 steps): 16x fewer rows than the raw scan, which
// measured 6.9x faster (2026-12-02). The default size reads 256-step tiles (~100x), where
// a halving would not cross a threshold of 5; here it does. About 3 s.
constexpr std::int64_t kCheckPoints = 200000;
constexpr int kCheckBuckets = 2000;
constexpr int kCheckRepeats = 25;
constexpr double kCheckRatio = 5.0;

struct Bucket
{
    double first = 0, last = 0, min = 0, max = 0, sum = 0;
    std::int64_t count = 0;
};

// The baseline a tracker without tiles has: read every point, bucket it.
std::size_t rawScan(sqlite3 *db, std::int64_t curve, std::int64_t points, int buckets)
{
    std::vector<Bucket> out(static_cast<std::size_t>(buckets));
    const std::int64_t width = (points + buckets - 1) / buckets;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT step, value FROM metrics WHERE curve_id = ?1 AND superseded = 0 ORDER BY step", -1,
                       &st, nullptr);
    sqlite3_bind_int64(st, 1, curve);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const std::int64_t step = sqlite3_column_int64(st, 0);
        const double v = sqlite3_column_double(st, 1);
        Bucket &b = out[static_cast<std::size_t>(std::min<std::int64_t>(buckets - 1, step / width))];
        if (b.count == 0) {
            b.first = v;
            b.min = b.max = v;
        }
        b.last = v;
        b.min = std::min(b.min, v);
        b.max = std::max(b.max, v);
        b.sum += v;
        ++b.count;
    }
    sqlite3_finalize(st);
    return out.size();
}

std::size_t groupBy(sqlite3 *db, std::int64_t curve, std::int64_t points, int buckets)
{
    const std::int64_t width = (points + buckets - 1) / buckets;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT step / ?2 AS b, min(step), max(step), min(value), max(value), sum(value), count(*) "
                       "FROM metrics WHERE curve_id = ?1 AND superseded = 0 GROUP BY b ORDER BY b",
                       -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, curve);
    sqlite3_bind_int64(st, 2, width);
    std::size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        ++n;
    sqlite3_finalize(st);
    return n;
}

} // namespace

int main(int argc, char **argv)
{
    const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
    argc -= check;
    argv += check;
    const std::int64_t points = argc > 1 ? std::atoll(argv[1]) : check ? kCheckPoints : 1000000;
    const int buckets = argc > 2 ? std::atoi(argv[2]) : check ? kCheckBuckets : 2000;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : check ? kCheckRepeats : 15;
    bench::TempFolder tmp("decimate");
    auto p = bench::newProject(tmp.path() / "p");
    NewRun r;
    r.name = "long";
    const auto id = RunStore(p).createRun(r);
    const double t0 = bench::now();
    {
        MetricWriter w(p, id, 1);
        std::vector<MetricPoint> chunk;
        for (std::int64_t s = 0; s < points; ++s) {
            double v = std::exp(-s * 3e-6) + 0.02 * std::sin(s * 0.37);
            if (s % 99991 == 0)
                v += 5; // spikes must survive
            chunk.push_back({"train/loss", s, 1e9 + s * 0.01, 0, v});
            if (chunk.size() == 1000) {
                w.addMetrics(chunk);
                chunk.clear();
            }
        }
        w.addMetrics(chunk);
        w.flush();
    }
    std::printf("store decimate: %lld-point curve written in %.1f s; %d buckets, %d repeats, medians\n",
                static_cast<long long>(points), bench::now() - t0, buckets, repeats);

    CurveQuery q(p);
    sqlite3 *db = nullptr;
    sqlite3_open_v2(p.databasePath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    const std::int64_t curve = q.curves(id).front().id;
    std::vector<double> tiles, raw, grouped, ratioRaw, ratioGroup;
    std::size_t got = 0;
    for (int i = 0; i < repeats; ++i) {
        // Alternated, each timed on its own; the first round warms the page cache for all.
        double a = bench::now();
        const auto dec = q.decimate(id, "train/loss", buckets);
        if (check)
            seekbench::perfsmoke::stretch(bench::now() - a);
        const double tTiles = bench::now() - a;
        got = dec.buckets.size();
        a = bench::now();
        rawScan(db, curve, points, buckets);
        const double tRaw = bench::now() - a;
        a = bench::now();
        if (!check) // the check guards tiles against the raw scan only
            groupBy(db, curve, points, buckets);
        const double tGroup = bench::now() - a;
        if (i == 0)
            continue;
        tiles.push_back(tTiles * 1e3);
        raw.push_back(tRaw * 1e3);
        grouped.push_back(tGroup * 1e3);
        ratioRaw.push_back(tRaw / tTiles);
        ratioGroup.push_back(tGroup / tTiles);
    }
    sqlite3_close(db);
    double spike = 0;
    for (const auto &b : q.decimate(id, "train/loss", buckets).buckets)
        spike = std::max(spike, b.max);
    std::printf("decimated from tiles:   %.2f ms (%zu buckets; max %.3f: spikes kept) (target <= 20 ms)\n",
                bench::median(tiles), got, spike);
    if (check) {
        std::printf("raw scan + bucketing:   %.2f ms\n", bench::median(raw));
        return seekbench::perfsmoke::verdict("store_decimate", "raw scan / tiles", ratioRaw,
                                             bench::median(raw) / bench::median(tiles), {false, kCheckRatio});
    }
    std::printf("raw scan + bucketing:   %.2f ms  (%.0fx slower: ratio of the medians; median per-pair ratio %.0fx)\n",
                bench::median(raw), bench::median(raw) / bench::median(tiles), bench::median(ratioRaw));
    std::printf("SQL GROUP BY over raw:  %.2f ms  (%.0fx slower: ratio of the medians; median per-pair ratio %.0fx)\n",
                bench::median(grouped), bench::median(grouped) / bench::median(tiles), bench::median(ratioGroup));
    return 0;
}
