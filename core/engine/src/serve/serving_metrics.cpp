#include "serving_metrics.h"

#include <algorithm>
#include <cstdint>
#include <sstream>

namespace seekbench::engine {
namespace {

template<std::size_t N>
std::size_t bucketOf(const std::array<double, N> &bounds, double value)
{
    return std::size_t(std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin());
}

template<std::size_t N, std::size_t M>
void histogram(std::ostringstream &out, const std::string &name, const std::string &labels,
               const std::array<double, N> &bounds, const std::array<std::atomic<std::uint64_t>, M> &counts, double sum)
{
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < N; ++i) {
        cumulative += counts[i].load();
        out << name << "_bucket{" << labels << ",le=\"" << bounds[i] << "\"} " << cumulative << "\n";
    }
    cumulative += counts[N].load();
    out << name << "_bucket{" << labels << ",le=\"+Inf\"} " << cumulative << "\n"
        << name << "_sum{" << labels << "} " << sum << "\n"
        << name << "_count{" << labels << "} " << cumulative << "\n";
}

} // namespace

void ServingMetrics::recordInfer(int status, double seconds)
{
    const auto code = std::find(kCodes.begin(), kCodes.end(), status);
    m_requests[code == kCodes.end() ? 4 : std::size_t(code - kCodes.begin())]++; // others count as 500
    m_latency[bucketOf(kLatencyBounds, seconds)]++;
    m_latencyMicros += std::uint64_t(seconds * 1e6);
}

void ServingMetrics::recordBatch(std::int64_t rows)
{
    m_batches[bucketOf(kBatchBounds, double(rows))]++;
    m_batchRows += std::uint64_t(rows);
}

std::string ServingMetrics::render(std::int64_t queueDepth, const std::string &modelName) const
{
    std::ostringstream out;
    const std::string model = "model=\"" + modelName + "\"";
    out << "# HELP seekbench_inference_requests_total Infer requests answered, by HTTP status.\n"
        << "# TYPE seekbench_inference_requests_total counter\n";
    for (std::size_t i = 0; i < kCodes.size(); ++i)
        out << "seekbench_inference_requests_total{" << model << ",code=\"" << kCodes[i] << "\"} "
            << m_requests[i].load() << "\n";
    out << "# HELP seekbench_inference_request_duration_seconds Time from a request's arrival to its reply.\n"
        << "# TYPE seekbench_inference_request_duration_seconds histogram\n";
    histogram(out, "seekbench_inference_request_duration_seconds", model, kLatencyBounds, m_latency,
              double(m_latencyMicros.load()) / 1e6);
    out << "# HELP seekbench_inference_batch_size Rows in each batch the model ran.\n"
        << "# TYPE seekbench_inference_batch_size histogram\n";
    histogram(out, "seekbench_inference_batch_size", model, kBatchBounds, m_batches, double(m_batchRows.load()));
    out << "# HELP seekbench_inference_queue_depth Requests waiting for a batch.\n"
        << "# TYPE seekbench_inference_queue_depth gauge\n"
        << "seekbench_inference_queue_depth{" << model << "} " << queueDepth << "\n";
    return out.str();
}

} // namespace seekbench::engine
