#include "config/config_diff_model.h"

#include "seekbench/config/config_schema.h"

#include <QFont>

namespace seekbench::ui {

ConfigDiffModel::ConfigDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfigDiffModel::setConfigs(const seekbench::RunConfig &earlier, const seekbench::RunConfig &current)
{
    QVector<Row> rows;
    for (const seekbench::ConfigField &f : seekbench::configSchema()) {
        const std::string a = f.get(earlier);
        const std::string b = f.get(current);
        if (a != b)
            rows.push_back({QString::fromStdString(f.path), QString::fromStdString(a), QString::fromStdString(b)});
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void ConfigDiffModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QStringList ConfigDiffModel::differingKeys() const
{
    QStringList keys;
    for (const Row &r : m_rows)
        keys << r.key;
    return keys;
}

int ConfigDiffModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int ConfigDiffModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ConfigDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Key: return r.key;
        case Earlier: return r.earlier;
        case Current: return r.current;
        default: return {};
        }
    }
    if (role == Qt::FontRole && index.column() == Current) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key: return tr("Key");
    case Earlier: return tr("Earlier run");
    case Current: return tr("This config");
    default: return {};
    }
}

} // namespace seekbench::ui
