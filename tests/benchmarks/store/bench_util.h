#pragma once

// Timing helpers for the store benchmarks: steady-clock seconds, medians, temporary
// project folders. Figures are printed, never asserted (performance.md).

#include "seekbench/projects/project.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace bench {

inline double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline double wallNow()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A fresh folder under $TMPDIR (or /tmp) that is removed at exit.
class TempFolder
{
public:
    explicit TempFolder(const char *tag)
    {
        const char *base = std::getenv("TMPDIR");
        m_path = std::filesystem::path(base && *base ? base : "/tmp")
                 / (std::string("seekbench-bench-") + tag + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline seekbench::projects::Project newProject(const std::filesystem::path &dir)
{
    seekbench::projects::ProjectManifest m;
    m.name = "bench";
    m.storage = "local";
    return seekbench::projects::Project::create(dir, m);
}

} // namespace bench
