#pragma once

#include "seekbench/config/run_config.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

namespace seekbench::ui {

// The keys where two run configs differ, in schema order: key, the earlier run's value,
// this config's value.
class ConfigDiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Earlier, Current, ColumnCount };

    explicit ConfigDiffModel(QObject *parent = nullptr);

    void setConfigs(const seekbench::RunConfig &earlier, const seekbench::RunConfig &current);
    void clear();
    QStringList differingKeys() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString key, earlier, current;
    };
    QVector<Row> m_rows;
};

} // namespace seekbench::ui
