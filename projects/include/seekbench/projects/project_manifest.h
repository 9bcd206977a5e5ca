#pragma once

#include <filesystem>
#include <string>

namespace seekbench::projects {

// The human-readable part of a project: seekbench-project.yaml. It is meant to be read
// and edited by people and kept under version control, so it holds no paths and no ids.
struct ProjectManifest
{
    static constexpr int kFormat = 1;

    int format = kFormat;
    std::string name;
    std::string scenario; // e.g. "text_classification"; free text for now
    std::string description;
    // How runs write the store: "auto" (detect a network file system), "local" (SQLite
    // WAL, many writers) or "segments" (cluster-safe: ranks append segment files).
    std::string storage = "auto";
    std::string defaultsYaml; // the `defaults:` mapping, verbatim YAML ("" if none)

    // Throws ProjectError(BadManifest) naming the file and the key.
    static ProjectManifest parse(const std::string &yamlText, const std::string &where);
    static ProjectManifest load(const std::filesystem::path &file);
    std::string toYaml() const;
};

} // namespace seekbench::projects
