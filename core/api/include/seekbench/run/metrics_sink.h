#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace seekbench {

// One scalar of one curve: (run, key, step, wall time, rank, value). The run is implied
// by the sink, which is opened for one run.
struct MetricPoint
{
    std::string key;
    std::int64_t step = 0;
    double wallTime = 0.0; // seconds since the Unix epoch
    int rank = 0;
    double value = 0.0;
};

struct GpuDeviceMemory
{
    int index = 0;
    std::string name;
    double usedBytes = 0.0;
    double totalBytes = 0.0;
};

// A system sample, taken at 2 Hz or faster by a sampler thread.
struct SystemSample
{
    double wallTime = 0.0;
    int rank = 0;
    double rssBytes = 0.0;
    double cpuPercent = 0.0; // of one core; 200 means two busy cores
    // The allocator's view on CUDA builds; all zero with cudaAvailable false otherwise.
    bool cudaAvailable = false;
    double cudaAllocatedBytes = 0.0;
    double cudaReservedBytes = 0.0;
    double cudaPeakAllocatedBytes = 0.0;
    // The device's view, from NVML loaded at run time. Empty when there is none.
    std::vector<GpuDeviceMemory> devices;
    std::string gpuStatus; // "ok", or why there is no GPU figure ("no CUDA device")
};

// A run event: start, eval, checkpoint, warning, end... `json` is the complete JSON
// object as printed on the live channel; `kind` and `step` are copied out of it so that
// a store can index them without parsing.
struct RunEvent
{
    std::string kind;
    std::int64_t step = 0;
    double wallTime = 0.0;
    int rank = 0;
    std::string json;
};

// Where a run's metrics go. Implementations must be safe to call from two threads: the
// training loop adds metrics and events while the system sampler adds samples.
class MetricsSink
{
public:
    virtual ~MetricsSink() = default;
    virtual void addMetrics(std::span<const MetricPoint> points) = 0;
    virtual void addSystemSample(const SystemSample &sample) = 0;
    virtual void addEvent(const RunEvent &event) = 0;
    // Make everything added so far durable. Returns only when it is; throws
    // std::runtime_error when it cannot be.
    virtual void flush() = 0;
    // Non-empty once a write failed for lack of room (the disk, a quota or the file size
    // limit is full; see disk_full.h): the message names the path. The run cannot keep its
    // record, so the trainer checks this after every step and ends the run as failed.
    // Sinks that write on a thread of their own report the failure here, never by
    // throwing from add*().
    virtual std::string fatalError() const { return {}; }
};

} // namespace seekbench
