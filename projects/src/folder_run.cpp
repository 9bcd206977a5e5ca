#include "seekbench/projects/folder_run.h"

#include "seekbench/config/config_io.h"
#include "seekbench/run/json_lines_sink.h"

#include <fstream>
#include <stdexcept>

namespace seekbench::projects {

std::filesystem::path folderRunLogsDir(const std::filesystem::path &dir) { return dir / "logs"; }

std::unique_ptr<MetricsSink> openFolderRun(const std::filesystem::path &dir, const RunConfig &config, int rank)
{
    std::filesystem::create_directories(dir);
    // Rank 0 owns the folder's files; other ranks keep their own metrics beside them.
    if (rank == 0) {
        std::ofstream snapshot(dir / "config.yaml");
        snapshot << toYaml(config);
        if (!snapshot)
            throw std::runtime_error("cannot write " + (dir / "config.yaml").string());
    }
    return std::make_unique<JsonLinesSink>(
        dir / (rank == 0 ? std::string("metrics.jsonl") : "metrics.rank" + std::to_string(rank) + ".jsonl"));
}

} // namespace seekbench::projects
