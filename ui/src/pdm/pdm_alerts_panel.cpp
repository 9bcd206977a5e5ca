#include "pdm/pdm_alerts_panel.h"

#include "pdm/pdm_run_loader.h"
#include "pdm/pdm_text.h"
#include "seekbench/widgets/alert_timeline.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace seekbench::ui {

namespace {
// How far above its threshold the score is, as a share of the way to 1.
quint8 severityOf(const pdm::AlertRecord &a)
{
    const double room = std::max(1e-6, 1.0 - a.threshold);
    const double above = (double(a.alert.score) - a.threshold) / room;
    return above >= 0.5 ? 2 : above >= 0.2 ? 1 : 0;
}
} // namespace

PdmAlertsPanel::PdmAlertsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pdmAlertsPanel"));
    m_timeline = new widgets::AlertTimeline(this);
    m_timeline->setObjectName(QStringLiteral("pdmAlertTimeline"));
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("pdmAlertTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumWidth(380);
    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("alertSplitFilter"));
    for (int s : {-1, int(pdm::Split::Train), int(pdm::Split::Validation), int(pdm::Split::Test)})
        m_split->addItem(QString(), s);
    m_split->setCurrentIndex(3); // held-out machines: what the model's figures are about
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("alertModeFilter"));
    m_mode->addItem(QString(), -1);
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("alertOutcomeFilter"));
    for (Outcome o : {Outcome::All, Outcome::True, Outcome::False})
        m_outcome->addItem(QString(), int(o));
    m_splitLabel = new QLabel(this);
    m_modeLabel = new QLabel(this);
    m_outcomeLabel = new QLabel(this);
    m_legend = new QLabel(this);
    m_legend->setWordWrap(true);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("pdmAlertsInfo"));
    m_info->setWordWrap(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_splitLabel);
    filters->addWidget(m_split);
    filters->addSpacing(12);
    filters->addWidget(m_modeLabel);
    filters->addWidget(m_mode);
    filters->addSpacing(12);
    filters->addWidget(m_outcomeLabel);
    filters->addWidget(m_outcome);
    filters->addStretch(1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_timeline);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_legend);
    layout->addWidget(m_info);

    for (QComboBox *box : {m_split, m_mode, m_outcome})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &PdmAlertsPanel::applyFilters);
    m_tableTimer.setSingleShot(true);
    m_tableTimer.setInterval(60);
    connect(&m_tableTimer, &QTimer::timeout, this, &PdmAlertsPanel::fillTable);
    connect(m_timeline, &widgets::AlertTimeline::visibleRangeChanged, this, [this] { m_tableTimer.start(); });
    connect(m_timeline, &widgets::AlertTimeline::alertActivated, this, [this](qint64 id) {
        const auto it = m_machineOf.find(id);
        if (it != m_machineOf.end())
            Q_EMIT alertActivated(id, it->second);
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const QTableWidgetItem *item = m_table->item(row, 0);
        if (item)
            Q_EMIT alertActivated(item->data(Qt::UserRole).toLongLong(), item->data(Qt::UserRole + 1).toInt());
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (const QTableWidgetItem *item = m_table->item(row, 0))
            m_timeline->setSelectedAlert(item->data(Qt::UserRole).toLongLong());
    });
    retranslate();
}

void PdmAlertsPanel::setData(std::shared_ptr<const PdmRunData> data)
{
    m_data = std::move(data);
    m_machineOf.clear();
    m_names.clear();
    if (!m_data || !m_data->error.isEmpty()) {
        showMessage(m_data ? m_data->error : QString());
        return;
    }
    for (const auto &m : m_data->machines)
        m_names[m.machine] = QString::fromStdString(m.name);
    for (const auto &a : m_data->alerts)
        m_machineOf[a.id] = a.alert.machine;
    const bool cycles = m_data->run.timeUnit == pdm::TimeUnit::Cycles;
    m_timeline->setTimeAxis(cycles ? widgets::AlertTimeline::TimeAxis::Numbers : widgets::AlertTimeline::TimeAxis::Dates,
                            cycles ? tr("cycle") : QString());
    QStringList lanes;
    for (const auto &m : m_data->run.modes)
        lanes << PdmText::mode(m);
    m_timeline->setLaneNames(lanes);
    // The mode filter lists the run's modes; the choice is kept when the new run has it.
    const int mode = m_mode->currentData().toInt();
    {
        const QSignalBlocker block(m_mode);
        while (m_mode->count() > 1)
            m_mode->removeItem(1);
        for (int i = 0; i < int(lanes.size()); ++i)
            m_mode->addItem(lanes[i], i);
        m_mode->setCurrentIndex(std::max(0, m_mode->findData(mode)));
    }
    applyFilters();
}

void PdmAlertsPanel::showMessage(const QString &message)
{
    m_data.reset();
    m_shown.clear();
    m_timeline->setAlerts({});
    m_table->setRowCount(0);
    m_info->setText(message);
}

void PdmAlertsPanel::setSplitFilter(std::optional<pdm::Split> split)
{
    m_split->setCurrentIndex(split ? m_split->findData(int(*split)) : 0);
}

void PdmAlertsPanel::setModeFilter(int mode) { m_mode->setCurrentIndex(std::max(0, m_mode->findData(mode))); }

