#include "seekbench/widgets/alert_timeline.h"

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {
constexpr double kMinLeft = 96, kRight = 8, kTop = 6, kBottom = 24, kPickRadius = 6;
const int kGlyphSize[3] = {5, 7, 11};

int firstAtOrAfter(const QVector<TimelineAlert> &a, double ts)
{
    return int(std::lower_bound(a.begin(), a.end(), ts, [](const TimelineAlert &x, double t) { return x.ts < t; })
               - a.begin());
}
int firstAfter(const QVector<TimelineAlert> &a, double ts)
{
    return int(std::upper_bound(a.begin(), a.end(), ts, [](double t, const TimelineAlert &x) { return t < x.ts; })
               - a.begin());
}
} // namespace

QColor severityColor(int severity)
{
    switch (severity) {
    case 2: return QColor(0xd6, 0x27, 0x28);
    case 1: return QColor(0xff, 0x8c, 0x1a);
    default: return QColor(0x3b, 0x7d, 0xd8);
    }
}

AlertTimeline::AlertTimeline(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("alertTimeline"));
    setMinimumSize(300, 160);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    buildGlyphs();
}

void AlertTimeline::setAlerts(QVector<TimelineAlert> alerts)
{
    m_alerts = std::move(alerts);
    m_dataFrom = m_alerts.isEmpty() ? 0 : m_alerts.front().ts;
    m_dataTo = m_alerts.isEmpty() ? 1 : m_alerts.back().ts;
    m_scoreFloor = 1;
    m_maxLead = 0;
    for (const auto &a : m_alerts) {
        m_scoreFloor = std::min(m_scoreFloor, double(a.score));
        if (std::isfinite(a.endTs))
            m_maxLead = std::max(m_maxLead, a.endTs - a.ts);
        m_dataTo = std::max(m_dataTo, std::isfinite(a.endTs) ? a.endTs : a.ts);
    }
    m_dataTo = std::max(m_dataTo, m_dataFrom + (m_axis == TimeAxis::Dates ? 3600.0 : 10.0));
    m_scoreFloor = std::clamp(m_scoreFloor, 0.0, 0.95);
    resetRange();
}

void AlertTimeline::setLaneNames(const QStringList &names)
{
    m_laneNames = names;
    updateGutter();
    update();
}

void AlertTimeline::setTimeAxis(TimeAxis axis, const QString &unitLabel)
{
    m_axis = axis;
    m_unitLabel = unitLabel;
    setLaneNames(m_laneNames); // the gutter fits the unit too
}

// The gutter fits the widest lane name (and the axis unit), so long names are not cut.
void AlertTimeline::updateGutter()
{
    const QFontMetricsF fm(font());
    double widest = fm.horizontalAdvance(m_unitLabel);
    for (const QString &n : m_laneNames)
        widest = std::max(widest, fm.horizontalAdvance(n));
    m_left = std::max(kMinLeft, std::ceil(widest) + 12);
}

void AlertTimeline::setVisibleRange(double from, double to)
{
    if (!(to > from))
        return;
    m_from = from;
    m_to = to;
    update();
    Q_EMIT visibleRangeChanged(m_from, m_to);
}

void AlertTimeline::resetRange()
{
    const double pad = (m_dataTo - m_dataFrom) * 0.01;
    setVisibleRange(m_dataFrom - pad, m_dataTo + pad);
}

void AlertTimeline::zoomAt(double x, double factor)
{
    const QRectF r = plotRect();
    const double t = m_from + (x - r.left()) / std::max(1.0, r.width()) * (m_to - m_from);
    const double span = std::max(minSpan(), (m_to - m_from) * factor);
    const double share = (t - m_from) / (m_to - m_from);
    setVisibleRange(t - share * span, t - share * span + span);
}

void AlertTimeline::panPixels(double dx)
{
    const double dt = dx / std::max(1.0, plotRect().width()) * (m_to - m_from);
    setVisibleRange(m_from - dt, m_to - dt);
}

void AlertTimeline::setGlyphs(Glyphs g)
{
    m_glyphs = g;
    update();
}

void AlertTimeline::setSelectedAlert(qint64 id)
{
    m_selected = id;
    update();
}

