#pragma once

#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/project_manifest.h"
#include "seekbench/projects/storage_mode.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class ProjectLock;

// A project folder:
//   seekbench-project.yaml   name, scenario, description, defaults (human readable)
//   seekbench.db             the run store (SQLite)
//   runs/<run-id>/           config snapshot, checkpoints, logs, exports, segments
//   datasets/  reports/
// Everything inside is addressed relative to the folder, so the folder can move.
class Project
{
public:
    struct OpenOptions
    {
        bool readOnly = false; // never migrate, never mark stale runs, never lock
        bool markStaleRuns = true;
        std::optional<StorageMode> storage; // force a mode over the manifest and detection
    };

    static constexpr const char *kManifestFile = "seekbench-project.yaml";
    static constexpr const char *kDatabaseFile = "seekbench.db";

    // Creates a project in `dir` (created if missing; must not already be a project).
    static Project create(const std::filesystem::path &dir, const ProjectManifest &manifest);
    // Opens a project: checks the database on a copy, migrates an older schema, marks
    // stale runs crashed. Throws ProjectError naming the folder and the problem.
    static Project open(const std::filesystem::path &dir);
    static Project open(const std::filesystem::path &dir, const OpenOptions &options);
    struct Recovery
    {
        std::filesystem::path movedTo;     // where the damaged database now is
        std::vector<std::string> salvaged; // tables copied whole into the new store
        std::vector<std::string> lost;     // tables SQLite could not read back
    };

    // Full check (PRAGMA integrity_check) on a copy of db, -wal and -shm. Throws
    // ProjectError(DamagedDatabase) naming the problem; the originals are not touched.
    static void validate(const std::filesystem::path &dir);
    // The copy-aside recovery path for a damaged database: moves seekbench.db (and its
    // -wal/-shm) to seekbench.db.damaged-<time>, builds a fresh store and salvages every
    // table SQLite can still read.
    static Recovery recoverDamaged(const std::filesystem::path &dir);

    Project(Project &&) noexcept;
    Project &operator=(Project &&) noexcept;
    ~Project();

    const std::filesystem::path &dir() const { return m_dir; }
    const ProjectManifest &manifest() const { return m_manifest; }
    StorageMode storageMode() const { return m_storage; }
    // Read-only: asked for (OpenOptions::readOnly), another process holds the writer lock
    // (segment mode), or the project cannot be written (isWriteProtected()).
    bool isReadOnly() const { return m_readOnly; }
    // This process cannot write the folder or its store: a read-only mount, or permissions
    // (access(W_OK) on the folder, seekbench.db and its -wal/-shm). The store is then read
    // with SQLite's read-only open (immutable when its -wal/-shm are absent, as they cannot
    // be created), nothing is locked, migrated or marked, and every write fails with
    // ProjectError(ReadOnly).
    bool isWriteProtected() const { return m_writeProtected; }
    // Throws ProjectError(ReadOnly) "project DIR is read-only (...)" when isWriteProtected().
    void requireWritable() const;
    // Why the project is read-only, in words ("" when it is not).
    std::string readOnlyReason() const;
    int schemaVersionAtOpen() const { return m_versionAtOpen; }
    std::filesystem::path databasePath() const { return m_dir / kDatabaseFile; }
    // Runs marked crashed by this open (stale heartbeats, dead processes).
    const std::vector<std::string> &staleRunsMarked() const { return m_staleMarked; }

    // Every path inside the folder (runs, configs, clusters, logs...): project_layout.h.
    ProjectLayout layout() const { return ProjectLayout(m_dir); }
    // runs/<run-id>; throws ProjectError(BadInput) for an id that is not a plain name.
    std::filesystem::path runDir(const std::string &runId) const;
    // A path inside the project from a relative one; throws ProjectError(BadInput) when it
    // is absolute or leaves the folder (.., symlinks pointing out).
    std::filesystem::path resolveInside(const std::filesystem::path &relative) const;
    // The relative form of a path inside the project, for storing in the database.
    std::string relativePath(const std::filesystem::path &inside) const;

    static void checkRunId(const std::string &runId); // ProjectLayout::checkRunId

private:
    Project() = default;

    std::filesystem::path m_dir;
    ProjectManifest m_manifest;
    StorageMode m_storage = StorageMode::Local;
    bool m_readOnly = false;
    bool m_writeProtected = false;
    bool m_lockedOut = false; // segment mode: another process holds the writer lock
    int m_versionAtOpen = 0;
    std::vector<std::string> m_staleMarked;
    std::unique_ptr<ProjectLock> m_lock; // segment mode: the single writer's lock
};

} // namespace seekbench::projects
