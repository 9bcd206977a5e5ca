#include "seekbench/projects/distributed_start.h"

#include "seekbench/config/config_io.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"

#include <cstdint>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace seekbench::projects {

DistributedRunStart beginDistributedRun(Project &project, const std::optional<RunConfig> &config,
                                        const std::string &resumeId, int ranks, const std::string &scheduler)
{
    project.requireWritable();
    if (project.isReadOnly())
        throw std::runtime_error("project " + project.dir().string()
                                 + " is in cluster-safe (segments) mode and another process holds its writer lock "
                                   "(seekbench.db.lock); start the run from that process or stop it first");
    const RunStatus status = scheduler.empty() ? RunStatus::Running : RunStatus::Queued;
    try {
        RunStore store(project);
        DistributedRunStart start;
        if (config) {
            NewRun run;
            run.name = config->name;
            run.configYaml = toYaml(*config);
            run.configHash = configHash(*config);
            run.launcher = scheduler.empty() ? "launch" : scheduler;
            run.status = status;
            run.ranks = ranks;
            run.scheduler = scheduler;
            start.runId = store.createRun(run);
            start.name = run.name;
            return start;
        }
        const RunRecord record = store.run(resumeId);
        RunControl::requireResumable(record);
        ConfigLoad load = parseRunConfig(record.configYaml);
        if (!load.ok())
            throw std::runtime_error("the config snapshot of run '" + resumeId
                                     + "' does not parse: " + describe(load.issues.front()));
        // The ranks resume from the same checkpoint (RankRecorder, the same rule).
        std::int64_t step = -1;
        std::vector<std::string> skipped;
        if (auto found = findResumeCheckpoint(project.runDir(resumeId))) {
            step = found->contents.info.step;
            skipped = std::move(found->skipped);
        }
        // The ranks read the snapshot from runs/<id>/config.yaml: make it the store's.
        {
            const fs::path snapshot = project.layout().runConfigPath(resumeId);
            std::ofstream out(snapshot);
            out << record.configYaml;
            if (!out)
                throw std::runtime_error("cannot write " + snapshot.string());
        }
        start.runId = resumeId;
        start.name = record.name;
        start.attempt = store.beginAttempt(resumeId, step);
        for (const auto &note : skipped)
            store.addLog(resumeId, "warning", "attempt " + std::to_string(start.attempt) + ": " + note);
        store.setRanks(resumeId, ranks);
        if (!scheduler.empty()) {
            store.setJob(resumeId, scheduler, "", "");
            store.setStatus(resumeId, status);
        }
        return start;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    } catch (const CheckpointError &e) {
        throw std::runtime_error("cannot resume run '" + resumeId + "': " + e.what());
    }
}

std::vector<std::string> rankCommand(const fs::path &projectDir, const std::string &runId, int attempt)
{
    return {"train", "--project", projectDir.string(), "--run-id", runId, "--attempt", std::to_string(attempt)};
}

} // namespace seekbench::projects
