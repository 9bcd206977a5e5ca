#include "shell/main_window.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"

#include "aml/aml_window.h"
#include "inspector/attention_inspector_view.h"
#include "kg/kg_window.h"
#include "pdm/pdm_window.h"
#include "project/new_project_dialog.h"
#include "project/project_recovery.h"
#include "project/project_session.h"
#include "runs/run_actions.h"
#include "runs/run_controller.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "shell/help_menu.h"
#include "shell/mode_bar.h"
#include "shell/notifier.h"
#include "shell/settings_dialog.h"
#include "sweeps/sweeps_mode.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace seekbench::ui {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1400, 900);
    m_runs = new RunsMode(this);
    m_sweeps = new SweepsMode(this);
    m_notifier = new Notifier(this);
    m_modes = new QStackedWidget(this);
    m_modes->setObjectName(QStringLiteral("modeStack"));
    m_modes->addWidget(m_runs->central());
    m_modes->addWidget(m_sweeps->page());
    setCentralWidget(m_modes);
    m_modeBar = new ModeBar(this);
    addToolBar(Qt::TopToolBarArea, m_modeBar);
    connect(m_modeBar, &ModeBar::modeChanged, this, [this](ModeBar::Mode mode) { showMode(mode); });
    connect(m_sweeps, &SweepsMode::runRequested, this, [this](const QString &id) { openRunInRunsMode(id); });
    connect(m_runs, &RunsMode::tuneRequested, this, [this](const QString &id) {
        showMode(ModeBar::Sweeps);
        m_sweeps->tuneRun(id);
    });
    connect(m_sweeps, &SweepsMode::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    const QList<QDockWidget *> docks = m_runs->docks();
    addDockWidget(Qt::LeftDockWidgetArea, docks[0]);
    addDockWidget(Qt::LeftDockWidgetArea, docks[1]);
    addDockWidget(Qt::BottomDockWidgetArea, docks[2]);
    addDockWidget(Qt::BottomDockWidgetArea, docks[3]); // the reports, a tab beside the log
    tabifyDockWidget(docks[2], docks[3]);
    docks[2]->raise();
    resizeDocks({docks[0], docks[1]}, {200, 500}, Qt::Vertical);
    resizeDocks({docks[1]}, {520}, Qt::Horizontal);
    m_readOnlyNotice = new QLabel(this);
    m_readOnlyNotice->setObjectName(QStringLiteral("readOnlyNotice"));
    m_readOnlyNotice->hide();
    statusBar()->addPermanentWidget(m_readOnlyNotice);
    statusBar()->addPermanentWidget(m_runs->statusWidget());
    connect(m_runs, &RunsMode::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_runs, &RunsMode::notify, m_notifier, &Notifier::notify);
    buildMenus();
    retranslate();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow() { closeProject(); }

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_newAction = m_fileMenu->addAction(QString(), this, [this] { newProject(); });
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_openAction = m_fileMenu->addAction(QString(), this, [this] { chooseProject(); });
    m_openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { fillRecentMenu(); });
    m_closeAction = m_fileMenu->addAction(QString(), this, [this] {
        if (confirmLeavingRuns())
            closeProject();
    });
    m_closeAction->setShortcut(QKeySequence::Close);
    m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QString(), this, [this] { SettingsDialog(this).exec(); });
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_quitAction = m_fileMenu->addAction(QString(), this, [this] { close(); });
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_runsMenu = menuBar()->addMenu(QString());
    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget *d : m_runs->docks())
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_inspectAction = m_viewMenu->addAction(QString(), this, [this] {
        AttentionInspectorView::openFor(this, m_session ? m_session->dir() : QString());
    });
    m_inspectAction->setObjectName(QStringLiteral("attentionInspectorAction"));
    m_amlAction = m_viewMenu->addAction(QString(), this, [this] { openAmlWindow(); });
    m_amlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_pdmAction = m_viewMenu->addAction(QString(), this, [this] { openPdmWindow(); });
    m_pdmAction->setObjectName(QStringLiteral("pdmWindowAction"));
    m_pdmAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_kgAction = m_viewMenu->addAction(QString(), this, [this] { openKgWindow(); });
    m_kgAction->setObjectName(QStringLiteral("kgWindowAction"));
    m_kgAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_help = new HelpMenu(this);
    m_runs->setWelcomeActions({m_openAction, m_newAction});
    connect(m_runs, &RunsMode::newProjectRequested, this, [this] { newProject(); });
}

AmlWindow *MainWindow::amlWindow() const { return m_aml; }

