#pragma once

// The run both report benchmarks use (bench_report: HTML, bench_report_pdf: PDF): four
// curves of N points written through MetricWriter, and the baseline chart built from the
// raw points instead of the tiles.

#include "../store/bench_util.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/report/report.h"
#include "seekbench/projects/run_store.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace bench {

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;

inline const char *const kKeys[] = {"loss", "lr", "grad_norm", "throughput"};

inline std::string writeRun(const Project &p, std::int64_t points)
{
    RunStore store(p);
    NewRun n;
    n.name = "four long curves";
    n.configYaml = "name: bench\ntraining:\n  lr: 0.001\n  max_steps: " + std::to_string(points) + "\n";
    const std::string id = store.createRun(n);
    MetricWriter w(p, id, 1);
    std::vector<MetricPoint> chunk;
    const double t0 = wallNow();
    for (std::int64_t s = 1; s <= points; ++s) {
        const double x = double(s);
        const double t = t0 + x * 0.01;
        chunk.push_back({kKeys[0], s, t, 0, 0.5 + 4.0 / std::sqrt(x) + 0.05 * std::sin(x * 0.37)});
        chunk.push_back({kKeys[1], s, t, 0, 0.001 * std::min(1.0, x / 2000.0) * (1 - x / double(points + 1))});
        chunk.push_back({kKeys[2], s, t, 0, 1.0 + 0.3 * std::sin(x * 0.013) + (s % 9973 == 0 ? 25.0 : 0.0)});
        chunk.push_back({kKeys[3], s, t, 0, 12000 + 500 * std::cos(x * 0.001)});
        if (chunk.size() >= 400000) {
            w.addMetrics(chunk);
            chunk.clear();
        }
    }
    w.addMetrics(chunk);
    w.flush();
    store.finishRun(id, RunStatus::Finished, "", {{"loss", 0.5}}, {{"loss", 0.49}});
    return id;
}

// The baseline: every raw point read back and bucketed (first..last step in `buckets`).
inline Chart rawChart(CurveQuery &q, const std::string &id, const std::string &key, int buckets)
{
    const auto pts = q.points(id, key);
    Chart c{key, "Step", key, false, true, {ChartSeries{"four long curves", 0, {}}}};
    if (pts.empty())
        return c;
    const std::int64_t lo = pts.front().step, hi = pts.back().step;
    const std::int64_t width = std::max<std::int64_t>(1, (hi - lo + buckets) / buckets);
    struct Acc
    {
        double min = INFINITY, max = -INFINITY, sum = 0;
        std::int64_t n = 0;
    };
    std::vector<Acc> acc(static_cast<std::size_t>(buckets + 1));
    for (const auto &p : pts) {
        Acc &a = acc[static_cast<std::size_t>((p.step - lo) / width)];
        a.min = std::min(a.min, p.value);
        a.max = std::max(a.max, p.value);
        a.sum += p.value;
        ++a.n;
    }
    for (std::size_t i = 0; i < acc.size(); ++i)
        if (acc[i].n)
            c.series[0].points.push_back(
                {double(lo + std::int64_t(i) * width), acc[i].sum / double(acc[i].n), acc[i].min, acc[i].max});
    return c;
}

} // namespace bench
