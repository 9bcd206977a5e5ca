#pragma once

// Where a model export reads and writes inside a project, and how it is recorded (issue
// 23). The engine writes the files (seekbench/engine/model_export.h); this decides which
// checkpoint and which folder, confined to the project, and records what was written as
// artifacts of the run, with the format and the command that made them.

#include "seekbench/projects/run_record.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct ModelExportPlan
{
    std::string runId;
    std::string format;
    std::filesystem::path checkpoint; // inside the run's folder
    std::int64_t step = 0;            // the checkpoint's step
    std::filesystem::path outDir;     // inside the project
};

// `checkpoint`: "latest" (or empty), "best" (the newest checkpoint its run marked best), or
// a file relative to the run folder. `outDir`: empty for runs/<id>/exports/<format>-step<N>,
// else a folder relative to the project. Throws ProjectError naming the run, the file or
// the folder: no such run, no checkpoint, no best checkpoint, a path that leaves the run
// or project folder.
ModelExportPlan planModelExport(const Project &project, const std::string &runId, const std::string &format,
                                const std::string &checkpoint = {}, const std::string &outDir = {});

// Records each written file as an artifact of the run (kind "model", the plan's format and
// step, `command`), with its size and SHA-256.
std::vector<ArtifactRecord> recordModelExport(const Project &project, const ModelExportPlan &plan,
                                              const std::vector<std::filesystem::path> &files,
                                              const std::string &command);

// The run's exports a server loads (`serve`): folders holding a model.pt (TorchScript, fp32
// or INT8, or a Triton model's version folder) that are still on disk, newest first, as
// absolute paths. Throws ProjectError(NotFound) for an unknown run.
std::vector<std::filesystem::path> servableExports(const Project &project, const std::string &runId);

} // namespace seekbench::projects
