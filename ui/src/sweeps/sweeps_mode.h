#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolBar;
class QWidget;

namespace seekbench::ui {

class EmptyState;
class ProjectSession;
class SweepActions;
class SweepListModel;
class SweepView;

// The Sweeps mode: the project's sweeps on the left, the selected sweep's charts and trial
// table on the right, the sweep actions in its toolbar. It reads the store off the GUI
// thread (loadSweepSnapshot), again every ~1.5 s while it is visible and a sweep is
// active, and replaces what it shows only when something changed.
class SweepsMode : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 1500;

    explicit SweepsMode(QWidget *host);
    ~SweepsMode() override;

    QWidget *page() const { return m_page; }
    QWidget *currentPage() const;
    SweepListModel *sweepList() const { return m_list; }
    QTableView *sweepTable() const { return m_sweepTable; }
    SweepView *view() const { return m_view; }
    SweepActions *actions() const { return m_actions; }
    EmptyState *noProjectPage() const { return m_noProject; }
    EmptyState *noSweepsPage() const { return m_noSweeps; }
    QString selectedSweep() const { return m_selected; }
    bool isLoading() const { return m_loader->isRunning(); }

    void setSession(ProjectSession *session);
    void selectSweep(const QString &id);
    void refresh(); // reads the store now (after the load in flight, if any)
    // "Tune this run": the TuneDialog over the run; accepted, the sweep is created (and run).
    void tuneRun(const QString &runId);
    void retranslate();

Q_SIGNALS:
    void runRequested(const QString &runId); // "Open trial's run"
    void message(const QString &text);
    void loaded(); // a snapshot is shown (tests)

private:
    void startLoad();
    void onLoaded();
    void onTick();
    void updatePage();
    std::optional<SweepSummary> selectedSummary() const;

    QWidget *m_page;
    QToolBar *m_toolBar;
    QSplitter *m_splitter;
    QTableView *m_sweepTable;
    SweepListModel *m_list;
    QStackedWidget *m_stack;
    EmptyState *m_noProject, *m_noSweeps;
    SweepView *m_view;
    SweepActions *m_actions;
    QPointer<ProjectSession> m_session;
    QFutureWatcher<SweepSnapshot> *m_loader;
    QTimer m_timer;
    QString m_selected, m_loadingFor;
    QString m_selectName; // a sweep created here: selected once the list shows it
    bool m_reloadAfter = false;
    int m_ticks = 0;
    quint64 m_loads = 0; // loads started
};

} // namespace seekbench::ui
