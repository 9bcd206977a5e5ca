#include "runs/runs_mode.h"

#include "common/empty_state.h"
#include "common/project_paths.h"
#include "launch/run_launcher.h"
#include "project/project_session.h"
#include "project/store_watcher.h"
#include "reports/reports_panel.h"
#include "runs/log_view.h"
#include "runs/run_actions.h"
#include "runs/run_controller.h"
#include "runs/run_view.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/run_control.h"

#include <QAction>
#include <QDateTime>
#include <QDockWidget>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTreeView>

namespace seekbench::ui {

using seekbench::projects::RunControl;
using seekbench::projects::RunRecord;

namespace {
QDockWidget *dock(QMainWindow *host, const char *name, QWidget *content)
{
    auto *d = new QDockWidget(host);
    d->setObjectName(QString::fromLatin1(name));
    d->setWidget(content);
    return d;
}
} // namespace

namespace {

// The project folder as the Project dock lists it: without SQLite's working files
// (seekbench.db-wal, -shm, -journal), which come and go with every connection and mean
// nothing to a user (issue 21).
class ProjectFilesProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QString name = sourceModel()->index(row, 0, parent).data().toString();
        return !(name.endsWith(QLatin1String(".db-wal")) || name.endsWith(QLatin1String(".db-shm"))
                 || name.endsWith(QLatin1String(".db-journal")));
    }
};

} // namespace

RunsMode::RunsMode(QMainWindow *host) : QObject(host), m_host(host)
{
    m_model = new RunsTableModel(this);
    m_table = new RunsTableView(m_model, host);
    m_log = new LogView(host);
    m_files = new QFileSystemModel(this);
    m_explorer = new QTreeView(host);
    m_explorer->setObjectName(QStringLiteral("projectExplorer"));
    m_shownFiles = new ProjectFilesProxy(this);
    m_shownFiles->setSourceModel(m_files);
    m_explorer->setModel(m_shownFiles);
    for (int c = 1; c < 4; ++c)
        m_explorer->hideColumn(c);
    m_explorer->header()->hide();
    m_projectDock = dock(host, "projectDock", m_explorer);
    m_runsDock = dock(host, "runsDock", m_table);
    m_logDock = dock(host, "logDock", m_log);
    m_reports = new ReportsPanel(host);
    m_reportsDock = dock(host, "reportsDock", m_reports);
    m_central = new QStackedWidget(host);
    m_central->setObjectName(QStringLiteral("runsCentral"));
    m_welcome = new EmptyState(m_central);
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    m_emptyProject = new EmptyState(m_central);
    m_emptyProject->setObjectName(QStringLiteral("emptyProjectPage"));
    m_noSelection = new EmptyState(m_central);
    m_noSelection->setObjectName(QStringLiteral("noSelectionPage"));
    m_fromTemplate = new QAction(this);
    m_fromTemplate->setObjectName(QStringLiteral("newFromTemplateAction"));
    connect(m_fromTemplate, &QAction::triggered, this, &RunsMode::newProjectRequested);
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_emptyProject);
    m_central->addWidget(m_noSelection);
    m_status = new QLabel(host);
    m_status->setObjectName(QStringLiteral("runningTasks"));
    connect(m_table, &RunsTableView::selectionChanged, this, &RunsMode::onSelection);
    retranslate();
}

RunsMode::~RunsMode() = default;

QList<QDockWidget *> RunsMode::docks() const { return {m_projectDock, m_runsDock, m_logDock, m_reportsDock}; }

QWidget *RunsMode::central() const { return m_central; }

QWidget *RunsMode::currentPage() const { return m_central->currentWidget(); }

void RunsMode::setWelcomeActions(const QList<QAction *> &actions) { m_welcome->setActions(actions); }

void RunsMode::updateCentral()
{
    if (!m_session || !m_view) {
        m_central->setCurrentWidget(m_welcome);
        return;
    }
    if (m_model->rowCount() == 0)
        m_central->setCurrentWidget(m_emptyProject);
    else if (m_table->selectedRunIds().isEmpty())
        m_central->setCurrentWidget(m_noSelection);
    else
        m_central->setCurrentWidget(m_view);
}