// The AML views open in a window of their own (one per project; closed with it).
void MainWindow::openAmlWindow()
{
    if (!m_session)
        return;
    if (!m_aml)
        m_aml = new AmlWindow(m_session->watcher()->project(), m_session->dir(), this);
    m_aml->setWindowFlag(Qt::Window);
    m_aml->show();
    m_aml->raise();
}

PdmWindow *MainWindow::pdmWindow() const { return m_pdm; }

// Likewise the predictive maintenance views.
void MainWindow::openPdmWindow()
{
    if (!m_session)
        return;
    if (!m_pdm)
        m_pdm = new PdmWindow(m_session->watcher()->project(), m_session->dir(), this);
    m_pdm->setWindowFlag(Qt::Window);
    m_pdm->show();
    m_pdm->raise();
}

KgWindow *MainWindow::kgWindow() const { return m_kg; }

// Likewise the knowledge graph views.
void MainWindow::openKgWindow()
{
    if (!m_session)
        return;
    if (!m_kg)
        m_kg = new KgWindow(m_session->watcher()->project(), m_session->dir(), this);
    m_kg->setWindowFlag(Qt::Window);
    m_kg->show();
    m_kg->raise();
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_newAction->setText(tr("&New project…"));
    m_openAction->setText(tr("&Open project…"));
    m_recentMenu->setTitle(tr("&Recent projects"));
    m_closeAction->setText(tr("&Close project"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));
    m_runsMenu->setTitle(tr("&Runs"));
    m_viewMenu->setTitle(tr("&View"));
    m_inspectAction->setText(tr("Attention &inspector…"));
    m_amlAction->setText(tr("&Anti-money laundering…"));
    m_amlAction->setEnabled(!m_session.isNull());
    m_pdmAction->setText(tr("&Predictive maintenance…"));
    m_pdmAction->setEnabled(!m_session.isNull());
    m_kgAction->setText(tr("&Knowledge graph…"));
    m_kgAction->setEnabled(!m_session.isNull());
    m_runs->retranslate();
    m_sweeps->retranslate();
    m_modeBar->retranslate();
    m_help->retranslate();
    if (m_runsMenu->isEmpty() && m_runs->actions())
        m_runsMenu->addActions(m_runs->actions()->actions());
    const bool readOnly = m_session && m_session->isReadOnly();
    if (!m_session)
        setWindowTitle(QStringLiteral("Seekbench"));
    else if (readOnly)
        setWindowTitle(tr("%1 (read-only) — Seekbench").arg(m_session->name()));
    else
        setWindowTitle(tr("%1 — Seekbench").arg(m_session->name()));
    m_readOnlyNotice->setVisible(readOnly);
    if (readOnly) {
        m_readOnlyNotice->setText(tr("Read-only project"));
        m_readOnlyNotice->setToolTip(
            (m_session->isWriteProtected()
                 ? tr("You cannot write this project's folder or its run store (a read-only file system, or "
                      "permissions).")
                 : tr("Another process holds this project's writer lock."))
            + QLatin1Char(' ')
            + tr("Its runs can be viewed, compared and exported, but not launched, resumed, tagged, noted, renamed or "
                 "deleted."));
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool MainWindow::openProject(const QString &dir)
{
    ProjectSession *session = nullptr;
    try {
        session = new ProjectSession(QDir(dir).absolutePath(), this);
    } catch (const projects::ProjectError &e) {
        // A damaged store gets its way out here, not a command for the terminal.
        if (e.kind() == projects::ProjectError::Kind::DamagedDatabase) {
            if (ProjectRecovery::offer(this, dir, QString::fromUtf8(e.what())))
                return openProject(dir);
            return false;
        }
        QMessageBox::warning(this, tr("Cannot open the project"),
                             ProjectRecovery::problemText(QString::fromUtf8(e.what())));
        return false;
    } catch (const std::exception &e) {
        QMessageBox::warning(this, tr("Cannot open the project"),
                             ProjectRecovery::problemText(QString::fromUtf8(e.what())));
        return false;
    }
    closeProject();
    m_session = session;
    m_runs->setSession(session);
    m_sweeps->setSession(session);
    if (m_runsMenu->isEmpty())
        m_runsMenu->addActions(m_runs->actions()->actions());
    rememberProject(session->dir());
    const QStringList crashed = session->crashedAtOpen();
    if (!crashed.isEmpty())
        statusBar()->showMessage(tr("%n run(s) died while Seekbench was closed and are marked crashed", nullptr,
                                    static_cast<int>(crashed.size())),
                                 10000);
    retranslate();
    return true;
}

void MainWindow::closeProject()
{
    if (!m_session)
        return;
    m_runs->setSession(nullptr);
    m_sweeps->setSession(nullptr);
    // The inspector and its helper process go with the project they inspect.
    if (auto *inspector = findChild<AttentionInspectorView *>(QString(), Qt::FindDirectChildrenOnly)) {
        inspector->close();
        inspector->setProjectDir(QString());
    }
    delete m_aml;
    delete m_pdm;
    delete m_kg;
    delete m_session;
    m_session = nullptr;
    retranslate();
}

// The Runs mode's docks belong to it: they go while another mode is shown and come back
// as they were.
void MainWindow::showMode(int mode)
{
    if (mode == ModeBar::Sweeps) {
        if (m_modes->currentWidget() == m_sweeps->page())
            return;
        m_hiddenDocks.clear();
        for (QDockWidget *d : m_runs->docks())
            if (!d->isHidden()) { // also before the window is first shown
                m_hiddenDocks << d;
                d->hide();
            }
        m_modes->setCurrentWidget(m_sweeps->page());
        m_sweeps->refresh();
    } else {
        m_modes->setCurrentWidget(m_runs->central());
        for (QDockWidget *d : std::as_const(m_hiddenDocks))
            d->show();
        m_hiddenDocks.clear();
    }
    m_modeBar->setMode(ModeBar::Mode(mode));
}

void MainWindow::openRunInRunsMode(const QString &runId)
{
    showMode(ModeBar::Runs);
    m_runs->table()->selectRun(runId);
}

QStringList MainWindow::recentProjects() const
{
    return QSettings().value(QStringLiteral("projects/recent")).toStringList();
}

bool MainWindow::reopenLastProject()
{
    const QStringList recent = recentProjects();
    if (recent.isEmpty()
        || !QFileInfo::exists(QDir(recent.front()).filePath(QLatin1String(projects::Project::kManifestFile))))
        return false; // moved or deleted since: start empty, as on first start
    return openProject(recent.front());
}

void MainWindow::rememberProject(const QString &dir)
{
    QStringList recent = recentProjects();
    recent.removeAll(dir);
    recent.prepend(dir);
    QSettings().setValue(QStringLiteral("projects/recent"), recent.mid(0, kMaxRecent));
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &dir : recentProjects())
        m_recentMenu->addAction(dir, this, [this, dir] {
            if (confirmLeavingRuns())
                openProject(dir);
        });
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
}

void MainWindow::newProject()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && confirmLeavingRuns())
        openProject(dialog.folder());
}

