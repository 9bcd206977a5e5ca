#include "pdm/machine_view.h"

#include "pdm/machine_charts.h"
#include "pdm/pdm_report_writer.h"
#include "pdm/pdm_text.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/attention_band.h"
#include "seekbench/widgets/contribution_chart.h"
#include "seekbench/widgets/importance_chart.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {
// Scores of a model are probabilities, shown as percentages; a rule's (the fixture's
// threshold rule) are not, and are shown as numbers: the same way for every score of a run.
bool scoresAreProbabilities(const MachineData &d)
{
    return std::all_of(d.scores.scores.begin(), d.scores.scores.end(), [](float v) { return v >= 0 && v <= 1; });
}

QLabel *sectionTitle(QWidget *parent)
{
    auto *l = new QLabel(parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}
} // namespace

MachineView::MachineView(std::shared_ptr<const projects::Project> project, QWidget *parent)
    : QWidget(parent), m_project(std::move(project))
{
    qRegisterMetaType<std::shared_ptr<seekbench::ui::MachineData>>();
    m_loader = new MachineLoader(m_project, this);
    connect(m_loader, &MachineLoader::loaded, this, &MachineView::onLoaded);
    connect(m_loader, &MachineLoader::failed, this, &MachineView::onFailed);

    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    auto *words = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("machineFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    words->addWidget(m_title);
    words->addWidget(m_facts);
    head->addLayout(words, 1);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveCaseReport"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &MachineView::saveReport);
    head->addWidget(m_save, 0, Qt::AlignTop);
    layout->addLayout(head);
    m_fleetMessage = new QLabel(this);
    m_fleetMessage->setObjectName(QStringLiteral("fleetMessage"));
    m_fleetMessage->setWordWrap(true);
    m_fleetMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fleetMessage->hide();
    layout->addWidget(m_fleetMessage);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_status);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_charts = new MachineCharts(split);
    auto *side = new QSplitter(Qt::Vertical, split);
    const auto panel = [side](QLabel *&title, QWidget *body) {
        auto *box = new QWidget(side);
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(4, 4, 0, 0);
        title = sectionTitle(box);
        l->addWidget(title);
        body->setParent(box);
        l->addWidget(body, 1);
    };
    m_table = new QTableWidget(0, 5);
    m_table->setObjectName(QStringLiteral("machineAlerts"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &MachineView::onRowSelected);
    panel(m_alertsTitle, m_table);
    m_sensorBars = new widgets::ImportanceChart;
    m_sensorBars->setObjectName(QStringLiteral("sensorAttention"));
    panel(m_sensorTitle, m_sensorBars);
    m_contributions = new widgets::ContributionChart;
    m_contributions->setObjectName(QStringLiteral("contributions"));
    panel(m_whyTitle, m_contributions);
    side->setSizes({230, 230, 340});
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 2);
    split->setSizes({940, 460});
    layout->addWidget(split, 1);

    connect(&m_saving, &QFutureWatcher<QString>::finished, this, [this] {
        m_save->setEnabled(true);
        const QString error = m_saving.result();
        m_status->setText(error.isEmpty() ? tr("Case report saved to %1").arg(m_savingPath) : error);
        m_status->show();
    });
    retranslate();
}

MachineView::~MachineView() { m_saving.waitForFinished(); }

void MachineView::showMachine(const QString &runId, int machine, qint64 alertId)
{
    m_pendingAlert = alertId;
    m_title->setText(tr("Machine %1").arg(machine));
    m_facts->setText(tr("Loading…"));
    m_save->setEnabled(false);
    m_loader->load(runId, machine);
}

void MachineView::onFailed(const QString &message)
{
    m_data.reset();
    m_title->setText(tr("Cannot open this machine"));
    m_facts->setText(message);
    m_table->setRowCount(0);
    Q_EMIT failed(message);
}

void MachineView::onLoaded(const std::shared_ptr<MachineData> &data)
{
    m_data = data;
    m_probabilities = scoresAreProbabilities(*data);
    fillHeader();
    m_fleetMessage->setVisible(!data->fleetProblem.isEmpty());
    m_fleetMessage->setText(QStringLiteral("⚠ ") + data->fleetProblem);
    m_status->hide();
    m_charts->setData(data);
    fillTable();
    qint64 wanted = m_pendingAlert;
    const bool known = std::any_of(data->alerts.begin(), data->alerts.end(),
                                   [wanted](const pdm::AlertRecord &a) { return a.id == wanted; });
    if (wanted >= 0 && !known) {
        m_status->setText(tr("Alert %1 is not one of this machine's alerts; showing its latest.").arg(wanted));
        m_status->show();
    }
    if (wanted < 0 || !known)
        wanted = data->alerts.empty() ? -1 : data->alerts.back().id;
    selectAlert(wanted);
    m_save->setEnabled(true);
    Q_EMIT loaded();
}

