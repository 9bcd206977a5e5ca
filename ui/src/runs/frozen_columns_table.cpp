#include "runs/frozen_columns_table.h"

#include <QHeaderView>
#include <QScrollBar>

namespace seekbench::ui {

FrozenColumnsTable::FrozenColumnsTable(int frozenColumns, QWidget *parent)
    : QTableView(parent), m_count(frozenColumns), m_frozen(new QTableView(this))
{
    m_frozen->setObjectName(QStringLiteral("frozenColumns"));
    m_frozen->setFocusPolicy(Qt::NoFocus);
    m_frozen->verticalHeader()->hide();
    m_frozen->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_frozen->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollMode(ScrollPerPixel);
    m_frozen->setFrameShape(QFrame::NoFrame);
    // A line on the right edge marks where the scrolling columns pass under.
    m_frozen->setStyleSheet(QStringLiteral("QTableView#frozenColumns { border-right: 1px solid palette(mid); }"));
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    viewport()->stackUnder(m_frozen);

    // Widths: a frozen column resized in either header is resized in both.
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (section < m_count) {
            m_frozen->setColumnWidth(section, size);
            placeFrozen();
        }
    });
    connect(m_frozen->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (section < m_count && columnWidth(section) != size)
            setColumnWidth(section, size);
    });
    connect(verticalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int size) { m_frozen->setRowHeight(section, size); });
    // Rows scroll together.
    connect(m_frozen->verticalScrollBar(), &QAbstractSlider::valueChanged, verticalScrollBar(),
            &QAbstractSlider::setValue);
    connect(verticalScrollBar(), &QAbstractSlider::valueChanged, m_frozen->verticalScrollBar(),
            &QAbstractSlider::setValue);
    // Sorting and the header's context menu act on the whole table.
    connect(m_frozen->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) {
                if (horizontalHeader()->sortIndicatorSection() != section
                    || horizontalHeader()->sortIndicatorOrder() != order)
                    sortByColumn(section, order);
            });
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int section, Qt::SortOrder order) {
        const QSignalBlocker block(m_frozen->horizontalHeader());
        m_frozen->horizontalHeader()->setSortIndicator(section < m_count ? section : -1, order);
    });
    m_frozen->horizontalHeader()->setSortIndicatorShown(true);
    m_frozen->horizontalHeader()->setSectionsClickable(true);
    m_frozen->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_frozen->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT horizontalHeader()->customContextMenuRequested(
            horizontalHeader()->mapFromGlobal(m_frozen->horizontalHeader()->mapToGlobal(pos)));
    });
    m_frozen->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_frozen, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT customContextMenuRequested(viewport()->mapFromGlobal(m_frozen->viewport()->mapToGlobal(pos)));
    });
    connect(m_frozen, &QAbstractItemView::doubleClicked, this, &QAbstractItemView::doubleClicked);
}

void FrozenColumnsTable::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
    m_frozen->setModel(model);
    m_frozen->setSelectionModel(selectionModel());
    if (model) {
        connect(model, &QAbstractItemModel::columnsInserted, this, &FrozenColumnsTable::syncFrozen);
        connect(model, &QAbstractItemModel::columnsRemoved, this, &FrozenColumnsTable::syncFrozen);
        connect(model, &QAbstractItemModel::modelReset, this, &FrozenColumnsTable::syncFrozen);
        connect(model, &QAbstractItemModel::layoutChanged, this, &FrozenColumnsTable::syncFrozen);
    }
    syncFrozen();
}

void FrozenColumnsTable::setSelectionModel(QItemSelectionModel *selectionModel)
{
    QTableView::setSelectionModel(selectionModel);
    // setModel() calls this before the overlay has the model; setModel() shares it then.
    if (selectionModel && m_frozen->model() == selectionModel->model())
        m_frozen->setSelectionModel(selectionModel);
}

void FrozenColumnsTable::syncFrozen()
{
    if (!model())
        return;
    m_frozen->setSelectionBehavior(selectionBehavior());
    m_frozen->setSelectionMode(selectionMode());
    m_frozen->setSortingEnabled(false);
    for (int c = 0; c < model()->columnCount(); ++c) {
        m_frozen->setColumnHidden(c, c >= m_count);
        if (c < m_count) {
            m_frozen->setColumnWidth(c, columnWidth(c));
            if (QAbstractItemDelegate *d = itemDelegateForColumn(c))
                m_frozen->setItemDelegateForColumn(c, d);
        }
    }
    m_frozen->horizontalHeader()->setSortIndicator(horizontalHeader()->sortIndicatorSection() < m_count
                                                       ? horizontalHeader()->sortIndicatorSection()
                                                       : -1,
                                                   horizontalHeader()->sortIndicatorOrder());
    placeFrozen();
}

int FrozenColumnsTable::frozenWidth() const
{
    int w = 0;
    for (int c = 0; c < m_count && model() && c < model()->columnCount(); ++c)
        if (!isColumnHidden(c))
            w += columnWidth(c);
    return w;
}

void FrozenColumnsTable::placeFrozen()
{
    const int x = verticalHeader()->isVisible() ? verticalHeader()->width() : 0;
    m_frozen->setGeometry(frameWidth() + x, frameWidth(), frozenWidth() + 1,
                          viewport()->height() + horizontalHeader()->height());
    m_frozen->verticalScrollBar()->setValue(verticalScrollBar()->value());
    m_frozen->setVisible(model() && model()->columnCount() > 0);
}

void FrozenColumnsTable::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    placeFrozen();
}

void FrozenColumnsTable::updateGeometries()
{
    QTableView::updateGeometries();
    placeFrozen();
}

QModelIndex FrozenColumnsTable::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex current = QTableView::moveCursor(cursorAction, modifiers);
    // Moving left into a column that passes under the frozen ones scrolls it out.
    if (cursorAction == MoveLeft && current.column() >= m_count && visualRect(current).topLeft().x() < frozenWidth()) {
        const int shift = horizontalScrollBar()->value() + visualRect(current).topLeft().x() - frozenWidth();
        horizontalScrollBar()->setValue(shift);
    }
    return current;
}

void FrozenColumnsTable::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    // The frozen columns are always in view: only the rows scroll for them, and a
    // scrolling column is brought out from under the frozen ones.
    if (!index.isValid())
        return;
    if (index.column() < m_count) {
        const QModelIndex sameRow = model()->index(index.row(), horizontalHeader()->logicalIndexAt(frozenWidth() + 1),
                                                   index.parent());
        const int keepX = horizontalScrollBar()->value();
        QTableView::scrollTo(sameRow.isValid() ? sameRow : index, hint);
        horizontalScrollBar()->setValue(keepX);
        return;
    }
    QTableView::scrollTo(index, hint);
    const QRect r = visualRect(index);
    if (r.left() < frozenWidth())
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + r.left() - frozenWidth());
}

} // namespace seekbench::ui
