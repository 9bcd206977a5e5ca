#pragma once

#include <cstdint>
#include <string>

namespace seekbench::projects {

// Who a process is, well enough to tell it apart from a later process that reuses its
// pid: the host, the pid and the start time in clock ticks since boot (/proc/PID/stat).
struct ProcessIdentity
{
    std::string host;
    std::int64_t pid = 0;
    std::int64_t startTime = 0; // 0 when unknown

    static ProcessIdentity current();
    static std::string hostName();
    // Start time of a local pid, or 0 when there is no such process.
    static std::int64_t startTimeOf(std::int64_t pid);
    // True when this identity is a live process on this host (same pid, same start time).
    bool isAliveHere() const;
};

} // namespace seekbench::projects