void PdmAlertsPanel::setOutcomeFilter(Outcome outcome)
{
    m_outcome->setCurrentIndex(m_outcome->findData(int(outcome)));
}

QString PdmAlertsPanel::infoText() const { return m_info->text(); }

QString PdmAlertsPanel::machineName(int machine) const
{
    const auto it = m_names.find(machine);
    return it != m_names.end() ? it->second : tr("machine %1").arg(machine);
}

void PdmAlertsPanel::applyFilters()
{
    m_shown.clear();
    if (!m_data)
        return;
    const int split = m_split->currentData().toInt(), mode = m_mode->currentData().toInt();
    const auto outcome = Outcome(m_outcome->currentData().toInt());
    // The height is the score on 0..1; scores past 1 (a model that is not a probability)
    // are scaled to the run's highest so they still spread over the lane.
    double top = 1;
    for (const auto &a : m_data->alerts)
        top = std::max(top, double(a.alert.score));
    QVector<widgets::TimelineAlert> points;
    for (const auto &a : m_data->alerts) {
        if ((split >= 0 && int(a.split) != split) || (mode >= 0 && a.alert.mode != mode)
            || (outcome == Outcome::True && !a.alert.isTrue()) || (outcome == Outcome::False && a.alert.isTrue()))
            continue;
        m_shown.push_back(&a);
        widgets::TimelineAlert t;
        t.id = a.id;
        t.ts = a.alert.time;
        t.score = float(a.alert.score / top);
        t.severity = severityOf(a);
        t.lane = quint8(std::clamp(a.alert.mode, 0, 255));
        t.endTs = a.alert.isTrue() ? a.failure_time : std::numeric_limits<double>::quiet_NaN();
        points.push_back(t);
    }
    m_timeline->setAlerts(points); // by time, as the store gives them
    int trueAlerts = 0;
    for (const auto *a : m_shown)
        trueAlerts += a->alert.isTrue();
    const QString run = m_data->runName.isEmpty() ? m_data->runId : m_data->runName;
    m_info->setText(
        tr("%n alert(s) shown of %1 in run %2", nullptr, int(m_shown.size())).arg(m_data->alerts.size()).arg(run)
        + QStringLiteral(" · ") + tr("%n before a failure", nullptr, trueAlerts) + QStringLiteral(" · ")
        + tr("%n false", nullptr, int(m_shown.size()) - trueAlerts));
    fillTable();
}

// The alerts in the timeline's visible range, by time.
void PdmAlertsPanel::fillTable()
{
    m_tableTimer.stop();
    const auto [from, to] = m_timeline->visibleRange();
    const pdm::TimeUnit unit = m_data ? m_data->run.timeUnit : pdm::TimeUnit::Seconds;
    m_table->setUpdatesEnabled(false);
    m_table->clearContents();
    std::vector<const pdm::AlertRecord *> inView;
    for (const auto *a : m_shown)
        if (a->alert.time >= from && a->alert.time <= to)
            inView.push_back(a);
    m_table->setRowCount(int(inView.size()));
    int row = 0;
    for (const auto *a : inView) {
        const QString mode = a->alert.mode >= 0 && std::size_t(a->alert.mode) < m_data->run.modes.size()
                                 ? PdmText::mode(m_data->run.modes[std::size_t(a->alert.mode)])
                                 : QString::number(a->alert.mode);
        const QString cells[] = {machineName(a->alert.machine), mode, PdmText::time(a->alert.time, unit),
                                 PdmText::percent(a->alert.score),
                                 a->alert.isTrue() ? PdmText::duration(a->alert.lead, unit) : tr("false alert")};
        for (int c = 0; c < 5; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 3 || c == 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, c, item);
        }
        m_table->item(row, 0)->setData(Qt::UserRole, qint64(a->id));
        m_table->item(row, 0)->setData(Qt::UserRole + 1, a->alert.machine);
        m_table->item(row, 3)->setToolTip(tr("Threshold of its mode: %1").arg(PdmText::percent(a->threshold)));
        ++row;
    }
    m_table->resizeColumnsToContents();
    m_table->setUpdatesEnabled(true);
}

void PdmAlertsPanel::retranslate()
{
    m_splitLabel->setText(tr("Machines:"));
    m_split->setItemText(0, tr("All"));
    m_split->setItemText(1, tr("Training"));
    m_split->setItemText(2, tr("Validation"));
    m_split->setItemText(3, tr("Test (held out)"));
    m_modeLabel->setText(tr("Failure mode:"));
    m_mode->setItemText(0, tr("All"));
    m_outcomeLabel->setText(tr("Alerts:"));
    m_outcome->setItemText(0, tr("All"));
    m_outcome->setItemText(1, tr("Before a failure"));
    m_outcome->setItemText(2, tr("False alerts"));
    m_table->setHorizontalHeaderLabels({tr("Machine"), tr("Failure mode"), tr("Raised"), tr("Score"), tr("Lead time")});
    m_legend->setText(tr("One lane per failure mode; height: score; colour and size: how far above its threshold "
                         "(blue just above, orange well above, red far above). A line to a cross: the lead time to "
                         "the failure the alert matched. Wheel: zoom, drag: pan, double-click: all. Click an alert "
                         "to open its machine; the table lists the alerts in view."));
}

void PdmAlertsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace seekbench::ui
