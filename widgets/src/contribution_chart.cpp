#include "seekbench/widgets/contribution_chart.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {
bool isDark(const QWidget *w) { return w->palette().color(QPalette::Base).lightness() < 128; }
QString signedText(double v) { return (v >= 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 2); }
} // namespace

ContributionChart::ContributionChart(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ContributionChart::setContributions(const QList<Contribution> &items, const QString &summary)
{
    m_items = items;
    m_summary = summary;
    updateGeometry();
    update();
}

void ContributionChart::setLegend(const QString &toward, const QString &away)
{
    m_toward = toward;
    m_away = away;
    update();
}

void ContributionChart::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

QColor ContributionChart::towardColor() const { return isDark(this) ? QColor(240, 110, 95) : QColor(196, 45, 35); }
QColor ContributionChart::awayColor() const { return isDark(this) ? QColor(100, 165, 245) : QColor(30, 100, 185); }

double ContributionChart::rowHeight() const { return fontMetrics().height() + 8; }
double ContributionChart::top() const { return fontMetrics().height() + 10; }

double ContributionChart::labelWidth() const
{
    double w = 0;
    for (const Contribution &c : m_items)
        w = std::max(w, double(fontMetrics().horizontalAdvance(c.name)));
    return std::min(w + 10, width() * 0.45);
}

double ContributionChart::scale() const
{
    double m = 0;
    for (const Contribution &c : m_items)
        m = std::max(m, std::fabs(c.value));
    const double valueRoom = fontMetrics().horizontalAdvance(QStringLiteral("+0.00")) + 8;
    const double half = (width() - labelWidth() - 8) / 2 - valueRoom;
    return m > 0 ? std::max(1.0, half) / m : 1;
}

double ContributionChart::zeroX() const { return labelWidth() + (width() - labelWidth() - 8) / 2 + 4; }

QRectF ContributionChart::barRect(int row) const
{
    const double y = top() + row * rowHeight() + 3;
    const double w = m_items.at(row).value * scale();
    const double x0 = zeroX();
    return w >= 0 ? QRectF(x0, y, w, rowHeight() - 6) : QRectF(x0 + w, y, -w, rowHeight() - 6);
}

int ContributionChart::rowAt(const QPointF &pos) const
{
    const int row = int(std::floor((pos.y() - top()) / rowHeight()));
    return pos.y() >= top() && row >= 0 && row < m_items.size() ? row : -1;
}

QSize ContributionChart::sizeHint() const
{
    const int rows = std::max<int>(3, int(m_items.size()));
    return {360, int(top() + rows * rowHeight() + fontMetrics().height() * 2 + 8)};
}

QSize ContributionChart::minimumSizeHint() const { return {220, int(top() + 3 * rowHeight())}; }

void ContributionChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QFontMetrics fm = fontMetrics();
    // Legend: a swatch and the words for each direction.
    double x = 2;
    for (const auto &[colour, words] : {std::pair{awayColor(), m_away}, std::pair{towardColor(), m_toward}}) {
        if (words.isEmpty())
            continue;
        p.fillRect(QRectF(x, 4, 12, fm.height() - 4), colour);
        x += 16;
        p.setPen(text);
        p.drawText(QPointF(x, fm.ascent() + 2), words);
        x += fm.horizontalAdvance(words) + 16;
    }
    if (m_items.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(8, int(top()), -8, 0), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   m_placeholder);
        return;
    }
    const double lw = labelWidth(), x0 = zeroX();
    for (int i = 0; i < m_items.size(); ++i) {
        const Contribution &c = m_items[i];
        const QRectF bar = barRect(i);
        const double y = top() + i * rowHeight();
        p.setPen(text);
        p.drawText(QRectF(0, y, lw - 6, rowHeight()), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(c.name, Qt::ElideMiddle, int(lw - 6)));
        p.fillRect(bar, c.value >= 0 ? towardColor() : awayColor());
        const QString v = signedText(c.value);
        const double tw = fm.horizontalAdvance(v);
        const QRectF vr = c.value >= 0 ? QRectF(bar.right() + 4, y, tw + 2, rowHeight())
                                       : QRectF(bar.left() - tw - 6, y, tw + 2, rowHeight());
        p.drawText(vr, Qt::AlignLeft | Qt::AlignVCenter, v);
    }
    const double bottom = top() + m_items.size() * rowHeight();
    QColor axis = text;
    axis.setAlpha(150);
    p.setPen(QPen(axis, 1));
    p.drawLine(QPointF(x0, top()), QPointF(x0, bottom));
    if (!m_summary.isEmpty()) {
        p.setPen(text);
        p.drawText(QRectF(4, bottom + 4, width() - 8, height() - bottom - 4),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_summary);
    }
}

bool ContributionChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0 && !m_items[row].tip.isEmpty())
            QToolTip::showText(help->globalPos(), m_items[row].tip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace seekbench::widgets
