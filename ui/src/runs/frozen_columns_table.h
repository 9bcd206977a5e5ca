#pragma once

#include <QTableView>

namespace seekbench::ui {

// A table whose first columns stay in place while the others scroll sideways (the Qt
// "frozen column" pattern): a second view over the same model and selection is laid
// over the left edge, showing only the frozen columns, and follows the table's rows,
// widths and scrolling. Clicking a cell never scrolls the frozen columns out of view.
class FrozenColumnsTable : public QTableView
{
    Q_OBJECT
public:
    explicit FrozenColumnsTable(int frozenColumns, QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    void setSelectionModel(QItemSelectionModel *selectionModel) override;
    QTableView *frozenView() const { return m_frozen; }
    int frozenColumns() const { return m_count; }
    // The width the frozen columns take (the overlay's width, the scroll area's margin).
    int frozenWidth() const;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void updateGeometries() override;

private:
    void syncFrozen();
    void placeFrozen();

    int m_count;
    QTableView *m_frozen;
};

} // namespace seekbench::ui
