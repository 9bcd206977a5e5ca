#include "project/store_watcher.h"

#include "runs/series_id.h"

#include "seekbench/projects/distributed_run.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/widgets/run_palette.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cmath>
#include <filesystem>
#include <limits>

namespace seekbench::ui {

using namespace seekbench::projects;

namespace {
constexpr int kStaleEvery = 20; // polls between stale checks (dead runs become crashed)

QString q(const std::string &s) { return QString::fromStdString(s); }
} // namespace

StoreWatcher::StoreWatcher(std::shared_ptr<const Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project))
{}

StoreWatcher::~StoreWatcher() = default;

RunStore &StoreWatcher::store()
{
    if (!m_store)
        m_store = std::make_unique<RunStore>(*m_project);
    return *m_store;
}

CurveQuery &StoreWatcher::query()
{
    if (!m_query)
        m_query = std::make_unique<CurveQuery>(*m_project);
    return *m_query;
}

// A long-lived RunStore/CurveQuery connection here kept seeing the store as it was when
// it was opened (runs created later by other processes never showed up), so every poll
// and request reads through new connections. Opening one costs well under a millisecond.
void StoreWatcher::freshConnections()
{
    m_query.reset();
    m_store.reset();
}

void StoreWatcher::start(int intervalMs)
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &StoreWatcher::poll);
    }
    m_timer->start(intervalMs);
    poll();
}

void StoreWatcher::stop()
{
    if (m_timer)
        m_timer->stop();
    m_query.reset();
    m_store.reset();
}

void StoreWatcher::refresh() { poll(); }