void AlertTimeline::buildGlyphs()
{
    const qreal dpr = devicePixelRatioF();
    for (int s = 0; s < 3; ++s) {
        const int d = kGlyphSize[s];
        QPixmap pm(QSize(d, d) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        QColor c = severityColor(s);
        p.setPen(QPen(c.darker(140), 1));
        c.setAlpha(200);
        p.setBrush(c);
        p.drawEllipse(QRectF(0.5, 0.5, d - 1, d - 1));
        m_glyph[std::size_t(s)] = pm;
    }
}

QRectF AlertTimeline::plotRect() const
{
    return QRectF(m_left, kTop, std::max(10.0, width() - m_left - kRight), std::max(10.0, height() - kTop - kBottom));
}

int AlertTimeline::laneCount() const { return std::max<int>(1, int(m_laneNames.size())); }

double AlertTimeline::xOf(double ts) const
{
    const QRectF r = plotRect();
    return r.left() + (ts - m_from) / (m_to - m_from) * r.width();
}

QPointF AlertTimeline::positionOf(const TimelineAlert &a) const
{
    const QRectF r = plotRect();
    const double laneH = r.height() / laneCount();
    const int lane = std::min<int>(a.lane, laneCount() - 1);
    // Height from the lowest score shown (about the threshold) to 1, so alerts spread over the lane.
    const double share = std::clamp((double(a.score) - m_scoreFloor) / std::max(1e-6, 1.0 - m_scoreFloor), 0.0, 1.0);
    const double y = r.top() + lane * laneH + 7 + (1.0 - share) * (laneH - 14);
    return {xOf(a.ts), y};
}

qint64 AlertTimeline::alertAt(const QPoint &pos) const
{
    const QRectF r = plotRect();
    const double dt = kPickRadius / std::max(1.0, r.width()) * (m_to - m_from);
    const double t = m_from + (pos.x() - r.left()) / std::max(1.0, r.width()) * (m_to - m_from);
    const int first = firstAtOrAfter(m_alerts, t - dt), last = firstAfter(m_alerts, t + dt);
    qint64 best = -1;
    double bestD = kPickRadius * kPickRadius + 1;
    for (int i = first; i < last; ++i) {
        const QPointF q = positionOf(m_alerts[i]) - QPointF(pos);
        const double d = q.x() * q.x() + q.y() * q.y();
        if (d < bestD) {
            bestD = d;
            best = m_alerts[i].id;
        }
    }
    return best;
}

void AlertTimeline::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    updateGutter(); // the font may have changed
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QRectF r = plotRect();
    const double laneH = r.height() / laneCount();
    // Lanes and their names.
    for (int l = 0; l < laneCount(); ++l) {
        const QRectF lane(r.left(), r.top() + l * laneH, r.width(), laneH);
        if (l % 2)
            p.fillRect(lane, palette().alternateBase());
        p.setPen(palette().text().color());
        p.drawText(QRectF(2, lane.top(), m_left - 6, laneH), Qt::AlignRight | Qt::AlignVCenter,
                   l < m_laneNames.size() ? m_laneNames[l] : QString());
    }
    const int first = firstAtOrAfter(m_alerts, m_from), last = firstAfter(m_alerts, m_to);
    m_lastVisible = std::max(0, last - first);
    m_lastSegments = 0;
    p.save();
    p.setClipRect(r);
    if (m_lastVisible > m_densityThreshold) {
        m_lastMode = Mode::Density;
        drawDensity(p, r, first, last);
    } else {
        m_lastMode = Mode::Glyphs;
        drawLeadSegments(p, last);
        if (m_glyphs == Glyphs::Discs)
            p.setRenderHint(QPainter::Antialiasing);
        // Low severity first, so high ones are on top.
        for (int s = 0; s < 3; ++s) {
            const QPixmap &g = m_glyph[std::size_t(s)];
            const double half = kGlyphSize[s] / 2.0;
            QColor fill = severityColor(s);
            fill.setAlpha(200);
            if (m_glyphs == Glyphs::Discs) {
                p.setPen(QPen(severityColor(s).darker(140), 1));
                p.setBrush(fill);
            }
            for (int i = first; i < last; ++i) {
                const TimelineAlert &a = m_alerts[i];
                if (a.severity != s)
                    continue;
                const QPointF c = positionOf(a);
                if (m_glyphs == Glyphs::Pixmaps)
                    p.drawPixmap(QPointF(c.x() - half, c.y() - half), g);
                else
                    p.drawEllipse(c, half, half);
            }
        }
    }
    if (m_selected >= 0) {
        for (int i = first; i < last; ++i)
            if (m_alerts[i].id == m_selected) {
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(QPen(palette().text().color(), 2));
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(positionOf(m_alerts[i]), 8, 8);
                break;
            }
    }
    p.restore();
    p.setPen(palette().mid().color());
    p.drawRect(r);
    drawAxis(p, r);
    m_lastPaintMs = timer.nsecsElapsed() / 1e6;
}

