// The policy view's tables: the replay's numbers per policy, the predictive policy's
// changes beside the reference article's, and the fixed schedule's tuning. Their words are
// in PolicyChart's translation context, beside the chart that draws the same numbers.

#include "pdm/policy_tables.h"

#include "pdm/policy_chart.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {

QString hoursText(double h) { return QLocale().toString(h, 'f', 1); }
QString moneyText(double v) { return QLocale().toString(v, 'f', 0); }

// A reduction (0.45: 45% less) as the change it is: "−45%"; "+12%" when it is more.
QString changeText(double reduction)
{
    if (!std::isfinite(reduction))
        return QStringLiteral("—");
    const double change = -100 * reduction;
    const QString number = QLocale().toString(std::fabs(change), 'f', 0);
    if (number == QLocale().toString(0.0, 'f', 0))
        return PolicyChart::tr("%1%").arg(number);
    return PolicyChart::tr("%1%").arg((change < 0 ? QStringLiteral("−") : QStringLiteral("+")) + number);
}

double reduction(double other, double predictive) { return other > 0 ? (other - predictive) / other : std::nan(""); }

// The table as tall as its rows (up to `most` pixels), so that no empty grid shows under them.
void fitHeight(QTableWidget *table, int most = 100000)
{
    table->resizeRowsToContents();
    const int h = table->horizontalHeader()->sizeHint().height() + table->verticalHeader()->length()
                  + 2 * table->frameWidth();
    table->setFixedHeight(std::min(h, most));
}

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(number ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return item;
}

} // namespace

QString policyName(const pdm::PolicyResult &r)
{
    if (r.policy == "reactive")
        return PolicyChart::tr("Reactive");
    if (r.policy == "fixed_schedule")
        return PolicyChart::tr("Fixed schedule, every %1 days").arg(QLocale().toString(r.interval_days, 'g', 4));
    if (r.policy == "predictive")
        return PolicyChart::tr("Predictive");
    return QString::fromStdString(r.policy);
}

QList<PolicyBar> policyBars(const pdm::PolicyComparison &c)
{
    QList<PolicyBar> bars;
    for (const pdm::PolicyResult *r : {&c.reactive, &c.fixed_schedule, &c.predictive})
        bars.append({policyName(*r), r->unplanned_downtime_hours, r->planned_downtime_hours, r->downtime_cost,
                     r->parts_cost, r->crew_cost});
    return bars;
}

QTableWidget *makePolicyTable(int rows, int columns, const char *objectName, QWidget *parent)
{
    auto *table = new QTableWidget(rows, columns, parent);
    table->setObjectName(QString::fromLatin1(objectName));
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setWordWrap(true);
    return table;
}

void fillPolicyResults(QTableWidget *table, const pdm::PolicyComparison &c)
{
    const QStringList rows{PolicyChart::tr("Failures"),
                           PolicyChart::tr("Avoided failures"),
                           PolicyChart::tr("Planned actions"),
                           PolicyChart::tr("Wasted actions"),
                           PolicyChart::tr("Unplanned downtime (h)"),
                           PolicyChart::tr("Planned downtime (h)"),
                           PolicyChart::tr("Downtime (h)"),
                           PolicyChart::tr("Downtime cost"),
                           PolicyChart::tr("Parts cost"),
                           PolicyChart::tr("Crew cost"),
                           PolicyChart::tr("Total cost")};
    table->setRowCount(int(rows.size()));
    table->setColumnCount(3);
    table->setVerticalHeaderLabels(rows);
    const QLocale l;
    int column = 0;
    QStringList names;
    for (const pdm::PolicyResult *r : {&c.reactive, &c.fixed_schedule, &c.predictive}) {
        names << policyName(*r);
        const QStringList values{l.toString(r->failures),
                                 l.toString(r->avoided_failures),
                                 l.toString(r->planned_actions),
                                 l.toString(r->wasted_actions),
                                 hoursText(r->unplanned_downtime_hours),
                                 hoursText(r->planned_downtime_hours),
                                 hoursText(r->downtime_hours),
                                 moneyText(r->downtime_cost),
                                 moneyText(r->parts_cost),
                                 moneyText(r->crew_cost),
                                 moneyText(r->total_cost)};
        for (int row = 0; row < values.size(); ++row)
            table->setItem(row, column, cell(values[row]));
        ++column;
    }
    names[1] = PolicyChart::tr("Fixed schedule\nevery %1 days")
                   .arg(QLocale().toString(c.fixed_schedule.interval_days, 'g', 4));
    table->setHorizontalHeaderLabels(names);
    for (int col = 0; col < 3; ++col) {
        QFont bold = table->font();
        bold.setBold(true);
        table->item(int(rows.size()) - 1, col)->setFont(bold);
        table->item(6, col)->setFont(bold);
    }
    fitHeight(table);
}

void fillPolicyReductions(QTableWidget *table, const pdm::PolicyComparison &c)
{
    table->setRowCount(3);
    table->setColumnCount(3);
    table->setHorizontalHeaderLabels({PolicyChart::tr("vs reactive"), PolicyChart::tr("vs fixed\nschedule"),
                                      PolicyChart::tr("Article\n(car plant)")});
    table->setVerticalHeaderLabels(
        {PolicyChart::tr("Unplanned downtime"), PolicyChart::tr("All downtime"), PolicyChart::tr("Maintenance cost")});
    const pdm::PolicyResult &p = c.predictive;
    const double values[3][3] = {{reduction(c.reactive.unplanned_downtime_hours, p.unplanned_downtime_hours),
                                  reduction(c.fixed_schedule.unplanned_downtime_hours, p.unplanned_downtime_hours),
                                  0.45},
                                 {c.downtime_reduction_vs_reactive, c.downtime_reduction_vs_fixed, std::nan("")},
                                 {c.cost_reduction_vs_reactive, c.cost_reduction_vs_fixed, 0.28}};
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) {
            QTableWidgetItem *item = cell(changeText(values[row][col]));
            if (col == 2)
                item->setToolTip(PolicyChart::tr("The reference article's figure, from a car plant."));
            table->setItem(row, col, item);
        }
    fitHeight(table);
}

void fillScheduleTuning(QTableWidget *table, QLabel *summary, const pdm::ScheduleTuning &t)
{
    const QLocale l;
    table->setHorizontalHeaderLabels({PolicyChart::tr("Every"), PolicyChart::tr("Total cost on validation")});
    table->verticalHeader()->hide();
    const int n = int(std::min(t.interval_days.size(), t.total_cost.size()));
    table->setRowCount(n);
    for (int i = 0; i < n; ++i) {
        const double days = t.interval_days[std::size_t(i)];
        const bool chosen = days == t.chosen_days;
        QTableWidgetItem *every = cell(chosen ? PolicyChart::tr("%1 days (chosen)").arg(l.toString(days, 'g', 4))
                                              : PolicyChart::tr("%1 days").arg(l.toString(days, 'g', 4)),
                                       false);
        QTableWidgetItem *cost = cell(moneyText(t.total_cost[std::size_t(i)]));
        QFont font = table->font();
        font.setBold(chosen);
        every->setFont(font);
        cost->setFont(font);
        table->setItem(i, 0, every);
        table->setItem(i, 1, cost);
    }
    fitHeight(table, 320);
    summary->setText(PolicyChart::tr("Each interval's total cost when replayed on the validation machines. The "
                                     "cheapest, every %1 days, is the one replayed on the test machines.")
                         .arg(l.toString(t.chosen_days, 'g', 4)));
}

} // namespace seekbench::ui
