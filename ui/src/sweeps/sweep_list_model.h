#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QAbstractTableModel>
#include <QList>

namespace seekbench::ui {

// The project's sweeps: name, state, complete trials against the budget, best value.
class SweepListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, State, Progress, Best, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit SweepListModel(QObject *parent = nullptr);

    // Updates rows in place when the same sweeps come back (keeps the selection).
    void setSweeps(const QList<SweepSummary> &sweeps);
    const QList<SweepSummary> &sweeps() const { return m_sweeps; }
    int rowOf(const QString &id) const;
    static QString stateText(const SweepSummary &sweep);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SweepSummary> m_sweeps;
};

} // namespace seekbench::ui
