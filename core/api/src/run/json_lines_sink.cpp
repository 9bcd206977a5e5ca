#include "seekbench/run/json_lines_sink.h"

#include "seekbench/run/disk_full.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

namespace seekbench {

std::string systemSampleJson(const SystemSample &s)
{
    nlohmann::json j = {{"event", "system"},       {"time", s.wallTime},          {"rank", s.rank},
                        {"rss_bytes", s.rssBytes}, {"cpu_percent", s.cpuPercent}, {"gpu_status", s.gpuStatus}};
    if (s.cudaAvailable) {
        j["cuda_allocated_bytes"] = s.cudaAllocatedBytes;
        j["cuda_reserved_bytes"] = s.cudaReservedBytes;
        j["cuda_peak_allocated_bytes"] = s.cudaPeakAllocatedBytes;
    }
    if (!s.devices.empty()) {
        auto &devices = j["gpus"] = nlohmann::json::array();
        for (const auto &d : s.devices)
            devices.push_back(
                {{"index", d.index}, {"name", d.name}, {"used_bytes", d.usedBytes}, {"total_bytes", d.totalBytes}});
    }
    return j.dump();
}

JsonLinesSink::JsonLinesSink(const std::filesystem::path &path) : m_path(path)
{
    m_file = std::fopen(path.c_str(), "ae");
    if (!m_file)
        throw std::runtime_error("cannot open " + path.string() + " for writing: " + std::strerror(errno));
}

JsonLinesSink::~JsonLinesSink()
{
    if (m_file)
        std::fclose(m_file);
}

void JsonLinesSink::failed(int error)
{
    if (!m_error.empty())
        return;
    m_diskFull = isDiskFullErrno(error);
    m_error = m_diskFull ? diskFullMessage(m_path, std::strerror(error))
                         : "cannot write " + m_path.string() + ": " + std::strerror(error);
}

void JsonLinesSink::writeLine(const std::string &line)
{
    // stdio buffers: a full disk shows on the write that empties the buffer, or in flush().
    errno = 0;
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size() || std::fputc('\n', m_file) == EOF)
        failed(errno ? errno : EIO);
}

void JsonLinesSink::addMetrics(std::span<const MetricPoint> points)
{
    std::lock_guard lock(m_mutex);
    for (const auto &p : points) {
        nlohmann::json j = {{"event", "metric"},  {"key", p.key},   {"step", p.step},
                            {"time", p.wallTime}, {"rank", p.rank}, {"value", p.value}};
        writeLine(j.dump());
    }
}

void JsonLinesSink::addSystemSample(const SystemSample &sample)
{
    std::lock_guard lock(m_mutex);
    writeLine(systemSampleJson(sample));
}

void JsonLinesSink::addEvent(const RunEvent &event)
{
    std::lock_guard lock(m_mutex);
    writeLine(event.json);
}

void JsonLinesSink::flush()
{
    std::lock_guard lock(m_mutex);
    errno = 0;
    if (std::fflush(m_file) != 0 || ::fsync(fileno(m_file)) != 0)
        failed(errno ? errno : EIO);
    if (!m_error.empty())
        throw std::runtime_error(m_error);
}

std::string JsonLinesSink::fatalError() const
{
    std::lock_guard lock(m_mutex);
    return m_diskFull ? m_error : std::string();
}

} // namespace seekbench
