#pragma once

#include "seekbench/run/metrics_sink.h"

#include <cstdio>
#include <filesystem>
#include <mutex>

namespace seekbench {

// Appends every metric, sample and event as one JSON object per line. The file is the
// run's local record when no project store is attached; `flush` fsyncs it. A failed write
// is kept: flush() then throws naming the file, and a full disk is fatalError().
class JsonLinesSink final : public MetricsSink
{
public:
    // Throws std::runtime_error naming the path when the file cannot be opened.
    explicit JsonLinesSink(const std::filesystem::path &path);
    ~JsonLinesSink() override;
    JsonLinesSink(const JsonLinesSink &) = delete;
    JsonLinesSink &operator=(const JsonLinesSink &) = delete;

    void addMetrics(std::span<const MetricPoint> points) override;
    void addSystemSample(const SystemSample &sample) override;
    void addEvent(const RunEvent &event) override;
    void flush() override;
    std::string fatalError() const override;

private:
    void writeLine(const std::string &line);
    void failed(int error); // with m_mutex held

    mutable std::mutex m_mutex;
    std::FILE *m_file = nullptr;
    std::filesystem::path m_path;
    std::string m_error; // the first failed write, empty while every write succeeded
    bool m_diskFull = false;
};

// The JSON text of a system sample, as printed on the live channel ("event":"system").
std::string systemSampleJson(const SystemSample &sample);

} // namespace seekbench
