#include "seekbench/projects/project_overview.h"

#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "seekbench/projects/storage_mode.h"

#include <nlohmann/json.hpp>

namespace seekbench::projects {

ProjectOverview overview(Project &project)
{
    ProjectOverview o;
    o.dir = project.dir().string();
    o.name = project.manifest().name;
    o.scenario = project.manifest().scenario;
    o.description = project.manifest().description;
    o.storage = toString(project.storageMode());
    const std::string netfs = networkFilesystemName(project.dir());
    o.filesystem = netfs.empty() ? "local" : netfs;
    o.schemaVersion = Schema::kLatest;
    const auto runs = RunStore(project).listRuns();
    o.runs = runs.size();
    for (const auto &r : runs)
        ++o.byStatus[toString(r.status)];
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(project.databasePath(), ec);
    o.databaseBytes = ec ? 0 : bytes;
    o.readOnly = project.isReadOnly();
    o.readOnlyReason = project.readOnlyReason();
    o.markedCrashed = project.staleRunsMarked();
    return o;
}

std::string ProjectOverview::toJson() const
{
    return nlohmann::json{{"project", dir},
                          {"name", name},
                          {"scenario", scenario},
                          {"description", description},
                          {"storage", storage},
                          {"filesystem", filesystem},
                          {"schema_version", schemaVersion},
                          {"runs", runs},
                          {"by_status", byStatus},
                          {"database_bytes", databaseBytes},
                          {"read_only", readOnly},
                          {"read_only_reason", readOnlyReason},
                          {"marked_crashed", markedCrashed}}
        .dump(2);
}

} // namespace seekbench::projects
