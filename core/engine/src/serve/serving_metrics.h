#pragma once

// The server's /metrics in Prometheus text format (issue 23): requests by endpoint kind
// and status code, the infer latency histogram, the batch-size histogram, the queue depth.
// Lock-free counters; one text render per scrape.

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace seekbench::engine {

class ServingMetrics
{
public:
    // An infer request answered with `status` after `seconds` (from arrival).
    void recordInfer(int status, double seconds);
    // A batch of `rows` run by the model.
    void recordBatch(std::int64_t rows);
    std::string render(std::int64_t queueDepth, const std::string &modelName) const;

    static constexpr std::array<double, 14> kLatencyBounds = {0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05,
                                                              0.08,  0.1,   0.2,   0.5,  1,    2,    5};
    static constexpr std::array<double, 11> kBatchBounds = {1, 2, 4, 8, 12, 16, 24, 32, 64, 128, 256};
    static constexpr std::array<int, 7> kCodes = {200, 400, 404, 413, 500, 503, 504};

private:
    std::array<std::atomic<std::uint64_t>, kCodes.size()> m_requests{};
    std::array<std::atomic<std::uint64_t>, kLatencyBounds.size() + 1> m_latency{};
    std::atomic<std::uint64_t> m_latencyMicros{0};
    std::array<std::atomic<std::uint64_t>, kBatchBounds.size() + 1> m_batches{};
    std::atomic<std::uint64_t> m_batchRows{0};
};

} // namespace seekbench::engine
