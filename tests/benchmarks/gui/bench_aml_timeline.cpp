// The alert timeline with 100,000 alerts (issue 10): the redraw after each zoom and pan
// step, from the full six months down to a few hours and back, with pixmap glyphs and
// density above 20,000 visible alerts (the widget's defaults), against the baseline of a
// QPainter disc per alert and no aggregation, in the same process. Goal: at most 30 ms.
//   bench_aml_timeline [ALERTS=100000] [STEPS=12]
#include "seekbench/widgets/alert_timeline.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using seekbench::widgets::AlertTimeline;
using seekbench::widgets::TimelineAlert;

namespace {
struct Figures
{
    std::vector<double> ms;
    int density = 0, glyphs = 0;
    double median() const
    {
        auto v = ms;
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v[v.size() / 2];
    }
    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

// One zoom-and-pan session: zoom in step by step about the middle, pan, zoom back out.
Figures session(AlertTimeline &t, int steps)
{
    Figures f;
    auto redraw = [&] {
        QElapsedTimer timer;
        timer.start();
        t.repaint(); // synchronous paint and flush
        f.ms.push_back(timer.nsecsElapsed() / 1e6);
        (t.lastMode() == AlertTimeline::Mode::Density ? f.density : f.glyphs)++;
    };
    t.resetRange();
    redraw();
    const double mid = t.width() / 2.0;
    for (int i = 0; i < steps; ++i) {
        t.zoomAt(mid, 0.5);
        redraw();
    }
    for (int i = 0; i < steps; ++i) {
        t.panPixels(i % 2 ? -90 : 60);
        redraw();
    }
    for (int i = 0; i < steps; ++i) {
        t.zoomAt(mid, 2.0);
        redraw();
        t.panPixels(40);
        redraw();
    }
    return f;
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int steps = argc > 2 ? std::atoi(argv[2]) : 12;
    // Six months of alerts, bursty (rings act in bursts), seven typology lanes plus unknown.
    std::mt19937_64 rng(7);
    const double t0 = 1767225600, span = 182 * 86400.0;
    std::uniform_real_distribution<double> u(0, 1);
    QVector<TimelineAlert> alerts;
    alerts.reserve(n);
    for (int i = 0; i < n; ++i) {
        const double burst = std::floor(u(rng) * 60) / 60 * span + u(rng) * u(rng) * 86400 * 3;
        const float score = float(0.5 + 0.5 * u(rng));
        alerts.push_back({i + 1, t0 + std::min(burst, span), score,
                          quint8(score > 0.9   ? 2
                                 : score > 0.7 ? 1
                                               : 0),
                          quint8(rng() % 8)});
    }
    std::sort(alerts.begin(), alerts.end(), [](const auto &a, const auto &b) { return a.ts < b.ts; });
    AlertTimeline t;
    t.resize(1400, 520);
    t.setLaneNames({QStringLiteral("fan-out"), QStringLiteral("fan-in"), QStringLiteral("cycle"),
                    QStringLiteral("scatter-gather"), QStringLiteral("gather-scatter"), QStringLiteral("bipartite"),
                    QStringLiteral("stack"), QStringLiteral("unknown")});
    t.setAlerts(alerts);
    t.show();
    QApplication::processEvents();
    session(t, 2); // warm-up: glyph pixmaps, fonts, backing store

    const Figures ours = session(t, steps);
    t.setGlyphs(AlertTimeline::Glyphs::Discs);
    t.setDensityThreshold(n + 1);
    const Figures discs = session(t, steps);
    t.setGlyphs(AlertTimeline::Glyphs::Pixmaps);
    const Figures pixmapsOnly = session(t, steps);

    std::printf("alert timeline: %d alerts over 182 days, 8 lanes, 1400x520 px, %zu redraws per session "
                "(zoom in x0.5 %d times, pan, zoom out)\n",
                n, ours.ms.size(), steps);
    std::printf("  pixmap glyphs + density above 20,000 visible: median %.1f ms, max %.1f ms "
                "(%d density, %d glyph redraws)\n",
                ours.median(), ours.max(), ours.density, ours.glyphs);
    std::printf("  baseline, a QPainter disc per alert:          median %.1f ms, max %.1f ms\n", discs.median(),
                discs.max());
    std::printf("  pixmap glyphs, no density:                    median %.1f ms, max %.1f ms\n", pixmapsOnly.median(),
                pixmapsOnly.max());
    std::printf("  all 100,000 in view (the first redraw): ours %.1f ms, discs %.1f ms, pixmaps without density %.1f ms\n",
                ours.ms.front(), discs.ms.front(), pixmapsOnly.ms.front());
    std::printf("  ratio baseline/ours: median %.1fx, max %.1fx; goal max <= 30 ms: %s\n",
                discs.median() / ours.median(), discs.max() / ours.max(), ours.max() <= 30 ? "met" : "NOT met");
    return 0;
}
