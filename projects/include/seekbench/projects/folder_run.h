#pragma once

// A run recorded in a plain folder instead of a project (`train --out DIR`): rank 0 writes
// the config snapshot DIR/config.yaml; every rank appends its metrics and events as JSON
// lines, rank 0 to DIR/metrics.jsonl and rank N to DIR/metrics.rank<N>.jsonl (the files
// `inspect` and a later `train --resume DIR` read).

#include "seekbench/config/run_config.h"
#include "seekbench/run/metrics_sink.h"

#include <filesystem>
#include <memory>

namespace seekbench::projects {

// Creates the folder and writes rank 0's snapshot; returns the rank's sink. Throws
// std::runtime_error naming the file that cannot be written.
// Where `launch` writes each rank's log for a folder run without --log-dir: DIR/logs.
std::filesystem::path folderRunLogsDir(const std::filesystem::path &dir);

std::unique_ptr<MetricsSink> openFolderRun(const std::filesystem::path &dir, const RunConfig &config, int rank);

} // namespace seekbench::projects
