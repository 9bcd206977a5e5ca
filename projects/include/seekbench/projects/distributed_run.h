#pragma once

// A distributed run as the store sees it: one run row, N ranks. Every rank writes its own
// segment file (cluster-safe: no rank opens seekbench.db); the process that owns the run
// (the local launcher, or whoever follows a Slurm job) imports the segments and, when the
// ranks are done, records one outcome: rank 0's result, unless a rank failed, which is
// then named with its log.

#include "seekbench/projects/run_record.h"
#include "seekbench/run/train_result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;
class RunStore;

// What one rank reported at its end ("end" event of the run's current attempt).
struct RankEnd
{
    int rank = 0;
    bool reported = false;                    // false: the rank never wrote its end (killed, crashed, never started)
    TrainStatus status = TrainStatus::Failed; // the trainer's (an unknown word reads as failed)
    std::string message;
    std::map<std::string, double> finalMetrics;
    std::map<std::string, double> bestMetrics;
    std::string checkpoint; // rank 0's last checkpoint, absolute
    std::int64_t step = 0;
};

// Where each rank stands now, for a rank-status strip: from the rank's start and end
// events and its own step-time curve.
struct RankState
{
    int rank = 0;
    std::string state;     // waiting (nothing yet), running, the end status (finished, failed,
                           // cancelled...), or lost (the run ended without this rank's end)
    std::int64_t step = 0; // the last step the rank recorded
    double lastSeen = 0;   // wall time of its last event or point; 0 when none
    std::string message;   // the end message, when there is one
    std::string log;       // runs/<id>/logs/rank-<r>.log, relative to the project
};

// How the owner saw the ranks end.
struct EndContext
{
    bool cancelRequested = false; // a stop was asked for (runs stop, slurm cancel)
    int firstFailedRank = -1;     // the launcher's: the first rank to exit non-zero
    int firstFailedExitCode = 0;
    std::string schedulerState; // Slurm's final job state; "" for a local launch
    std::string jobId;
};

struct RunEnd
{
    RunStatus status = RunStatus::Failed; // finished, failed or cancelled
    std::string message;
    int failedRank = -1;
    std::map<std::string, double> finalMetrics; // rank 0's
    std::map<std::string, double> bestMetrics;
    std::string checkpoint;
    std::int64_t step = 0;
};

// The log of a rank, relative to the project: runs/<id>/logs/rank-<r>.log.
std::string rankLogPath(const std::string &runId, int rank);

// The end events of the run's current attempt, one entry per rank 0..ranks-1.
std::vector<RankEnd> rankEnds(RunStore &store, const std::string &runId, int attempt, int ranks);
std::vector<RankState> rankStates(RunStore &store, const std::string &runId);
// Pure: the outcome of the run from its ranks' ends and how they were seen to end.
RunEnd decideRunEnd(const std::string &runId, const std::vector<RankEnd> &ranks, const EndContext &context);
// Imports the run's segments, decides its end and records it (status, message, rank 0's
// final and best metrics, the checkpoint as an artifact). Returns what it recorded.
RunEnd finishDistributedRun(const Project &project, const std::string &runId, const EndContext &context);

} // namespace seekbench::projects
