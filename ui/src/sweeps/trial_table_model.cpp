#include "sweeps/trial_table_model.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <limits>

namespace seekbench::ui {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// A cue beside the state's word: the word carries the meaning, the colour only helps.
QColor stateColour(tuning::TrialState state)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    switch (state) {
    case tuning::TrialState::Complete: return dark ? QColor(0x7f, 0xd3, 0x8a) : QColor(0x1b, 0x7a, 0x34);
    case tuning::TrialState::Pruned: return dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x6b, 0x6b, 0x6b);
    case tuning::TrialState::Failed: return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    case tuning::TrialState::Infeasible: return dark ? QColor(0xff, 0xc0, 0x66) : QColor(0x9a, 0x5b, 0x00);
    case tuning::TrialState::Running: break;
    }
    return dark ? QColor(0x80, 0xd0, 0xff) : QColor(0x00, 0x6a, 0xb0);
}
} // namespace

TrialTableModel::TrialTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void TrialTableModel::setTrials(const QList<TrialRow> &rows, const QStringList &paramKeys, bool minimize)
{
    beginResetModel();
    m_rows = rows;
    m_keys = paramKeys;
    m_minimize = minimize;
    m_styles.clear();
    QList<double> values, costs;
    for (const TrialRow &r : rows) {
        if (r.trial.value)
            values << *r.trial.value;
        if (r.trial.cost)
            costs << *r.trial.cost;
    }
    m_styles.insert(Value, NumberStyle::forValues(values));
    m_styles.insert(Cost, NumberStyle::forValues(costs));
    // A param column of real numbers ("0.0003", "1e-05") gets one format; ints and choices
    // are shown as written.
    for (qsizetype k = 0; k < paramKeys.size(); ++k) {
        const std::string key = paramKeys[k].toStdString();
        QList<double> column;
        bool numeric = true, real = false;
        for (const TrialRow &r : rows) {
            const auto it = r.trial.params.find(key);
            if (it == r.trial.params.end())
                continue;
            bool ok = false;
            column << QString::fromStdString(it->second).toDouble(&ok);
            numeric = numeric && ok;
            real = real || it->second.find_first_of(".eE") != std::string::npos;
        }
        if (numeric && real && !column.isEmpty())
            m_styles.insert(FirstParam + int(k), NumberStyle::forValues(column));
    }
    endResetModel();
}

int TrialTableModel::rowOfTrial(int number) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].trial.number == number)
            return int(i);
    return -1;
}

QString TrialTableModel::stateText(tuning::TrialState state)
{
    switch (state) {
    case tuning::TrialState::Complete: return tr("complete");
    case tuning::TrialState::Pruned: return tr("pruned");
    case tuning::TrialState::Failed: return tr("failed");
    case tuning::TrialState::Infeasible: return tr("infeasible");
    case tuning::TrialState::Running: break;
    }
    return tr("running");
}

int TrialTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int TrialTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : reasonColumn() + 1; }

QVariant TrialTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrialRow &row = m_rows[index.row()];
    const tuning::Trial &t = row.trial;
    const int c = index.column();
    if (role == TrialNumberRole)
        return t.number;
    if (role == Qt::ForegroundRole && c == State)
        return stateColour(t.state);
    if (role == Qt::TextAlignmentRole && (c == Number || c == Value || c == Cost))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && c == State && !t.reason.empty())
        return QString::fromStdString(t.reason);
    if (role == SortRole) {
        switch (c) {
        case Number: return t.number;
        case State: return int(t.state);
        case Value: return t.value ? (m_minimize ? *t.value : -*t.value) : kInf;
        case Cost: return t.cost ? *t.cost : kInf;
        default: break;
        }
        if (c >= FirstParam && c < runColumn()) {
            const auto it = t.params.find(m_keys[c - FirstParam].toStdString());
            if (it == t.params.end())
                return kInf;
            bool ok = false;
            const double v = QString::fromStdString(it->second).toDouble(&ok);
            return ok ? QVariant(v) : QVariant(QString::fromStdString(it->second));
        }
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::DisplayRole)
        return c == Number ? QVariant(t.number) : QVariant(cellText(row, c));
    return {};
}

QString TrialTableModel::cellText(const TrialRow &row, int c) const
{
    const tuning::Trial &t = row.trial;
    switch (c) {
    case State: return stateText(t.state);
    case Value: return t.value ? m_styles.value(Value).text(*t.value) : QString();
    case Cost: return t.cost ? m_styles.value(Cost).text(*t.cost) : QString();
    default: break;
    }
    if (c == runColumn())
        return row.runId;
    if (c == reasonColumn())
        return QString::fromStdString(t.reason);
    const auto it = t.params.find(m_keys[c - FirstParam].toStdString());
    if (it == t.params.end())
        return QString(); // an inactive conditional param
    const auto style = m_styles.constFind(c);
    return style == m_styles.constEnd() ? QString::fromStdString(it->second)
                                        : style->text(QString::fromStdString(it->second).toDouble());
}

QVariant TrialTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number: return tr("Trial");
    case State: return tr("State");
    case Value: return tr("Value");
    case Cost: return tr("Cost");
    default: break;
    }
    if (section == runColumn())
        return tr("Run");
    if (section == reasonColumn())
        return tr("Reason");
    if (section >= FirstParam && section < runColumn())
        return m_keys[section - FirstParam];
    return {};
}

} // namespace seekbench::ui
