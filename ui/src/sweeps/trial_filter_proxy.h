#pragma once

#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>

namespace seekbench::ui {

// The trial table as shown: sorted by TrialTableModel::SortRole (best value on top by
// default) and, while the parallel coordinates plot has a brush, only the trials in it.
class TrialFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TrialFilterProxy(QObject *parent = nullptr);

    // Only these trial numbers (the brushed ones); `active` false shows every trial.
    void setTrialFilter(bool active, const QList<int> &trialNumbers);
    bool isFiltering() const { return m_active; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_active = false;
    QSet<int> m_trials;
};

} // namespace seekbench::ui
