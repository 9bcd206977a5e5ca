#pragma once

// Where things live in a project folder. Pure path arithmetic: it opens nothing, locks
// nothing and touches no file, so the GUI can build paths from a folder name without
// opening the project (Project::open takes locks and marks stale runs). Project exposes
// the same layout as Project::layout(); nothing else spells a project path by hand.
//
//   seekbench-project.yaml  seekbench.db
//   configs/                 configs the user saved (the launch dialog's copies)
//   clusters/                cluster settings (<name>.yaml)
//   datasets/  reports/
//   trash/                   runs the GUI deleted (their store rows are gone)
//   sweeps/                  search spaces (<name>.yaml) and each sweep's trial files (<name>/)
//   drafts/                  the GUI's unsaved launch config and Slurm preview
//   runs/.launching/         the GUI's logs of a run process until the run has an id
//   runs/<id>/               config.yaml, checkpoints/, logs/, exports/, segments/,
//                            train.{out,err}.log, resume.{out,err}.log, job-<n>.sbatch,
//                            slurm-follow.{out,err}.log
//
// Every path that names a run checks the id first (checkRunId): a bad id ("../x", "a/b",
// "") is a ProjectError(BadInput) naming it, never a path outside the folder.

#include <filesystem>
#include <string>

namespace seekbench::projects {

class ProjectLayout
{
public:
    // The layout of an empty folder gives the paths relative to the project, the form
    // the store records (runs/<id>/logs/rank-0.log).
    ProjectLayout() = default;
    explicit ProjectLayout(std::filesystem::path dir) : m_dir(std::move(dir)) {}

    // Letters, digits, '-', '_', '.', at most 64, not starting with '.' or '-'.
    static void checkRunId(const std::string &runId);

    const std::filesystem::path &dir() const { return m_dir; }
    std::filesystem::path manifestPath() const { return m_dir / "seekbench-project.yaml"; }
    std::filesystem::path databasePath() const { return m_dir / "seekbench.db"; }
    std::filesystem::path configsDir() const { return m_dir / "configs"; }
    std::filesystem::path clustersDir() const { return m_dir / "clusters"; }
    std::filesystem::path datasetsDir() const { return m_dir / "datasets"; }
    std::filesystem::path reportsDir() const { return m_dir / "reports"; }
    std::filesystem::path trashDir() const { return m_dir / "trash"; }
    std::filesystem::path draftsDir() const { return m_dir / "drafts"; }
    std::filesystem::path runsDir() const { return m_dir / "runs"; }
    // sweeps/<name>.yaml: a sweep's search space as the user writes it; sweeps/<name>/: the
    // driver's files (each trial's config trial-<n>.yaml and its launch logs, driver logs).
    // Sweep names are checked by SweepStore (letters, digits, '-', '_', '.').
    std::filesystem::path sweepsDir() const { return m_dir / "sweeps"; }
    std::filesystem::path sweepSpacePath(const std::string &name) const { return sweepsDir() / (name + ".yaml"); }
    std::filesystem::path sweepDir(const std::string &name) const { return sweepsDir() / name; }
    std::filesystem::path launchingDir() const { return runsDir() / ".launching"; }
    // A launch's stdout or stderr log in launchingDir() before the run has an id
    // (`token` is the launch's own name; `stream` is "out" or "err").
    std::filesystem::path launchLogPath(const std::string &token, const std::string &stream) const;

    std::filesystem::path runDir(const std::string &runId) const;            // runs/<id>
    std::filesystem::path runConfigPath(const std::string &runId) const;     // runs/<id>/config.yaml
    std::filesystem::path runLogsDir(const std::string &runId) const;        // runs/<id>/logs
    std::filesystem::path runCheckpointsDir(const std::string &runId) const; // runs/<id>/checkpoints
    std::filesystem::path xgboostModelPath(const std::string &runId) const;  // runs/<id>/xgboost.json (AML)
    // A deleted run's folder in trash/ (<id>-<stamp>) and the metadata written beside its files.
    std::filesystem::path trashedRunDir(const std::string &runId, const std::string &stamp) const;
    std::filesystem::path trashedRunMetaPath(const std::string &runId, const std::string &stamp) const;
    std::filesystem::path rankLogPath(const std::string &runId, int rank) const;                  // logs/rank-<r>.log
    std::filesystem::path slurmLogPath(const std::string &runId, const std::string &jobId) const; // logs/slurm-<job>.out
    std::filesystem::path sbatchScriptPath(const std::string &runId, int attempt) const;          // job-<n>.sbatch
    // The trainer's stdout/stderr when the GUI started it: train.out.log, train.err.log.
    std::filesystem::path trainOutLog(const std::string &runId) const;
    std::filesystem::path trainErrLog(const std::string &runId) const;
    // The GUI's detached `slurm follow` of a run: slurm-follow.out.log, slurm-follow.err.log.
    std::filesystem::path slurmFollowOutLog(const std::string &runId) const;
    std::filesystem::path slurmFollowErrLog(const std::string &runId) const;
    // A detached resume's stdout/stderr (RunControl::resume): resume.out.log, resume.err.log.
    std::filesystem::path resumeOutLog(const std::string &runId) const;
    std::filesystem::path resumeErrLog(const std::string &runId) const;

private:
    std::filesystem::path m_dir;
};

} // namespace seekbench::projects
