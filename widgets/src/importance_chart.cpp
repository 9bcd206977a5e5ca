#include "seekbench/widgets/importance_chart.h"

#include "seekbench/widgets/run_palette.h"
#include "sweep_scale.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {

constexpr double kMargin = 8, kTop = 6, kAxisHeight = 22;

} // namespace

ImportanceChart::ImportanceChart(QWidget *parent) : QWidget(parent), m_placeholder(tr("No importances yet"))
{
    setObjectName(QStringLiteral("importanceChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ImportanceChart::setImportances(const QList<ParameterImportance> &importances)
{
    m_items = importances;
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const auto &a, const auto &b) { return a.mean != b.mean ? a.mean > b.mean : a.name < b.name; });
    updateGeometry();
    update();
}

void ImportanceChart::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

double ImportanceChart::rowHeight() const { return std::max(22.0, fontMetrics().height() + 10.0); }

double ImportanceChart::labelWidth() const
{
    double w = 0;
    for (const auto &item : m_items)
        w = std::max(w, double(fontMetrics().horizontalAdvance(item.name)));
    return std::min(w + 12, width() * 0.35);
}

QString ImportanceChart::valueText(const ParameterImportance &item)
{
    return item.stddev > 0 ? tr("%1 ± %2").arg(shortNumber(item.mean, 2), shortNumber(item.stddev, 1))
                           : shortNumber(item.mean, 2);
}

double ImportanceChart::valueWidth() const
{
    double w = 0;
    for (const auto &item : m_items)
        w = std::max(w, double(fontMetrics().horizontalAdvance(valueText(item))));
    return std::min(w + 12, width() * 0.3);
}

double ImportanceChart::scaleMax() const
{
    double m = 0;
    for (const auto &item : m_items)
        m = std::max(m, item.mean + std::max(0.0, item.stddev));
    return m > 0 ? m : 1;
}

double ImportanceChart::valueToX(double value) const
{
    const double left = kMargin + labelWidth(), right = width() - kMargin - valueWidth();
    return left + std::max(0.0, value) / scaleMax() * std::max(10.0, right - left);
}

QRectF ImportanceChart::barRect(int row) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    const double h = rowHeight(), top = kTop + row * h + h * 0.2;
    const double left = valueToX(0);
    return QRectF(left, top, valueToX(m_items.at(row).mean) - left, h * 0.6);
}

int ImportanceChart::rowAt(const QPointF &pos) const
{
    const int row = int(std::floor((pos.y() - kTop) / rowHeight()));
    return pos.y() >= kTop && row < m_items.size() ? row : -1;
}

QSize ImportanceChart::sizeHint() const
{
    return {420, int(kTop + std::max<qsizetype>(3, m_items.size()) * rowHeight() + kAxisHeight + 4)};
}

QSize ImportanceChart::minimumSizeHint() const { return {240, int(kTop + 2 * rowHeight() + kAxisHeight)}; }

void ImportanceChart::mouseReleaseEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position());
    if (event->button() == Qt::LeftButton && row >= 0)
        Q_EMIT parameterClicked(m_items.at(row).name);
    QWidget::mouseReleaseEvent(event);
}

void ImportanceChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    if (m_items.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, m_placeholder);
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    const double h = rowHeight(), labels = labelWidth();
    const double bottom = kTop + m_items.size() * h;
    const QColor bar = runColor(0);
    // Grid and axis: ticks on 0..max.
    const SweepScale scale = SweepScale::linear(0, scaleMax());
    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(110);
    for (const SweepTick &tick : scale.ticks(std::max(2, int((width() - labels - valueWidth()) / 70)))) {
        const double x = valueToX(scale.fromUnit(tick.unit));
        painter.setPen(QPen(grid, 1, Qt::DotLine));
        painter.drawLine(QPointF(x, kTop), QPointF(x, bottom));
        painter.setPen(text);
        painter.drawText(QRectF(x - 30, bottom + 3, 60, fm.height()), Qt::AlignHCenter | Qt::AlignTop, tick.label);
    }
    painter.setPen(QPen(text, 1));
    painter.drawLine(QPointF(valueToX(0), kTop), QPointF(valueToX(0), bottom));
    for (int row = 0; row < m_items.size(); ++row) {
        const auto &item = m_items.at(row);
        const QRectF r = barRect(row);
        const double cy = r.center().y();
        painter.setPen(text);
        painter.drawText(QRectF(kMargin, cy - h / 2, labels - 8, h), Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(item.name, Qt::ElideMiddle, labels - 8));
        painter.setPen(Qt::NoPen);
        painter.setBrush(bar);
        painter.drawRect(r);
        // The error bar: mean +- one standard deviation, capped at zero.
        double whiskerEnd = r.right();
        if (item.stddev > 0) {
            const double a = valueToX(item.mean - item.stddev);
            whiskerEnd = valueToX(item.mean + item.stddev);
            painter.setPen(QPen(text, 1.3));
            painter.drawLine(QPointF(a, cy), QPointF(whiskerEnd, cy));
            painter.drawLine(QPointF(a, cy - r.height() / 3), QPointF(a, cy + r.height() / 3));
            painter.drawLine(QPointF(whiskerEnd, cy - r.height() / 3), QPointF(whiskerEnd, cy + r.height() / 3));
        }
        painter.setPen(text);
        painter.drawText(QRectF(whiskerEnd + 6, cy - h / 2, valueWidth(), h), Qt::AlignLeft | Qt::AlignVCenter,
                         valueText(item));
    }
}

} // namespace seekbench::widgets
