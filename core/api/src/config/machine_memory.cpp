#include "seekbench/config/machine_memory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace seekbench {

namespace {

std::string readSmallFile(const char *path)
{
    std::ifstream in(path);
    if (!in)
        return {};
    std::string text;
    std::getline(in, text);
    return text;
}

double meminfoAvailable()
{
    std::ifstream in("/proc/meminfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream fields(line.substr(13));
            double kib = 0;
            fields >> kib;
            return kib * 1024.0;
        }
    }
    return 0;
}

double number(const std::string &text)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        return std::isfinite(v) && v > 0 ? v : 0;
    } catch (const std::exception &) {
        return 0;
    }
}

} // namespace

double parseCgroupLimit(const std::string &text)
{
    std::string t = text;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' '))
        t.pop_back();
    if (t.empty() || t == "max")
        return 0;
    const double v = number(t);
    // cgroup v1 writes "no limit" as a page-aligned huge number (about 8 EiB).
    return v >= 0x7FFFFFFFFFFFF000 * 0.99 ? 0 : v;
}

MachineMemory combineMachineMemory(double physical, double cgroupLimit, double available, double cgroupUsage)
{
    MachineMemory m;
    m.physicalBytes = physical > 0 ? physical : 0;
    m.cgroupLimitBytes = cgroupLimit > 0 ? cgroupLimit : 0;
    const bool limited = m.cgroupLimitBytes > 0 && (m.physicalBytes == 0 || m.cgroupLimitBytes < m.physicalBytes);
    m.totalBytes = limited ? m.cgroupLimitBytes : m.physicalBytes;
    m.source = limited ? "the cgroup's memory limit" : "physical memory";
    m.availableBytes = available > 0 ? available : 0;
    if (m.cgroupLimitBytes > 0) {
        const double left = std::max(0.0, m.cgroupLimitBytes - std::max(0.0, cgroupUsage));
        m.availableBytes = m.availableBytes > 0 ? std::min(m.availableBytes, left) : left;
    }
    return m;
}

MachineMemory machineMemory()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    const double physical = pages > 0 && pageSize > 0 ? double(pages) * double(pageSize) : 0;
    double limit = parseCgroupLimit(readSmallFile("/sys/fs/cgroup/memory.max"));
    double usage = number(readSmallFile("/sys/fs/cgroup/memory.current"));
    if (limit == 0) {
        limit = parseCgroupLimit(readSmallFile("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
        usage = number(readSmallFile("/sys/fs/cgroup/memory/memory.usage_in_bytes"));
    }
    return combineMachineMemory(physical, limit, meminfoAvailable(), usage);
}

std::string bytesText(double bytes)
{
    if (!(bytes >= 1024))
        return std::to_string(static_cast<long long>(std::max(0.0, bytes))) + " bytes";
    static const char *kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    int unit = -1;
    while (bytes >= 1024 && unit < 7) {
        bytes /= 1024;
        ++unit;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, bytes >= 1e6 ? "%.3g %s" : "%.1f %s", bytes, kUnits[unit]);
    return buf;
}

std::string memoryRefusal(const std::string &what, double needBytes, const MachineMemory &machine,
                          const std::string &override)
{
    if (machine.totalBytes <= 0 || !(needBytes > machine.totalBytes))
        return {};
    return what + " needs about " + bytesText(needBytes) + " of memory, but this machine has "
           + bytesText(machine.totalBytes) + " (" + machine.source + ")" + (override.empty() ? "" : "; " + override);
}

std::string trainingMemoryRefusal(const MemoryEstimate &need, const std::string &device, const MachineMemory &machine)
{
    if (!need.available)
        return {};
    const std::string hint = "make the model or the batch smaller, or pass --ignore-memory-check to "
                             "`seekbench-cli train` to try anyway";
    if (device == "cuda") {
        return memoryRefusal("the model's weights (built in host memory before they move to the GPU, " + need.precision
                                 + ")",
                             need.weightsBytes, machine, hint);
    }
    return memoryRefusal("training this run (" + need.precision + ", micro-batch " + std::to_string(need.batchSize)
                             + ": weights, gradients, optimizer state and "
                               "activations)",
                         need.totalBytes, machine, hint);
}

} // namespace seekbench
