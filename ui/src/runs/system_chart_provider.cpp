#include "runs/system_chart_provider.h"

#include "seekbench/plotmath/decimation.h"
#include "seekbench/projects/run_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace seekbench::ui {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;

void add(QHash<QString, widgets::PlotSeries> &out, const QString &label, double t, double first, double v)
{
    widgets::PlotSeries &s = out[label];
    s.id = label;
    s.label = label;
    s.startTime = first;
    s.append(t - first, t, v, v, v);
}

SystemChartProvider::Chunk readNew(std::shared_ptr<const projects::Project> project, const std::string &runId,
                                   double after, SystemChartProvider::Group group, double firstTime)
{
    SystemChartProvider::Chunk chunk;
    chunk.lastTime = after;
    QHash<QString, widgets::PlotSeries> series;
    std::vector<projects::SystemSampleRecord> samples;
    try {
        projects::RunStore store(*project);
        samples = store.systemSamples(runId, after);
    } catch (const std::exception &e) {
        chunk.error = QString::fromUtf8(e.what());
        chunk.firstTime = firstTime;
        return chunk;
    }
    bool ranks = false;
    for (const auto &s : samples)
        ranks = ranks || s.rank != 0;
    // One curve per rank when the run has several; the label names it.
    auto label = [&](const QString &what, int rank) {
        return ranks ? SystemChartProvider::tr("%1 · rank %2").arg(what).arg(rank) : what;
    };
    for (const auto &s : samples) {
        const double t = s.wallTime;
        chunk.lastTime = std::max(chunk.lastTime, t);
        if (firstTime == 0)
            firstTime = t;
        const QJsonObject gpu = QJsonDocument::fromJson(QByteArray::fromStdString(s.gpuJson)).object();
        if (gpu.contains(QStringLiteral("gpu_status")))
            chunk.gpuStatus = gpu.value(QStringLiteral("gpu_status")).toString();
        if (group == SystemChartProvider::Group::Cpu) {
            add(series, label(SystemChartProvider::tr("CPU %"), s.rank), t, firstTime, s.cpuPercent);
            continue;
        }
        add(series, label(SystemChartProvider::tr("Process RSS (MiB)"), s.rank), t, firstTime, s.rssBytes / kMiB);
        if (s.cudaAllocated) {
            add(series, label(SystemChartProvider::tr("CUDA allocated (MiB)"), s.rank), t, firstTime,
                *s.cudaAllocated / kMiB);
            add(series, label(SystemChartProvider::tr("CUDA reserved (MiB)"), s.rank), t, firstTime,
                s.cudaReserved.value_or(0) / kMiB);
            add(series, label(SystemChartProvider::tr("CUDA peak (MiB)"), s.rank), t, firstTime,
                s.cudaPeak.value_or(0) / kMiB);
        }
        for (const QJsonValue &d : gpu.value(QStringLiteral("devices")).toArray()) {
            const QJsonObject g = d.toObject();
            add(series,
                label(SystemChartProvider::tr("GPU %1 used (MiB)").arg(g.value(QStringLiteral("index")).toInt()),
                      s.rank),
                t, firstTime, g.value(QStringLiteral("used_bytes")).toDouble() / kMiB);
        }
    }
    chunk.firstTime = firstTime;
    chunk.series = series.values().toVector();
    return chunk;
}
} // namespace

SystemChartProvider::SystemChartProvider(std::shared_ptr<const projects::Project> project, const QString &runId,
                                         Group group, QObject *parent)
    : PlotDataProvider(parent), m_project(std::move(project)), m_runId(runId), m_group(group)
{
    connect(&m_reader, &QFutureWatcher<Chunk>::finished, this, [this] { merge(m_reader.result()); });
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &SystemChartProvider::poll);
    m_timer.start();
    poll();
}

SystemChartProvider::~SystemChartProvider()
{
    m_timer.stop();
    m_reader.waitForFinished();
}

void SystemChartProvider::poll()
{
    if (m_reader.isRunning())
        return;
    m_reader.setFuture(QtConcurrent::run(readNew, m_project, m_runId.toStdString(), m_lastTime, m_group, m_firstTime));
}

void SystemChartProvider::merge(const Chunk &chunk)
{
    m_lastTime = chunk.lastTime;
    m_firstTime = chunk.firstTime;
    if (!chunk.gpuStatus.isEmpty() && chunk.gpuStatus != m_gpuStatus) {
        m_gpuStatus = chunk.gpuStatus;
        Q_EMIT gpuStatusChanged(m_gpuStatus);
    }
    if (chunk.series.isEmpty())
        return;
    for (const widgets::PlotSeries &tail : chunk.series) {
        auto it = std::find_if(m_series.begin(), m_series.end(), [&](const auto &s) { return s.id == tail.id; });
        if (it == m_series.end()) {
            m_series.append(tail);
            continue;
        }
        for (int i = 0; i < tail.size(); ++i)
            it->append(tail.step[i], tail.time[i], tail.min[i], tail.max[i], tail.mean[i]);
    }
    Q_EMIT seriesAppended(chunk.series);
}

void SystemChartProvider::requestRange(double fromStep, double toStep, int buckets)
{
    publish(fromStep, toStep, buckets);
}

void SystemChartProvider::requestAll(int buckets)
{
    m_buckets = buckets;
    publish(-1e300, 1e300, buckets);
}

void SystemChartProvider::publish(double fromX, double toX, int buckets)
{
    QVector<widgets::PlotSeries> out;
    for (const widgets::PlotSeries &s : m_series) {
        if (s.size() <= buckets) {
            out.append(s);
            continue;
        }
        // Many samples: one min/max bucket per pixel column.
        const std::vector<double> xs(s.step.begin(), s.step.end()), ys(s.mean.begin(), s.mean.end());
        const double lo = std::max(fromX, xs.front()), hi = std::min(toX, xs.back());
        widgets::PlotSeries d;
        d.id = s.id;
        d.label = s.label;
        d.startTime = s.startTime;
        for (const auto &b : plotmath::decimateMinMax(xs, ys, lo, hi, static_cast<std::size_t>(buckets)))
            d.append(b.x, s.startTime + b.x, b.min, b.max, b.mean);
        d.pointsPerBucket = d.size() ? static_cast<double>(s.size()) / d.size() : 1;
        out.append(d);
    }
    Q_EMIT seriesReplaced(out);
}

} // namespace seekbench::ui
