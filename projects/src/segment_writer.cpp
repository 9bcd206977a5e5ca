#include "seekbench/projects/segment_writer.h"

#include "seekbench/projects/process_identity.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/run/disk_full.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

namespace seekbench::projects {

namespace {

nlohmann::json number(double v)
{
    // JSON has no NaN or infinity; null reads back as NaN.
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

} // namespace

SegmentWriter::SegmentWriter(const std::filesystem::path &runDir, const std::string &runId, int attempt, int rank,
                             std::chrono::milliseconds flushInterval)
    : m_interval(flushInterval)
{
    const auto me = ProcessIdentity::current();
    std::error_code ec;
    std::filesystem::create_directories(runDir / "segments", ec);
    // host and pid in the name: ranks on different nodes never share a file.
    std::string host = me.host;
    for (char &c : host)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.')
            c = '_';
    m_file = runDir / "segments"
             / ("a" + std::to_string(attempt) + "-r" + std::to_string(rank) + "-" + host + "-" + std::to_string(me.pid)
                + ".seg");
    m_fd = ::open(m_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw ProjectError(ProjectError::Kind::Io,
                           "cannot open segment " + m_file.string() + ": " + std::strerror(errno));
    m_pending = nlohmann::json{{"t", "seg"},   {"run", runId},    {"attempt", attempt},
                               {"rank", rank}, {"host", me.host}, {"pid", me.pid}}
                    .dump()
                + "\n";
    m_thread = std::thread([this] { writerLoop(); });
}

SegmentWriter::~SegmentWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

void SegmentWriter::addMetrics(std::span<const MetricPoint> points)
{
    std::string lines;
    for (const auto &p : points)
        lines += nlohmann::json{{"t", "m"},        {"k", p.key},  {"s", p.step},
                                {"w", p.wallTime}, {"r", p.rank}, {"v", number(p.value)}}
                     .dump()
                 + "\n";
    std::lock_guard lock(m_mutex);
    m_pending += lines;
    ++m_added;
}

void SegmentWriter::addSystemSample(const SystemSample &s)
{
    nlohmann::json devices = nlohmann::json::array();
    for (const auto &d : s.devices)
        devices.push_back(
            {{"index", d.index}, {"name", d.name}, {"used_bytes", d.usedBytes}, {"total_bytes", d.totalBytes}});
    const std::string line = nlohmann::json{{"t", "s"},
                                            {"w", s.wallTime},
                                            {"r", s.rank},
                                            {"rss", s.rssBytes},
                                            {"cpu", s.cpuPercent},
                                            {"cuda", s.cudaAvailable},
                                            {"ca", s.cudaAllocatedBytes},
                                            {"cr", s.cudaReservedBytes},
                                            {"cp", s.cudaPeakAllocatedBytes},
                                            {"gpu_status", s.gpuStatus},
                                            {"devices", devices}}
                                 .dump()
                             + "\n";
    std::lock_guard lock(m_mutex);
    m_pending += line;
    ++m_added;
}

void SegmentWriter::addEvent(const RunEvent &e)
{
    const std::string line = nlohmann::json{{"t", "e"},        {"kind", e.kind}, {"s", e.step},
                                            {"w", e.wallTime}, {"r", e.rank},    {"json", e.json}}
                                 .dump()
                             + "\n";
    std::lock_guard lock(m_mutex);
    m_pending += line;
    ++m_added;
}

void SegmentWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const auto target = m_added;
    const auto failures = m_failures;
    m_flushRequested = true;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_durable >= target || m_failures != failures; });
    if (m_durable < target)
        throw std::runtime_error("cannot write segment " + m_file.string() + ": " + m_lastError);
}

void SegmentWriter::failed(int error)
{
    std::lock_guard lock(m_mutex);
    m_lastError = std::strerror(error);
    if (isDiskFullErrno(error) && m_fatal.empty())
        m_fatal = diskFullMessage(m_file, m_lastError);
}

std::string SegmentWriter::fatalError() const
{
    std::lock_guard lock(m_mutex);
    return m_fatal;
}

bool SegmentWriter::writePending(std::string &text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failed(errno);
            text.erase(0, done); // what was written stays written; retry the rest
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fdatasync(m_fd) != 0) {
        failed(errno);
        text.clear();
        return false;
    }
    text.clear();
    return true;
}

void SegmentWriter::writerLoop()
{
    auto lastBeat = std::chrono::steady_clock::now();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait_for(lock, m_interval, [&] { return m_stop || m_flushRequested; });
        const bool stopping = m_stop;
        const auto now = std::chrono::steady_clock::now();
        // A heartbeat line every 5 s keeps an idle rank from looking stale.
        if (now - lastBeat > std::chrono::seconds(5)) {
            using namespace std::chrono;
            m_pending += nlohmann::json{{"t", "h"},
                                        {"w", duration<double>(system_clock::now().time_since_epoch()).count()}}
                             .dump()
                         + "\n";
        }
        if (!m_pending.empty() || m_flushRequested) {
            std::string text;
            text.swap(m_pending);
            const auto upTo = m_added;
            m_flushRequested = false;
            lock.unlock();
            const bool ok = text.empty() || writePending(text);
            lock.lock();
            if (ok) {
                m_durable = upTo;
                lastBeat = now;
            } else {
                m_pending = text + m_pending;
                ++m_failures;
            }
            m_done.notify_all();
            if (!ok && stopping)
                return;
            continue;
        }
        if (stopping)
            return;
    }
}

} // namespace seekbench::projects