QString MachineView::scoreText(double v) const
{
    return m_probabilities ? PdmText::percent(v) : QString::number(v, 'g', 3);
}

void MachineView::fillHeader()
{
    const MachineData &d = *m_data;
    const auto unit = d.run.timeUnit;
    m_title->setText(tr("%1 — run %2").arg(QString::fromStdString(d.health.name), QString::fromStdString(d.run.runId)));
    const QString split = d.health.split == pdm::Split::Test
                              ? tr("test machine, held out from training and threshold tuning")
                          : d.health.split == pdm::Split::Validation ? tr("validation machine (thresholds tuned on it)")
                                                                     : tr("training machine");
    const QString mode = d.health.risk_mode >= 0 && std::size_t(d.health.risk_mode) < d.run.modes.size()
                             ? PdmText::mode(d.run.modes[std::size_t(d.health.risk_mode)])
                             : QString();
    const QString risk = mode.isEmpty() ? scoreText(d.health.risk) : tr("%1 (%2)").arg(scoreText(d.health.risk), mode);
    m_facts->setText(tr("%1 · risk now %2 · predicted RUL %3 · alerts: %4 · failures: %5")
                         .arg(split, risk, PdmText::duration(d.health.rul, unit))
                         .arg(d.health.alerts)
                         .arg(d.health.failures));
}

void MachineView::fillTable()
{
    const MachineData &d = *m_data;
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    const auto add = [this](const QStringList &cells, qint64 id) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, id);
            m_table->setItem(row, c, item);
        }
    };
    // The machine's last window first (its attention, no alert), then its alerts, newest first.
    add({PdmText::time(d.health.last_time, d.run.timeUnit), tr("last window"), scoreText(d.health.risk), QString(),
         PdmText::split(d.health.split)},
        -1);
    for (auto it = d.alerts.rbegin(); it != d.alerts.rend(); ++it) {
        const auto &a = *it;
        const QString mode = a.alert.mode >= 0 && std::size_t(a.alert.mode) < d.run.modes.size()
                                 ? PdmText::mode(d.run.modes[std::size_t(a.alert.mode)])
                                 : QString::number(a.alert.mode);
        add({PdmText::time(a.alert.time, d.run.timeUnit), mode, scoreText(a.alert.score),
             a.alert.isTrue() ? PdmText::duration(a.alert.lead, d.run.timeUnit) : tr("false alert"),
             PdmText::split(a.split)},
            a.id);
    }
    m_table->resizeColumnsToContents();
}

qint64 MachineView::selectedAlert() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_table->item(rows.front().row(), 0)->data(Qt::UserRole).toLongLong();
}

void MachineView::selectAlert(qint64 alertId)
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0)->data(Qt::UserRole).toLongLong() == alertId) {
            m_table->selectRow(r);
            onRowSelected(); // also when the row was selected already
            return;
        }
}

void MachineView::onRowSelected()
{
    if (!m_data)
        return;
    const qint64 id = selectedAlert();
    const auto it = std::find_if(m_data->alerts.begin(), m_data->alerts.end(),
                                 [id](const pdm::AlertRecord &a) { return a.id == id; });
    showSelection(it == m_data->alerts.end() ? nullptr : &*it);
    m_charts->focusSelection(); // the window and its failure, large enough to read
}

void MachineView::showSelection(const pdm::AlertRecord *alert)
{
    const MachineData &d = *m_data;
    // An alert's own window (its first), else the machine's last window.
    m_charts->setSelection(alert ? alert->alert.time : d.health.last_time, alert ? alert->temporal : d.health.temporal,
                           alert);
    const std::vector<float> &share = alert ? alert->sensor : d.health.sensor;
    QList<widgets::ParameterImportance> bars;
    for (std::size_t k = 0; k < share.size() && k < d.run.sensors.size(); ++k)
        bars.append({PdmText::sensor(d.run.sensors[k]), share[k], 0});
    m_sensorBars->setImportances(bars);
    showContributions(alert);
}

