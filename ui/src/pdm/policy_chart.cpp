#include "pdm/policy_chart.h"

#include "seekbench/widgets/run_palette.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QTableWidget>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {

constexpr double kMargin = 10;

// A round step giving about `ticks` ticks up to `max`: 1, 2 or 5 times a power of ten.
double niceStep(double max, int ticks)
{
    if (!(max > 0))
        return 1;
    const double raw = max / ticks, power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power)
            return m * power;
    return 10 * power;
}

// Black or white, whichever reads better on `fill`.
QColor textOn(const QColor &fill)
{
    const double luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return luminance > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

PolicyChart::PolicyChart(QWidget *parent) : QWidget(parent), m_placeholder(tr("No replay yet."))
{
    setObjectName(QStringLiteral("pdmPolicyChart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PolicyChart::setPolicies(const QList<PolicyBar> &bars)
{
    m_bars = bars;
    update();
}

void PolicyChart::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

void PolicyChart::setOutOfDate(bool outOfDate)
{
    m_outOfDate = outOfDate;
    update();
}

QSize PolicyChart::sizeHint() const { return {720, 320}; }

QSize PolicyChart::minimumSizeHint() const { return {420, 240}; }

QString PolicyChart::compact(double value)
{
    const QLocale l;
    const double a = std::fabs(value);
    if (a >= 1e6)
        return tr("%1 M").arg(l.toString(value / 1e6, 'f', a >= 1e7 ? 0 : 1));
    if (a >= 1e4)
        return tr("%1 k").arg(l.toString(value / 1e3, 'f', 0));
    return l.toString(value, 'f', a >= 100 || a == std::floor(a) ? 0 : 1);
}

void PolicyChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_bars.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_outOfDate)
        painter.setOpacity(0.45);
    QList<QList<double>> hours, cost;
    for (const PolicyBar &b : m_bars) {
        hours.append({b.unplannedHours, b.plannedHours});
        cost.append({b.downtimeCost, b.partsCost, b.crewCost});
    }
    const double half = width() / 2.0;
    paintPanel(painter, QRectF(0, 0, half, height()), tr("Downtime (hours)"),
               {{tr("Unplanned"), widgets::runColor(1)}, {tr("Planned"), widgets::runColor(0)}}, hours, true);
    paintPanel(painter, QRectF(half, 0, width() - half, height()), tr("Cost"),
               {{tr("Downtime"), widgets::runColor(5)},
                {tr("Parts"), widgets::runColor(3)},
                {tr("Crew"), widgets::runColor(4)}},
               cost, false);
    if (m_outOfDate) {
        painter.setOpacity(1);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(rect().adjusted(0, 6, -int(kMargin), 0), Qt::AlignRight | Qt::AlignTop,
                         tr("Out of date: the last valid settings' results"));
    }
}

void PolicyChart::paintPanel(QPainter &painter, const QRectF &area, const QString &title,
                             const QList<Segment> &segments, const QList<QList<double>> &values, bool hours) const
{
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF fm(font());
    const double line = fm.height();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(QRectF(area.left() + kMargin, area.top() + 6, area.width() - 2 * kMargin, line),
                     Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setFont(font());
    // The legend, one swatch a segment, on the line below the title.
    double x = area.left() + kMargin;
    const double legendY = area.top() + 8 + line;
    for (const Segment &s : segments) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(s.color);
        painter.drawRect(QRectF(x, legendY + line / 2 - 5, 10, 10));
        painter.setPen(text);
        const double w = fm.horizontalAdvance(s.label);
        painter.drawText(QRectF(x + 14, legendY, w + 2, line), Qt::AlignLeft | Qt::AlignVCenter, s.label);
        x += 14 + w + 16;
    }

    double max = 0;
    for (const QList<double> &bar : values) {
        double sum = 0;
        for (double v : bar)
            sum += std::max(0.0, v);
        max = std::max(max, sum);
    }
    const double step = niceStep(max, 4), top = std::max(step, std::ceil(max / step) * step);
    double axisWidth = 0;
    for (double t = 0; t <= top + step / 2; t += step)
        axisWidth = std::max(axisWidth, fm.horizontalAdvance(compact(t)));
    const double nameLines = 2 * line + 6;
    const QRectF plot(area.left() + kMargin + axisWidth + 6, legendY + line + 8 + line,
                      area.width() - 2 * kMargin - axisWidth - 6, 0);
    const double bottom = area.bottom() - nameLines - 4;
    const double plotHeight = std::max(20.0, bottom - plot.top());
    const auto yOf = [&](double v) { return bottom - v / top * plotHeight; };

    QColor grid = palette().color(QPalette::Mid);
    grid.setAlpha(110);
    for (double t = 0; t <= top + step / 2; t += step) {
        const double y = yOf(t);
        painter.setPen(QPen(grid, 1, Qt::DotLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(QRectF(area.left() + kMargin, y - line / 2, axisWidth, line),
                         Qt::AlignRight | Qt::AlignVCenter, compact(t));
    }
    painter.setPen(QPen(text, 1));
    painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom));

    const int n = int(values.size());
    const double slot = plot.width() / std::max(1, n), barWidth = std::min(slot * 0.55, 96.0);
    for (int i = 0; i < n; ++i) {
        const double cx = plot.left() + slot * (i + 0.5);
        double base = 0;
        for (int s = 0; s < segments.size() && s < values[i].size(); ++s) {
            const double v = std::max(0.0, values[i][s]);
            if (v <= 0)
                continue;
            const QRectF r(QPointF(cx - barWidth / 2, yOf(base + v)), QPointF(cx + barWidth / 2, yOf(base)));
            painter.setPen(Qt::NoPen);
            painter.setBrush(segments[s].color);
            painter.drawRect(r);
            // A segment's own value where it is tall enough to hold it.
            if (r.height() > line + 2 && segments.size() > 1) {
                painter.setPen(textOn(segments[s].color));
                painter.drawText(r, Qt::AlignCenter, compact(v));
            }
            base += v;
        }
        painter.setPen(text);
        const QString total = hours ? tr("%1 h").arg(compact(base)) : compact(base);
        painter.drawText(QRectF(cx - slot / 2, yOf(base) - line - 2, slot, line), Qt::AlignHCenter | Qt::AlignBottom,
                         total);
        painter.drawText(QRectF(cx - slot / 2 + 2, bottom + 4, slot - 4, nameLines),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_bars.value(i).name);
    }
}

} // namespace seekbench::ui

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
