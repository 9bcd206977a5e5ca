#pragma once

#include "seekbench/widgets/plot_data_provider.h"

#include <QFutureWatcher>
#include <QHash>
#include <QTimer>

namespace seekbench::ui {

// System samples of a run (process RSS and CPU; CUDA allocator figures and per-device
// GPU memory when present) from the JSON-lines events the trainer prints on stdout,
// which the launcher keeps in the run folder (train.out.log, resume.out.log). Files
// are read incrementally off the GUI thread.
class SystemChartProvider : public widgets::PlotDataProvider
{
    Q_OBJECT
public:
    enum class Group { Memory, Cpu };

    SystemChartProvider(const QString &runDir, Group group, QObject *parent = nullptr);
    ~SystemChartProvider() override;

    void requestRange(double fromStep, double toStep, int buckets) override;
    void requestAll(int buckets) override;
    // "ok", or the trainer's reason there is no GPU figure ("no CUDA device").
    QString gpuStatus() const { return m_gpuStatus; }

    struct Chunk
    {
        QHash<QString, qint64> offsets;
        QVector<widgets::PlotSeries> series;
        QString gpuStatus;
        double firstTime = 0;
    };

Q_SIGNALS:
    void gpuStatusChanged(const QString &status);

private:
    void poll();
    void merge(const Chunk &chunk);
    void publish(double fromX, double toX, int buckets);

    QString m_runDir;
    Group m_group;
    QTimer m_timer;
    QFutureWatcher<Chunk> m_reader;
    QHash<QString, qint64> m_offsets;
    QVector<widgets::PlotSeries> m_series; // x in "step" is seconds since the first sample
    QString m_gpuStatus;
    double m_firstTime = 0;
    int m_buckets = 1000;
};

} // namespace seekbench::ui
