#include "memory_tracking.h"

#include "torch_compat.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <malloc.h>

namespace seekbench::engine {
namespace {

std::atomic<std::int64_t> g_live{0};
std::atomic<std::int64_t> g_peak{0};
std::atomic<bool> g_installed{false};

// Each allocation carries its size in a header in front of the tensor's bytes, so the
// returned pointer is its own context and a plain function frees it. Kernels that take
// memory through Allocator::raw_allocate (oneDNN's convolutions do) require exactly that:
// data == context and a raw deleter.
constexpr std::size_t kHeader = 64; // keeps c10's 64-byte alignment of the tensor data
c10::DeleterFnPtr g_innerFree = nullptr;

void release(void *data)
{
    char *base = static_cast<char *>(data) - kHeader;
    std::size_t bytes = 0;
    std::memcpy(&bytes, base, sizeof bytes);
    g_live.fetch_sub(static_cast<std::int64_t>(bytes), std::memory_order_relaxed);
    g_innerFree(base);
}

class CountingAllocator final : public c10::Allocator
{
public:
    explicit CountingAllocator(c10::Allocator *inner) : m_inner(inner) {}

    c10::DataPtr allocate(std::size_t bytes) SEEKBENCH_ALLOCATE_CONST override
    {
        c10::DataPtr inner = m_inner->allocate(bytes + kHeader);
        TORCH_INTERNAL_ASSERT(inner.get() == inner.get_context(), "the wrapped CPU allocator has a separate context");
        const auto device = inner.device();
        char *base = static_cast<char *>(inner.release_context());
        std::memcpy(base, &bytes, sizeof bytes);
        const auto live = g_live.fetch_add(static_cast<std::int64_t>(bytes), std::memory_order_relaxed)
                          + static_cast<std::int64_t>(bytes);
        auto peak = g_peak.load(std::memory_order_relaxed);
        while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
        }
        void *data = base + kHeader;
        return {data, data, &release, device};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &release; }
#if SEEKBENCH_ALLOCATOR_HAS_COPY_DATA
    void copy_data(void *dest, const void *src, std::size_t count) const override
    {
        default_copy_data(dest, src, count);
    }
#endif

private:
    c10::Allocator *m_inner;
};

} // namespace

void installCountingCpuAllocator()
{
    bool expected = false;
    if (!g_installed.compare_exchange_strong(expected, true))
        return;
    c10::Allocator *inner = c10::GetCPUAllocator();
    g_innerFree = inner->raw_deleter();
    if (!g_innerFree) { // a CPU allocator whose pointers need a context: leave it alone
        g_installed.store(false);
        return;
    }
    // Leaked on purpose: tensors may outlive any owner, up to process exit.
    static auto *allocator = new CountingAllocator(inner);
    c10::SetCPUAllocator(allocator, /*priority=*/100);
}

bool countingCpuAllocatorInstalled() { return g_installed.load(); }

TensorMemory cpuTensorMemory() { return {g_live.load(), g_peak.load()}; }

void resetCpuTensorPeak() { g_peak.store(g_live.load()); }

bool configureAllocatorForTraining()
{
    static std::atomic<bool> done{false};
    const char *env = std::getenv("SEEKBENCH_MALLOC_TUNING");
    if (env && std::strcmp(env, "0") == 0)
        return false;
    if (done.exchange(true))
        return true;
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    return true;
}

} // namespace seekbench::engine
