#include "memory_tracking.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <malloc.h>

namespace seekbench::engine {
namespace {

std::atomic<std::int64_t> g_live{0};
std::atomic<std::int64_t> g_peak{0};
std::atomic<bool> g_installed{false};

struct Allocation
{
    c10::DataPtr inner;
    std::size_t bytes;
};

void release(void *ctx)
{
    auto *a = static_cast<Allocation *>(ctx);
    g_live.fetch_sub(static_cast<std::int64_t>(a->bytes), std::memory_order_relaxed);
    delete a; // frees the inner DataPtr through the wrapped allocator
}

class CountingAllocator final : public c10::Allocator
{
public:
    explicit CountingAllocator(c10::Allocator *inner) : m_inner(inner) {}

    c10::DataPtr allocate(std::size_t bytes) const override
    {
        c10::DataPtr inner = m_inner->allocate(bytes);
        void *data = inner.get();
        const auto device = inner.device();
        auto *ctx = new Allocation{std::move(inner), bytes};
        const auto live = g_live.fetch_add(static_cast<std::int64_t>(bytes), std::memory_order_relaxed)
                          + static_cast<std::int64_t>(bytes);
        auto peak = g_peak.load(std::memory_order_relaxed);
        while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
        }
        return {data, ctx, &release, device};
    }

    c10::DeleterFnPtr raw_deleter() const override { return nullptr; }

private:
    c10::Allocator *m_inner;
};

} // namespace

void installCountingCpuAllocator()
{
    bool expected = false;
    if (!g_installed.compare_exchange_strong(expected, true))
        return;
    // Leaked on purpose: tensors may outlive any owner, up to process exit.
    static auto *allocator = new CountingAllocator(c10::GetCPUAllocator());
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
