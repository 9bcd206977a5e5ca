#include "sweeps/trial_filter_proxy.h"

#include "sweeps/trial_table_model.h"

namespace seekbench::ui {

TrialFilterProxy::TrialFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TrialTableModel::SortRole);
    setDynamicSortFilter(true);
}

void TrialFilterProxy::setTrialFilter(bool active, const QList<int> &trialNumbers)
{
    m_active = active;
    m_trials = QSet<int>(trialNumbers.begin(), trialNumbers.end());
    invalidateFilter();
}

bool TrialFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_active)
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_trials.contains(i.data(TrialTableModel::TrialNumberRole).toInt());
}

} // namespace seekbench::ui
