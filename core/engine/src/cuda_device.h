#pragma once

// Everything the engine asks of CUDA, in one place. Only cuda_device.cpp includes CUDA
// headers, and only under SEEKBENCH_HAS_CUDA (a CUDA LibTorch, decided in CMake), so the
// rest of the engine compiles, and is tested, on CPU builds. On a CPU build these report
// no device, and the calls that need one throw.

#include <ATen/core/Tensor.h>

#include <string>

namespace seekbench::engine::cuda {

bool built();      // this LibTorch has CUDA (SEEKBENCH_HAS_CUDA)
bool ncclBuilt();  // and NCCL process groups (USE_C10D_NCCL, exported by a CUDA LibTorch)
int deviceCount(); // devices visible to this process; 0 on a CPU build

// The device a rank trains on: its LOCAL_RANK, which must name one of the deviceCount
// devices this process sees. Throws std::runtime_error naming both numbers.
int deviceIndexForLocalRank(int localRank, int deviceCount);

// Makes index the current device of the calling thread (NCCL and the caching allocator
// follow it). Throws on a CPU build.
void setDevice(int index);
// The device multiplies bf16 in tensor cores (compute capability 8.0 or later); false
// on a CPU build or for an index it does not see.
bool bf16Supported(int index);
// Waits for the device's queued work. Throws on a CPU build.
void synchronize(int index);

// The caching allocator's view of one device; available is false on a CPU build.
struct MemoryStats
{
    bool available = false;
    double allocatedBytes = 0.0;
    double reservedBytes = 0.0;
    double peakAllocatedBytes = 0.0;
};
MemoryStats memoryStats(int index);

// The state of the device's default generator (dropout on CUDA draws from it), so that a
// checkpoint resumes the same stream. rngState is undefined on a CPU build;
// setRngState throws there.
at::Tensor rngState(int index);
void setRngState(int index, const at::Tensor &state);

} // namespace seekbench::engine::cuda
