// A project with 1,000 runs of 10,000 points each: listing every run with its final
// metrics, from the summary table, against the naive way (reading all points to find
// each curve's last value). Then 9,000 more runs (1,000 points each) show the listing
// staying flat at 10,000 runs. Target: at most 200 ms. The ingest time of the project
// is printed with the ratio to unbatched inserts (one transaction per point, measured
// on a sample of 20,000 points and extrapolated).
//
//   bench_store_list [RUNS] [POINTS_PER_RUN] [EXTRA_RUNS] [EXTRA_POINTS]
//   defaults 1,000 10,000 9,000 1,000

#include "bench_util.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/run_store.h"

#include <sqlite3.h>

#include <cmath>
#include <map>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

// Each run logs train/loss every step and eval/loss + eval/accuracy every 10th step.
void addRuns(const Project &p, int runs, int pointsPerRun, int offset)
{
    RunStore store(p);
    for (int r = 0; r < runs; ++r) {
        NewRun n;
        n.name = "run " + std::to_string(offset + r);
        n.status = seekbench::RunStatus::Running;
        n.configYaml = "training:\n  lr: " + std::to_string(0.0001 * (1 + (offset + r) % 50)) + "\n";
        n.tags = {r % 2 ? "odd" : "even"};
        const auto id = store.createRun(n);
        {
            MetricWriter w(p, id, 1);
            std::vector<MetricPoint> pts;
            pts.reserve(static_cast<std::size_t>(pointsPerRun));
            const int steps = pointsPerRun * 10 / 12;
            const double t = bench::wallNow();
            for (int s = 0; static_cast<int>(pts.size()) < pointsPerRun; ++s) {
                pts.push_back({"train/loss", s, t + s, 0, std::exp(-s / 2000.0) + 0.001 * r});
                if (s % 10 == 0 && static_cast<int>(pts.size()) < pointsPerRun)
                    pts.push_back({"eval/loss", s, t + s, 0, std::exp(-s / 2500.0)});
                if (s % 10 == 0 && static_cast<int>(pts.size()) < pointsPerRun)
                    pts.push_back({"eval/accuracy", s, t + s, 0, 1 - std::exp(-s / 3000.0)});
                (void)steps;
            }
            w.addMetrics(pts);
        }
        store.finishRun(id, seekbench::RunStatus::Finished, "");
    }
}

double timeListing(const Project &p, std::size_t *count, int repeats = 7)
{
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        RunStore store(p); // a fresh connection, as a GUI refresh would have after open
        const double a = bench::now();
        const auto runs = store.listRuns();
        t.push_back((bench::now() - a) * 1e3);
        *count = runs.size();
        if (runs.empty() || runs.front().summary.empty())
            std::printf("  WARNING: listing returned no metrics\n");
    }
    return bench::median(t);
}

// Naive: every point, keeping the last value per run and key.
double naiveListing(const Project &p)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(p.databasePath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    const double a = bench::now();
    std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, double>> last;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT r.id, r.name, r.status, c.key, m.step, m.value FROM runs r "
                       "JOIN curves c ON c.run_id = r.id JOIN metrics m ON m.curve_id = c.id",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
        auto &slot = last[{reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                           reinterpret_cast<const char *>(sqlite3_column_text(st, 3))}];
        const std::int64_t step = sqlite3_column_int64(st, 4);
        if (step >= slot.first)
            slot = {step, sqlite3_column_double(st, 5)};
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return (bench::now() - a) * 1e3;
}

double unbatchedRate(const Project &p, int points)
{
    sqlite3 *db = nullptr;
    sqlite3_open(p.databasePath().c_str(), &db);
    sqlite3_busy_timeout(db, 15000);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    sqlite3_exec(db, "INSERT INTO curves(run_id, key, rank) VALUES ('naive', 'train/loss', 0)", nullptr, nullptr,
                 nullptr);
    const auto curve = sqlite3_last_insert_rowid(db);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO metrics(curve_id, step, attempt, wall_time, value) VALUES (?1, ?2, 1, ?3, ?4)",
                       -1, &st, nullptr);
    const double a = bench::now();
    for (int s = 0; s < points; ++s) {
        sqlite3_bind_int64(st, 1, curve);
        sqlite3_bind_int64(st, 2, s);
        sqlite3_bind_double(st, 3, bench::wallNow());
        sqlite3_bind_double(st, 4, 1.0 / (1 + s));
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    const double rate = points / (bench::now() - a);
    sqlite3_exec(db,
                 "DELETE FROM metrics WHERE curve_id = (SELECT id FROM curves WHERE run_id = 'naive'); "
                 "DELETE FROM curves WHERE run_id = 'naive'",
                 nullptr, nullptr, nullptr);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rate;
}

} // namespace

int main(int argc, char **argv)
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int points = argc > 2 ? std::atoi(argv[2]) : 10000;
    const int extraRuns = argc > 3 ? std::atoi(argv[3]) : 9000;
    const int extraPoints = argc > 4 ? std::atoi(argv[4]) : 1000;
    bench::TempFolder tmp("list");
    auto p = bench::newProject(tmp.path() / "p");

    double a = bench::now();
    addRuns(p, runs, points, 0);
    const double ingest = bench::now() - a;
    const double totalPoints = double(runs) * points;
    const double unbatched = unbatchedRate(p, 20000);
    std::printf("store list: %d runs x %d points = %.0f points ingested in %.1f s (%.0f points/s, batched writer)\n",
                runs, points, totalPoints, ingest, totalPoints / ingest);
    std::printf("  unbatched inserts at %.0f points/s would take %.0f s: %.1fx slower\n", unbatched,
                totalPoints / unbatched, (totalPoints / unbatched) / ingest);

    std::size_t listed = 0;
    const double list1k = timeListing(p, &listed);
    std::printf("list %zu runs with final metrics (summary table): %.1f ms (target <= 200 ms)\n", listed, list1k);
    const double naive = naiveListing(p);
    std::printf("naive: fetch all %.0f points for the final values:  %.0f ms (%.0fx slower)\n", totalPoints, naive,
                naive / list1k);

    if (extraRuns > 0) {
        a = bench::now();
        addRuns(p, extraRuns, extraPoints, runs);
        std::printf("added %d runs x %d points in %.1f s\n", extraRuns, extraPoints, bench::now() - a);
        const double list10k = timeListing(p, &listed);
        std::printf("list %zu runs with final metrics: %.1f ms (target <= 200 ms; %.1fx the time for %.0fx the runs)\n",
                    listed, list10k, list10k / list1k, double(listed) / runs);
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(p.databasePath(), ec);
        a = bench::now();
        {
            auto reopened = Project::open(p.dir());
        }
        std::printf("open the project (checks, stale runs) with a %.0f MB store: %.1f ms\n", bytes / 1e6,
                    (bench::now() - a) * 1e3);
        RunFilter f;
        f.limit = 100;
        RunStore store(p);
        a = bench::now();
        store.listRuns(f);
        std::printf("newest 100 of %zu runs (a GUI's first page): %.1f ms\n", listed, (bench::now() - a) * 1e3);
        f = {};
        f.finalMetrics = {RunFilter::Condition::parse("eval/loss<0.04", "--metric")};
        f.tags = {"odd"};
        a = bench::now();
        const auto filtered = store.listRuns(f);
        std::printf("filter by tag and final eval/loss over %zu runs: %zu runs in %.1f ms\n", listed, filtered.size(),
                    (bench::now() - a) * 1e3);
    }
    return 0;
}
