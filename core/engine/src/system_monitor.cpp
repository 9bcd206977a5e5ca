#include "system_monitor.h"

#include "cuda_device.h"

#include <chrono>
#include <dlfcn.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace seekbench::engine {
namespace {

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double rssBytes()
{
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return double(resident) * double(sysconf(_SC_PAGESIZE));
}

double cpuSeconds()
{
    std::ifstream in("/proc/self/stat");
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name, which is in parentheses and may hold spaces.
    const auto close = content.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(content.substr(close + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i)
        fields >> skip; // state .. cmajflt
    unsigned long long utime = 0, stime = 0;
    fields >> utime >> stime;
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// The slice of the NVML API we use (stable since NVML 5).
using nvmlReturn_t = int;
using nvmlDevice_t = void *;
struct nvmlMemory_t
{
    unsigned long long total, free, used;
};
// NVML 11.5+: `used` without the memory the driver reserves, which is what nvidia-smi
// shows (the v1 call counts the reservation as used: 600+ MiB more on an H200, measured).
struct nvmlMemory_v2_t
{
    unsigned int version;
    unsigned long long total, reserved, free, used;
};
constexpr unsigned int kNvmlMemoryV2 = static_cast<unsigned int>(sizeof(nvmlMemory_v2_t) | (2u << 24u));

} // namespace

Nvml &Nvml::instance()
{
    static Nvml nvml;
    return nvml;
}

Nvml::Nvml()
{
    m_lib = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!m_lib) {
        m_status = "no CUDA device (NVML not found)";
        return;
    }
    auto init = reinterpret_cast<nvmlReturn_t (*)()>(dlsym(m_lib, "nvmlInit_v2"));
    if (!init || init() != 0) {
        m_status = "no CUDA device (NVML failed to initialise)";
        return;
    }
    m_ok = true;
    m_status = "ok";
}

std::vector<GpuDeviceMemory> Nvml::devices()
{
    std::vector<GpuDeviceMemory> out;
    if (!m_ok)
        return out;
    std::lock_guard lock(m_mutex);
    auto count = reinterpret_cast<nvmlReturn_t (*)(unsigned *)>(dlsym(m_lib, "nvmlDeviceGetCount_v2"));
    auto handle = reinterpret_cast<nvmlReturn_t (*)(unsigned, nvmlDevice_t *)>(
        dlsym(m_lib, "nvmlDeviceGetHandleByIndex_v2"));
    auto memory = reinterpret_cast<nvmlReturn_t (*)(nvmlDevice_t, nvmlMemory_t *)>(
        dlsym(m_lib, "nvmlDeviceGetMemoryInfo"));
    auto memoryV2 = reinterpret_cast<nvmlReturn_t (*)(nvmlDevice_t, nvmlMemory_v2_t *)>(
        dlsym(m_lib, "nvmlDeviceGetMemoryInfo_v2"));
    auto name = reinterpret_cast<nvmlReturn_t (*)(nvmlDevice_t, char *, unsigned)>(dlsym(m_lib, "nvmlDeviceGetName"));
    unsigned n = 0;
    if (!count || !handle || !memory || count(&n) != 0)
        return out;
    for (unsigned i = 0; i < n; ++i) {
        nvmlDevice_t dev = nullptr;
        if (handle(i, &dev) != 0)
            continue;
        nvmlMemory_t mem{};
        nvmlMemory_v2_t v2{};
        v2.version = kNvmlMemoryV2;
        if (memoryV2 && memoryV2(dev, &v2) == 0)
            mem = {v2.total, v2.free, v2.used};
        else if (memory(dev, &mem) != 0)
            continue;
        char buf[96] = {0};
        if (name)
            name(dev, buf, sizeof buf);
        out.push_back({int(i), buf, double(mem.used), double(mem.total)});
    }
    return out;
}

SystemMonitor::SystemMonitor(int rank, double hz, Callback callback, int cudaDevice)
    : m_rank(rank), m_hz(hz > 0 ? hz : 2.0), m_callback(std::move(callback)), m_cudaDevice(cudaDevice)
{}

SystemMonitor::~SystemMonitor() { stop(); }

void SystemMonitor::start()
{
    if (m_thread.joinable())
        return;
    m_stop = false;
    m_thread = std::thread([this] { loop(); });
}

void SystemMonitor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

SystemSample SystemMonitor::sample()
{
    SystemSample s;
    s.wallTime = nowSeconds();
    s.rank = m_rank;
    s.rssBytes = rssBytes();
    const double cpu = cpuSeconds();
    if (m_lastCpuSeconds >= 0 && s.wallTime > m_lastWall)
        s.cpuPercent = 100.0 * (cpu - m_lastCpuSeconds) / (s.wallTime - m_lastWall);
    m_lastCpuSeconds = cpu;
    m_lastWall = s.wallTime;
    if (m_cudaDevice >= 0) {
        const cuda::MemoryStats stats = cuda::memoryStats(m_cudaDevice);
        s.cudaAvailable = stats.available;
        s.cudaAllocatedBytes = stats.allocatedBytes;
        s.cudaReservedBytes = stats.reservedBytes;
        s.cudaPeakAllocatedBytes = stats.peakAllocatedBytes;
    }
    Nvml &nvml = Nvml::instance();
    s.devices = nvml.devices();
    if (cuda::built())
        s.gpuStatus = nvml.available() ? "ok" : nvml.status();
    else
        s.gpuStatus = nvml.available() ? "ok (CPU build: allocator figures unavailable)" : "no CUDA device (CPU build)";
    return s;
}

void SystemMonitor::loop()
{
    const auto period = std::chrono::duration<double>(1.0 / m_hz);
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        m_callback(sample());
        lock.lock();
        m_wake.wait_for(lock, period, [this] { return m_stop; });
    }
}

} // namespace seekbench::engine
