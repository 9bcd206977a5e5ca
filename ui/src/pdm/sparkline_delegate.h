#pragma once

#include <QStyledItemDelegate>

namespace seekbench::ui {

// Paints a machine's risk sparkline in its cell of the fleet table (FleetHealthModel's
// Trend column): a polyline over 0..1 in the colour of the machine's risk level, with the
// palette's mid colour as the baseline, so it reads in light and dark themes. No widget
// per cell: 1,000 machines paint as fast as their text.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace seekbench::ui
