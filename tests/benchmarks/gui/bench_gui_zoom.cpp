// Zooming a 1,000,000-point curve: from the gesture to the redrawn chart (store query on
// the watcher thread, container swap, replot), the replot alone, and GUI stalls meanwhile.
//   bench_gui_zoom [POINTS=1000000] [ZOOMS=20]
#include "lateness_probe.h"

#include "project/project_session.h"
#include "runs/run_curve_provider.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/widgets/live_plot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

using namespace seekbench;

int main(int argc, char **argv)
{
    ProfilingApplication app(argc, argv);
    const std::int64_t points = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const int zooms = argc > 2 ? std::atoi(argv[2]) : 20;
    QTemporaryDir tmp;
    projects::ProjectManifest m;
    m.name = "bench";
    m.storage = "local";
    const std::string dir = tmp.filePath(QStringLiteral("p")).toStdString();
    std::string id;
    {
        projects::Project p = projects::Project::create(dir, m);
        projects::NewRun run;
        run.name = "long";
        id = projects::RunStore(p).createRun(run);
        projects::MetricWriter w(p, id, 1);
        std::vector<MetricPoint> chunk;
        for (std::int64_t s = 0; s < points; ++s) {
            chunk.push_back({"train/loss", s, 1e9 + s * 0.01, 0, std::exp(-s * 3e-6) + 0.02 * std::sin(s * 0.37)});
            if (chunk.size() == 5000) {
                w.addMetrics(chunk);
                chunk.clear();
            }
        }
        w.addMetrics(chunk);
        w.flush();
        projects::RunStore(p).finishRun(id, seekbench::RunStatus::Finished, "");
    }
    ui::ProjectSession session(QString::fromStdString(dir));
    widgets::LivePlot plot;
    plot.resize(1200, 600);
    plot.show();
    ui::RunCurveProvider provider(session.watcher(), {QString::fromStdString(id)}, {QStringLiteral("train/loss")});
    plot.setProvider(&provider);
    QElapsedTimer wait;
    wait.start();
    while (plot.pointCount() == 0 && wait.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::AllEvents, 10);

    LatenessProbe probe(2);
    probe.start();
    app.setEnabled(true);
    std::vector<double> total, replot;
    for (int i = 0; i < zooms; ++i) {
        const double width = points / std::pow(2.0, 1 + i % 10);
        const double from = (points - width) * ((i * 37) % 100) / 100.0;
        QElapsedTimer clock;
        clock.start();
        bool done = false;
        // The plot's own slot (connected first) swaps the data in and replots at once;
        // when this one runs, the re-queried data is on screen.
        auto a = QObject::connect(&provider, &widgets::PlotDataProvider::seriesReplaced, &plot, [&] { done = true; });
        plot.zoomToSteps(from, from + width);
        while (!done && clock.elapsed() < 5000)
            QApplication::processEvents(QEventLoop::AllEvents, 1);
        QObject::disconnect(a);
        total.push_back(clock.nsecsElapsed() / 1e6);
        replot.push_back(plot.lastReplotMs());
    }
    probe.stop();
    app.setEnabled(false);
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("gui zoom: %lld-point curve, %d zooms, 1200 px wide chart\n"
                "  gesture to redrawn chart: median %.1f ms, max %.1f ms (target <= 100 ms)\n"
                "  replot alone: median %.2f ms, max %.2f ms\n"
                "  GUI lateness meanwhile: p99 %.2f ms, max %.2f ms (target: no stall over 16 ms)\n",
                static_cast<long long>(points), zooms, median(total), *std::max_element(total.begin(), total.end()),
                median(replot), *std::max_element(replot.begin(), replot.end()), probe.percentile(0.99), probe.max());
    std::printf("  slowest replot at zoom %d of %d\n",
                static_cast<int>(std::max_element(replot.begin(), replot.end()) - replot.begin()) + 1, zooms);
    std::printf("  GUI-thread CPU per event (own clock, excludes preemption): p99 %.2f ms, max %.2f ms\n"
                "  costliest handlers:\n",
                app.percentile(0.99), app.max());
    app.printWorst(5);
    plot.setProvider(nullptr);
    return 0;
}
