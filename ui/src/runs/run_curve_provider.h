#pragma once

#include "seekbench/widgets/plot_data_provider.h"

#include <QPointer>
#include <QStringList>

namespace seekbench::ui {

class StoreWatcher;

// A LivePlot's curves from the project's store: some metric keys of some runs. Queries
// run on the StoreWatcher's thread; zooming asks again for the visible steps at one
// bucket per pixel column; new points of watched runs are appended as they arrive.
class RunCurveProvider : public widgets::PlotDataProvider
{
    Q_OBJECT
public:
    // With `allRanks`, every rank's curve of each key (distributed runs), else rank 0's.
    RunCurveProvider(StoreWatcher *watcher, const QStringList &runIds, const QStringList &keys,
                     QObject *parent = nullptr, bool allRanks = false);

    void requestRange(double fromStep, double toStep, int buckets) override;
    void requestAll(int buckets) override;
    QStringList runIds() const { return m_runIds; }
    QStringList keys() const { return m_keys; }

private:
    void request(double fromStep, double toStep, int buckets);

    QPointer<StoreWatcher> m_watcher;
    QStringList m_runIds;
    QStringList m_keys;
    bool m_allRanks = false;
    quint64 m_lastRequest = 0;
    int m_buckets = 1000;
};

} // namespace seekbench::ui
