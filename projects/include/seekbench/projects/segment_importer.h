#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace seekbench::projects {

class Project;

// Imports segment files into seekbench.db, idempotently: each segment's imported length
// is recorded in the same transaction as its rows, and rows are keyed so that a second
// import of the same bytes adds nothing. Only complete lines are imported, so a segment
// that is still being appended is picked up where the last import stopped.
class SegmentImporter
{
public:
    struct Result
    {
        std::size_t segments = 0; // segments with new records
        std::size_t records = 0;  // lines read
        std::size_t points = 0;   // points newly stored
    };

    // The project must be open for writing (in segment mode: holding the writer lock).
    explicit SegmentImporter(const Project &project);
    ~SegmentImporter(); // stops the timer
    SegmentImporter(const SegmentImporter &) = delete;
    SegmentImporter &operator=(const SegmentImporter &) = delete;

    Result importAll();
    Result importRun(const std::string &runId);
    // Imports on a timer (while a cluster run is live) until stopTimer() or destruction.
    void startTimer(std::chrono::milliseconds period);
    void stopTimer();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    std::mutex m_mutex; // one import at a time: the connection is not shared
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_timer;
};

} // namespace seekbench::projects
