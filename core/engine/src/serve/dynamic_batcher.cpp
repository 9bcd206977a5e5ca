#include "dynamic_batcher.h"

#include <algorithm>
#include <cstdint>

namespace seekbench::engine {
namespace {

bool sameTail(const std::vector<std::int64_t> &a, const std::vector<std::int64_t> &b)
{
    return a.size() == b.size() && std::equal(a.begin() + 1, a.end(), b.begin() + 1);
}

void finish(const JobPtr &job, InferenceOutcome outcome) { job->done.set_value(std::move(outcome)); }

} // namespace

DynamicBatcher::DynamicBatcher(const ServingSettings &settings, RunBatch run, BatchObserver observe)
    : m_settings(settings), m_run(std::move(run)), m_observe(std::move(observe))
{
    for (int i = 0; i < std::max(1, settings.instances); ++i)
        m_workers.emplace_back([this, i] { work(i); });
}

DynamicBatcher::~DynamicBatcher() { stop(); }

DynamicBatcher::Submit DynamicBatcher::submit(JobPtr job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return Submit::Stopping;
        if (std::int64_t(m_queue.size()) >= m_settings.maxQueueSize)
            return Submit::Full;
        m_queue.push_back(std::move(job));
    }
    // All: a worker gathering a batch must see it, not only an idle one.
    m_wake.notify_all();
    return Submit::Queued;
}

std::int64_t DynamicBatcher::queueDepth() const
{
    std::lock_guard lock(m_mutex);
    return std::int64_t(m_queue.size());
}

void DynamicBatcher::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &w : m_workers)
        if (w.joinable())
            w.join();
    m_workers.clear();
}

bool DynamicBatcher::isPreferred(std::int64_t rows) const
{
    const auto &p = m_settings.preferredBatchSizes;
    return std::find(p.begin(), p.end(), int(rows)) != p.end();
}

std::vector<JobPtr> DynamicBatcher::gather(const JobPtr &first, std::int64_t &rows)
{
    std::vector<JobPtr> taken;
    for (auto it = m_queue.begin(); it != m_queue.end() && rows < m_settings.maxBatchSize;) {
        if (sameTail((*it)->shape, first->shape) && rows + (*it)->rows() <= m_settings.maxBatchSize) {
            rows += (*it)->rows();
            taken.push_back(*it);
            it = m_queue.erase(it);
        } else {
            ++it;
        }
    }
    return taken;
}

void DynamicBatcher::work(int instance)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left to run
        JobPtr first = m_queue.front();
        m_queue.pop_front();
        const auto now = ServeClock::now();
        if (now > first->deadline) {
            lock.unlock();
            finish(first, {InferenceOutcome::Status::TimedOut, {}, {}, "the request waited past its timeout"});
            lock.lock();
            continue;
        }
        std::vector<JobPtr> batch{first};
        std::int64_t rows = first->rows();
        if (m_settings.dynamicBatching) {
            const auto flushAt = first->enqueued + std::chrono::microseconds(m_settings.maxQueueDelayUs);
            for (;;) {
                for (auto &j : gather(first, rows))
                    batch.push_back(std::move(j));
                if (rows >= m_settings.maxBatchSize || m_stopping || ServeClock::now() >= flushAt)
                    break;
                // A preferred size runs at once: gather() took every queued request that
                // fits, so waiting could only add ones not yet sent.
                if (isPreferred(rows))
                    break;
                m_wake.wait_until(lock, flushAt);
            }
        }
        if (!m_queue.empty())
            m_wake.notify_one(); // another instance may start on what is left
        lock.unlock();
        // Jobs past their deadline are answered, not run.
        std::vector<JobPtr> live;
        const auto started = ServeClock::now();
        std::int64_t liveRows = 0;
        for (auto &j : batch) {
            if (started > j->deadline) {
                finish(j, {InferenceOutcome::Status::TimedOut, {}, {}, "the request waited past its timeout"});
            } else {
                liveRows += j->rows();
                live.push_back(std::move(j));
            }
        }
        if (!live.empty()) {
            if (m_observe)
                m_observe(liveRows);
            try {
                m_run(live, instance);
            } catch (const std::exception &e) {
                for (auto &j : live)
                    try {
                        finish(j, {InferenceOutcome::Status::Failed, {}, {}, e.what()});
                    } catch (const std::future_error &) { // this one was already answered
                    }
            }
        }
        lock.lock();
    }
}

} // namespace seekbench::engine
