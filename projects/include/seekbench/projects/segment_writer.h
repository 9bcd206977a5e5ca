#pragma once

#include "seekbench/run/metrics_sink.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

namespace seekbench::projects {

// Cluster-safe sink: appends one rank's metrics, samples, events and heartbeats to its
// own segment file, runs/<id>/segments/a<attempt>-r<rank>-<host>-<pid>.seg, as JSON lines.
// Ranks never open SQLite (its locking is unsafe on network file systems); the project's
// single writer imports segments with SegmentImporter. Appends are fsynced at least every
// 250 ms; flush() returns once everything added is on disk.
class SegmentWriter final : public MetricsSink
{
public:
    // `runDir` is runs/<run-id> inside the project; it need not be opened as a Project.
    SegmentWriter(const std::filesystem::path &runDir, const std::string &runId, int attempt, int rank,
                  std::chrono::milliseconds flushInterval = std::chrono::milliseconds(250));
    ~SegmentWriter() override;
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    void addMetrics(std::span<const MetricPoint> points) override;
    void addSystemSample(const SystemSample &sample) override;
    void addEvent(const RunEvent &event) override;
    void flush() override;
    // "disk full: cannot write <segment>: ..." once a write failed with ENOSPC, EDQUOT or EFBIG.
    std::string fatalError() const override;

    const std::filesystem::path &file() const { return m_file; }

private:
    void writerLoop();
    bool writePending(std::string &text);
    void failed(int error); // takes m_mutex

    std::filesystem::path m_file;
    int m_fd = -1;
    std::chrono::milliseconds m_interval;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    std::string m_pending; // complete JSON lines not yet written
    std::uint64_t m_added = 0, m_durable = 0, m_failures = 0;
    std::string m_lastError;
    std::string m_fatal;
    bool m_flushRequested = false, m_stop = false;
    std::thread m_thread;
};

} // namespace seekbench::projects
