#pragma once

// The PDF renderer's page flow (report_pdf.cpp): a cursor down the page that starts a new
// page when the next piece does not fit, and draws nothing in the measuring pass, so the
// first pass finds each section's page for the table of contents and the second draws.

#include "seekbench/projects/report/report.h"

#include <QColor>
#include <QFont>
#include <QPaintDevice>
#include <QPainter>
#include <QRectF>
#include <QString>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace seekbench::ui::reportpdf {

class PageFlow
{
public:
    // metrics: the device text is measured on (the PDF writer, or a 72 dpi image for the
    // preview); width and height: the page's content area in points; painter: null in
    // the measuring pass; nextPage: starts the painter's next page.
    PageFlow(QPaintDevice &metrics, double width, double height, QPainter *painter, std::function<void()> nextPage,
             const QString &footerTitle, int totalPages, bool chinese);

    bool painting() const { return m_painter != nullptr; }
    QPainter &painter() { return *m_painter; }
    QPaintDevice *metricsDevice() { return &m_metrics; }
    int page() const { return m_page; }
    double y() const { return m_y; }
    double width() const { return m_width; }
    void advance(double h) { m_y += h; }
    // A new page unless h still fits on this one (and something is on it already).
    void ensure(double h);
    void newPage();
    // Draws the last page's footer; call once at the end.
    void finish();

    QFont font(double pointSize, bool bold = false, bool mono = false) const;
    // Height of text wrapped into width.
    double measure(const QString &text, const QFont &font, double width) const;
    // Width of text on one line, laid out as textAt lays it out (a legend entry's room).
    double naturalWidth(const QString &text, const QFont &font) const;
    // Text wrapped into width at x, down the page from the cursor, line by line, a new
    // page between lines where needed; the cursor moves below it.
    void flowText(const QString &text, const QFont &font, double x, double width, const QColor &colour);
    // Text wrapped into width with its top left at (x, y) of this page, in one piece (a
    // table cell); the cursor does not move. Returns its height.
    double textAt(const QString &text, const QFont &font, double x, double y, double width, const QColor &colour,
                  Qt::Alignment align = Qt::AlignLeft);

private:
    void footer();

    QPaintDevice &m_metrics;
    QPainter *m_painter;
    std::function<void()> m_nextPage;
    QString m_footerTitle;
    int m_totalPages;
    bool m_chinese;
    double m_width = 0, m_height = 0, m_y = 0;
    int m_page = 1;
};

// The finite span of some values (a chart's axis).
struct ValueRange
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v)
    {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    bool valid() const { return lo <= hi; }
};

// Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi);
// The ticks of a value axis over `r`: niceTicks, or on a log axis (r in log10 units) the
// whole decades when it spans one or more.
std::vector<double> valueTicks(const ValueRange &r, bool log);

// A chart's plot area: the data's range widened to its round ticks, and where a value
// lands on the page.
struct PlotAxes
{
    QRectF plot;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    double px(double x) const { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); }
    double py(double y) const { return plot.bottom() - (y - y0) / (y1 - y0) * plot.height(); }
};

// Draws the grid lines at the y ticks, the tick labels left of and under `plot` and the x
// axis's label under them; returns the mapping. Painting only.
PlotAxes drawPlotAxes(PageFlow &flow, const QRectF &plot, const ValueRange &xr, const std::vector<double> &xt,
                      const ValueRange &yr, const std::vector<double> &yt, const std::function<QString(double)> &xText,
                      const std::function<QString(double)> &yText, const QString &xLabel);

// A chart block: axes with ticks, the min/max band, the mean line, the legend.
void drawChart(PageFlow &flow, const projects::report::Chart &chart);
// A parallel-coordinates block: one axis per param and the objective, one line per trial
// coloured by its objective, the best trials on top, a colour scale under it.
void drawParallelCoordinates(PageFlow &flow, const projects::report::ParallelCoordinates &chart);
// A chart with a series of dots or a stepped line (a sweep's objective by trial and its
// best so far); drawChart draws the others.
void drawDotChart(PageFlow &flow, const projects::report::Chart &chart);

} // namespace seekbench::ui::reportpdf