void MainWindow::chooseProject()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open project"));
    if (!dir.isEmpty() && confirmLeavingRuns())
        openProject(dir);
}

// Runs are never killed silently: with live runs the user decides.
bool MainWindow::confirmLeavingRuns()
{
    const QStringList live = m_runs->liveRuns();
    if (live.isEmpty())
        return true;
    CloseChoice choice = m_closeChoice;
    if (choice == CloseChoice::Ask) {
        QMessageBox box(QMessageBox::Question, tr("Runs are still training"),
                        tr("%n run(s) of this project are still training. Leave them running? "
                           "You can reattach to them by opening the project again.",
                           nullptr, static_cast<int>(live.size())),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("leaveRunsBox"));
        QPushButton *leave = box.addButton(tr("Leave running"), QMessageBox::AcceptRole);
        leave->setObjectName(QStringLiteral("leaveRunningButton"));
        QPushButton *stop = box.addButton(tr("Stop them"), QMessageBox::DestructiveRole);
        stop->setObjectName(QStringLiteral("stopRunsButton"));
        box.setDefaultButton(leave);
        box.exec();
        if (box.clickedButton() == leave)
            choice = CloseChoice::LeaveRunning;
        else if (box.clickedButton() == stop)
            choice = CloseChoice::StopRuns;
        else
            return false;
    }
    if (choice == CloseChoice::StopRuns) {
        // Graceful SIGTERM; the runs write their final checkpoint and record 'cancelled'
        // on their own after the GUI has gone.
        for (const auto &r : m_runs->model()->runs())
            if (live.contains(QString::fromStdString(r.id)))
                RunController::signalStop(r);
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmLeavingRuns()) {
        event->ignore();
        return;
    }
    showMode(ModeBar::Runs); // the layout is saved with the Runs mode's docks as they are
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace seekbench::ui
