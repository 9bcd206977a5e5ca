#include "seekbench/ui/system_chart_provider.h"

#include "seekbench/plotmath/decimation.h"

#include <QDir>
#include <QFile>
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

SystemChartProvider::Chunk readNew(const QString &runDir, QHash<QString, qint64> offsets, SystemChartProvider::Group group,
                                   double firstTime)
{
    SystemChartProvider::Chunk chunk;
    QHash<QString, widgets::PlotSeries> series;
    const QStringList files = QDir(runDir).entryList({QStringLiteral("*.out.log")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile f(runDir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        qint64 pos = offsets.value(name, 0);
        f.seek(pos);
        while (!f.atEnd()) {
            const QByteArray line = f.readLine();
            if (!line.endsWith('\n'))
                break; // a line still being written: next time
            pos += line.size();
            if (!line.contains("\"system\""))
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() != QLatin1String("system"))
                continue;
            const double t = o.value(QStringLiteral("time")).toDouble();
            if (firstTime == 0)
                firstTime = t;
            chunk.gpuStatus = o.value(QStringLiteral("gpu_status")).toString();
            if (group == SystemChartProvider::Group::Cpu) {
                add(series, SystemChartProvider::tr("CPU %"), t, firstTime, o.value(QStringLiteral("cpu_percent")).toDouble());
                continue;
            }
            add(series, SystemChartProvider::tr("RSS (MiB)"), t, firstTime, o.value(QStringLiteral("rss_bytes")).toDouble() / kMiB);
            if (o.contains(QStringLiteral("cuda_allocated_bytes"))) {
                add(series, SystemChartProvider::tr("CUDA allocated (MiB)"), t, firstTime,
                    o.value(QStringLiteral("cuda_allocated_bytes")).toDouble() / kMiB);
                add(series, SystemChartProvider::tr("CUDA reserved (MiB)"), t, firstTime,
                    o.value(QStringLiteral("cuda_reserved_bytes")).toDouble() / kMiB);
                add(series, SystemChartProvider::tr("CUDA peak (MiB)"), t, firstTime,
                    o.value(QStringLiteral("cuda_peak_allocated_bytes")).toDouble() / kMiB);
            }
            for (const QJsonValue &d : o.value(QStringLiteral("gpus")).toArray()) {
                const QJsonObject g = d.toObject();
                add(series, SystemChartProvider::tr("GPU %1 used (MiB)").arg(g.value(QStringLiteral("index")).toInt()), t,
                    firstTime, g.value(QStringLiteral("used_bytes")).toDouble() / kMiB);
            }
        }
        offsets.insert(name, pos);
    }
    chunk.offsets = offsets;
    chunk.firstTime = firstTime;
    chunk.series = series.values().toVector();
    return chunk;
}
} // namespace

SystemChartProvider::SystemChartProvider(const QString &runDir, Group group, QObject *parent)
    : PlotDataProvider(parent), m_runDir(runDir), m_group(group)
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
    m_reader.setFuture(QtConcurrent::run(readNew, m_runDir, m_offsets, m_group, m_firstTime));
}

void SystemChartProvider::merge(const Chunk &chunk)
{
    m_offsets = chunk.offsets;
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
