#include "runs/compare_model.h"

#include "runs/runs_table_model.h"
#include "seekbench/widgets/run_palette.h"

#include <QFont>

#include <QSet>
#include <cmath>

#include <set>

namespace seekbench::ui {

using seekbench::projects::RunRecord;

CompareModel::CompareModel(QObject *parent) : QAbstractTableModel(parent) {}

int CompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

void CompareModel::setRuns(const RunList &runs)
{
    beginResetModel();
    m_runs = runs;
    if (m_baseline.isEmpty() && !runs.isEmpty())
        m_baseline = QString::fromStdString(runs.front().id);
    rebuild();
    endResetModel();
}

void CompareModel::setBaseline(const QString &runId)
{
    beginResetModel();
    m_baseline = runId;
    rebuild();
    endResetModel();
}

void CompareModel::rebuild()
{
    std::stable_partition(m_runs.begin(), m_runs.end(),
                          [&](const RunRecord &r) { return QString::fromStdString(r.id) == m_baseline; });
    m_rows.clear();
    std::set<std::string> params, metrics;
    for (const RunRecord &r : m_runs) {
        for (const auto &[k, v] : r.params)
            params.insert(k);
        for (const auto &[k, s] : r.summary)
            metrics.insert(k);
    }
    for (const std::string &k : params) {
        QSet<QString> values;
        for (const RunRecord &r : m_runs) {
            const auto it = r.params.find(k);
            values.insert(it == r.params.end() ? QString() : QString::fromStdString(it->second));
        }
        if (values.size() > 1 && k != "name")
            m_rows.append({Row::Param, QString::fromStdString(k)});
    }
    for (const std::string &k : metrics) {
        if (k == "train/peak_tensor_bytes")
            continue;
        m_rows.append({Row::Final, QString::fromStdString(k)});
        if (hasBest(k))
            m_rows.append({Row::Best, QString::fromStdString(k)});
    }
    m_rows.append({Row::Runtime, QString()});
    m_rows.append({Row::PeakMemory, QString()});
    for (Row &row : m_rows) {
        QList<double> values;
        for (const RunRecord &r : m_runs)
            if (const auto v = number(r, row))
                values << *v;
        row.style = NumberStyle::forValues(values);
    }
}

bool CompareModel::hasBest(const std::string &key)
{
    const QString k = QString::fromStdString(key);
    return k.startsWith(QLatin1String("eval/")) || k.startsWith(QLatin1String("test/"))
           || k == QLatin1String("train/loss");
}

std::optional<double> CompareModel::number(const RunRecord &r, const Row &row) const
{
    const std::string key = row.key.toStdString();
    switch (row.kind) {
    case Row::Param: {
        const auto it = r.params.find(key);
        bool ok = false;
        const double v = it == r.params.end() ? 0 : QString::fromStdString(it->second).toDouble(&ok);
        return ok ? std::optional<double>(v) : std::nullopt;
    }
    case Row::Final:
    case Row::Best: {
        const auto it = r.summary.find(key);
        if (it == r.summary.end())
            return std::nullopt;
        return row.kind == Row::Final ? it->second.finalValue : it->second.bestValue;
    }
    case Row::Runtime:
        if (!r.endedAt)
            return std::nullopt;
        return *r.endedAt - r.startedAt.value_or(r.createdAt);
    case Row::PeakMemory: {
        const auto it = r.summary.find("train/peak_tensor_bytes");
        if (it == r.summary.end() || !it->second.bestValue)
            return std::nullopt;
        return *it->second.bestValue / (1024.0 * 1024.0);
    }
    }
    return std::nullopt;
}

QString CompareModel::text(const RunRecord &r, const Row &row) const
{
    const auto v = number(r, row);
    if (row.kind == Row::Param) {
        const auto it = r.params.find(row.key.toStdString());
        if (it == r.params.end())
            return QStringLiteral("—");
        return v ? row.style.text(*v) : QString::fromStdString(it->second);
    }
    if (!v)
        return QStringLiteral("—");
    if (row.kind == Row::Runtime)
        return RunsTableModel::durationText(*v);
    if (row.kind == Row::PeakMemory)
        return tr("%1 MiB").arg(row.style.text(*v));
    return row.style.text(*v);
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const RunRecord &r = m_runs[index.column()];
    const Row &row = m_rows[index.row()];
    if (role == Qt::FontRole && index.column() == 0) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    QString t = text(r, row);
    if (index.column() > 0) {
        const auto v = number(r, row), base = number(m_runs.front(), row);
        if (v && base && *v != *base) {
            // The difference in the row's unit: a duration, MiB, or the metric's own.
            const double d = *v - *base;
            QString diff;
            if (row.kind == Row::Runtime)
                diff = (d < 0 ? QStringLiteral("\u2212") : QStringLiteral("+"))
                       + RunsTableModel::durationText(std::abs(d));
            else if (row.kind == Row::PeakMemory)
                diff = tr("%1 MiB").arg(row.style.delta(d));
            else
                diff = row.style.delta(d);
            // Relative change too, where the baseline is not zero.
            if (*base != 0 && row.kind != Row::Param)
                diff += QStringLiteral(", %1%2 %")
                            .arg(d < 0 ? QStringLiteral("\u2212") : QStringLiteral("+"))
                            .arg(std::abs(d / *base) * 100, 0, 'f', 1);
            t += QStringLiteral("  (%1)").arg(diff);
        }
    }
    return t;
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Each run's column header carries its colour, as in the charts and the runs table.
    if (role == Qt::DecorationRole && orientation == Qt::Horizontal && section >= 0 && section < m_runs.size())
        return widgets::runColor(m_runs[section].color);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_runs.size())
            return QVariant();
        const QString name = QString::fromStdString(m_runs[section].name);
        return section == 0 ? tr("%1 (baseline)").arg(name) : name;
    }
    if (section < 0 || section >= m_rows.size())
        return QVariant();
    const Row &row = m_rows[section];
    switch (row.kind) {
    case Row::Param: return row.key;
    case Row::Final: return tr("%1 final").arg(row.key);
    case Row::Best: return tr("%1 best").arg(row.key);
    case Row::Runtime: return tr("runtime");
    case Row::PeakMemory: return tr("peak tensor memory");
    }
    return QVariant();
}

} // namespace seekbench::ui
