#include "flow_layout.h"

#include <QWidget>

#include <algorithm>

namespace seekbench::widgets {

FlowLayout::FlowLayout(int spacing) { setSpacing(spacing); }

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item) { m_items.append(item); }

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < m_items.size() ? m_items[index] : nullptr;
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    if (m_rightFrom > index)
        --m_rightFrom;
    return m_items.takeAt(index);
}

int FlowLayout::heightForWidth(int width) const { return place(QRect(0, 0, width, 0), false); }

QSize FlowLayout::minimumSize() const
{
    QSize size;
    for (const QLayoutItem *item : m_items)
        size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // One row when there is room for it.
    int width = 0, height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width() + (width > 0 ? spacing() : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    place(rect, true);
}

int FlowLayout::place(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int gap = spacing();
    // Rows first: each item on the current row while it fits.
    struct Row
    {
        int first = 0, last = -1, height = 0;
    };
    QList<Row> rows{Row{}};
    int x = 0;
    for (int i = 0; i < m_items.size(); ++i) {
        const QLayoutItem *item = m_items[i];
        if (item->isEmpty())
            continue;
        const int w = std::min(item->sizeHint().width(), std::max(area.width(), item->minimumSize().width()));
        if (x > 0 && x + w > area.width()) {
            rows.append(Row{i, i - 1, 0});
            x = 0;
        }
        x += w + gap;
        rows.last().last = i;
        rows.last().height = std::max(rows.last().height, item->sizeHint().height());
    }
    int y = area.y();
    for (const Row &row : rows) {
        if (apply) {
            // Left-aligned items from the left edge, right-aligned ones against the right.
            int left = area.x(), rightWidth = 0;
            for (int i = row.first; i <= row.last; ++i)
                if (m_rightFrom >= 0 && i >= m_rightFrom && !m_items[i]->isEmpty())
                    rightWidth += m_items[i]->sizeHint().width() + gap;
            int right = area.right() + 1 - std::max(0, rightWidth - gap);
            for (int i = row.first; i <= row.last; ++i) {
                QLayoutItem *item = m_items[i];
                if (item->isEmpty())
                    continue;
                const int w = std::min(item->sizeHint().width(), area.width());
                const int h = item->sizeHint().height();
                const int top = y + (row.height - h) / 2;
                if (m_rightFrom >= 0 && i >= m_rightFrom) {
                    item->setGeometry(QRect(std::max(left, right), top, w, h));
                    right += w + gap;
                } else {
                    item->setGeometry(QRect(left, top, w, h));
                    left += w + gap;
                }
            }
        }
        y += row.height + gap;
    }
    const QMargins m = contentsMargins();
    return y - gap - area.y() + m.top() + m.bottom();
}

} // namespace seekbench::widgets