QString MachineView::featureName(const std::string &feature) const
{
    // "vibration_rms.mean.slope": the sensor's own name, then the summary as it is.
    const auto dot = feature.find('.');
    const std::string head = feature.substr(0, dot);
    if (head == "embedding" && dot != std::string::npos) // the sensor model's learnt summary of the window
        return tr("LSTM embedding %1").arg(QString::fromStdString(feature.substr(dot + 1)));
    const auto &sensors = m_data->sensors.empty() ? m_data->run.sensors : m_data->sensors;
    if (dot == std::string::npos || std::find(sensors.begin(), sensors.end(), head) == sensors.end())
        return QString::fromStdString(feature);
    return tr("%1 · %2").arg(PdmText::sensor(head), QString::fromStdString(feature.substr(dot + 1)));
}

void MachineView::showContributions(const pdm::AlertRecord *alert)
{
    QList<widgets::Contribution> items;
    if (!alert) {
        m_contributions->setPlaceholder(
            tr("Contributions are kept for alerts: select an alert to see why it was raised."));
        m_contributions->setContributions(items, QString());
        return;
    }
    const pdm::AlertExplanation &e = alert->explanation;
    for (const auto &c : e.top)
        items.append({featureName(c.name),
                      tr("%1\nvalue %2\ncontribution %3 log-odds")
                          .arg(QString::fromStdString(c.name))
                          .arg(double(c.value), 0, 'g', 4)
                          .arg(double(c.contribution), 0, 'f', 3),
                      c.contribution});
    QString summary;
    if (!items.isEmpty())
        summary = tr("Bias %1 + contributions = %2 log-odds: score %3 for %4")
                      .arg(double(e.bias), 0, 'f', 2)
                      .arg(double(e.margin), 0, 'f', 2)
                      .arg(PdmText::percent(e.score), PdmText::mode(e.mode)); // XGBoost: a probability
    // Global importance beside the alert's own reasons: the gain shares the run's evaluation
    // kept for this mode (read off the GUI thread by the loader).
    QStringList shares;
    if (m_data)
        for (const auto &[feature, share] : m_data->fleetImportance.value(QString::fromStdString(e.mode)).mid(0, 3))
            shares << tr("%1 %2").arg(featureName(feature.toStdString()), PdmText::percent(share));
    if (!items.isEmpty() && !shares.isEmpty())
        summary += QLatin1Char('\n') + tr("Across the fleet it relies most on: %1").arg(shares.join(tr(", ")));
    const QString note = QString::fromStdString(e.note);
    if (!note.isEmpty())
        summary = summary.isEmpty() ? note : summary + QLatin1Char('\n') + note;
    m_contributions->setPlaceholder(note.isEmpty() ? tr("No contributions were kept for this alert.") : note);
    m_contributions->setContributions(items, items.isEmpty() ? QString() : summary);
}

void MachineView::saveReport()
{
    if (!m_data || m_saving.isRunning())
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save case report"), QString(),
                                                tr("Web page (*.html);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QStringLiteral("html") && suffix != QStringLiteral("pdf"))
        path += QStringLiteral(".html");
    projects::PdmCaseRequest request;
    if (const qint64 id = selectedAlert(); id >= 0)
        request.alertId = id;
    request.runId = m_data->run.runId;
    request.machineName = m_data->health.name;
    m_savingPath = path;
    m_save->setEnabled(false);
    m_status->setText(tr("Writing the case report…"));
    m_status->show();
    auto project = m_project;
    m_saving.setFuture(
        QtConcurrent::run([project, request, path] { return PdmReportWriter::write(*project, request, path); }));
}

void MachineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MachineView::retranslate()
{
    m_save->setText(tr("Save case report…"));
    m_alertsTitle->setText(tr("Alerts of this machine"));
    m_sensorTitle->setText(tr("Attention per sensor (selected window)"));
    m_whyTitle->setText(tr("Why the model alerted (XGBoost contributions)"));
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Mode"), tr("Score"), tr("Lead time"), tr("Split")});
    m_sensorBars->setPlaceholder(tr("No attention kept for this window"));
    m_contributions->setLegend(tr("raises the failure score"), tr("lowers it"));
    if (m_data) {
        const qint64 selected = selectedAlert();
        fillHeader();
        fillTable();
        selectAlert(selected);
    }
}

} // namespace seekbench::ui
