// Longest GUI event-loop stall while 4 runs stream metrics at 1 kHz each into the
// store and the workbench shows all four overlaid (live curves, runs table).
//   bench_gui_stall [SECONDS=60]
#include "lateness_probe.h"

#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/widgets/live_plot.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QDateTime>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

using namespace seekbench;

int main(int argc, char **argv)
{
    ProfilingApplication app(argc, argv);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
    QTemporaryDir tmp;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath(QStringLiteral("settings")));
    projects::ProjectManifest m;
    m.name = "bench";
    m.storage = "local";
    const std::string dir = tmp.filePath(QStringLiteral("p")).toStdString();
    projects::Project project = projects::Project::create(dir, m);
    std::vector<std::string> ids;
    for (int r = 0; r < 4; ++r) {
        projects::NewRun run;
        run.name = "stream " + std::to_string(r);
        run.configYaml = "training:\n  max_steps: " + std::to_string(seconds * 1000) + "\n";
        ids.push_back(projects::RunStore(project).createRun(run));
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int r = 0; r < 4; ++r)
        writers.emplace_back([&, r] {
            projects::MetricWriter w(project, ids[r], 1);
            const auto start = std::chrono::steady_clock::now();
            std::int64_t step = 0;
            while (!stop) {
                // 1 kHz: every millisecond's points, added in 10 ms slices.
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                const auto due = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now()
                                                                                       - start)
                                     .count();
                std::vector<MetricPoint> pts;
                const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
                for (; step < due; ++step) {
                    const double v = std::exp(-step * 1e-4) + 0.05 * std::sin(step * 0.1);
                    pts.push_back({"train/loss", step, now, 0, v});
                    pts.push_back({"train/lr", step, now, 0, 1e-3});
                }
                w.addMetrics(pts);
            }
            w.flush();
        });

    ui::MainWindow window;
    window.show();
    window.openProject(QString::fromStdString(dir));
    LatenessProbe probe;
    QTimer::singleShot(1500, &window, [&] {
        window.runsMode()->table()->table()->selectAll(); // overlay all four
        probe.start();
        app.setEnabled(true);
    });
    QTimer::singleShot(1500 + seconds * 1000, &window, [&] {
        probe.stop();
        app.setEnabled(false);
        stop = true;
        const int points = window.runsMode()->view()->lossPlot()->pointCount();
        std::printf("gui stall: 4 runs x 1 kHz for %d s, all four overlaid; %zu probe ticks (5 ms timer)\n"
                    "  event-loop lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms (target: max <= 50 ms)\n"
                    "  loss chart holds %d points/buckets at the end\n",
                    seconds, probe.samples(), probe.percentile(0.5), probe.percentile(0.99), probe.max(), points);
        std::printf("  GUI-thread CPU per event (own clock, excludes preemption): p99 %.2f ms, max %.2f ms\n"
                    "  costliest handlers:\n",
                    app.percentile(0.99), app.max());
        app.printWorst(8);
        window.setCloseChoice(ui::MainWindow::CloseChoice::LeaveRunning);
        QApplication::quit();
    });
    const int rc = QApplication::exec();
    stop = true;
    for (auto &t : writers)
        t.join();
    return rc;
}
