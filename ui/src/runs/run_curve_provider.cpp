#include "runs/run_curve_provider.h"

#include "runs/series_id.h"

#include "project/store_watcher.h"

#include <atomic>
#include <limits>

namespace seekbench::ui {

namespace {
quint64 nextRequestId()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}
} // namespace

RunCurveProvider::RunCurveProvider(StoreWatcher *watcher, const QStringList &runIds, const QStringList &keys,
                                   QObject *parent, bool allRanks)
    : PlotDataProvider(parent), m_watcher(watcher), m_runIds(runIds), m_keys(keys), m_allRanks(allRanks)
{
    connect(watcher, &StoreWatcher::curvesReady, this, [this](quint64 id, const QVector<widgets::PlotSeries> &series) {
        if (id == m_lastRequest) // a stale answer to an earlier zoom is dropped
            Q_EMIT seriesReplaced(series);
    });
    connect(watcher, &StoreWatcher::pointsAdded, this,
            [this](const QString &runId, const QVector<widgets::PlotSeries> &tails, bool reset) {
                if (!m_runIds.contains(runId))
                    return;
                if (reset) {
                    requestAll(m_buckets);
                    return;
                }
                QVector<widgets::PlotSeries> mine;
                for (const widgets::PlotSeries &t : tails) {
                    const auto id = SeriesId::parse(t.id);
                    if (!id || id->runId != runId || !m_keys.contains(id->key) || (id->rank != 0 && !m_allRanks))
                        continue;
                    widgets::PlotSeries s = t;
                    s.label = m_allRanks ? id->key + tr(" · rank %1").arg(id->rank) : id->key;
                    mine.append(s);
                }
                if (!mine.isEmpty())
                    Q_EMIT seriesAppended(mine);
            });
}

void RunCurveProvider::requestRange(double fromStep, double toStep, int buckets) { request(fromStep, toStep, buckets); }

void RunCurveProvider::requestAll(int buckets)
{
    m_buckets = buckets;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    request(nan, nan, buckets);
}

void RunCurveProvider::request(double fromStep, double toStep, int buckets)
{
    if (!m_watcher)
        return;
    m_lastRequest = nextRequestId();
    QMetaObject::invokeMethod(m_watcher, "requestCurves", Qt::QueuedConnection, Q_ARG(quint64, m_lastRequest),
                              Q_ARG(QStringList, m_runIds), Q_ARG(QStringList, m_keys), Q_ARG(double, fromStep),
                              Q_ARG(double, toStep), Q_ARG(int, buckets), Q_ARG(bool, m_allRanks));
}

} // namespace seekbench::ui
