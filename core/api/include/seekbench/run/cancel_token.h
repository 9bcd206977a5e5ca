#pragma once

#include <atomic>
#include <stdexcept>

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

// Thrown by work that stops at a cancelled token's safe point when it cannot return a
// partial result (an export: what it had written is removed first).
class CancelledError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace seekbench
