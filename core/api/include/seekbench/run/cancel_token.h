#pragma once

#include <atomic>

namespace seekbench {

// Cooperative cancellation: the owner calls cancel(); long work polls isCancelled()
// at safe points (the trainer does between optimizer steps) and stops cleanly.
class CancelToken
{
public:
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

} // namespace seekbench
