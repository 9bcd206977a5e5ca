// The run report of four 1,000,000-point curves (report_bench_run.h) as a PDF (issue 24):
// building the document from the store (tiles, 1,000 buckets per chart) and drawing it
// with the desktop application's renderer (QPdfWriter). Goals: at most 3 s, under 5 MB.
// Baseline, in the same process: the same PDF with its charts from the raw points.
//
//   bench_report_pdf [POINTS] [REPEATS] [COPY_TO]    defaults 1,000,000 3; COPY_TO keeps the PDF

#include "report_bench_run.h"
#include "reports/report_pdf.h"

#include "seekbench/projects/report/report_builder.h"

#include <QGuiApplication>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace seekbench;
using namespace seekbench::projects;
using namespace seekbench::projects::report;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const std::int64_t points = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
    bench::TempFolder folder("report-pdf");
    const Project p = bench::newProject(folder.path() / "project");
    double t = bench::now();
    const std::string id = bench::writeRun(p, points);
    std::printf("wrote 4 curves of %lld points in %.1f s\n", (long long)points, bench::now() - t);

    ReportRequest req;
    req.runIds = {id};
    req.chartBuckets = 1000;
    const QString file = QString::fromStdString((folder.path() / "report.pdf").string());
    std::vector<double> build, draw, total;
    int pages = 0;
    for (int i = 0; i < repeats; ++i) {
        const double t0 = bench::now();
        const Report doc = buildReport(p, req);
        const double t1 = bench::now();
        pages = ui::writeReportPdf(file, doc);
        const double t2 = bench::now();
        build.push_back(t1 - t0);
        draw.push_back(t2 - t1);
        total.push_back(t2 - t0);
    }
    const double bytes = double(std::filesystem::file_size(file.toStdString()));
    if (argc > 3)
        std::filesystem::copy_file(file.toStdString(), argv[3], std::filesystem::copy_options::overwrite_existing);

    std::vector<double> raw;
    CurveQuery q(p);
    for (int i = 0; i < std::max(1, repeats / 2); ++i) {
        const double t0 = bench::now();
        Report r = buildReport(p, req);
        for (auto &s : r.sections)
            if (s.id == "curves") {
                s.blocks.resize(1);
                for (const char *key : bench::kKeys)
                    s.blocks.push_back(bench::rawChart(q, id, key, req.chartBuckets));
            }
        ui::writeReportPdf(file, r);
        raw.push_back(bench::now() - t0);
    }
    const double a = bench::median(total), b = bench::median(raw);
    std::printf("PDF run report of 4 x %lld points, %d buckets per chart (median of %d), %d pages:\n",
                (long long)points, req.chartBuckets, repeats, pages);
    std::printf("  build (store -> document)    %8.1f ms\n", 1000 * bench::median(build));
    std::printf("  draw (document -> PDF)       %8.1f ms\n", 1000 * bench::median(draw));
    std::printf("  total                        %8.1f ms   (goal <= 3000 ms: %s)\n", 1000 * a,
                a <= 3.0 ? "met" : "MISSED");
    std::printf("  PDF size                     %8.1f KiB   (goal < 5 MB: %s)\n", bytes / 1024,
                bytes < 5e6 ? "met" : "MISSED");
    std::printf("baseline, charts from the raw points: %.1f ms (median of %zu)\n", 1000 * b, raw.size());
    std::printf("ratio raw / tiles: %.1fx\n", a > 0 ? b / a : 0.0);
    return 0;
}
