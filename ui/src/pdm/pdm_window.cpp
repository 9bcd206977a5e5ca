#include "pdm/pdm_window.h"

#include "pdm/fleet_overview.h"
#include "pdm/machine_view.h"
#include "pdm/pdm_alerts_panel.h"
#include "pdm/pdm_text.h"
#include "pdm/policy_view.h"
#include "seekbench/projects/project.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QShowEvent>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace seekbench::ui {

PdmWindow::PdmWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent)
    : QMainWindow(parent), m_project(std::move(project)), m_projectDir(projectDir)
{
    setObjectName(QStringLiteral("pdmWindow"));
    resize(1280, 820);
    m_loader = new PdmRunLoader(m_project, this);
    m_runs = new QComboBox(this);
    m_runs->setObjectName(QStringLiteral("pdmRunPicker"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runLabel = new QLabel(this);
    m_runInfo = new QLabel(this);
    m_runInfo->setObjectName(QStringLiteral("pdmRunInfo"));
    m_runInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fleet = new FleetOverview(this);
    m_alerts = new PdmAlertsPanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pdmTabs"));
    m_tabs->addTab(m_fleet, QString());
    m_tabs->addTab(m_alerts, QString());
    m_machine = new MachineView(m_project, this);
    m_policy = new PolicyView(m_project, this);
    m_tabs->addTab(m_machine, QString());
    m_tabs->addTab(m_policy, QString());

    auto *central = new QWidget(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_runLabel);
    top->addWidget(m_runs);
    top->addSpacing(12);
    top->addWidget(m_runInfo, 1);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    connect(m_loader, &PdmRunLoader::runsListed, this, &PdmWindow::onRunsListed);
    connect(m_loader, &PdmRunLoader::loaded, this, &PdmWindow::onLoaded);
    connect(m_loader, &PdmRunLoader::failed, this, &PdmWindow::onFailed);
    connect(m_runs, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { setRun(m_runs->itemData(i).toString()); });
    connect(m_fleet, &FleetOverview::demoReady, this, &PdmWindow::reload);
    connect(m_fleet, &FleetOverview::machineActivated, this,
            [this](int machine) { Q_EMIT machineRequested(m_runId, machine, -1); });
    connect(m_alerts, &PdmAlertsPanel::alertActivated, this,
            [this](qint64 id, int machine) { Q_EMIT machineRequested(m_runId, machine, id); });
    // A machine asked for from the fleet or an alert opens on the Machine tab; the policies
    // follow the run picked.
    connect(this, &PdmWindow::machineRequested, this, [this](const QString &runId, int machine, qint64 alertId) {
        m_machine->showMachine(runId, machine, alertId);
        m_tabs->setCurrentWidget(m_machine);
    });
    connect(this, &PdmWindow::runChanged, this, [this](const QString &runId) {
        if (!runId.isEmpty())
            m_policy->showRun(runId);
    });
    retranslate();
    m_loader->listRuns();
}

void PdmWindow::addPage(QWidget *page, const QString &title) { m_tabs->addTab(page, title); }

void PdmWindow::reload() { m_loader->listRuns(); }

void PdmWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous() && !m_loader->isListing())
        reload();
}

bool PdmWindow::setRun(const QString &runId)
{
    const int i = m_runs->findData(runId);
    if (i < 0)
        return false;
    m_runs->setCurrentIndex(i);
    const bool changed = runId != m_runId;
    m_runId = runId;
    m_loader->load(runId);
    if (changed)
        Q_EMIT runChanged(runId);
    return true;
}

void PdmWindow::onRunsListed(const QVector<PdmRunChoice> &runs, const QString &error)
{
    if (!error.isEmpty()) {
        m_fleet->showError(error);
        m_alerts->showMessage(error);
        statusBar()->showMessage(error, 10000);
        return;
    }
    {
        const QSignalBlocker block(m_runs);
        m_runs->clear();
        for (const PdmRunChoice &r : runs) {
            const QString when = QDateTime::fromSecsSinceEpoch(qint64(r.createdAt), Qt::UTC)
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            const QString title = r.name.isEmpty() || r.name == r.runId ? r.runId : tr("%1 (%2)").arg(r.name, r.runId);
            m_runs->addItem(tr("%1 — fleet %2, %3").arg(title, r.fleet, when), r.runId);
        }
    }
    m_runs->setEnabled(!runs.isEmpty());
    if (runs.isEmpty()) {
        const bool changed = !m_runId.isEmpty();
        m_runId.clear();
        m_data.reset();
        m_runInfo->clear();
        m_fleet->showNoRuns(m_projectDir, m_project->isReadOnly());
        m_alerts->showMessage(tr("No predictive maintenance results in this project yet."));
        if (changed)
            Q_EMIT runChanged(QString());
        return;
    }
    // The run shown stays when it still has results; else the newest.
    setRun(m_runs->findData(m_runId) >= 0 ? m_runId : runs.front().runId);
}

void PdmWindow::onLoaded(std::shared_ptr<const PdmRunData> data)
{
    if (data->runId != m_runId)
        return; // a run picked before this one
    m_data = data;
    m_fleet->setData(data);
    m_alerts->setData(data);
    const bool cycles = data->run.timeUnit == pdm::TimeUnit::Cycles;
    m_runInfo->setText(
        tr("%n machine(s), alerts: %1; times in %2; prediction horizon %3", nullptr, int(data->machines.size()))
            .arg(data->alerts.size())
            .arg(cycles ? tr("cycles") : tr("UTC"))
            .arg(PdmText::duration(data->run.horizon, data->run.timeUnit)));
    Q_EMIT runLoaded(data);
}

void PdmWindow::onFailed(const QString &runId, const QString &message)
{
    if (runId != m_runId)
        return;
    m_data.reset();
    m_runInfo->clear();
    m_fleet->showError(message);
    m_alerts->showMessage(message);
    statusBar()->showMessage(message, 10000);
}

void PdmWindow::retranslate()
{
    setWindowTitle(tr("Predictive maintenance — %1").arg(m_projectDir));
    m_runLabel->setText(tr("Run:"));
    m_tabs->setTabText(m_tabs->indexOf(m_fleet), tr("Fleet"));
    m_tabs->setTabText(m_tabs->indexOf(m_alerts), tr("Alerts"));
    m_tabs->setTabText(m_tabs->indexOf(m_machine), tr("Machine"));
    m_tabs->setTabText(m_tabs->indexOf(m_policy), tr("Policies"));
}

void PdmWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace seekbench::ui
