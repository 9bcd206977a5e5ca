#pragma once

#include <QElapsedTimer>
#include <QPixmap>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <array>
#include <limits>

namespace seekbench::widgets {

// One alert as the timeline draws it. `lane` is its typology's row (0: unknown).
struct TimelineAlert
{
    qint64 id = 0;
    double ts = 0;       // seconds since 1970 UTC
    float score = 0;     // 0..1: the height within the lane (from the lowest score shown to 1)
    quint8 severity = 0; // 0 low, 1 medium, 2 high: colour and size
    quint8 lane = 0;
    // Optional: when finite, the time the alert led to (a matched failure). A thin line
    // runs from the alert to it, ending in a small mark, so lead times can be seen.
    double endTs = std::numeric_limits<double>::quiet_NaN();
};

// Alerts over time, stacked in one lane per typology, zoomable (wheel, about the cursor),
// pannable (drag) and reset by a double click. Built for 100,000 alerts: glyphs are cached
// pixmaps per severity (never one plot item per alert), and above `densityThreshold`
// visible alerts the view draws a density grid instead. A click on an alert emits
// alertActivated.
class AlertTimeline : public QWidget
{
    Q_OBJECT
public:
    enum class Glyphs { Pixmaps, Discs }; // Discs: a QPainter ellipse per alert, the slow baseline
    enum class Mode { Glyphs, Density };
    // Dates: times are seconds since 1970 UTC. Numbers: plain numbers (cycles, steps),
    // labelled as they are, with their unit beside the axis.
    enum class TimeAxis { Dates, Numbers };

    explicit AlertTimeline(QWidget *parent = nullptr);

    // Alerts sorted by ts. Resets the view to their full range.
    void setAlerts(QVector<TimelineAlert> alerts);
    const QVector<TimelineAlert> &alerts() const { return m_alerts; }
    void setLaneNames(const QStringList &names); // lane 0 first
    // How times read. Call before setAlerts (the full range and the zoom limit follow it).
    void setTimeAxis(TimeAxis axis, const QString &unitLabel = {});
    TimeAxis timeAxis() const { return m_axis; }
    QString timeAxisLabel() const { return m_unitLabel; }
    // The tick labels drawn at the last paint (for tests and screenshots).
    const QStringList &lastTickLabels() const { return m_lastTicks; }
    int lastLeadSegments() const { return m_lastSegments; }
    void setVisibleRange(double from, double to);
    QPair<double, double> visibleRange() const { return {m_from, m_to}; }
    void resetRange();
    // Zooms by `factor` (< 1 zooms in) about the time at widget x.
    void zoomAt(double x, double factor);
    void panPixels(double dx);

    void setGlyphs(Glyphs g);
    void setDensityThreshold(int alerts)
    {
        m_densityThreshold = alerts;
        update();
    }
    Mode lastMode() const { return m_lastMode; }
    int lastVisibleCount() const { return m_lastVisible; }
    double lastPaintMs() const { return m_lastPaintMs; }
    // The alert drawn nearest to `pos` within a few pixels; -1 when none.
    qint64 alertAt(const QPoint &pos) const;
    QPointF positionOf(const TimelineAlert &a) const;
    void setSelectedAlert(qint64 id);

Q_SIGNALS:
    void alertActivated(qint64 id);
    void visibleRangeChanged(double from, double to);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QRectF plotRect() const;
    int laneCount() const;
    double xOf(double ts) const;
    void buildGlyphs();
    void drawAxis(QPainter &p, const QRectF &r) const;
    void drawDensity(QPainter &p, const QRectF &r, int first, int last) const;
    void drawLeadSegments(QPainter &p, int last);
    void updateGutter();
    double minSpan() const { return m_axis == TimeAxis::Dates ? 60.0 : 1.0; }

    QVector<TimelineAlert> m_alerts;
    QStringList m_laneNames;
    double m_from = 0, m_to = 1;
    double m_dataFrom = 0, m_dataTo = 1;
    double m_scoreFloor = 0; // the lowest score: the bottom of each lane
    double m_maxLead = 0;    // the longest endTs - ts: segments that reach into view
    double m_left = 96;      // the lane names' gutter
    TimeAxis m_axis = TimeAxis::Dates;
    QString m_unitLabel;
    mutable QStringList m_lastTicks;
    int m_lastSegments = 0;
    std::array<QPixmap, 3> m_glyph;
    Glyphs m_glyphs = Glyphs::Pixmaps;
    int m_densityThreshold = 20000;
    Mode m_lastMode = Mode::Glyphs;
    int m_lastVisible = 0;
    double m_lastPaintMs = 0;
    qint64 m_selected = -1;
    bool m_dragging = false;
    QPointF m_pressPos, m_lastPos;
};

// The colour of a severity (0 low, 1 medium, 2 high), shared by the legend and the views.
QColor severityColor(int severity);

} // namespace seekbench::widgets
