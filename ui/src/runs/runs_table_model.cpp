#include "runs/runs_table_model.h"

#include "seekbench/widgets/run_palette.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>
#include <utility>

namespace seekbench::ui {

using seekbench::projects::RunRecord;

namespace {
QString q(const std::string &s) { return QString::fromStdString(s); }

double now() { return static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0; }

double durationOf(const RunRecord &r)
{
    const double start = r.startedAt.value_or(r.createdAt);
    const double end = r.endedAt.value_or(r.status == seekbench::RunStatus::Running ? now()
                                                                                    : r.heartbeatAt.value_or(start));
    return std::max(0.0, end - start);
}
} // namespace

RunsTableModel::RunsTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FixedColumns + static_cast<int>(m_params.size() + m_metrics.size());
}

const RunRecord *RunsTableModel::runAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr;
}

int RunsTableModel::rowOf(const QString &runId) const
{
    for (int i = 0; i < m_runs.size(); ++i)
        if (q(m_runs[i].id) == runId)
            return i;
    return -1;
}

// The run's last step (its train/loss curve's) and training.max_steps; nullopt when either
// is unknown or the total is not positive.
static std::optional<std::pair<double, double>> stepAndTotal(const RunRecord &run)
{
    const auto max = run.params.find("training.max_steps");
    const auto loss = run.summary.find("train/loss");
    if (max == run.params.end() || loss == run.summary.end())
        return std::nullopt;
    const double total = QString::fromStdString(max->second).toDouble();
    if (total <= 0)
        return std::nullopt;
    return std::pair{static_cast<double>(loss->second.finalStep), total};
}

double RunsTableModel::progressOf(const RunRecord &run)
{
    if (run.status == seekbench::RunStatus::Finished)
        return 1.0;
    const auto st = stepAndTotal(run);
    return st ? std::clamp(st->first / st->second, 0.0, 1.0) : -1;
}

double RunsTableModel::etaSeconds(const RunRecord &run, double nowSeconds)
{
    // The run's own pace in its current attempt: the steps it has done since the attempt
    // started (a resume counts from its checkpoint step, not from zero) over the time the
    // attempt has run until now, so the figure moves between polls and grows while the
    // run stalls.
    const auto st = stepAndTotal(run);
    if (run.status != seekbench::RunStatus::Running || !st)
        return -1;
    const auto [step, total] = *st;
    const double done = step - double(run.resumedFromStep.value_or(0));
    const double elapsed = nowSeconds - run.startedAt.value_or(run.createdAt);
    if (step >= total || done <= 0 || elapsed <= 0)
        return -1;
    return (total - step) * elapsed / done;
}

QString RunsTableModel::statusText(seekbench::RunStatus status)
{
    switch (status) {
    case seekbench::RunStatus::Queued: return tr("queued");
    case seekbench::RunStatus::Running: return tr("running");
    case seekbench::RunStatus::Finished: return tr("finished");
    case seekbench::RunStatus::Failed: return tr("failed");
    case seekbench::RunStatus::Cancelled: return tr("cancelled");
    case seekbench::RunStatus::Crashed: return tr("crashed");
    }
    return QString::fromLatin1(toString(status));
}

QString RunsTableModel::statusText(const QString &word)
{
    const auto status = seekbench::parseRunStatus(word.toStdString());
    return status ? statusText(*status) : word;
}

QString RunsTableModel::durationText(double seconds)
{
    if (seconds < 0)
        return QString();
    const qint64 s = static_cast<qint64>(seconds);
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QVariant RunsTableModel::displayData(const RunRecord &r, int column) const
{
    switch (column) {
    case StatusColumn: {
        QString text = statusText(r.status);
        const double p = progressOf(r);
        if (r.status == seekbench::RunStatus::Running && p >= 0) {
            text += QStringLiteral(" %1%").arg(qRound(p * 100));
            const double eta = etaSeconds(r, now());
            if (eta >= 0)
                text += tr(" · ETA %1").arg(durationText(eta));
        }
        return text;
    }
    case NameColumn: return q(r.name);
    case TagsColumn: {
        QStringList tags;
        for (const auto &t : r.tags)
            tags << q(t);
        return tags.join(QStringLiteral(", "));
    }
    case CreatedColumn:
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(r.createdAt * 1000))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case DurationColumn: return durationText(durationOf(r));
    default: break;
    }
    const int extra = column - FixedColumns;
    const auto number = numberAt(r, extra);
    const NumberStyle style = m_styles.value(extra);
    if (extra < m_params.size()) {
        const auto it = r.params.find(m_params[extra].toStdString());
        if (it == r.params.end())
            return QVariant();
        return number ? style.text(*number) : q(it->second);
    }
    return number ? QVariant(style.text(*number)) : QVariant();
}

std::optional<double> RunsTableModel::numberAt(const RunRecord &r, int extra) const
{
    if (extra < 0)
        return std::nullopt;
    if (extra < m_params.size()) {
        const auto it = r.params.find(m_params[extra].toStdString());
        bool ok = false;
        const double v = it == r.params.end() ? 0 : q(it->second).toDouble(&ok);
        return ok ? std::optional<double>(v) : std::nullopt;
    }
    if (extra - m_params.size() >= m_metrics.size())
        return std::nullopt;
    const auto it = r.summary.find(m_metrics[extra - m_params.size()].toStdString());
    if (it == r.summary.end() || !it->second.finalValue)
        return std::nullopt;
    return *it->second.finalValue;
}

