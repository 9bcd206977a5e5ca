#include "seekbench/widgets/attention_band.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace seekbench::widgets {

AttentionBand::AttentionBand(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void AttentionBand::setSteps(const QVector<AttentionStep> &steps)
{
    m_steps = steps;
    update();
}

void AttentionBand::setXRange(double lower, double upper)
{
    m_lower = lower;
    m_upper = upper > lower ? upper : lower + 1;
    update();
}

void AttentionBand::setPlotArea(int left, int right)
{
    m_left = left;
    m_right = right;
    update();
}

void AttentionBand::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void AttentionBand::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize AttentionBand::sizeHint() const { return {400, fontMetrics().height() * 2 + 6}; }
QSize AttentionBand::minimumSizeHint() const { return {100, fontMetrics().height() * 2 + 6}; }

double AttentionBand::xToPixel(double x) const
{
    const int right = m_right > m_left ? m_right : width() - 1;
    return m_left + (x - m_lower) / (m_upper - m_lower) * (right - m_left);
}

QRectF AttentionBand::stepRect(int i) const
{
    const AttentionStep &s = m_steps.at(i);
    const int right = m_right > m_left ? m_right : width() - 1;
    const double a = std::clamp(xToPixel(s.from), double(m_left), double(right));
    const double b = std::clamp(xToPixel(s.to), double(m_left), double(right));
    return QRectF(QPointF(a, 2), QPointF(b, height() - 2));
}

int AttentionBand::stepAt(const QPointF &pos) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        QRectF r = stepRect(i);
        // A step narrower than a pixel or two still answers near its position.
        if (r.width() < 3)
            r.adjust(-1.5, 0, 1.5, 0);
        if (r.contains(pos))
            return i;
    }
    return -1;
}

void AttentionBand::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    const QColor text = pal.color(QPalette::Text), base = pal.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    const int right = m_right > m_left ? m_right : width() - 1;
    const QRect area(m_left, 2, right - m_left, height() - 4);
    p.fillRect(area, base);
    QColor frame = pal.color(QPalette::Mid);
    p.setPen(frame);
    p.drawRect(area);
    if (!m_caption.isEmpty()) {
        p.setPen(text);
        const QRect capRect(2, 0, std::max(0, m_left - 6), height());
        p.drawText(capRect, Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, m_caption);
    }
    if (m_steps.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, m_placeholder);
        return;
    }
    double top = 0;
    for (const AttentionStep &s : m_steps)
        top = std::max(top, s.weight);
    // Heat from the background to a strong orange (a lighter one on dark backgrounds).
    const QColor hot = dark ? QColor(255, 150, 60) : QColor(215, 85, 0);
    p.setClipRect(area);
    for (int i = 0; i < m_steps.size(); ++i) {
        const double share = top > 0 ? m_steps[i].weight / top : 0;
        QColor c = hot;
        c.setAlphaF(0.08 + 0.92 * share);
        QRectF r = stepRect(i);
        if (r.width() < 1)
            r.setWidth(1);
        p.fillRect(r, c);
    }
    // The window's outline, so a narrow window stays visible when zoomed out.
    const QRectF whole = stepRect(0).united(stepRect(int(m_steps.size()) - 1));
    p.setPen(QPen(text, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(whole.adjusted(0, 0, -1, -1));
}

bool AttentionBand::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = stepAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), m_steps[i].tip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace seekbench::widgets
