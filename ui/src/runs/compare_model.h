#pragma once

#include "common/number_text.h"
#include "common/run_list.h"

#include <QAbstractTableModel>

namespace seekbench::ui {

// Selected runs side by side against a pinned baseline: the params that differ, the
// final and best value of each metric, runtime and peak memory, with the delta to the
// baseline in each cell. Rows are the quantities, columns the runs (baseline first).
class CompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit CompareModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRuns(const RunList &runs);
    void setBaseline(const QString &runId);
    QString baseline() const { return m_baseline; }

private:
    struct Row
    {
        enum Kind { Param, Final, Best, Runtime, PeakMemory } kind;
        QString key;
        NumberStyle style{}; // one format for the whole row
    };
    // Whether a metric's best value means something: the objectives (eval/*, test/*,
    // the training loss), not the learning rate, the epoch or the throughput.
    static bool hasBest(const std::string &key);
    void rebuild();
    std::optional<double> number(const seekbench::projects::RunRecord &run, const Row &row) const;
    QString text(const seekbench::projects::RunRecord &run, const Row &row) const;

    RunList m_runs; // baseline first
    QString m_baseline;
    QVector<Row> m_rows;
};

} // namespace seekbench::ui