void RunsMode::retranslate()
{
    m_projectDock->setWindowTitle(tr("Project"));
    m_runsDock->setWindowTitle(tr("Runs"));
    m_logDock->setWindowTitle(tr("Log"));
    m_reportsDock->setWindowTitle(tr("Reports"));
    m_welcome->setTitle(tr("Welcome to Seekbench"));
    m_welcome->setText(tr("Open a project folder, or create a project from a template: DeepSeek-style "
                          "transformers (dense and mixture of experts) on a text task, or anti-money laundering "
                          "with its synthetic transfers."));
    m_emptyProject->setTitle(tr("No runs yet"));
    m_emptyProject->setText(tr("Launch a run from one of the project's configs: its loss, learning rate and "
                               "memory appear here live. Or start from a template with example data."));
    m_fromTemplate->setText(tr("New project from a template…"));
    m_noSelection->setTitle(tr("No run selected"));
    m_noSelection->setText(tr("Select a run in the Runs list to see its curves; select several to compare them."));
    if (m_actions)
        m_actions->retranslate();
    updateStatus();
}

void RunsMode::setSession(ProjectSession *session)
{
    // Tear down what belonged to the previous project.
    if (m_view) {
        m_view->showRuns({});
        m_central->removeWidget(m_view);
        m_view->deleteLater();
        m_view = nullptr;
    }
    delete m_launcher;
    m_launcher = nullptr;
    delete m_controller;
    m_controller = nullptr;
    m_lastStatus.clear();
    m_model->setRuns({});
    m_log->setRunDir(QString());
    m_session = session;
    m_table->setProject(session ? session->dir() : QString());
    m_reports->setProject(session ? session->watcher()->project() : nullptr);
    if (!session) {
        m_explorer->setRootIndex(QModelIndex());
        m_files->setRootPath(QString());
        if (m_actions)
            m_actions->setSession(nullptr, nullptr, nullptr, nullptr);
        updateCentral();
        updateStatus();
        return;
    }
    m_files->setRootPath(session->dir());
    m_explorer->setRootIndex(m_shownFiles->mapFromSource(m_files->index(session->dir())));
    m_launcher = new RunLauncher(session->dir(), this);
    m_controller = new RunController(session->dir(), this);
    m_view = new RunView(session->watcher(), session->dir(), m_host);
    connect(m_view, &RunView::runRequested, m_table, &RunsTableView::selectRun);
    if (!m_actions) {
        m_actions = new RunActions(m_table, m_view, m_host);
        connect(m_table, &RunsTableView::contextMenuRequested, m_actions, &RunActions::showContextMenu);
        connect(m_actions, &RunActions::message, this, &RunsMode::message);
        connect(m_actions, &RunActions::tuneRequested, this, &RunsMode::tuneRequested);
        connect(m_actions, &RunActions::reportSaved, this, [this](const QString &file) {
            m_reports->refresh();
            Q_EMIT message(tr("Report saved: %1").arg(file));
        });
    }
    m_actions->setSession(session, m_launcher, m_controller, m_view);
    m_emptyProject->setActions({m_actions->launchAction(), m_fromTemplate});
    m_central->addWidget(m_view);
    connect(session, &ProjectSession::runsListed, this, &RunsMode::onRunsListed);
    connect(m_launcher, &RunLauncher::runStarted, this, [this](const QString &id) {
        m_pendingSelect = id;
        Q_EMIT message(tr("Run %1 started").arg(id));
    });
    connect(m_launcher, &RunLauncher::runQueued, this, [this](const QString &name) {
        Q_EMIT message(tr("%1 is queued: the machine's cores are taken by running runs").arg(name));
        updateStatus();
    });
    connect(m_launcher, &RunLauncher::memoryNotChecked, this, [this](const QString &name, const QString &why) {
        Q_EMIT message(tr("%1: memory not checked: %2").arg(name, why));
    });
    connect(m_launcher, &RunLauncher::launchFailed, this, [this](const QString &why) {
        Q_EMIT notify(tr("Launch failed"), why);
        Q_EMIT message(tr("Launch failed: %1").arg(why));
    });
    connect(m_controller, &RunController::stopProgress, this, [this](const QString &, int) { updateStatus(); });
    connect(m_controller, &RunController::stopped, this, [this](const QString &id, bool killed) {
        Q_EMIT message(killed ? tr("Run %1 did not stop in time and was killed").arg(id) : tr("Run %1 stopped").arg(id));
        if (m_session)
            QMetaObject::invokeMethod(m_session->watcher(), "markStale", Qt::QueuedConnection);
        updateStatus();
    });
    connect(m_controller, &RunController::resumed, this,
            [this](const QString &id) { Q_EMIT message(tr("Run %1 resumed").arg(id)); });
    connect(m_controller, &RunController::failed, this, [this](const QString &id, const QString &why) {
        Q_EMIT notify(tr("Run %1").arg(id), why);
        Q_EMIT message(why);
    });
    onRunsListed(session->runs());
}

