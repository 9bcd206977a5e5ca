#pragma once

#include "common/number_text.h"
#include "common/run_list.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>

namespace seekbench::ui {

// The runs of a project as a table: status (with progress and ETA), name, tags,
// created, duration, then the chosen params and final metrics. Updated in place from
// the watcher's listings, so selections survive a refresh.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, NameColumn, TagsColumn, CreatedColumn, DurationColumn, FixedColumns };
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        StatusRole,   // the store's status word
        ProgressRole, // 0..1, or -1 when unknown
        SortRole,
        TagsRole, // QStringList
    };

    explicit RunsTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRuns(const RunList &runs);
    const RunList &runs() const { return m_runs; }
    const seekbench::projects::RunRecord *runAt(int row) const;
    int rowOf(const QString &runId) const;

    void setParamColumns(const QStringList &keys);
    QStringList paramColumns() const { return m_params; }
    void setMetricColumns(const QStringList &keys);
    QStringList metricColumns() const { return m_metrics; }
    // Every flattened param key any run has (for the column chooser).
    QStringList knownParams() const;
    // A column's name that does not change with the language or the other columns
    // ("status", "param:model.hidden_size", "metric:eval/loss"): remembered widths use it.
    QString columnKey(int section) const;

    // Progress of a run: last train step over training.max_steps; -1 when unknown.
    static double progressOf(const seekbench::projects::RunRecord &run);
    // Seconds left, from the pace so far; -1 when unknown.
    static double etaSeconds(const seekbench::projects::RunRecord &run, double now);
    // A status in the user's language; the word form (StatusRole, a filter's item data)
    // is parsed first, and an unknown word is shown as it is.
    static QString statusText(seekbench::RunStatus status);
    static QString statusText(const QString &word);
    static QString durationText(double seconds);

private:
    QVariant displayData(const seekbench::projects::RunRecord &run, int column) const;
    QVariant sortData(const seekbench::projects::RunRecord &run, int column) const;
    // The number a param or metric column shows for a run, if it is one.
    std::optional<double> numberAt(const seekbench::projects::RunRecord &run, int extra) const;
    void refreshStyles(const RunList &runs); // one number format per column (NumberStyle)

    RunList m_runs;
    QVector<NumberStyle> m_styles; // per param/metric column
    QStringList m_params;
    QStringList m_metrics{QStringLiteral("train/loss"), QStringLiteral("eval/loss"), QStringLiteral("eval/accuracy")};
};

} // namespace seekbench::ui
