#include "pdm/fleet_health_model.h"

#include "pdm/pdm_text.h"
#include "seekbench/widgets/alert_timeline.h"

#include <QCollator>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace seekbench::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Ranks of texts in the user's collation with numbers compared as numbers ("pump 2"
// before "pump 10"), computed once so sorting compares doubles.
std::vector<double> ranksOf(const std::vector<QString> &texts)
{
    QCollator c;
    c.setNumericMode(true);
    c.setCaseSensitivity(Qt::CaseInsensitive);
    std::vector<int> idx(texts.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int a, int b) { return c.compare(texts[a], texts[b]) < 0; });
    std::vector<double> rank(texts.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        rank[std::size_t(idx[i])] = double(i);
    return rank;
}
} // namespace

FleetHealthModel::FleetHealthModel(QObject *parent) : QAbstractTableModel(parent)
{
    setObjectName(QStringLiteral("fleetHealthModel"));
}

std::shared_ptr<const FleetRows> FleetHealthModel::buildRows(const projects::PdmRunRecord &run,
                                                             const std::vector<pdm::MachineHealth> &machines,
                                                             QString *error)
{
    auto out = std::make_shared<FleetRows>();
    out->unit = run.timeUnit;
    const QLocale locale;
    std::vector<QString> names, modes;
    for (const auto &m : machines) {
        const QString name = QString::fromStdString(m.name);
        const bool hasMode = m.risk_mode >= 0 && std::size_t(m.risk_mode) < run.modes.size();
        const bool badSpark = std::any_of(m.spark.begin(), m.spark.end(), [](float v) { return !std::isfinite(v); });
        if ((m.risk_mode >= 0 && !hasMode) || badSpark || run.thresholds.size() != run.modes.size()) {
            if (error)
                *error = tr("Machine %1 of run %2 cannot be shown: %3")
                             .arg(name, QString::fromStdString(run.runId),
                                  badSpark  ? tr("its sparkline holds a value that is not a number")
                                  : hasMode ? tr("the run has %n threshold(s) for its failure modes", nullptr,
                                                 int(run.thresholds.size()))
                                            : tr("its failure mode %1 is not one of the run's %2 modes")
                                                  .arg(m.risk_mode)
                                                  .arg(run.modes.size()));
            return nullptr;
        }
        FleetRow r;
        r.machine = m.machine;
        r.split = m.split;
        r.spark = m.spark;
        r.alerts = m.alerts;
        r.failures = m.failures;
        r.nameFolded = name.toCaseFolded();
        const double threshold = hasMode ? run.thresholds[std::size_t(m.risk_mode)] : kNaN;
        r.level = !hasMode ? 0 : m.risk >= threshold ? 2 : m.risk >= 0.5 * threshold ? 1 : 0;
        const QString mode = hasMode ? PdmText::mode(run.modes[std::size_t(m.risk_mode)]) : QString();
        r.text = {name,
                  PdmText::split(m.split),
                  hasMode ? PdmText::percent(m.risk) : QStringLiteral("—"),
                  hasMode ? mode : QStringLiteral("—"),
                  PdmText::duration(m.rul, run.timeUnit),
                  PdmText::percent(m.peak_risk),
                  locale.toString(m.alerts),
                  locale.toString(m.failures),
                  PdmText::time(m.last_time, run.timeUnit),
                  QString()};
        if (hasMode)
            r.riskTip = tr("Highest failure score now: %1 for %2 (its threshold: %3)")
                            .arg(PdmText::percent(m.risk), mode, PdmText::percent(threshold));
        const double rise = m.spark.size() >= 2 ? double(m.spark.back()) - double(m.spark.front()) : kNaN;
        r.key = {0,
                 double(int(m.split)),
                 hasMode ? double(m.risk) : kNaN,
                 0,
                 double(m.rul),
                 double(m.peak_risk),
                 double(m.alerts),
                 double(m.failures),
                 m.last_time,
                 rise};
        names.push_back(name);
        modes.push_back(hasMode ? mode : QString());
        out->rows.push_back(std::move(r));
    }
    const auto nameRank = ranksOf(names), modeRank = ranksOf(modes);
    for (std::size_t i = 0; i < out->rows.size(); ++i) {
        out->rows[i].key[Name] = nameRank[i];
        out->rows[i].key[Mode] = modes[i].isEmpty() ? kNaN : modeRank[i];
    }
    return out;
}