void RunsTableModel::refreshStyles(const RunList &runs)
{
    const int extras = static_cast<int>(m_params.size() + m_metrics.size());
    m_styles.resize(extras);
    for (int e = 0; e < extras; ++e) {
        QList<double> values;
        for (const RunRecord &r : runs)
            if (const auto v = numberAt(r, e))
                values << *v;
        m_styles[e] = NumberStyle::forValues(values);
    }
}

QVariant RunsTableModel::sortData(const RunRecord &r, int column) const
{
    switch (column) {
    case StatusColumn: return q(toString(r.status));
    case CreatedColumn: return r.createdAt;
    case DurationColumn: return durationOf(r);
    default: break;
    }
    const int extra = column - FixedColumns;
    if (extra >= 0 && extra < m_params.size()) {
        const auto it = r.params.find(m_params[extra].toStdString());
        if (it == r.params.end())
            return QVariant();
        bool ok = false;
        const double v = q(it->second).toDouble(&ok);
        return ok ? QVariant(v) : QVariant(q(it->second));
    }
    if (extra >= m_params.size()) {
        const auto it = r.summary.find(m_metrics[extra - m_params.size()].toStdString());
        return it == r.summary.end() || !it->second.finalValue ? QVariant() : QVariant(*it->second.finalValue);
    }
    return displayData(r, column);
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const RunRecord &r = m_runs[index.row()];
    switch (role) {
    case Qt::DisplayRole: return displayData(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && !r.message.empty())
            return q(r.message);
        if (index.column() == NameColumn && !r.notes.empty())
            return q(r.notes);
        return QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && endedInError(r.status))
            return QBrush(QColor(200, 40, 40));
        return QVariant();
    case Qt::DecorationRole: // the run's colour, as every chart draws it (a swatch before its name)
        return index.column() == NameColumn ? QVariant(widgets::runColor(r.color)) : QVariant();
    case RunIdRole: return q(r.id);
    case StatusRole: return q(toString(r.status));
    case ProgressRole: return progressOf(r);
    case SortRole: return sortData(r, index.column());
    case TagsRole: {
        QStringList tags;
        for (const auto &t : r.tags)
            tags << q(t);
        return tags;
    }
    default: return QVariant();
    }
}

QString RunsTableModel::columnKey(int section) const
{
    static const char *const fixed[] = {"status", "name", "tags", "created", "duration"};
    if (section < 0 || section >= columnCount())
        return {};
    if (section < FixedColumns)
        return QString::fromLatin1(fixed[section]);
    const int extra = section - FixedColumns;
    if (extra < m_params.size())
        return QStringLiteral("param:") + m_params[extra];
    return QStringLiteral("metric:") + m_metrics[extra - m_params.size()];
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    // The whole name as a tooltip: a narrow column elides its header.
    if (role == Qt::ToolTipRole)
        return headerData(section, orientation, Qt::DisplayRole);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn: return tr("Status");
    case NameColumn: return tr("Name");
    case TagsColumn: return tr("Tags");
    case CreatedColumn: return tr("Created");
    case DurationColumn: return tr("Duration");
    default: break;
    }
    const int extra = section - FixedColumns;
    if (extra < m_params.size())
        return m_params[extra];
    return tr("%1 (final)").arg(m_metrics[extra - m_params.size()]);
}

void RunsTableModel::setRuns(const RunList &runs)
{
    // Update in place: remove the rows that went away, update the others, append new
    // ones; views keep their selection and scroll position.
    refreshStyles(runs);
    QSet<QString> incoming;
    for (const RunRecord &r : runs)
        incoming.insert(q(r.id));
    for (int row = static_cast<int>(m_runs.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(q(m_runs[row].id))) {
            beginRemoveRows(QModelIndex(), row, row);
            m_runs.removeAt(row);
            endRemoveRows();
        }
    }
    QHash<QString, int> rows;
    for (int i = 0; i < m_runs.size(); ++i)
        rows.insert(q(m_runs[i].id), i);
    RunList added;
    for (const RunRecord &r : runs) {
        const auto it = rows.constFind(q(r.id));
        if (it == rows.constEnd())
            added.append(r);
        else
            m_runs[it.value()] = r;
    }
    if (!m_runs.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(m_runs.size()) - 1, columnCount() - 1));
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_runs.size());
        beginInsertRows(QModelIndex(), first, first + static_cast<int>(added.size()) - 1);
        m_runs.append(added);
        endInsertRows();
    }
}

void RunsTableModel::setParamColumns(const QStringList &keys)
{
    beginResetModel();
    m_params = keys;
    refreshStyles(m_runs);
    endResetModel();
}

void RunsTableModel::setMetricColumns(const QStringList &keys)
{
    beginResetModel();
    m_metrics = keys;
    refreshStyles(m_runs);
    endResetModel();
}

QStringList RunsTableModel::knownParams() const
{
    QSet<QString> keys;
    for (const RunRecord &r : m_runs)
        for (const auto &[k, v] : r.params)
            keys.insert(q(k));
    QStringList out(keys.begin(), keys.end());
    out.sort();
    return out;
}

} // namespace seekbench::ui
