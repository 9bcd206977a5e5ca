#include "seekbench/projects/metric_writer.h"

#include "connection.h"
#include "ingest.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/run/disk_full.h"

#include <cstdint>
#include <cstdio>

namespace seekbench::projects {

namespace {

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

} // namespace

struct MetricWriter::Connection
{
    std::string path; // the database file, for a full disk's message
    sql::Database db;
    Ingest ingest;
    Connection(const Project &project, const std::string &runId, int attempt)
        : path(project.databasePath().string()), db(openConnection(project)), ingest(db, runId, attempt)
    {}
};

MetricWriter::MetricWriter(const Project &project, std::string runId, int attempt)
    : MetricWriter(project, std::move(runId), attempt, Options{})
{}

MetricWriter::MetricWriter(const Project &project, std::string runId, int attempt, Options options)
    : m_runId(std::move(runId)), m_options(options)
{
    Project::checkRunId(m_runId);
    project.requireWritable();
    if (project.isReadOnly())
        throw ProjectError(ProjectError::Kind::Locked, "the project " + project.dir().string()
                                                           + " is open read-only; run '" + m_runId
                                                           + "' cannot be written");
    try {
        m_conn = std::make_unique<Connection>(project, m_runId, attempt);
        auto st = m_conn->db.prepare("SELECT 1 FROM runs WHERE id = ?1");
        st.bind(1, m_runId);
        const bool found = st.step();
        st.reset();
        if (!found)
            throw ProjectError(ProjectError::Kind::NotFound, "no run '" + m_runId + "' in " + project.dir().string());
    } catch (const sql::SqlError &e) {
        throw ProjectError(ProjectError::Kind::Database, e.what());
    }
    m_thread = std::thread([this] { writerLoop(); });
}

MetricWriter::~MetricWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void MetricWriter::addMetrics(std::span<const MetricPoint> points)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_points.insert(m_points.end(), points.begin(), points.end());
        ++m_added;
        wake = m_points.size() >= m_options.flushAtPoints;
    }
    if (wake)
        m_wake.notify_one();
}

void MetricWriter::addSystemSample(const SystemSample &sample)
{
    std::lock_guard lock(m_mutex);
    m_samples.push_back(sample);
    ++m_added;
}

void MetricWriter::addEvent(const RunEvent &event)
{
    std::lock_guard lock(m_mutex);
    m_events.push_back(event);
    ++m_added;
}

void MetricWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const std::uint64_t target = m_added;
    const std::uint64_t failuresBefore = m_failures;
    m_flushRequested = true;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_durable >= target || m_failures != failuresBefore; });
    if (m_durable < target)
        throw std::runtime_error("cannot store the metrics of run '" + m_runId + "': " + m_lastError);
}

std::string MetricWriter::fatalError() const
{
    std::lock_guard lock(m_mutex);
    return m_fatal;
}

std::uint64_t MetricWriter::pointsCommitted() const
{
    std::lock_guard lock(m_mutex);
    return m_committedPoints;
}

std::uint64_t MetricWriter::flushes() const
{
    std::lock_guard lock(m_mutex);
    return m_flushes;
}

bool MetricWriter::writeBatch(std::vector<MetricPoint> &points, std::vector<SystemSample> &samples,
                              std::vector<RunEvent> &events)
{
    std::vector<Ingest::OriginEvent> originEvents;
    originEvents.reserve(events.size());
    for (auto &e : events)
        originEvents.push_back({std::move(e), {}, 0});
    std::size_t stored = 0;
    try {
        sql::withWriteTransaction(m_conn->db, [&] {
            m_conn->ingest.discard();
            stored = m_conn->ingest.write(points, samples, originEvents, nowSeconds());
        });
        m_conn->ingest.committed();
        std::lock_guard lock(m_mutex);
        m_committedPoints += stored;
        ++m_flushes;
        return true;
    } catch (const std::exception &e) {
        m_conn->ingest.discard();
        for (std::size_t i = 0; i < events.size(); ++i)
            events[i] = std::move(originEvents[i].event);
        const auto *sqlError = dynamic_cast<const sql::SqlError *>(&e);
        std::lock_guard lock(m_mutex);
        m_lastError = e.what();
        const bool full = sqlError
                          && (sqlError->isDiskFull()
                              || ((sqlError->code() & 0xff) == SQLITE_IOERR && storageIsFull(m_conn->path)));
        if (full && m_fatal.empty())
            m_fatal = diskFullMessage(m_conn->path, e.what());
        return false;
    }
}

void MetricWriter::writerLoop()
{
    auto lastBeat = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, m_options.flushInterval,
                        [&] { return m_stop || m_flushRequested || m_points.size() >= m_options.flushAtPoints; });
        const bool stopping = m_stop;
        const bool hasData = !m_points.empty() || !m_samples.empty() || !m_events.empty();
        const auto now = std::chrono::steady_clock::now();
        const bool beatDue = std::chrono::duration<double>(now - lastBeat).count() >= m_options.heartbeatInterval;
        if (hasData || beatDue || m_flushRequested) {
            std::vector<MetricPoint> points;
            std::vector<SystemSample> samples;
            std::vector<RunEvent> events;
            points.swap(m_points);
            samples.swap(m_samples);
            events.swap(m_events);
            const std::uint64_t upTo = m_added;
            m_flushRequested = false;
            lock.unlock();
            const bool ok = writeBatch(points, samples, events);
            lock.lock();
            if (ok) {
                m_durable = upTo;
                lastBeat = now;
            } else {
                // Keep the data, in order, ahead of what arrived meanwhile.
                points.insert(points.end(), m_points.begin(), m_points.end());
                m_points.swap(points);
                samples.insert(samples.end(), m_samples.begin(), m_samples.end());
                m_samples.swap(samples);
                events.insert(events.end(), m_events.begin(), m_events.end());
                m_events.swap(events);
                ++m_failures;
                // Once per distinct error: a full store refuses every 250 ms until the run ends.
                if (m_lastError != m_reportedError)
                    std::fprintf(stderr, "seekbench: metric writer: %s\n", m_lastError.c_str());
                m_reportedError = m_lastError;
            }
            m_done.notify_all();
            if (!ok && stopping)
                return; // the destructor cannot wait forever for a store that refuses
            continue;   // a stop re-checks for data added during the write
        }
        if (stopping)
            return;
    }
}

} // namespace seekbench::projects
