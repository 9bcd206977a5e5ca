#pragma once

// What `seekbench-cli project info` shows: the manifest, the store and its runs by status.

#include "seekbench/projects/project.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace seekbench::projects {

struct ProjectOverview
{
    std::string dir, name, scenario, description;
    std::string storage;    // local | segments
    std::string filesystem; // "local", or the network file system's name (nfs, lustre...)
    int schemaVersion = 0;
    std::size_t runs = 0;
    std::map<std::string, int> byStatus; // status word -> runs
    std::uint64_t databaseBytes = 0;
    bool readOnly = false;                  // Project::isReadOnly()
    std::string readOnlyReason;             // Project::readOnlyReason(); empty when writable
    std::vector<std::string> markedCrashed; // runs opening the project marked crashed

    // {"project","name","scenario","description","storage","filesystem","schema_version",
    // "runs","by_status","database_bytes","read_only","read_only_reason","marked_crashed"},
    // indented by 2.
    std::string toJson() const;
};

ProjectOverview overview(Project &project);

} // namespace seekbench::projects
