#pragma once

#include "project/store_watcher.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QProgressBar;
class QTabWidget;
class QTableView;

namespace seekbench::widgets {
class LivePlot;
}

namespace seekbench::ui {

class CompareModel;
class LogView;
class RunFilesView;

// The central view of the runs mode. One run: its overview (status, step, best eval
// metric, ETA, progress), live training charts, system charts. Several runs: their
// curves overlaid and a compare table against a pinned baseline.
class RunView : public QWidget
{
    Q_OBJECT
public:
    RunView(StoreWatcher *watcher, const QString &projectDir, QWidget *parent = nullptr);

    void showRuns(const QStringList &runIds);
    QStringList runIds() const { return m_runIds; }
    void updateRuns(const RunList &runs);
    void setBaseline(const QString &runId);
    widgets::LivePlot *lossPlot() const { return m_plots.value(0); }
    QList<widgets::LivePlot *> plots() const { return m_plots; }
    QList<widgets::LivePlot *> systemPlots() const { return m_systemPlots; }
    QString detailsText() const;
    RunFilesView *filesView() const { return m_files; }

Q_SIGNALS:
    // The user followed a link to another run (a clone's parent).
    void runRequested(const QString &runId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateOverview(const seekbench::projects::RunRecord &run);
    void rebuildCurveProviders();

    StoreWatcher *m_watcher;
    QString m_projectDir;
    QStringList m_runIds;
    QLabel *m_title = nullptr;
    QLabel *m_details = nullptr;
    QCheckBox *m_perRank = nullptr;
    QLabel *m_ranks = nullptr; // per-rank states of a distributed run
    QLabel *m_crashInfo = nullptr;
    QProgressBar *m_progress = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<widgets::LivePlot *> m_plots;
    QList<widgets::LivePlot *> m_systemPlots;
    QLabel *m_gpuStatus = nullptr;
    QLabel *m_blasStatus = nullptr; // the BLAS kernels the run used, and why
    QWidget *m_systemTab = nullptr;
    QWidget *m_compareTab = nullptr;
    QTableView *m_compareTable = nullptr;
    CompareModel *m_compare = nullptr;
    RunFilesView *m_files = nullptr; // the run's artifacts
    QString m_filesStamp;            // run, status and step when the files were last read
    QString m_lastStatus;
    QString m_parentName; // of the shown run's parent, when it has one
};

} // namespace seekbench::ui
