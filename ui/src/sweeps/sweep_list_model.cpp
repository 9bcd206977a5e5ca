#include "sweeps/sweep_list_model.h"

#include "common/number_text.h"

namespace seekbench::ui {

SweepListModel::SweepListModel(QObject *parent) : QAbstractTableModel(parent) {}

void SweepListModel::setSweeps(const QList<SweepSummary> &sweeps)
{
    bool sameIds = sweeps.size() == m_sweeps.size();
    for (qsizetype i = 0; sameIds && i < sweeps.size(); ++i)
        sameIds = sweeps[i].id == m_sweeps[i].id;
    if (!sameIds) {
        beginResetModel();
        m_sweeps = sweeps;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < sweeps.size(); ++i) {
        if (sweeps[i] == m_sweeps[i])
            continue;
        m_sweeps[i] = sweeps[i];
        Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
    }
}

int SweepListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_sweeps.size(); ++i)
        if (m_sweeps[i].id == id)
            return int(i);
    return -1;
}

QString SweepListModel::stateText(const SweepSummary &s)
{
    if (!s.problem.isEmpty())
        return tr("invalid space");
    switch (s.state) {
    case projects::SweepState::Finished: return tr("finished");
    case projects::SweepState::Stopped: return tr("stopped");
    case projects::SweepState::Active: break;
    }
    return s.driverAlive ? tr("running") : tr("not running");
}

int SweepListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_sweeps.size()); }

int SweepListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SweepListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SweepSummary &s = m_sweeps[index.row()];
    if (role == IdRole)
        return s.id;
    if (role == Qt::ToolTipRole && !s.problem.isEmpty())
        return s.problem;
    if (role == Qt::TextAlignmentRole && index.column() >= Progress)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return s.name;
    case State: return stateText(s);
    case Progress: return s.budget > 0 ? tr("%1 / %2").arg(s.complete).arg(s.budget) : QString::number(s.complete);
    case Best: return s.best ? NumberStyle::forValues({*s.best}).text(*s.best) : tr("—");
    default: return {};
    }
}

QVariant SweepListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Sweep");
    case State: return tr("State");
    case Progress: return tr("Complete");
    case Best: return tr("Best");
    default: return {};
    }
}

} // namespace seekbench::ui
