// Renders every sweep chart with a realistic sweep (300 trials of a 5-parameter space)
// in the light and the dark palette, to look at them.
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "sweep_fixture.h"

#include <QApplication>
#include <QDir>
#include <QPalette>
#include <QPixmap>
#include <QStyle>

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
    }
    return ok ? 0 : 1;
}
