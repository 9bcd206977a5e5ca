#pragma once

// Samples process memory and CPU (and, on CUDA builds, the caching allocator and the
// devices through NVML) on its own thread, at a fixed rate, into a callback.

#include "seekbench/run/metrics_sink.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace seekbench::engine {

class SystemMonitor
{
public:
    using Callback = std::function<void(const SystemSample &)>;

    // cudaDevice: the device whose caching allocator is sampled (the rank's), or -1.
    SystemMonitor(int rank, double hz, Callback callback, int cudaDevice = -1);
    ~SystemMonitor(); // stops and joins
    SystemMonitor(const SystemMonitor &) = delete;
    SystemMonitor &operator=(const SystemMonitor &) = delete;

    void start();
    void stop();

    // One sample now, on the calling thread.
    SystemSample sample();

private:
    void loop();

    int m_rank;
    double m_hz;
    Callback m_callback;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    double m_lastCpuSeconds = -1;
    double m_lastWall = 0;
    int m_cudaDevice = -1;
};

// NVML, loaded with dlopen at run time so that the build needs no driver.
class Nvml
{
public:
    static Nvml &instance();
    bool available() const { return m_ok; }
    const std::string &status() const { return m_status; }
    std::vector<GpuDeviceMemory> devices();

private:
    Nvml();
    bool m_ok = false;
    std::string m_status;
    void *m_lib = nullptr;
    std::mutex m_mutex;
};

} // namespace seekbench::engine
