#include "export/serving_metrics_text.h"

#include <QRegularExpression>
#include <QStringList>

#include <limits>

namespace seekbench::ui {

ServingScrape parseServingMetrics(const QString &text)
{
    ServingScrape s;
    static const QRegularExpression line(QStringLiteral(R"re(^(\w+)\{([^}]*)\}\s+([0-9.eE+-]+|\+Inf|NaN)\s*$)re"));
    static const QRegularExpression le(QStringLiteral(R"re(le="([^"]+)")re"));
    static const QRegularExpression code(QStringLiteral(R"re(code="(\d+)")re"));
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const auto m = line.match(raw);
        if (!m.hasMatch())
            continue;
        const QString name = m.captured(1), labels = m.captured(2);
        const double value = m.captured(3).toDouble();
        if (name == QLatin1String("seekbench_inference_requests_total")) {
            s.requests += value;
            if (code.match(labels).captured(1) == QLatin1String("200"))
                s.ok += value;
            s.valid = true;
        } else if (name == QLatin1String("seekbench_inference_request_duration_seconds_bucket")) {
            const QString bound = le.match(labels).captured(1);
            s.latencyBuckets[bound == QLatin1String("+Inf") ? std::numeric_limits<double>::infinity() : bound.toDouble()]
                = value;
        } else if (name == QLatin1String("seekbench_inference_batch_size_count")) {
            s.batches = value;
        } else if (name == QLatin1String("seekbench_inference_batch_size_sum")) {
            s.batchRows = value;
        } else if (name == QLatin1String("seekbench_inference_queue_depth")) {
            s.queueDepth = value;
        }
    }
    return s;
}

namespace {

// The q-quantile of the requests counted between two cumulative histograms, in ms.
double quantileMs(const ServingScrape &a, const ServingScrape &b, double q)
{
    const double total = b.latencyBuckets.value(std::numeric_limits<double>::infinity())
                         - a.latencyBuckets.value(std::numeric_limits<double>::infinity());
    if (total <= 0)
        return -1;
    const double want = q * total;
    double lower = 0, below = 0;
    for (auto it = b.latencyBuckets.cbegin(); it != b.latencyBuckets.cend(); ++it) {
        const double count = it.value() - a.latencyBuckets.value(it.key());
        if (count >= want) {
            if (std::isinf(it.key()))
                return lower * 1000; // beyond the last bound: report the bound
            const double inBucket = count - below;
            const double f = inBucket > 0 ? (want - below) / inBucket : 1;
            return (lower + f * (it.key() - lower)) * 1000;
        }
        lower = it.key();
        below = count;
    }
    return lower * 1000;
}

} // namespace

ServingRates servingRates(const ServingScrape &a, const ServingScrape &b, double seconds)
{
    ServingRates r;
    if (!a.valid || !b.valid || seconds <= 0)
        return r;
    r.requestsPerSecond = std::max(0.0, b.requests - a.requests) / seconds;
    r.errorsPerSecond = std::max(0.0, (b.requests - b.ok) - (a.requests - a.ok)) / seconds;
    r.p50Ms = quantileMs(a, b, 0.5);
    r.p99Ms = quantileMs(a, b, 0.99);
    const double batches = b.batches - a.batches;
    if (batches > 0)
        r.meanBatch = (b.batchRows - a.batchRows) / batches;
    return r;
}

} // namespace seekbench::ui