void FleetHealthModel::setRows(std::shared_ptr<const FleetRows> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_order.resize(m_rows ? m_rows->rows.size() : 0);
    std::iota(m_order.begin(), m_order.end(), 0);
    sortOrderVector();
    refilter();
    endResetModel();
}

// Stable, NaN last in either order, ties in fleet order.
void FleetHealthModel::sortOrderVector()
{
    if (!m_rows)
        return;
    const auto &rows = m_rows->rows;
    const int c = std::clamp(m_sortColumn, 0, FleetRow::kColumns - 1);
    const bool up = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(m_order.begin(), m_order.end(), [&](int a, int b) {
        const double x = rows[std::size_t(a)].key[std::size_t(c)], y = rows[std::size_t(b)].key[std::size_t(c)];
        if (std::isnan(x) || std::isnan(y))
            return !std::isnan(x) && std::isnan(y);
        return up ? x < y : x > y;
    });
}

void FleetHealthModel::refilter()
{
    m_shown.clear();
    if (!m_rows)
        return;
    m_shown.reserve(m_order.size());
    const QString needle = m_search.trimmed().toCaseFolded();
    for (int i : m_order) {
        const FleetRow &r = m_rows->rows[std::size_t(i)];
        if ((!m_split || r.split == *m_split) && (needle.isEmpty() || r.nameFolded.contains(needle)))
            m_shown.push_back(i);
    }
}

void FleetHealthModel::setSplitFilter(std::optional<pdm::Split> split)
{
    beginResetModel();
    m_split = split;
    refilter();
    endResetModel();
}

void FleetHealthModel::setSearch(const QString &text)
{
    beginResetModel();
    m_search = text;
    refilter();
    endResetModel();
}

void FleetHealthModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= FleetRow::kColumns)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> machineOf;
    machineOf.reserve(std::size_t(before.size()));
    for (const QModelIndex &i : before)
        machineOf.push_back(m_shown[std::size_t(i.row())]);
    m_sortColumn = column;
    m_sortOrder = order;
    sortOrderVector();
    refilter();
    // Selection and current index follow their machines.
    std::vector<int> rowOf(m_rows ? m_rows->rows.size() : 0, -1);
    for (std::size_t r = 0; r < m_shown.size(); ++r)
        rowOf[std::size_t(m_shown[r])] = int(r);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype k = 0; k < before.size(); ++k)
        after << index(rowOf[std::size_t(machineOf[std::size_t(k)])], before[k].column());
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

FleetHealthModel::Summary FleetHealthModel::summary() const
{
    Summary s;
    for (int i : m_shown) {
        const FleetRow &r = m_rows->rows[std::size_t(i)];
        ++s.machines;
        s.atRisk += r.level == 2;
        s.alerts += r.alerts;
        s.failures += r.failures;
    }
    return s;
}

const FleetRow *FleetHealthModel::rowAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_shown.size() ? &m_rows->rows[std::size_t(m_shown[std::size_t(row)])]
                                                         : nullptr;
}

int FleetHealthModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_shown.size()); }

int FleetHealthModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : FleetRow::kColumns; }

QVariant FleetHealthModel::data(const QModelIndex &index, int role) const
{
    const FleetRow *r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= FleetRow::kColumns)
        return {};
    const std::size_t c = std::size_t(index.column());
    switch (role) {
    case Qt::DisplayRole: return r->text[c];
    case Qt::ToolTipRole:
        if (c == Risk || c == Mode)
            return r->riskTip;
        if (c == Trend)
            return tr("Failure risk over the machine's history (the highest score of each period, 0 to 100%)");
        return {};
    case Qt::TextAlignmentRole:
        return c == Name || c == Split || c == Mode ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                    : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (c == Risk && r->level == 2)
            return widgets::severityColor(2);
        return {};
    case MachineRole: return r->machine;
    case SortKeyRole: return r->key[c];
    case LevelRole: return r->level;
    default: return {};
    }
}

QVariant FleetHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Trend)
        return tr("Sorted by how much the risk rose from the first to the last period");
    if (role == Qt::ToolTipRole && section == Risk)
        return tr("The highest failure score of the machine's latest window, over the failure modes");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Machine");
    case Split: return tr("Split");
    case Risk: return tr("Risk now");
    case Mode: return tr("Likely failure");
    case Rul: return tr("Predicted RUL");
    case PeakRisk: return tr("Peak risk");
    case Alerts: return tr("Alerts");
    case Failures: return tr("Failures");
    case LastReading: return tr("Last reading");
    case Trend: return tr("Trend");
    default: return {};
    }
}

} // namespace seekbench::ui
