#pragma once

// The server's dynamic batcher (issue 23), as Triton's works: requests queue; a worker
// (one per model instance) takes the oldest and gathers queued requests of the same shape
// until the batch reaches max_batch_size or a preferred size (after taking every queued
// request that fits), or the oldest request has waited max_queue_delay. The queue is bounded: a full queue
// refuses at once (the server answers 503). A request not started before its deadline is
// answered as timed out. stop() runs what is queued, then joins the workers.
//
// Torch-free: the batch is run by the callback the server gives (serving_model.h).

#include "seekbench/export/serving_settings.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace seekbench::engine {

using ServeClock = std::chrono::steady_clock;

struct InferenceOutcome
{
    enum class Status { Ok, TimedOut, Failed };
    Status status = Status::Ok;
    std::vector<std::int64_t> shape; // the output's, batch axis first
    std::vector<float> data;
    std::string error;
};

struct InferenceJob
{
    std::vector<std::int64_t> shape; // [rows, ...]
    std::vector<std::int64_t> data;  // row-major, product(shape) values of an INT64 input
    std::vector<float> values;       // or of an FP32 input (the model's signature says which)
    ServeClock::time_point enqueued;
    ServeClock::time_point deadline;
    std::promise<InferenceOutcome> done;

    std::int64_t rows() const { return shape.empty() ? 0 : shape.front(); }
};

using JobPtr = std::shared_ptr<InferenceJob>;

class DynamicBatcher
{
public:
    // Runs one batch: every job has the same shape after its batch axis. Must set each
    // job's outcome (run by a worker thread; exceptions become Failed outcomes).
    using RunBatch = std::function<void(std::vector<JobPtr> &batch, int instance)>;
    // Told the rows of each batch run (for the metrics).
    using BatchObserver = std::function<void(std::int64_t rows)>;

    DynamicBatcher(const ServingSettings &settings, RunBatch run, BatchObserver observe = {});
    ~DynamicBatcher();

    enum class Submit { Queued, Full, Stopping };
    Submit submit(JobPtr job);

    std::int64_t queueDepth() const;
    // Stops taking requests, runs what is queued, joins the workers. Idempotent.
    void stop();

private:
    void work(int instance);
    // Under the lock: queued jobs joining `first` (same shape tail, fitting in the batch).
    std::vector<JobPtr> gather(const JobPtr &first, std::int64_t &rows);
    bool isPreferred(std::int64_t rows) const;

    ServingSettings m_settings;
    RunBatch m_run;
    BatchObserver m_observe;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<JobPtr> m_queue;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

} // namespace seekbench::engine
