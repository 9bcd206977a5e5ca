#include "aml/aml_window.h"

#include "aml/aml_alerts_panel.h"
#include "aml/aml_case_loader.h"
#include "aml/aml_case_view.h"
#include "aml/aml_threshold_panel.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/widgets/alert_timeline.h"

#include <QCloseEvent>
#include <QShowEvent>
#include <QStatusBar>
#include <QTabWidget>

namespace seekbench::ui {

AmlWindow::AmlWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent)
    : QMainWindow(parent), m_project(project)
{
    setObjectName(QStringLiteral("amlWindow"));
    setWindowTitle(tr("Anti-money laundering — %1").arg(projectDir));
    resize(1280, 820);
    m_alerts = new AmlAlertsPanel(project, this);
    m_case = new AmlCaseView(project, this);
    m_threshold = new AmlThresholdPanel(project, projectDir, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("amlTabs"));
    m_tabs->addTab(m_alerts, tr("Alerts"));
    m_tabs->addTab(m_case, tr("Case"));
    m_tabs->addTab(m_threshold, tr("Threshold"));
    setCentralWidget(m_tabs);
    connect(m_alerts, &AmlAlertsPanel::alertActivated, this, &AmlWindow::openAlert);
    connect(m_alerts, &AmlAlertsPanel::alertsLoaded, this, [this] {
        if (!m_alerts->runId().isEmpty()
            && (m_alerts->runId() != m_threshold->runId() || m_alerts->model() != m_threshold->model()))
            m_threshold->setRun(m_alerts->runId(), m_alerts->model());
    });
    connect(m_case, &AmlCaseView::alertChanged, m_alerts, &AmlAlertsPanel::reload);
    connect(m_case, &AmlCaseView::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_case, &AmlCaseView::caseFailed, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_threshold, &AmlThresholdPanel::message, this,
            [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_threshold, &AmlThresholdPanel::alertsRecreated, this, &AmlWindow::reopenCaseAfterRecreation);
    // Leaving the case keeps what the analyst typed: a new threshold re-creates the
    // alerts, carrying saved status and notes over by transaction, not unsaved ones.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() != m_case && m_case->hasUnsavedChanges())
            m_case->saveAnalystChanges();
    });
    m_alerts->reload();
}

void AmlWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous() && !m_alerts->isLoading())
        m_alerts->reload();
}

// A new threshold re-created the alerts with new ids: the open case follows its
// transaction to the new alert, or says that it is no longer alerted.
void AmlWindow::reopenCaseAfterRecreation()
{
    m_alerts->reload();
    const AmlCaseData *c = m_case->current();
    if (!c || !c->report.alert)
        return;
    const projects::AmlAlertRow was = *c->report.alert;
    try {
        projects::AmlCaseStore store(*m_project);
        projects::AmlAlertQuery q;
        q.runId = was.runId;
        q.model = was.model;
        q.accountId = was.accountId;
        for (const auto &a : store.alerts(q)) {
            if (a.txId == was.txId) {
                if (a.id != was.id)
                    m_case->openAlert(a.id);
                return;
            }
        }
        statusBar()->showMessage(tr("Transaction %1 is no longer alerted at the new threshold; its case shows the "
                                    "account only.")
                                     .arg(was.txId),
                                 8000);
        m_case->openAccount(QString::fromStdString(c->report.account.name));
    } catch (const std::exception &e) {
        statusBar()->showMessage(tr("Cannot reopen the case: %1").arg(QString::fromUtf8(e.what())), 8000);
    }
}

void AmlWindow::openAlert(qint64 alertId)
{
    m_alerts->timeline()->setSelectedAlert(alertId);
    m_case->openAlert(alertId);
    m_tabs->setCurrentWidget(m_case);
}

void AmlWindow::closeEvent(QCloseEvent *event)
{
    m_case->saveAnalystChanges();
    event->accept();
}

} // namespace seekbench::ui
