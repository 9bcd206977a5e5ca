// A run report of a run with four 1,000,000-point curves (issue 24): building the
// document from the store (curves from the tiles, 1,000 buckets each) and rendering it to
// HTML. Goal: at most 2 s. Baseline, in the same process: the same charts built from the
// raw points (every point read and bucketed in C++), then rendered the same way: what a
// report without tiles would cost.
//
//   bench_report [POINTS] [REPEATS] [COPY_TO]    defaults 1,000,000 5; COPY_TO keeps the HTML

#include "report_bench_run.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/run_store.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;
using bench::kKeys;
using bench::rawChart;
using bench::writeRun;

int main(int argc, char **argv)
{
    const std::int64_t points = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
    bench::TempFolder folder("report");
    const Project p = bench::newProject(folder.path() / "project");
    double t = bench::now();
    const std::string id = writeRun(p, points);
    std::printf("wrote 4 curves of %lld points in %.1f s\n", (long long)points, bench::now() - t);

    ReportRequest req;
    req.runIds = {id};
    req.chartBuckets = 1000;
    std::vector<double> build, render, total;
    std::string html;
    Report doc;
    for (int i = 0; i < repeats; ++i) {
        const double t0 = bench::now();
        doc = buildReport(p, req);
        const double t1 = bench::now();
        html = renderReportHtml(doc);
        const double t2 = bench::now();
        build.push_back(t1 - t0);
        render.push_back(t2 - t1);
        total.push_back(t2 - t0);
    }
    const auto file = folder.path() / "report.html";
    t = bench::now();
    writeReportHtml(file, doc);
    const double write = bench::now() - t;
    if (argc > 3)
        std::filesystem::copy_file(file, argv[3], std::filesystem::copy_options::overwrite_existing);

    // Baseline: the same report with its charts from the raw points.
    std::vector<double> raw;
    CurveQuery q(p);
    for (int i = 0; i < std::max(1, repeats / 2); ++i) {
        const double t0 = bench::now();
        Report r = buildReport(p, req);
        for (auto &s : r.sections)
            if (s.id == "curves") {
                s.blocks.resize(1); // the note; then one chart per key, from the raw points
                for (const char *key : kKeys)
                    s.blocks.push_back(rawChart(q, id, key, req.chartBuckets));
            }
        const std::string h = renderReportHtml(r);
        raw.push_back(bench::now() - t0);
        if (h.empty())
            return 1;
    }
    const double a = bench::median(total), b = bench::median(raw);
    std::printf("report of 4 x %lld points, %d buckets per chart (median of %d):\n", (long long)points,
                req.chartBuckets, repeats);
    std::printf("  build (store -> document)    %8.1f ms\n", 1000 * bench::median(build));
    std::printf("  render (document -> HTML)    %8.1f ms\n", 1000 * bench::median(render));
    std::printf("  total                        %8.1f ms   (goal <= 2000 ms: %s)\n", 1000 * a,
                a <= 2.0 ? "met" : "MISSED");
    std::printf("  atomic write                 %8.1f ms\n", 1000 * write);
    std::printf("  HTML size                    %8.1f KiB\n", double(std::filesystem::file_size(file)) / 1024);
    std::printf("baseline, charts from the raw points: %.1f ms (median of %zu)\n", 1000 * b, raw.size());
    std::printf("ratio raw / tiles: %.1fx\n", a > 0 ? b / a : 0.0);
    return 0;
}
