#include "cuda_device.h"

#include <torch/cuda.h>
// The only CUDA headers of the engine. Debian's CPU LibTorch ships c10/cuda headers that
// do not compile without the CUDA toolkit, hence the CMake-decided guard.
#ifdef SEEKBENCH_HAS_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <ATen/cuda/CUDAGeneratorImpl.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#endif

#include <mutex>
#include <stdexcept>

namespace seekbench::engine::cuda {

bool built()
{
#ifdef SEEKBENCH_HAS_CUDA
    return true;
#else
    return false;
#endif
}

bool ncclBuilt()
{
#ifdef USE_C10D_NCCL
    return true;
#else
    return false;
#endif
}

int deviceCount() { return static_cast<int>(torch::cuda::device_count()); }

int deviceIndexForLocalRank(int localRank, int deviceCount)
{
    if (deviceCount <= 0)
        throw std::runtime_error(
            std::string("training.device is cuda but this process sees no CUDA device")
            + (built() ? " (check CUDA_VISIBLE_DEVICES and the driver)" : " (this build's LibTorch has no CUDA)"));
    if (localRank < 0 || localRank >= deviceCount)
        throw std::runtime_error("LOCAL_RANK " + std::to_string(localRank) + " has no GPU: this process sees "
                                 + std::to_string(deviceCount) + " CUDA device" + (deviceCount == 1 ? "" : "s") + " (0-"
                                 + std::to_string(deviceCount - 1) + "); start at most " + std::to_string(deviceCount)
                                 + " ranks per node, or give each rank its own CUDA_VISIBLE_DEVICES");
    return localRank;
}

void setDevice(int index)
{
#ifdef SEEKBENCH_HAS_CUDA
    c10::cuda::set_device(static_cast<c10::DeviceIndex>(index));
#else
    throw std::runtime_error("cannot select CUDA device " + std::to_string(index)
                             + ": this build's LibTorch has no CUDA");
#endif
}

bool bf16Supported(int index)
{
#ifdef SEEKBENCH_HAS_CUDA
    if (index < 0 || index >= deviceCount())
        return false;
    return at::cuda::getDeviceProperties(static_cast<c10::DeviceIndex>(index))->major >= 8;
#else
    (void)index;
    return false;
#endif
}

void synchronize(int index)
{
    if (!built())
        throw std::runtime_error("cannot synchronize CUDA device " + std::to_string(index)
                                 + ": this build's LibTorch has no CUDA");
    torch::cuda::synchronize(index);
}

MemoryStats memoryStats(int index)
{
    MemoryStats m;
#ifdef SEEKBENCH_HAS_CUDA
    if (index < 0 || index >= deviceCount())
        return m;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(index));
    // Index 0 is StatType::AGGREGATE in 1.13 and 2.x alike; the enum itself moved
    // namespaces in 2.5, the layout did not.
    const size_t agg = 0;
    m.available = true;
    m.allocatedBytes = double(stats.allocated_bytes[agg].current);
    m.reservedBytes = double(stats.reserved_bytes[agg].current);
    m.peakAllocatedBytes = double(stats.allocated_bytes[agg].peak);
#else
    (void)index;
#endif
    return m;
}

at::Tensor rngState(int index)
{
#ifdef SEEKBENCH_HAS_CUDA
    at::Generator generator = at::cuda::detail::getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(index));
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
#else
    (void)index;
    return {};
#endif
}

void setRngState(int index, const at::Tensor &state)
{
#ifdef SEEKBENCH_HAS_CUDA
    at::Generator generator = at::cuda::detail::getDefaultCUDAGenerator(static_cast<c10::DeviceIndex>(index));
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
#else
    (void)state;
    throw std::runtime_error("cannot restore the random state of CUDA device " + std::to_string(index)
                             + ": this build's LibTorch has no CUDA");
#endif
}

} // namespace seekbench::engine::cuda
