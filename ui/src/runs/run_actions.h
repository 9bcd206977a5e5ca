#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace seekbench::ui {

class ProjectSession;
class RunController;
class RunLauncher;
class RunsTableView;
class RunView;

// The runs mode's actions: launch, stop, resume, clone-and-edit, tune (a sweep from the
// run), export the model, delete (to the project's trash), tag, note, pin a baseline. Enabled by the selection; the context
// menu of the runs table shows them.
class RunActions : public QObject
{
    Q_OBJECT
public:
    RunActions(RunsTableView *table, RunView *view, QWidget *dialogParent);

    void setSession(ProjectSession *session, RunLauncher *launcher, RunController *controller, RunView *view);
    QList<QAction *> actions() const;
    void updateEnabled();
    void showContextMenu(const QPoint &globalPos);

    QAction *launchAction() const { return m_launch; }
    QAction *stopAction() const { return m_stop; }
    QAction *resumeAction() const { return m_resume; }
    QAction *deleteAction() const { return m_delete; }
    QAction *rerunAction() const { return m_rerun; }

    void retranslate();
    // Seconds a stopped run gets for its final checkpoint before it is killed.
    static int stopGraceSeconds();

    QAction *tuneAction() const { return m_tune; }
    QAction *exportModelAction() const { return m_exportModel; }
    QAction *serveModelAction() const { return m_serveModel; }
    QAction *reportAction() const { return m_report; }

Q_SIGNALS:
    void message(const QString &text);
    void tuneRequested(const QString &runId); // "Tune this run…": the Sweeps mode takes it
    void reportSaved(const QString &file);    // Report… wrote a report into `file`

private:
    void launch();
    void stop();
    void resume();
    void cloneAndEdit();
    void rerunExactly();
    void tune();
    void exportModel();
    void serveModel();
    void report();
    void trash();
    void tag();
    void note();
    void rename();
    void pinBaseline();
    QAction *make(const char *objectName, const QKeySequence &shortcut, void (RunActions::*slot)());

    RunsTableView *m_table;
    QPointer<RunView> m_view;
    QWidget *m_parent;
    QPointer<ProjectSession> m_session;
    QPointer<RunLauncher> m_launcher;
    QPointer<RunController> m_controller;
    QAction *m_launch, *m_stop, *m_resume, *m_clone, *m_rerun, *m_delete, *m_tag, *m_note, *m_baseline;
    QAction *m_rename = nullptr;
    QAction *m_tune = nullptr;
    QAction *m_exportModel = nullptr;
    QAction *m_serveModel = nullptr;
    QAction *m_report = nullptr;
};

} // namespace seekbench::ui
