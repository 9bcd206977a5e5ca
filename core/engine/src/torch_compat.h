#pragma once

// What changes between LibTorch 1.13 (Debian's, what CI builds) and 2.x (CUDA builds users
// bring): autocast calls, the CPU allocator interface, the optimizer state's key (in
// zero_optimizer.cpp, derived from the header's own type), CUDA allocator statistics. Everything version-dependent goes
// through here so the rest of the engine reads the same on both.

#include <torch/version.h>

#include <ATen/autocast_mode.h>

#define SEEKBENCH_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

// 2.3 made c10::Allocator::allocate non-const and added the pure virtual copy_data.
#if SEEKBENCH_TORCH_AT_LEAST(2, 3)
#define SEEKBENCH_ALLOCATE_CONST
#define SEEKBENCH_ALLOCATOR_HAS_COPY_DATA 1
#else
#define SEEKBENCH_ALLOCATE_CONST const
#define SEEKBENCH_ALLOCATOR_HAS_COPY_DATA 0
#endif

namespace seekbench::engine::compat {

// 2.4 replaced the per-device autocast setters with device-type-generic ones.
#if SEEKBENCH_TORCH_AT_LEAST(2, 4)
inline bool autocastEnabled(bool cuda) { return at::autocast::is_autocast_enabled(cuda ? at::kCUDA : at::kCPU); }
inline void setAutocastEnabled(bool cuda, bool on)
{
    at::autocast::set_autocast_enabled(cuda ? at::kCUDA : at::kCPU, on);
}
inline at::ScalarType autocastDtype(bool cuda) { return at::autocast::get_autocast_dtype(cuda ? at::kCUDA : at::kCPU); }
inline void setAutocastDtype(bool cuda, at::ScalarType t)
{
    at::autocast::set_autocast_dtype(cuda ? at::kCUDA : at::kCPU, t);
}
#else
inline bool autocastEnabled(bool cuda) { return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled(); }
inline void setAutocastEnabled(bool cuda, bool on)
{
    if (cuda)
        at::autocast::set_enabled(on);
    else
        at::autocast::set_cpu_enabled(on);
}
inline at::ScalarType autocastDtype(bool cuda)
{
    return cuda ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
inline void setAutocastDtype(bool cuda, at::ScalarType t)
{
    if (cuda)
        at::autocast::set_autocast_gpu_dtype(t);
    else
        at::autocast::set_autocast_cpu_dtype(t);
}
#endif

} // namespace seekbench::engine::compat
