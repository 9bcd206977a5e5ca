#pragma once

#include <string>
#include <vector>

namespace seekbench::cli {

// `seekbench-cli project init|info|runs|show|export|import-segments ...`
// args excludes "project". Returns the process exit code (see README: 0, 2, 3).
int runProjectCommand(const std::vector<std::string> &args);

// `seekbench-cli runs stop|resume|tag|note|delete ...` for machines without a display.
int runRunsCommand(const std::vector<std::string> &args);

} // namespace seekbench::cli
