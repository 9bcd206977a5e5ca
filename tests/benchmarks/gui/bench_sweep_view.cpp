// Opening a sweep of 5,000 trials in the Sweeps mode (issue 22): the store read and the
// conversion into the trial table's rows and the charts' data on a worker thread, then the
// swap into the table and every chart on the GUI thread. Goal: at most 500 ms from the
// selection to the sweep shown; the GUI thread's longest stall meanwhile is printed too,
// and the GUI thread's costliest events (on two cores the workers, importance, contour
// and the parallel plot's strips, compete with it for the CPU). Writing the fixture asks
// each trial with the whole history, so 5,000 trials take minutes to set up.
//   bench_sweep_view [TRIALS=5000] [OPENS=3]
#include "lateness_probe.h"

#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "shell/main_window.h"
#include "shell/mode_bar.h"
#include "sweep_fixture.h"
#include "sweeps/sweep_charts.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweep_view.h"
#include "sweeps/sweeps_mode.h"
#include "sweeps/trial_table_model.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace seekbench;

int main(int argc, char **argv)
{
    ProfilingApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int trials = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int opens = argc > 2 ? std::atoi(argv[2]) : 3;
    QTemporaryDir tmp;
    QElapsedTimer setup;
    setup.start();
    {
        const projects::Project p = test::makeSweepProject(tmp.path());
        test::addFixtureSweep(p, {.trials = 10, .running = 0, .name = "small"});
        test::addFixtureSweep(p, {.trials = trials, .running = 4, .withCost = true, .name = "big"});
    }
    std::printf("fixture: %d trials written in %.0f ms\n", trials, setup.nsecsElapsed() / 1e6);
    ui::MainWindow w;
    w.resize(1400, 900);
    if (!w.openProject(tmp.path()))
        return 1;
    w.modeBar()->action(ui::ModeBar::Sweeps)->trigger();
    w.show();
    ui::SweepsMode *mode = w.sweepsMode();
    auto waitLoaded = [mode] {
        QSignalSpy spy(mode, &ui::SweepsMode::loaded);
        return spy.wait(60000);
    };
    waitLoaded();
    const QList<ui::SweepSummary> sweeps = mode->sweepList()->sweeps();
    const auto idOf = [&](const char *name) {
        for (const ui::SweepSummary &s : sweeps)
            if (s.name == QLatin1String(name))
                return s.id;
        return QString();
    };
    std::vector<double> times;
    LatenessProbe probe;
    for (int i = 0; i < opens + 1; ++i) {
        mode->selectSweep(idOf("small"));
        waitLoaded();
        QApplication::processEvents();
        if (i == 1) {
            probe.start();
            app.setEnabled(true);
        }
        QElapsedTimer timer;
        timer.start();
        mode->selectSweep(idOf("big"));
        if (!waitLoaded() || mode->view()->model()->rowCount() != trials) {
            std::fprintf(stderr, "the sweep did not open (%d rows)\n", mode->view()->model()->rowCount());
            return 1;
        }
        QApplication::processEvents(); // the first paint of the table and the visible chart
        if (i > 0)
            times.push_back(timer.nsecsElapsed() / 1e6);
    }
    probe.stop();
    app.setEnabled(false);
    app.printWorst(6);
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("open a sweep of %d trials: median %.0f ms (goal <= 500), worst %.0f ms; GUI thread's longest "
                "stall %.0f ms; parallel plot lines %.0f ms\n",
                trials, median, times.back(), probe.max(), mode->view()->charts()->parallel()->lastLinesMs());
    return median <= 500 ? 0 : 2;
}
