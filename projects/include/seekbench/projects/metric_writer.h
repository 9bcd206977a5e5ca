#pragma once

#include "seekbench/run/metrics_sink.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace seekbench::projects {

class Project;

// The batched store writer of one run: core's MetricsSink on top of SQLite. Callers add
// from any thread; a writer thread of its own commits everything added so far at least
// every 250 ms, in one BEGIN IMMEDIATE transaction per flush with points, tiles, curve
// stats, the run's summary and its heartbeat. BUSY is absorbed by the busy timeout and a
// bounded retry of the whole transaction, so many processes can write one project.
class MetricWriter final : public MetricsSink
{
public:
    struct Options
    {
        std::chrono::milliseconds flushInterval{250};
        std::size_t flushAtPoints = 200000; // flush early when this many wait (about 13 MB)
        double heartbeatInterval = 5.0;     // an idle writer still beats this often
    };

    // Opens its own connection. Throws ProjectError when the run does not exist.
    MetricWriter(const Project &project, std::string runId, int attempt);
    MetricWriter(const Project &project, std::string runId, int attempt, Options options);
    // Flushes what is left and stops the writer thread.
    ~MetricWriter() override;
    MetricWriter(const MetricWriter &) = delete;
    MetricWriter &operator=(const MetricWriter &) = delete;

    void addMetrics(std::span<const MetricPoint> points) override;
    void addSystemSample(const SystemSample &sample) override;
    void addEvent(const RunEvent &event) override;
    // Returns when everything added before the call is committed. Throws
    // std::runtime_error when the store refused it (disk full, busy past the retries);
    // the data stays queued and the next flush tries again.
    void flush() override;
    // "disk full: cannot write <seekbench.db>: ..." once the store refused a batch with
    // SQLITE_FULL, or an I/O error from ENOSPC, EDQUOT or EFBIG. The data stays queued.
    std::string fatalError() const override;

    const std::string &runId() const { return m_runId; }
    std::uint64_t pointsCommitted() const;
    std::uint64_t flushes() const;

private:
    void writerLoop();
    bool writeBatch(std::vector<MetricPoint> &points, std::vector<SystemSample> &samples, std::vector<RunEvent> &events);

    struct Connection;
    std::unique_ptr<Connection> m_conn; // used by the writer thread only
    std::string m_runId;
    Options m_options;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // the writer thread waits here
    std::condition_variable m_done; // flush() waits here
    std::vector<MetricPoint> m_points;
    std::vector<SystemSample> m_samples;
    std::vector<RunEvent> m_events;
    std::uint64_t m_added = 0;   // sequence of the last add
    std::uint64_t m_durable = 0; // every add up to this one is committed
    std::uint64_t m_failures = 0;
    std::uint64_t m_committedPoints = 0;
    std::uint64_t m_flushes = 0;
    std::string m_lastError;
    std::string m_reportedError; // the last error printed on stderr
    std::string m_fatal;         // see fatalError()
    bool m_flushRequested = false;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace seekbench::projects
