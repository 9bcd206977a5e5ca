#pragma once

#include "seekbench/widgets/plot_data_provider.h"

#include <QFutureWatcher>
#include <QHash>
#include <QTimer>

#include <memory>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// System samples of a run (process RSS and CPU; CUDA allocator figures and per-device
// GPU memory when present; one curve per rank for distributed runs) from the project's
// store, so runs started anywhere (the CLI, a cluster, another GUI) show the same. Read
// incrementally (after the last sample's wall time) off the GUI thread.
class SystemChartProvider : public widgets::PlotDataProvider
{
    Q_OBJECT
public:
    enum class Group { Memory, Cpu };

    SystemChartProvider(std::shared_ptr<const seekbench::projects::Project> project, const QString &runId, Group group,
                        QObject *parent = nullptr);
    ~SystemChartProvider() override;

    void requestRange(double fromStep, double toStep, int buckets) override;
    void requestAll(int buckets) override;
    // "ok", or the trainer's reason there is no GPU figure ("no CUDA device").
    QString gpuStatus() const { return m_gpuStatus; }

    struct Chunk
    {
        double lastTime = 0; // wall time of the newest sample read
        QVector<widgets::PlotSeries> series;
        QString gpuStatus;
        double firstTime = 0;
        QString error;
    };

Q_SIGNALS:
    void gpuStatusChanged(const QString &status);

private:
    void poll();
    void merge(const Chunk &chunk);
    void publish(double fromX, double toX, int buckets);

    std::shared_ptr<const seekbench::projects::Project> m_project;
    QString m_runId;
    Group m_group;
    QTimer m_timer;
    QFutureWatcher<Chunk> m_reader;
    double m_lastTime = 0;
    QVector<widgets::PlotSeries> m_series; // x in "step" is seconds since the first sample
    QString m_gpuStatus;
    double m_firstTime = 0;
    int m_buckets = 1000;
};

} // namespace seekbench::ui
