#include "runs/runs_filter_proxy.h"

#include "runs/runs_table_model.h"

namespace seekbench::ui {

RunsFilterProxy::RunsFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunsTableModel::SortRole);
    setDynamicSortFilter(true);
}

void RunsFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void RunsFilterProxy::setStatus(const QString &status)
{
    m_status = status;
    invalidateFilter();
}

void RunsFilterProxy::setTag(const QString &tag)
{
    m_tag = tag;
    invalidateFilter();
}

bool RunsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, RunsTableModel::NameColumn, sourceParent);
    if (!m_status.isEmpty() && idx.data(RunsTableModel::StatusRole).toString() != m_status)
        return false;
    const QStringList tags = idx.data(RunsTableModel::TagsRole).toStringList();
    if (!m_tag.isEmpty() && !tags.contains(m_tag))
        return false;
    if (m_text.isEmpty())
        return true;
    const QString hay = idx.data(Qt::DisplayRole).toString() + QLatin1Char(' ')
                        + idx.data(RunsTableModel::RunIdRole).toString() + QLatin1Char(' ')
                        + tags.join(QLatin1Char(' ')) + QLatin1Char(' ') + idx.data(Qt::ToolTipRole).toString();
    return hay.contains(m_text, Qt::CaseInsensitive);
}

} // namespace seekbench::ui
