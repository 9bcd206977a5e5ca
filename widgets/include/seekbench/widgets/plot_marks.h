#pragma once

// Marks on a LivePlot that survive its redraws (it clears its items each time it rebuilds
// its curves): vertical lines at moments, shaded spans, horizontal levels and a caption;
// and a group of LivePlots stacked on one x axis that zoom and pan together.

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

#include <functional>

#include <utility>

class QCPAbstractItem;

namespace seekbench::widgets {

class LivePlot;

struct PlotMark
{
    double x = 0;
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
    double width = 1;
};

struct PlotSpan
{
    double from = 0, to = 0;
    QColor color; // drawn behind the curves; give it some transparency
};

struct PlotLevel
{
    double y = 0;
    QColor color;
    Qt::PenStyle style = Qt::DashLine;
};

class PlotMarks : public QObject
{
    Q_OBJECT
public:
    explicit PlotMarks(LivePlot *plot);

    void setMarks(const QVector<PlotMark> &marks);
    void setSpans(const QVector<PlotSpan> &spans);
    void setLevels(const QVector<PlotLevel> &levels);
    void setCaption(const QString &caption); // the chart's name, in its top-left corner
    const QVector<PlotMark> &marks() const { return m_marks; }
    const QVector<PlotSpan> &spans() const { return m_spans; }
    const QVector<PlotLevel> &levels() const { return m_levels; }

    // For a chart in a stack: its own toolbar hidden (the stack's controls act for all),
    // the plotting area starting `leftMargin` pixels in (so the stacked x axes line up),
    // x tick labels only when `xTicks` (the bottom chart) with `xLabel` under them.
    void setStacked(int leftMargin, bool xTicks, const QString &xLabel, int minHeight);
    // x is seconds since 1970: dates and times (UTC) on the axis.
    void setDateAxis();
    // The hover tooltip names the moment under the pointer with `xText` (a date, "cycle 12")
    // instead of the chart's step number, and each curve's value there.
    void setHoverText(std::function<QString(double x)> xText);
    // The plotting area's left and right edges in the LivePlot's coordinates.
    std::pair<int, int> plotArea() const;

Q_SIGNALS:
    // After every redraw of the chart, a resize's included: the plotting area may have moved.
    void drawn();

private:
    void redraw();
    void showHover(const QPoint &pos, const QPoint &global);

    QPointer<LivePlot> m_plot;
    std::function<QString(double)> m_xText;
    QVector<PlotMark> m_marks;
    QVector<PlotSpan> m_spans;
    QVector<PlotLevel> m_levels;
    QString m_caption, m_xLabel;
    QVector<QPointer<QCPAbstractItem>> m_items;
    bool m_stacked = false, m_xTicks = true;
};

// LivePlots that show the same x range: a zoom or pan on one applies to all.
class PlotGroup : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void add(LivePlot *plot);
    void setXRange(double lower, double upper);
    std::pair<double, double> xRange() const;

Q_SIGNALS:
    void xRangeChanged(double lower, double upper);

private:
    void follow(LivePlot *from, double lower, double upper);

    QVector<QPointer<LivePlot>> m_plots;
    bool m_syncing = false;
};

} // namespace seekbench::widgets
