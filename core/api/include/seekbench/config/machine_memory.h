#pragma once

// How much memory this machine (or the container it runs in) gives a process, and the
// check that refuses work whose memory estimate cannot fit, before anything is allocated.
// The CLI (`train`, `aml generate`) and the GUI's launcher use the same figures, so they
// agree on what fits.

#include "seekbench/config/estimates.h"

#include <string>

namespace seekbench {

struct MachineMemory
{
    double physicalBytes = 0;    // installed memory (sysconf), 0 when unknown
    double cgroupLimitBytes = 0; // the cgroup's memory.max (v2) or memory.limit_in_bytes (v1); 0: none
    double totalBytes = 0;       // the smaller of the two that are known; 0 when neither is
    double availableBytes = 0;   // free now: MemAvailable, within the cgroup's limit less its usage
    std::string source;          // what totalBytes is: "physical memory" or "the cgroup's memory limit"
};

// This process's figures, read from sysconf, /proc/meminfo and /sys/fs/cgroup.
MachineMemory machineMemory();

// The parts, for tests: a cgroup limit file's text ("max" and absurd values mean no
// limit: 0); and the figures combined as machineMemory() does.
double parseCgroupLimit(const std::string &text);
MachineMemory combineMachineMemory(double physicalBytes, double cgroupLimitBytes, double availableBytes,
                                   double cgroupUsageBytes);

// "512 bytes", "3.0 KiB", "15.6 GiB", "1.2 EiB": a size as the messages name it.
std::string bytesText(double bytes);

// Why a training run cannot fit, or empty when it fits or cannot be checked (an estimate
// that is not available; a machine whose memory is unknown). `device` is the run's
// training.device: on a CUDA device the model is still built in host memory first, so
// its weights are compared with the machine's memory. The message names both figures and
// the override (`seekbench-cli train --ignore-memory-check`).
std::string trainingMemoryRefusal(const MemoryEstimate &need, const std::string &device, const MachineMemory &machine);

// The same for any other work: "<what> needs about X, but this machine has Y (source)".
std::string memoryRefusal(const std::string &what, double needBytes, const MachineMemory &machine,
                          const std::string &override);

} // namespace seekbench
