// The parallel-coordinates plot with 5,000 trials x 8 parameters (issue 22): the first
// full render (data in, every line drawn, painted into an image) and the redraw after a
// brush change (median over 30 different brushes). Goals: open at most 500 ms, brush
// redraw at most 50 ms.
//   bench_sweep_views [TRIALS=5000] [PARAMS=8]
// It also times the contour plot's grid (inverse-distance weighting) for the same trials.
//   bench_sweep_views --png DIR    renders every sweep chart, light and dark, to DIR
#include "seekbench/widgets/contour_plot.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "sweep_fixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

int renderGallery(const QString &dir); // sweep_gallery.cpp

using seekbench::widgets::ParallelCoordinatesPlot;

namespace {

// CPU time of this thread: steadier than wall time on a machine shared with builds.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU time of every thread of the process (the line drawing's helpers too).
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("--png"))
        return renderGallery(args.at(2));
    const int trials = args.size() > 1 ? args.at(1).toInt() : 5000;
    const int params = args.size() > 2 ? args.at(2).toInt() : 8;
    const auto data = makeSweep(trials, params);
    const QSize size(1400, 700);
    QImage target(size, QImage::Format_ARGB32_Premultiplied);

    std::vector<double> open, openCpu, lines;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuMs();
        ParallelCoordinatesPlot plot;
        plot.resize(size);
        plot.setData(data);
        QPainter painter(&target);
        plot.render(&painter);
        painter.end();
        open.push_back(timer.nsecsElapsed() / 1e6);
        openCpu.push_back(cpuMs() - cpu0);
        lines.push_back(plot.lastLinesMs());
    }

    ParallelCoordinatesPlot plot;
    plot.resize(size);
    plot.setData(data);
    {
        QPainter painter(&target);
        plot.render(&painter);
    }
    std::vector<double> redraw, redrawCpu, selection;
    std::vector<int> counts;
    for (int i = 0; i < 30; ++i) {
        // A different range each time on the objective, as a drag would give, with a
        // second brush on the learning rate for half of them.
        const double lo = 0.3 + 0.01 * i, hi = lo + 0.1 + 0.02 * (i % 10);
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = cpuMs();
        plot.setBrush(plot.objectiveAxis(), lo, hi);
        if (i % 2 == 1)
            plot.setBrush(0, 1e-4, 3e-3);
        else
            plot.clearBrush(0);
        QPainter painter(&target);
        plot.render(&painter);
        painter.end();
        redraw.push_back(timer.nsecsElapsed() / 1e6);
        redrawCpu.push_back(cpuMs() - cpu0);
        selection.push_back(plot.lastSelectionMs());
        counts.push_back(int(plot.selectedTrials().size()));
    }
    // The worst case: a brush that keeps every trial with an objective.
    std::vector<double> wide;
    plot.clearBrush(0);
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        plot.setBrush(plot.objectiveAxis(), -1 - 0.01 * i, 100);
        QPainter painter(&target);
        plot.render(&painter);
        painter.end();
        wide.push_back(timer.nsecsElapsed() / 1e6);
    }
    const int wideCount = int(plot.selectedTrials().size());
    // The same on a parameter: the selection is spread over the whole draw order, so no
    // layer is kept whole and every selected line is drawn.
    std::vector<double> wideParam, wideParamImage, wideParamCpu;
    plot.clearBrushes();
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = processCpuMs();
        plot.setBrush(0, 1.3e-4 + 1e-6 * i, 1.0);
        QPainter painter(&target);
        plot.render(&painter);
        painter.end();
        wideParam.push_back(timer.nsecsElapsed() / 1e6);
        wideParamImage.push_back(plot.lastSelectionMs());
        wideParamCpu.push_back(processCpuMs() - cpu0);
    }
    const int wideParamCount = int(plot.selectedTrials().size());
    std::sort(counts.begin(), counts.end());
    std::printf("sweep views: %d trials x %d params, %dx%d px\n", trials, params, size.width(), size.height());
    std::printf("open (setData + first paint), median of 5: %.1f ms wall, %.1f ms CPU (first %.1f ms; lines "
                "image %.1f ms); goal 500 ms, ratio %.2f\n",
                median(open), median(openCpu), open.front(), median(lines), median(open) / 500.0);
    std::printf("brush redraw, median of 30: %.1f ms wall, %.1f ms CPU (max %.1f ms; selected-lines image %.1f "
                "ms; %d..%d trials selected); goal 50 ms, ratio %.2f\n",
                median(redraw), median(redrawCpu), *std::max_element(redraw.begin(), redraw.end()), median(selection),
                counts.front(), counts.back(), median(redraw) / 50.0);
    std::printf("brush keeping all %d trials with an objective, median of 10: %.1f ms; ratio %.2f\n", wideCount,
                median(wide), median(wide) / 50.0);
    std::printf("brush on the learning rate keeping %d trials, median of 10: %.1f ms wall, %.1f ms CPU "
                "of all threads (selected-lines image %.1f ms); ratio %.2f\n",
                wideParamCount, median(wideParam), median(wideParamCpu), median(wideParamImage),
                median(wideParam) / 50.0);
    // The contour's grid (computed when the data or the parameters change), 60 x 60 cells.
    std::vector<double> grid, guiThread;
    for (int i = 0; i < 5; ++i) {
        seekbench::widgets::ContourPlot contour;
        contour.resize(640, 460);
        contour.setData(data);
        QEventLoop loop;
        QObject::connect(&contour, &seekbench::widgets::ContourPlot::gridReady, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        contour.showParameters(0, 3);
        guiThread.push_back(timer.nsecsElapsed() / 1e6);
        loop.exec();
        grid.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("contour: request to grid shown (60x60, IDW over %d trials on the worker), median of 5: %.1f ms; "
                "the GUI thread's part %.1f ms\n",
                trials, median(grid), median(guiThread));
    return 0;
}
