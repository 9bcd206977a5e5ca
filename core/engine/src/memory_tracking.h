#pragma once

// Live tensor bytes on the CPU, counted by an allocator that wraps LibTorch's own. RSS is
// no measure of tensors: it includes about 150 MB of libtorch and memory glibc keeps.

#include <cstdint>

namespace seekbench::engine {

struct TensorMemory
{
    std::int64_t liveBytes = 0;
    std::int64_t peakBytes = 0;
};

// Installs the counting allocator once per process (idempotent).
void installCountingCpuAllocator();
bool countingCpuAllocatorInstalled();
TensorMemory cpuTensorMemory();
void resetCpuTensorPeak(); // peak := live

// glibc keeps large blocks instead of mmap/munmap for every multi-megabyte tensor
// (tests/benchmarks measure 30-40% of a step without this). Idempotent; a no-op when
// the environment variable SEEKBENCH_MALLOC_TUNING is "0".
bool configureAllocatorForTraining();

} // namespace seekbench::engine