void StoreWatcher::poll()
{
    try {
        const bool readOnly = m_project->isReadOnly();
        if (++m_polls % kStaleEvery == 0 && !readOnly)
            store().markStaleRuns();
        freshConnections();
        RunFilter filter;
        filter.includeParams = true;
        auto runs = store().listRuns(filter);
        // A read-only project cannot mark its stale runs: show them crashed all the same
        // (no "running" with a growing ETA for a process that is gone), writing nothing.
        if (readOnly) {
            const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
            for (auto &r : runs)
                RunControl::showStaleAsCrashed(r, now);
        }
        Q_EMIT runsListed(RunList(runs.begin(), runs.end()));
        pollLive();
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
}

void StoreWatcher::watchRun(const QString &runId)
{
    try {
        // Start at the end of every curve: what is already there comes from requestCurves.
        LiveCursor cursor;
        freshConnections();
        const auto record = store().findRun(runId.toStdString());
        if (!record)
            return;
        cursor.attempt = record->attempt;
        m_runColors.insert(runId, record->color);
        for (const CurveInfo &c : query().curves(runId.toStdString()))
            cursor.lastStep[c.id] = c.maxStep;
        m_cursors.insert(runId, cursor);
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
}

void StoreWatcher::unwatchRun(const QString &runId)
{
    m_cursors.remove(runId);
    m_runColors.remove(runId);
}

void StoreWatcher::pollLive()
{
    for (auto it = m_cursors.begin(); it != m_cursors.end(); ++it) {
        LiveUpdate update = query().since(it.key().toStdString(), it.value());
        it.value() = update.cursor;
        QVector<widgets::PlotSeries> tails;
        for (const auto &s : update.series) {
            if (s.points.empty())
                continue;
            widgets::PlotSeries tail;
            tail.id = SeriesId{it.key(), q(s.key), s.rank}.toString();
            tail.style = widgets::metricLineStyle(q(s.key));
            if (const auto color = m_runColors.constFind(it.key()); color != m_runColors.cend() && s.rank == 0)
                tail.color = widgets::runColor(*color);
            for (const CurvePoint &p : s.points)
                tail.append(static_cast<double>(p.step), p.wallTime, p.value, p.value, p.value);
            tails.append(tail);
        }
        if (!tails.isEmpty() || update.reset)
            Q_EMIT pointsAdded(it.key(), tails, update.reset);
    }
}

widgets::PlotSeries StoreWatcher::seriesFor(const QString &runId, const std::string &key, int rank, double fromStep,
                                            double toStep, int buckets, double startTime)
{
    const std::string id = runId.toStdString();
    const auto from = std::isnan(fromStep) ? std::numeric_limits<std::int64_t>::min()
                                           : static_cast<std::int64_t>(std::floor(fromStep));
    const auto to = std::isnan(toStep) ? std::numeric_limits<std::int64_t>::max()
                                       : static_cast<std::int64_t>(std::ceil(toStep));
    widgets::PlotSeries s;
    s.id = SeriesId{runId, q(key), rank}.toString();
    s.startTime = startTime;
    const DecimatedCurve curve = query().decimate(id, key, buckets, rank, from, to);
    if (curve.points <= static_cast<std::int64_t>(buckets)) {
        // Short curves come back as raw points, which also tell where a resume continued.
        int attempt = 0;
        for (const CurvePoint &p : query().points(id, key, rank, false, from, to)) {
            if (attempt && p.attempt != attempt)
                s.restartSteps.append(static_cast<double>(p.step));
            attempt = p.attempt;
            s.append(static_cast<double>(p.step), p.wallTime, p.value, p.value, p.value);
        }
        return s;
    }
    // Long curves come back as buckets; where resumes continued comes from the attempts.
    for (const AttemptRecord &a : store().attempts(id))
        if (a.attempt > 1 && a.resumedFromStep && *a.resumedFromStep >= from && *a.resumedFromStep <= to)
            s.restartSteps.append(static_cast<double>(*a.resumedFromStep));
    for (const CurveBucket &b : curve.buckets) {
        if (b.count == 0)
            continue;
        s.append((b.firstStep + b.lastStep) / 2.0, (b.firstTime + b.lastTime) / 2.0, b.min, b.max, b.mean());
    }
    s.pointsPerBucket = curve.buckets.empty()
                            ? 1.0
                            : static_cast<double>(curve.points) / static_cast<double>(curve.buckets.size());
    return s;
}

void StoreWatcher::requestCurves(quint64 requestId, const QStringList &runIds, const QStringList &keys, double fromStep,
                                 double toStep, int buckets, bool allRanks)
{
    QVector<widgets::PlotSeries> out;
    freshConnections();
    try {
        for (const QString &runId : runIds) {
            const auto record = store().findRun(runId.toStdString());
            if (!record)
                continue;
            const double start = record->startedAt.value_or(record->createdAt);
            const auto curves = query().curves(runId.toStdString());
            for (const QString &key : keys) {
                const std::string k = key.toStdString();
                for (const CurveInfo &c : curves) {
                    if (c.key != k || (c.rank != 0 && !allRanks))
                        continue;
                    widgets::PlotSeries s = seriesFor(runId, k, c.rank, fromStep, toStep, buckets, start);
                    s.label = runIds.size() > 1 ? q(record->name) + QStringLiteral(" · ") + key : key;
                    // One colour per run in every chart (issue 21); every rank apart, by position.
                    s.style = widgets::metricLineStyle(key);
                    if (!allRanks)
                        s.color = widgets::runColor(record->color);
                    if (c.rank != 0 || allRanks)
                        s.label += tr(" · rank %1").arg(c.rank);
                    out.append(s);
                }
            }
        }
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    Q_EMIT curvesReady(requestId, out);
}

void StoreWatcher::addTag(const QString &runId, const QString &tag)
{
    try {
        store().addTag(runId.toStdString(), tag.toStdString());
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

void StoreWatcher::removeTag(const QString &runId, const QString &tag)
{
    try {
        store().removeTag(runId.toStdString(), tag.toStdString());
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

void StoreWatcher::setNotes(const QString &runId, const QString &notes)
{
    try {
        store().setNotes(runId.toStdString(), notes.toStdString());
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

void StoreWatcher::requestRankStates(const QString &runId)
{
    QStringList states, problems;
    try {
        for (const RankState &r : rankStates(store(), runId.toStdString())) {
            const QString state = r.state == "waiting"     ? tr("waiting")
                                  : r.state == "running"   ? tr("running")
                                  : r.state == "finished"  ? tr("finished")
                                  : r.state == "cancelled" ? tr("cancelled")
                                  : r.state == "failed"    ? tr("failed")
                                  : r.state == "lost"      ? tr("lost")
                                                           : q(r.state);
            QString line = tr("rank %1: %2, step %3").arg(r.rank).arg(state).arg(r.step);
            if (!r.message.empty())
                line += QStringLiteral(" (") + q(r.message) + QLatin1Char(')');
            states << line;
            if (r.state == "failed" || r.state == "lost")
                problems << line + QStringLiteral(" · ") + q(r.log);
        }
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    Q_EMIT rankStatesReady(runId, states, problems);
}

void StoreWatcher::renameRun(const QString &runId, const QString &name)
{
    try {
        store().setName(runId.toStdString(), name.toStdString());
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

void StoreWatcher::trashRun(const QString &runId)
{
    try {
        const auto record = store().run(runId.toStdString());
        if (record.status == seekbench::RunStatus::Running || RunControl::isLive(record))
            throw ProjectError(ProjectError::Kind::BadInput,
                               "run '" + record.id + "' is " + toString(record.status) + "; stop it first");
        const std::filesystem::path from = m_project->runDir(record.id);
        const std::filesystem::path trash = m_project->layout().trashDir();
        std::filesystem::create_directories(trash);
        const std::string stamp
            = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")).toStdString();
        const std::filesystem::path to = m_project->layout().trashedRunDir(record.id, stamp);
        if (std::filesystem::exists(from))
            std::filesystem::rename(from, to);
        else
            std::filesystem::create_directories(to);
        // The config and metadata stay with the files, so a trashed run can be read back.
        QFile meta(QString::fromStdString(m_project->layout().trashedRunMetaPath(record.id, stamp).string()));
        if (meta.open(QIODevice::WriteOnly | QIODevice::Text)) {
            meta.write(
                ("id: " + record.id + "\nname: " + record.name + "\nstatus: " + toString(record.status) + "\n").c_str());
            meta.write("config: |\n");
            for (const QString &line : q(record.configYaml).split(QLatin1Char('\n')))
                meta.write(("  " + line.toStdString() + "\n").c_str());
        }
        store().deleteRun(record.id);
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

void StoreWatcher::markStale()
{
    try {
        if (!m_project->isReadOnly())
            store().markStaleRuns();
    } catch (const std::exception &e) {
        Q_EMIT failed(QString::fromUtf8(e.what()));
    }
    poll();
}

} // namespace seekbench::ui
