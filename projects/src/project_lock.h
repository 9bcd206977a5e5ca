#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace seekbench::projects {

// Segment mode's single-writer rule: the process that holds seekbench.db.lock is the only
// one that writes seekbench.db. The lock file is created with O_EXCL (atomic on NFS v3+)
// and names its holder, so a lock left by a dead process on this host is taken over.
class ProjectLock
{
public:
    // Returns null when a live process holds the lock; `holder` then names it.
    static std::unique_ptr<ProjectLock> tryAcquire(const std::filesystem::path &projectDir,
                                                   std::string *holder = nullptr);
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    static std::filesystem::path lockPath(const std::filesystem::path &projectDir)
    {
        return projectDir / "seekbench.db.lock";
    }

private:
    explicit ProjectLock(std::filesystem::path path) : m_path(std::move(path)) {}
    std::filesystem::path m_path;
};

} // namespace seekbench::projects