void RunsMode::onRunsListed(const RunList &runs)
{
    for (const RunRecord &r : runs) {
        const QString id = QString::fromStdString(r.id);
        const auto before = m_lastStatus.find(id);
        if (before != m_lastStatus.end() && *before == seekbench::RunStatus::Running && r.status != *before) {
            const QString name = QString::fromStdString(r.name);
            if (QString::fromStdString(r.message).contains(QLatin1String("diverged")))
                Q_EMIT notify(tr("Run diverged"), tr("%1: %2").arg(name, QString::fromStdString(r.message)));
            else if (r.status == seekbench::RunStatus::Finished)
                Q_EMIT notify(tr("Run finished"), name);
            else if (endedInError(r.status))
                Q_EMIT notify(tr("Run failed"), tr("%1: %2").arg(name, QString::fromStdString(r.message)));
        }
        m_lastStatus.insert(id, r.status);
    }
    m_model->setRuns(runs);
    m_table->refreshTagFilter();
    if (m_launcher)
        m_launcher->onRunsListed(runs);
    if (!m_pendingSelect.isEmpty() && m_model->rowOf(m_pendingSelect) >= 0) {
        m_table->selectRun(m_pendingSelect);
        m_pendingSelect.clear();
    }
    if (m_view)
        m_view->updateRuns(runs);
    if (m_actions)
        m_actions->updateEnabled();
    updateCentral();
    updateStatus();
}

void RunsMode::onSelection(const QStringList &ids)
{
    if (!m_view || !m_session)
        return;
    m_view->showRuns(ids);
    m_view->updateRuns(m_session->runs());
    m_log->setRunDir(ids.size() == 1 ? runDirText(m_session->dir(), ids.front().toStdString()) : QString());
    if (m_actions)
        m_actions->updateEnabled();
    updateCentral();
}

QStringList RunsMode::liveRuns() const
{
    QStringList out;
    for (const RunRecord &r : m_model->runs()) {
        // Runs this machine can stop: a live writer here (RunControl's rule).
        if (r.status == seekbench::RunStatus::Running
            && RunControl::writerState(r) == seekbench::projects::WriterState::Alive)
            out << QString::fromStdString(r.id);
    }
    return out;
}

void RunsMode::updateStatus()
{
    QStringList parts;
    const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    for (const RunRecord &r : m_model->runs()) {
        if (r.status != seekbench::RunStatus::Running)
            continue;
        const QString id = QString::fromStdString(r.id);
        const QString name = QString::fromStdString(r.name);
        if (m_controller && m_controller->isStopping(id)) {
            parts << tr("stopping %1: kill in %2 s").arg(name).arg(m_controller->secondsLeft(id));
            continue;
        }
        const double p = RunsTableModel::progressOf(r);
        const double eta = RunsTableModel::etaSeconds(r, now);
        QString text = p >= 0 ? tr("%1 %2%").arg(name).arg(qRound(p * 100)) : name;
        if (eta >= 0)
            text += tr(" (ETA %1)").arg(RunsTableModel::durationText(eta));
        parts << text;
    }
    if (m_launcher && m_launcher->pendingCount() > 0)
        parts << tr("starting %n run(s)", nullptr, m_launcher->pendingCount());
    if (m_launcher && m_launcher->queuedCount() > 0)
        parts << tr("%n run(s) queued", nullptr, m_launcher->queuedCount());
    m_status->setText(parts.isEmpty() ? tr("No runs running")
                                      : tr("Running: %1").arg(parts.join(QStringLiteral(" · "))));
}

} // namespace seekbench::ui
