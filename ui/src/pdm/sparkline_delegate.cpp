#include "pdm/sparkline_delegate.h"

#include "pdm/fleet_health_model.h"
#include "seekbench/widgets/alert_timeline.h"

#include <QApplication>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>

namespace seekbench::ui {

SparklineDelegate::SparklineDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The cell's background and selection as any other cell, without text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto *model = qobject_cast<const FleetHealthModel *>(index.model());
    const FleetRow *row = model ? model->rowAt(index.row()) : nullptr;
    if (!row || row->spark.empty())
        return;
    const QRectF r = QRectF(option.rect).adjusted(4, 3, -4, -3);
    if (r.width() < 4 || r.height() < 4)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    painter->setPen(QPen(selected ? pal.highlightedText().color() : pal.mid().color(), 1, Qt::DotLine));
    painter->drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()));
    const std::size_t n = row->spark.size();
    // Scores are probabilities (0..1); a model whose scores run past 1 is scaled to its peak.
    const double top = std::max(1.0, double(*std::max_element(row->spark.begin(), row->spark.end())));
    QPolygonF line;
    line.reserve(qsizetype(n));
    for (std::size_t i = 0; i < n; ++i) {
        const double x = n == 1 ? r.center().x() : r.left() + r.width() * double(i) / double(n - 1);
        const double v = std::clamp(double(row->spark[i]) / top, 0.0, 1.0);
        line << QPointF(x, r.bottom() - v * r.height());
    }
    const QColor colour = selected ? pal.highlightedText().color() : widgets::severityColor(row->level);
    QPen pen(colour, 1);
    pen.setCosmetic(true); // the raster engine's fast path: 1,000 rows scroll smoothly
    painter->setPen(pen);
    painter->drawPolyline(line);
    painter->setBrush(colour);
    painter->setPen(Qt::NoPen);
    painter->drawEllipse(line.back(), 2, 2);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(s.width(), 120), std::max(s.height(), 22)};
}

} // namespace seekbench::ui
