// Renders every sweep chart with a realistic sweep (300 trials of a 5-parameter space)
// in the light and the dark palette, to look at them.
#include "seekbench/widgets/contour_plot.h"
#include "seekbench/widgets/importance_chart.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "seekbench/widgets/sweep_scatter_plot.h"
#include "seekbench/widgets/trial_curves_plot.h"
#include "sweep_fixture.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QPalette>
#include <QPixmap>
#include <QStyle>

#include <cmath>
#include <cstdio>

using namespace seekbench::widgets;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd9));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

bool save(QWidget &w, const QSize &size, const QString &path)
{
    w.resize(size);
    QApplication::processEvents(); // QCustomPlot's queued replot
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int renderGallery(const QString &dir)
{
    QDir().mkpath(dir);
    const SweepChartData data = makeSweep(300, 5, 11);
    bool ok = true;
    for (const bool dark : {false, true}) {
        const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
        const QPalette palette = dark ? darkPalette() : QApplication::style()->standardPalette();
        auto path = [&](const char *name) {
            return dir + QLatin1Char('/') + QLatin1String(name) + QLatin1Char('_') + theme + QStringLiteral(".png");
        };
        {
            ParallelCoordinatesPlot p;
            p.setPalette(palette);
            p.setData(data);
            ok &= save(p, {1000, 440}, path("parallel"));
            p.setBrush(0, 3e-4, 3e-3);
            p.setBrush(p.objectiveAxis(), 0.3, 0.6);
            p.highlightTrial(data.trialNumbers.at(5));
            ok &= save(p, {1000, 440}, path("parallel_brushed"));
        }
        { // the benchmark's size: 5,000 trials x 8 parameters (drawn in strips on threads)
            ParallelCoordinatesPlot p;
            p.setPalette(palette);
            p.setData(makeSweep(5000, 8));
            ok &= save(p, {1400, 700}, path("parallel_5000"));
            p.setBrush(p.objectiveAxis(), 0.3, 0.5);
            ok &= save(p, {1400, 700}, path("parallel_5000_brushed"));
        }
        {
            ImportanceChart c;
            c.setPalette(palette);
            c.setImportances({{QStringLiteral("optimizer"), 0.08, 0.03},
                              {QStringLiteral("learning_rate"), 0.61, 0.09},
                              {QStringLiteral("dropout"), 0.17, 0.05},
                              {QStringLiteral("momentum"), 0.004, 0.002},
                              {QStringLiteral("layers"), 0.13, 0.06}});
            ok &= save(c, {560, 200}, path("importance"));
        }
        {
            SweepScatterPlot s;
            s.setPalette(palette);
            s.setData(data);
            s.showParameter(0); // log
            ok &= save(s, {640, 420}, path("scatter_log"));
            s.showParameter(1); // categorical
            ok &= save(s, {640, 420}, path("scatter_categorical"));
            s.showHistory();
            ok &= save(s, {640, 420}, path("scatter_history"));
            // Pareto: cost = parameters (layers) as millions, the front computed here.
            QList<double> cost;
            for (int t = 0; t < data.trialCount(); ++t)
                cost << data.values.at(t).at(2) * 1.3 + 0.5;
            QList<int> front;
            for (int i = 0; i < data.trialCount(); ++i) {
                if (!std::isfinite(data.objective.at(i)))
                    continue;
                bool dominated = false;
                for (int j = 0; j < data.trialCount() && !dominated; ++j)
                    dominated = std::isfinite(data.objective.at(j)) && cost.at(j) <= cost.at(i)
                                && data.objective.at(j) <= data.objective.at(i)
                                && (cost.at(j) < cost.at(i) || data.objective.at(j) < data.objective.at(i));
                if (!dominated)
                    front << i;
            }
            s.showPareto(cost, QStringLiteral("parameters (M)"), front);
            ok &= save(s, {640, 420}, path("scatter_pareto"));
        }
        {
            ContourPlot c;
            c.setPalette(palette);
            c.setData(data);
            QEventLoop loop; // the grid comes from a worker thread
            QObject::connect(&c, &ContourPlot::gridReady, &loop, &QEventLoop::quit);
            c.showParameters(0, 3); // log learning rate x linear dropout
            loop.exec();
            ok &= save(c, {640, 460}, path("contour"));
            c.showParameters(1, 2); // categorical optimiser x layers
            loop.exec();
            ok &= save(c, {640, 460}, path("contour_categorical"));
        }
        {
            // Learning curves towards each trial's objective; pruned ones stop early.
            QList<TrialCurve> curves;
            for (int t = 0; t < data.trialCount(); ++t) {
                const double last = data.objective.at(t);
                if (!std::isfinite(last))
                    continue;
                TrialCurve c{data.trialNumbers.at(t), data.states.at(t), {}, {}};
                const int steps = c.state == SweepChartData::Pruned ? 10 + t % 3 * 10 : 60;
                for (int s = 0; s <= steps; ++s) {
                    c.steps << s * 50;
                    c.values << last + (2.2 - last) * std::exp(-s / 12.0) + 0.01 * ((t * 31 + s * 17) % 7);
                }
                curves << c;
            }
            TrialCurvesPlot c;
            c.setPalette(palette);
            c.setCurves(curves, data.objectiveName, true);
            c.highlightTrial(data.trialNumbers.at(5));
            ok &= save(c, {640, 420}, path("curves"));
        }
    }
    return ok ? 0 : 1;
}
