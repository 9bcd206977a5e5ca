// A store writer process for the reliability tests: links only `projects` (no torch, no
// Qt), so it starts in milliseconds and can be killed and restarted in a loop.
//
//   store_test_writer ack PROJECT RUN POINTS BATCH ACKFILE
//       writes "loss" steps 0..POINTS-1 in batches; after each flush() returns, appends
//       the last acknowledged step to ACKFILE (fsynced). Killed at random by the test.
//   store_test_writer write PROJECT RUN POINTS BATCH [KEY]
//       writes steps 0..POINTS-1 of KEY ("loss") and exits 0 after the final flush.
//   store_test_writer live PROJECT
//       creates a running run as this process, prints its id, and heartbeats until killed.
//   store_test_writer segment RUNDIR RUN ATTEMPT RANK POINTS
//       appends POINTS steps of "loss" to a segment file, as a cluster rank would.

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_writer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

double now()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double valueAt(std::int64_t step) { return 1.0 / (1.0 + 0.001 * static_cast<double>(step)); }

void writeSteps(MetricsSink &sink, std::int64_t points, std::int64_t batch, const std::string &key, int rank, int ackFd)
{
    std::vector<MetricPoint> buf;
    for (std::int64_t step = 0; step < points; step += batch) {
        buf.clear();
        for (std::int64_t s = step; s < std::min(points, step + batch); ++s)
            buf.push_back({key, s, now(), rank, valueAt(s)});
        sink.addMetrics(buf);
        if (ackFd >= 0) {
            sink.flush();
            const std::string line = std::to_string(buf.back().step) + "\n";
            if (::write(ackFd, line.data(), line.size()) < 0)
                std::exit(4);
            ::fsync(ackFd);
        }
    }
    sink.flush();
}

} // namespace

int main(int argc, char **argv)
{
    const std::vector<std::string> a(argv + 1, argv + argc);
    try {
        if (a.size() >= 6 && a[0] == "ack") {
            auto project = Project::open(a[1], {.readOnly = false, .markStaleRuns = false, .storage = {}});
            RunStore(project).setWriter(a[2]);
            MetricWriter writer(project, a[2], 1);
            const int fd = ::open(a[5].c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            writeSteps(writer, std::stoll(a[3]), std::stoll(a[4]), "loss", 0, fd);
            return 0;
        }
        if (a.size() >= 5 && a[0] == "write") {
            auto project = Project::open(a[1], {.readOnly = false, .markStaleRuns = false, .storage = {}});
            MetricWriter writer(project, a[2], 1);
            writeSteps(writer, std::stoll(a[3]), std::stoll(a[4]), a.size() > 5 ? a[5] : "loss", 0, -1);
            return 0;
        }
        if (a.size() >= 2 && a[0] == "live") {
            auto project = Project::open(a[1], {.readOnly = false, .markStaleRuns = false, .storage = {}});
            RunStore store(project);
            NewRun run;
            run.name = "live";
            run.heartbeatInterval = 0.2;
            const std::string id = store.createRun(run);
            std::cout << id << std::endl;
            for (;;) {
                store.heartbeat(id);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        if (a.size() >= 6 && a[0] == "segment") {
            SegmentWriter writer(a[1], a[2], std::stoi(a[3]), std::stoi(a[4]));
            writeSteps(writer, std::stoll(a[5]), 500, "loss", std::stoi(a[4]), -1);
            return 0;
        }
    } catch (const std::exception &e) {
        std::cerr << "store_test_writer: " << e.what() << "\n";
        return 3;
    }
    std::cerr << "store_test_writer: bad arguments\n";
    return 2;
}
