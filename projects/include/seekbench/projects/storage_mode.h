#pragma once

#include <filesystem>
#include <string>

namespace seekbench::projects {

enum class StorageMode {
    Local,    // SQLite in WAL mode; every process writes seekbench.db
    Segments, // cluster-safe: ranks append segment files, one process imports them
};

const char *toString(StorageMode mode);

// The file system type of `dir` when it is one on which SQLite's WAL is unsafe (NFS,
// SMB/CIFS, Lustre, GPFS, CephFS, BeeGFS, 9p, FUSE...), or "" for a local one.
std::string networkFilesystemName(const std::filesystem::path &dir);

// The manifest's setting, overridden by SEEKBENCH_STORAGE=local|segments in the
// environment; "auto" detects a network file system.
StorageMode resolveStorageMode(const std::string &manifestSetting, const std::filesystem::path &dir);

} // namespace seekbench::projects
