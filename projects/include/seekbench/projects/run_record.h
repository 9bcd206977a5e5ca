#pragma once

#include "seekbench/projects/process_identity.h"
#include "seekbench/run/run_status.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

// Final and best value of one metric of a run (rank 0), kept in the summary table so
// that listing runs never reads their points.
struct MetricSummary
{
    std::optional<double> finalValue;
    std::int64_t finalStep = 0;
    std::optional<double> bestValue;
    std::int64_t bestStep = 0;
};

// One run as stored.
struct RunRecord
{
    std::string id;
    std::string name;
    RunStatus status = RunStatus::Queued;
    double createdAt = 0;
    std::optional<double> startedAt;
    std::optional<double> endedAt;
    std::optional<double> heartbeatAt;
    double heartbeatInterval = 5.0;
    std::string host;
    std::int64_t pid = 0;
    std::int64_t pidStart = 0;
    std::string launcher;
    std::string configYaml;
    std::string configHash;
    std::string parentId;   // "" when none
    std::string parentKind; // "clone" (resume keeps the id and adds an attempt)
    std::string notes;
    std::string message; // why it failed, diverged or crashed
    int attempt = 1;
    // The checkpoint step the current attempt resumed from (run_attempts); nullopt for a
    // first attempt. startedAt is the current attempt's start.
    std::optional<std::int64_t> resumedFromStep;
    // The run's colour, an index into the run palette (widgets/run_palette.h), given in
    // creation order and kept in the store: one colour everywhere, across sessions.
    int color = 0;
    std::string storeMode; // local | segments
    int ranks = 1;         // processes that write the run (data-parallel ranks)
    std::string scheduler; // "" (a local process or launcher) | slurm
    std::string jobId;     // the scheduler's job id, "" when none
    std::string jobState;  // its last known state (PENDING, RUNNING, COMPLETED, CANCELLED...)
    std::optional<double> jobStateAt;
    std::vector<std::string> tags;
    std::map<std::string, std::string> params; // flattened config ("training.lr")
    std::map<std::string, MetricSummary> summary;
};

// What a new run starts with.
struct NewRun
{
    std::string name;
    std::string configYaml; // the snapshot; its scalars become the run's params
    std::string configHash;
    std::string launcher = "cli";
    RunStatus status = RunStatus::Running;
    std::vector<std::string> tags;
    std::string notes;
    std::string parentId;
    std::string parentKind;
    double heartbeatInterval = 5.0; // seconds; stale after three missed intervals
    int ranks = 1;
    std::string scheduler;                  // "" or slurm
    std::optional<ProcessIdentity> process; // the writer; this process when empty
};

struct AttemptRecord
{
    int attempt = 1;
    double startedAt = 0;
    std::optional<std::int64_t> resumedFromStep; // the checkpoint step a resume started from
    std::string host;
    std::int64_t pid = 0;
};

struct SystemSampleRecord
{
    double wallTime = 0;
    int rank = 0;
    double rssBytes = 0;
    double cpuPercent = 0;
    std::optional<double> cudaAllocated, cudaReserved, cudaPeak; // absent without CUDA
    std::string gpuJson; // per-device NVML figures as the trainer wrote them; may be empty
};

struct ArtifactRecord
{
    std::string kind; // checkpoint, export, report, log...
    std::string path; // relative to the project folder
    std::string sha256;
    std::int64_t bytes = 0;
    std::optional<std::int64_t> step;
    double createdAt = 0;
    std::string format;  // an exported model's format ("safetensors"); else empty
    std::string command; // the command that wrote it, when one did
};

struct EventRecord
{
    std::string kind;
    std::int64_t step = 0;
    double wallTime = 0;
    int rank = 0;
    int attempt = 1;
    std::string json;
};

struct CurveInfo
{
    std::int64_t id = 0;
    std::string key;
    int rank = 0;
    std::int64_t minStep = 0;
    std::int64_t maxStep = 0;
    std::int64_t points = 0; // visible points (superseded ones excluded)
};

// The status a stored or typed word names (parseRunStatus); throws ProjectError(BadInput)
// naming the word and the valid ones otherwise.
RunStatus requireRunStatus(const std::string &word);
// Whether a larger value of this metric is better (accuracy, throughput) or a smaller
// one (losses, errors: the default).
bool higherIsBetter(const std::string &metricKey);

} // namespace seekbench::projects
