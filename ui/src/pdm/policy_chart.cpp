#include "pdm/policy_chart.h"

#include "seekbench/widgets/run_palette.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {

constexpr double kMargin = 10;

// A round step giving about `ticks` ticks up to `max`: 1, 2 or 5 times a power of ten.
double niceStep(double max, int ticks)
{
    if (!(max > 0))
        return 1;
    const double raw = max / ticks, power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power)
            return m * power;
    return 10 * power;
}

// Black or white, whichever reads better on `fill`.
QColor textOn(const QColor &fill)
{
    const double luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

PolicyChart::PolicyChart(QWidget *parent) : QWidget(parent), m_placeholder(tr("No replay yet."))
{
    setObjectName(QStringLiteral("pdmPolicyChart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PolicyChart::setPolicies(const QList<PolicyBar> &bars)
{
    m_bars = bars;
    update();
}

void PolicyChart::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

void PolicyChart::setOutOfDate(bool outOfDate)
{
    m_outOfDate = outOfDate;
    update();
}

QSize PolicyChart::sizeHint() const { return {720, 320}; }

QSize PolicyChart::minimumSizeHint() const { return {420, 240}; }

QString PolicyChart::compact(double value)
{
    const QLocale l;
    const double a = std::fabs(value);
    if (a >= 1e6)
        return tr("%1 M").arg(l.toString(value / 1e6, 'f', a >= 1e7 ? 0 : 1));
    if (a >= 1e4)
        return tr("%1 k").arg(l.toString(value / 1e3, 'f', 0));
    return l.toString(value, 'f', a >= 100 || a == std::floor(a) ? 0 : 1);
}

void PolicyChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_bars.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_outOfDate)
        painter.setOpacity(0.45);
    QList<QList<double>> hours, cost;
    for (const PolicyBar &b : m_bars) {
        hours.append({b.unplannedHours, b.plannedHours});
        cost.append({b.downtimeCost, b.partsCost, b.crewCost});
    }
    const double half = width() / 2.0;
    paintPanel(painter, QRectF(0, 0, half, height()), tr("Downtime (hours)"),
               {{tr("Unplanned"), widgets::runColor(1)}, {tr("Planned"), widgets::runColor(0)}}, hours, true);
    paintPanel(painter, QRectF(half, 0, width() - half, height()), tr("Cost"),
               {{tr("Downtime"), widgets::runColor(5)},
                {tr("Parts"), widgets::runColor(3)},
                {tr("Crew"), widgets::runColor(4)}},
               cost, false);
    if (m_outOfDate) {
        painter.setOpacity(1);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(rect().adjusted(0, 6, -int(kMargin), 0), Qt::AlignRight | Qt::AlignTop,
                         tr("Out of date: the last valid settings' results"));
    }
}

void PolicyChart::paintPanel(QPainter &painter, const QRectF &area, const QString &title,
                             const QList<Segment> &segments, const QList<QList<double>> &values, bool hours) const
{
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF fm(font());
    const double line = fm.height();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRectF(area.left() + kMargin, area.top() + 6, area.width() - 2 * kMargin, line),
                     Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(font());
    // The legend, one swatch a segment, on the line below the title.
    double x = area.left() + kMargin;
    const double legendY = area.top() + 8 + line;
    for (const Segment &s : segments) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(s.color);
        painter.drawRect(QRectF(x, legendY + line / 2 - 5, 10, 10));
        painter.setPen(text);
        const double w = fm.horizontalAdvance(s.label);
        painter.drawText(QRectF(x + 14, legendY, w + 2, line), Qt::AlignLeft | Qt::AlignVCenter, s.label);
        x += 14 + w + 16;
    }

    double max = 0;
    for (const QList<double> &bar : values) {
        double sum = 0;
        for (double v : bar)
            sum += std::max(0.0, v);
        max = std::max(max, sum);
    }
    const double step = niceStep(max, 4), top = std::max(step, std::ceil(max / step) * step);
    double axisWidth = 0;
    for (double t = 0; t <= top + step / 2; t += step)
        axisWidth = std::max(axisWidth, fm.horizontalAdvance(compact(t)));
    const double nameLines = 2 * line + 6;
    const QRectF plot(area.left() + kMargin + axisWidth + 6, legendY + line + 8 + line,
                      area.width() - 2 * kMargin - axisWidth - 6, 0);
    const double bottom = area.bottom() - nameLines - 4;
    const double plotHeight = std::max(20.0, bottom - plot.top());
    const auto yOf = [&](double v) { return bottom - v / top * plotHeight; };

    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(110);
    for (double t = 0; t <= top + step / 2; t += step) {
        const double y = yOf(t);
        painter.setPen(QPen(grid, 1, Qt::DotLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(QRectF(area.left() + kMargin, y - line / 2, axisWidth, line),
                         Qt::AlignRight | Qt::AlignVCenter, compact(t));
    }
    painter.setPen(QPen(text, 1));
    painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom));

    const int n = int(values.size());
    const double slot = plot.width() / std::max(1, n), barWidth = std::min(slot * 0.55, 96.0);
    for (int i = 0; i < n; ++i) {
        const double cx = plot.left() + slot * (i + 0.5);
        double base = 0;
        for (int s = 0; s < segments.size() && s < values[i].size(); ++s) {
            const double v = std::max(0.0, values[i][s]);
            if (v <= 0)
                continue;
            const QRectF r(QPointF(cx - barWidth / 2, yOf(base + v)), QPointF(cx + barWidth / 2, yOf(base)));
            painter.setPen(Qt::NoPen);
            painter.setBrush(segments[s].color);
            painter.drawRect(r);
            // A segment's own value where it is tall enough to hold it.
            if (r.height() > line + 2 && segments.size() > 1) {
                painter.setPen(textOn(segments[s].color));
                painter.drawText(r, Qt::AlignCenter, compact(v));
            }
            base += v;
        }
        painter.setPen(text);
        const QString total = hours ? tr("%1 h").arg(compact(base)) : compact(base);
        painter.drawText(QRectF(cx - slot / 2, yOf(base) - line - 2, slot, line), Qt::AlignHCenter | Qt::AlignBottom,
                         total);
        painter.drawText(QRectF(cx - slot / 2 + 2, bottom + 4, slot - 4, nameLines),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_bars.value(i).name);
    }
}

} // namespace seekbench::ui
