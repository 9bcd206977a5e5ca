#include "seekbench/projects/model_export_plan.h"

#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace seekbench::projects {

namespace fs = std::filesystem;
using Kind = ProjectError::Kind;

namespace {

bool markedBest(const CheckpointInfo &info)
{
    try {
        return nlohmann::json::parse(info.headerJson).value("best", false);
    } catch (const nlohmann::json::exception &) {
        return false; // an unreadable header is not a best checkpoint
    }
}

// The chosen checkpoint of the run's folder, with its step from the header.
CheckpointInfo chooseCheckpoint(const Project &project, const std::string &runId, const std::string &choice)
{
    const fs::path runDir = project.runDir(runId);
    const std::vector<fs::path> all = listCheckpoints(runDir); // oldest first
    if (choice.empty() || choice == "latest" || choice == "best") {
        if (all.empty())
            throw ProjectError(Kind::NotFound,
                               "run " + runId + " has no checkpoint in " + checkpointsDir(runDir).string());
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
            try {
                const CheckpointInfo info = readCheckpointInfo(*it);
                if (choice != "best" || markedBest(info))
                    return info;
            } catch (const CheckpointError &) {
                if (choice != "best")
                    throw; // the newest is unreadable: say so rather than export an older one silently
            }
        }
        throw ProjectError(Kind::NotFound, "run " + runId
                                               + " has no checkpoint marked best (one is marked when an "
                                                 "evaluation improves and training.keep_best is on); give --checkpoint "
                                                 "latest or a file");
    }
    const fs::path file = (runDir / choice).lexically_normal();
    const auto rel = file.lexically_relative(runDir);
    if (fs::path(choice).is_absolute() || rel.empty() || *rel.begin() == "..")
        throw ProjectError(Kind::BadInput,
                           "--checkpoint " + choice + " must be a file inside the run folder " + runDir.string());
    project.resolveInside(project.relativePath(file)); // no link out of the project either
    try {
        return readCheckpointInfo(file);
    } catch (const CheckpointError &e) {
        throw ProjectError(Kind::BadInput, e.what());
    }
}

} // namespace

ModelExportPlan planModelExport(const Project &project, const std::string &runId, const std::string &format,
                                const std::string &checkpoint, const std::string &outDir)
{
    Project::checkRunId(runId);
    RunStore store(project);
    store.run(runId); // NotFound names the run
    ModelExportPlan plan;
    plan.runId = runId;
    plan.format = format;
    const CheckpointInfo info = chooseCheckpoint(project, runId, checkpoint);
    plan.checkpoint = info.path;
    plan.step = info.step;
    if (outDir.empty())
        plan.outDir = project.runDir(runId) / "exports" / (format + "-step" + std::to_string(info.step));
    else
        plan.outDir = project.resolveInside(outDir);
    return plan;
}

std::vector<ArtifactRecord> recordModelExport(const Project &project, const ModelExportPlan &plan,
                                              const std::vector<fs::path> &files, const std::string &command)
{
    RunStore store(project);
    std::vector<ArtifactRecord> out;
    for (const fs::path &f : files)
        out.push_back(store.addArtifact(plan.runId, "model", project.relativePath(f), plan.step, plan.format, command));
    return out;
}

std::vector<fs::path> servableExports(const Project &project, const std::string &runId)
{
    RunStore store(project);
    if (!store.findRun(runId))
        throw ProjectError(ProjectError::Kind::NotFound, "no run '" + runId + "' in " + project.dir().string());
    auto artifacts = store.artifacts(runId);
    std::stable_sort(artifacts.begin(), artifacts.end(),
                     [](const ArtifactRecord &a, const ArtifactRecord &b) { return a.createdAt > b.createdAt; });
    std::vector<fs::path> out;
    for (const ArtifactRecord &a : artifacts) {
        const fs::path file = project.dir() / a.path;
        if (file.filename() != "model.pt" || !fs::is_regular_file(file))
            continue;
        if (std::find(out.begin(), out.end(), file.parent_path()) == out.end())
            out.push_back(file.parent_path());
    }
    return out;
}

} // namespace seekbench::projects
