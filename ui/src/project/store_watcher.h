#pragma once

#include "common/run_list.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/widgets/plot_series.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVector>

#include <memory>

namespace seekbench::projects {
class Project;
class RunStore;
} // namespace seekbench::projects

namespace seekbench::ui {

// The GUI's reader of a project's store. It lives on its own thread with its own
// RunStore and CurveQuery (one connection per thread) and polls: the run list and, for
// watched runs, the points added since a cursor. Everything it finds goes to the GUI
// thread by queued signals; nothing here ever runs on the GUI thread.
class StoreWatcher : public QObject
{
    Q_OBJECT
public:
    explicit StoreWatcher(std::shared_ptr<const seekbench::projects::Project> project, QObject *parent = nullptr);
    // The open project (immutable; safe to read from any thread).
    std::shared_ptr<const seekbench::projects::Project> project() const { return m_project; }
    ~StoreWatcher() override;

    // All of these are called through QMetaObject::invokeMethod from the GUI thread.
    Q_INVOKABLE void start(int intervalMs);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void watchRun(const QString &runId);
    Q_INVOKABLE void unwatchRun(const QString &runId);
    // Decimated curves of runs x keys over [fromStep, toStep] (NaN: the whole curve);
    // rank 0's, or every rank's with `allRanks` (ids "<run>/<key>#<rank>" for rank > 0).
    Q_INVOKABLE void requestCurves(quint64 requestId, const QStringList &runIds, const QStringList &keys,
                                   double fromStep, double toStep, int buckets, bool allRanks = false);
    Q_INVOKABLE void addTag(const QString &runId, const QString &tag);
    Q_INVOKABLE void removeTag(const QString &runId, const QString &tag);
    Q_INVOKABLE void setNotes(const QString &runId, const QString &notes);
    // Each rank's state of a distributed run, one line per rank ("rank 1: running, step
    // 120"), answered by rankStatesReady.
    Q_INVOKABLE void requestRankStates(const QString &runId);
    // A refused name (empty, too long, control characters) comes back through failed().
    Q_INVOKABLE void renameRun(const QString &runId, const QString &name);
    // Moves runs/<id>/ into the project's trash/ folder, then deletes the run's rows.
    Q_INVOKABLE void trashRun(const QString &runId);
    Q_INVOKABLE void markStale();

Q_SIGNALS:
    void rankStatesReady(const QString &runId, const QStringList &states, const QStringList &problems);
    void runsListed(const seekbench::ui::RunList &runs);
    void curvesReady(quint64 requestId, const QVector<seekbench::widgets::PlotSeries> &series);
    // Points added to a watched run; `reset` when it was resumed (reload its curves).
    void pointsAdded(const QString &runId, const QVector<seekbench::widgets::PlotSeries> &tails, bool reset);
    void failed(const QString &message);

private:
    void poll();
    void pollLive();
    void freshConnections();
    seekbench::projects::RunStore &store();
    seekbench::projects::CurveQuery &query();
    widgets::PlotSeries seriesFor(const QString &runId, const std::string &key, int rank, double fromStep,
                                  double toStep, int buckets, double startTime);

    std::shared_ptr<const seekbench::projects::Project> m_project;
    QHash<QString, int> m_runColors; // watched run -> its palette index, for the live tails
    std::unique_ptr<seekbench::projects::RunStore> m_store;
    std::unique_ptr<seekbench::projects::CurveQuery> m_query;
    QTimer *m_timer = nullptr;
    QHash<QString, seekbench::projects::LiveCursor> m_cursors;
    int m_polls = 0;
};

} // namespace seekbench::ui
