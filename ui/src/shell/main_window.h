#pragma once

#include <QMainWindow>
#include <QPointer>

#include "project/project_session.h"

class QDockWidget;
class QLabel;
class QStackedWidget;
class QMenu;

namespace seekbench::ui {

class AmlWindow;
class KgWindow;
class PdmWindow;
class HelpMenu;
class Notifier;
class ModeBar;
class RunsMode;
class SweepsMode;

// The host: menus, docks and status bar that the modes contribute, the open project,
// recent projects and the saved layout. Feature logic lives in the modes.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class CloseChoice { Ask, LeaveRunning, StopRuns };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openProject(const QString &dir);
    void closeProject();
    ProjectSession *session() const { return m_session; }
    RunsMode *runsMode() const { return m_runs; }
    SweepsMode *sweepsMode() const { return m_sweeps; }
    ModeBar *modeBar() const { return m_modeBar; }
    AmlWindow *amlWindow() const;
    void openAmlWindow();
    PdmWindow *pdmWindow() const;
    void openPdmWindow();
    KgWindow *kgWindow() const;
    void openKgWindow();
    Notifier *notifier() const { return m_notifier; }
    QStringList recentProjects() const;
    // Started without a project: opens the most recent one when its folder is still a
    // project (a damaged one says why, as opening it would); false when there is none.
    bool reopenLastProject();
    // For tests and scripted use: what closing with live runs does without asking.
    void setCloseChoice(CloseChoice choice) { m_closeChoice = choice; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void rememberProject(const QString &dir);
    void fillRecentMenu();
    void newProject();
    void chooseProject();
    bool confirmLeavingRuns();
    void showMode(int mode); // a ModeBar::Mode
    void openRunInRunsMode(const QString &runId);

    RunsMode *m_runs;
    SweepsMode *m_sweeps;
    ModeBar *m_modeBar;
    QStackedWidget *m_modes;
    QList<QDockWidget *> m_hiddenDocks; // the Runs mode's docks shown when it was left
    Notifier *m_notifier;
    QPointer<ProjectSession> m_session;
    QMenu *m_fileMenu = nullptr, *m_recentMenu = nullptr, *m_runsMenu = nullptr, *m_viewMenu = nullptr;
    QAction *m_newAction = nullptr, *m_openAction = nullptr, *m_closeAction = nullptr, *m_quitAction = nullptr,
            *m_settingsAction = nullptr, *m_inspectAction = nullptr, *m_amlAction = nullptr, *m_pdmAction = nullptr,
            *m_kgAction = nullptr;
    HelpMenu *m_help = nullptr;
    QPointer<AmlWindow> m_aml;
    QPointer<PdmWindow> m_pdm;
    QPointer<KgWindow> m_kg;
    QLabel *m_readOnlyNotice = nullptr; // in the status bar while the project is read-only
    CloseChoice m_closeChoice = CloseChoice::Ask;
};

} // namespace seekbench::ui
