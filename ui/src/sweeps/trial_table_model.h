#pragma once

#include "common/number_text.h"
#include "sweeps/sweep_snapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace seekbench::ui {

// A sweep's trials: number, state, objective value, cost, one column per param, the run
// and the reason. Set whole (setTrials) from rows read off the GUI thread.
class TrialTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, State, Value, Cost, FirstParam };
    // The sort key: for Value, best first in ascending order (the objective turned into a
    // number that grows as it gets worse; no value sorts last).
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int TrialNumberRole = Qt::UserRole + 2;

    explicit TrialTableModel(QObject *parent = nullptr);

    void setTrials(const QList<TrialRow> &rows, const QStringList &paramKeys, bool minimize);
    const QList<TrialRow> &trials() const { return m_rows; }
    QStringList paramKeys() const { return m_keys; }
    int runColumn() const { return FirstParam + int(m_keys.size()); }
    int reasonColumn() const { return runColumn() + 1; }
    int rowOfTrial(int number) const;
    static QString stateText(tuning::TrialState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString cellText(const TrialRow &row, int column) const;

    QList<TrialRow> m_rows;
    // Per column, one format for all its numbers (NumberStyle); absent: shown as written.
    QHash<int, NumberStyle> m_styles;
    QStringList m_keys;
    bool m_minimize = true;
};

} // namespace seekbench::ui
