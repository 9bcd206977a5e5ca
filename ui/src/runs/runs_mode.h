#pragma once

#include "common/run_list.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QFileSystemModel;
class QSortFilterProxyModel;
class QLabel;
class QMainWindow;
class QStackedWidget;
class QTreeView;

namespace seekbench::ui {

class EmptyState;
class LogView;
class ProjectSession;
class ReportsPanel;
class RunActions;
class RunController;
class RunLauncher;
class RunView;
class RunsTableModel;
class RunsTableView;

// The runs mode: a project explorer dock, the runs table dock, the log dock, the
// reports dock, the central run view, its actions and a status-bar indicator of running tasks. The main
// window only hosts what this contributes (style.md, practice 8).
class RunsMode : public QObject
{
    Q_OBJECT
public:
    explicit RunsMode(QMainWindow *host);
    ~RunsMode() override;

    QList<QDockWidget *> docks() const;
    RunView *view() const { return m_view; }
    // The central widget: the run view of the open project, or a welcome text.
    QWidget *central() const;
    RunActions *actions() const { return m_actions; }
    QLabel *statusWidget() const { return m_status; }
    RunsTableModel *model() const { return m_model; }
    RunsTableView *table() const { return m_table; }
    LogView *logView() const { return m_log; }
    ReportsPanel *reportsPanel() const { return m_reports; }
    RunLauncher *launcher() const { return m_launcher; }
    RunController *controller() const { return m_controller; }

    void setSession(ProjectSession *session);
    // What the page without a project offers (open, new): the main window's actions.
    void setWelcomeActions(const QList<QAction *> &actions);
    // The central page shown now: the run view, or the empty state saying what to do.
    QWidget *currentPage() const;
    EmptyState *emptyProjectPage() const { return m_emptyProject; }
    // Runs of this project whose process is alive on this host (what closing would leave).
    QStringList liveRuns() const;
    void retranslate();

Q_SIGNALS:
    void notify(const QString &title, const QString &text);
    void message(const QString &text);
    void newProjectRequested(); // the empty project's "New project from a template"
    void tuneRequested(const QString &runId);

private:
    void onRunsListed(const RunList &runs);
    void onSelection(const QStringList &ids);
    void updateStatus();
    void updateCentral();

    QMainWindow *m_host;
    QPointer<ProjectSession> m_session;
    RunsTableModel *m_model;
    RunsTableView *m_table;
    RunView *m_view = nullptr;
    LogView *m_log;
    QTreeView *m_explorer;
    QFileSystemModel *m_files;
    QSortFilterProxyModel *m_shownFiles; // m_files without SQLite's -wal/-shm files
    QDockWidget *m_projectDock, *m_runsDock, *m_logDock;
    ReportsPanel *m_reports;
    QDockWidget *m_reportsDock; // tabbed with the log dock
    RunActions *m_actions = nullptr;
    RunLauncher *m_launcher = nullptr;
    RunController *m_controller = nullptr;
    QLabel *m_status;
    QStackedWidget *m_central;
    EmptyState *m_welcome;      // no project open
    EmptyState *m_emptyProject; // a project without runs
    EmptyState *m_noSelection;  // runs, none selected
    QAction *m_fromTemplate;
    QHash<QString, seekbench::RunStatus> m_lastStatus;
    QString m_pendingSelect;
};

} // namespace seekbench::ui
