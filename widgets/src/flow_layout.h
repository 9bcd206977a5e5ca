#pragma once

#include <QLayout>
#include <QList>

namespace seekbench::widgets {

// Lays its widgets out left to right and wraps to a new row when the width runs out, so
// a chart's toolbar never sets a chart's minimum width (the runs table beside the charts
// can be dragged wider). Items with a stretch after them keep to the right on the last
// row. The pattern is Qt's "Flow Layout" example, written for our toolbars.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(int spacing = 6);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    // Puts the widgets added after this call at the right end of their row.
    void addRightAligned() { m_rightFrom = int(m_items.size()); }
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int place(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
    int m_rightFrom = -1; // first right-aligned item, -1 when none
};

} // namespace seekbench::widgets