// Lead times: a thin line in the alert's colour to a small cross at its failure; alerts
// left of the view whose line reaches into it count.
void AlertTimeline::drawLeadSegments(QPainter &p, int last)
{
    const int from = firstAtOrAfter(m_alerts, m_from - m_maxLead);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    for (int i = from; i < last; ++i) {
        const TimelineAlert &a = m_alerts[i];
        if (!std::isfinite(a.endTs) || a.endTs < m_from)
            continue;
        const QPointF start = positionOf(a), end(xOf(a.endTs), start.y());
        QColor c = severityColor(a.severity);
        c.setAlpha(150);
        p.setPen(QPen(c, 1));
        p.drawLine(start, end);
        p.setPen(QPen(palette().text().color(), 1.5));
        p.drawLines(QVector<QLineF>{{end + QPointF(-3, -3), end + QPointF(3, 3)},
                                    {end + QPointF(-3, 3), end + QPointF(3, -3)}});
        ++m_lastSegments;
    }
    p.restore();
}

void AlertTimeline::drawDensity(QPainter &p, const QRectF &r, int first, int last) const
{
    constexpr int kColPx = 3, kRows = 6;
    const int cols = std::max(1, int(r.width() / kColPx));
    const int lanes = laneCount();
    QVector<int> count(cols * lanes * kRows, 0);
    QVector<quint8> worst(count.size(), 0);
    const double scale = cols / (m_to - m_from);
    for (int i = first; i < last; ++i) {
        const TimelineAlert &a = m_alerts[i];
        const int c = std::clamp(int((a.ts - m_from) * scale), 0, cols - 1);
        const double share = (double(a.score) - m_scoreFloor) / std::max(1e-6, 1.0 - m_scoreFloor);
        const int row = std::clamp(int((1.0 - share) * kRows), 0, kRows - 1);
        const int cell = (std::min<int>(a.lane, lanes - 1) * kRows + row) * cols + c;
        ++count[cell];
        worst[cell] = std::max(worst[cell], a.severity);
    }
    const int maxCount = *std::max_element(count.begin(), count.end());
    const double logMax = std::log1p(std::max(1, maxCount));
    const double laneH = r.height() / lanes, rowH = (laneH - 2) / kRows, colW = r.width() / cols;
    for (int lane = 0; lane < lanes; ++lane)
        for (int row = 0; row < kRows; ++row)
            for (int c = 0; c < cols; ++c) {
                const int cell = (lane * kRows + row) * cols + c;
                if (!count[cell])
                    continue;
                QColor col = severityColor(worst[cell]);
                col.setAlphaF(0.25 + 0.75 * std::log1p(count[cell]) / logMax);
                p.fillRect(QRectF(r.left() + c * colW, r.top() + lane * laneH + 1 + row * rowH, colW, rowH), col);
            }
}

void AlertTimeline::drawAxis(QPainter &p, const QRectF &r) const
{
    // Ticks at a round step that gives at most one label per ~110 px.
    static const double steps[] = {60,    300,       900,       3600,       3 * 3600,   6 * 3600,   12 * 3600,
                                   86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 91 * 86400, 365 * 86400};
    const double span = m_to - m_from;
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (span / s <= r.width() / 110) {
            step = s;
            break;
        }
    if (m_axis == TimeAxis::Numbers) {
        // A 1, 2 or 5 times a power of ten, at least 1 (cycles are whole).
        const double raw = span / std::max(1.0, r.width() / 80);
        const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
        step = std::max(1.0, raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag);
    }
    const QString format = step >= 86400 ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("MM-dd HH:mm");
    p.setPen(palette().text().color());
    m_lastTicks.clear();
    for (double t = std::ceil(m_from / step) * step; t <= m_to; t += step) {
        const double x = xOf(t);
        const QString label = m_axis == TimeAxis::Numbers
                                  ? QString::number(t, 'f', 0)
                                  : QDateTime::fromSecsSinceEpoch(qint64(t), Qt::UTC).toString(format);
        p.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + 4));
        const QRectF box(std::min(x - 55, width() - 112.0), r.bottom() + 4, 110, kBottom - 4); // inside the widget
        p.drawText(box, Qt::AlignHCenter | Qt::AlignTop, label);
        m_lastTicks << label;
    }
    p.drawText(QRectF(2, r.bottom() + 4, m_left - 6, kBottom - 4), Qt::AlignRight | Qt::AlignTop, m_unitLabel);
}

void AlertTimeline::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAt(event->position().x(), std::pow(0.8, steps));
    event->accept();
}

void AlertTimeline::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_pressPos = m_lastPos = event->position();
    }
}

void AlertTimeline::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    panPixels(event->position().x() - m_lastPos.x());
    m_lastPos = event->position();
}

void AlertTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    if ((event->position() - m_pressPos).manhattanLength() <= 3) {
        const qint64 id = alertAt(event->position().toPoint());
        if (id >= 0) {
            setSelectedAlert(id);
            Q_EMIT alertActivated(id);
        }
    }
}

void AlertTimeline::mouseDoubleClickEvent(QMouseEvent *) { resetRange(); }

void AlertTimeline::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    buildGlyphs();
}

} // namespace seekbench::widgets
