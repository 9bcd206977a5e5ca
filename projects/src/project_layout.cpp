#include "seekbench/projects/project_layout.h"

#include "seekbench/projects/project_error.h"

#include <cctype>

namespace fs = std::filesystem;

namespace seekbench::projects {

void ProjectLayout::checkRunId(const std::string &runId)
{
    bool ok = !runId.empty() && runId.size() <= 64 && runId.front() != '.' && runId.front() != '-';
    for (char c : runId)
        ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    if (!ok || runId == "." || runId == "..")
        throw ProjectError(ProjectError::Kind::BadInput,
                           "'" + runId + "' is not a run id (letters, digits, '-', '_', '.')");
}

fs::path ProjectLayout::runDir(const std::string &runId) const
{
    checkRunId(runId);
    return runsDir() / runId;
}

fs::path ProjectLayout::runConfigPath(const std::string &runId) const { return runDir(runId) / "config.yaml"; }
fs::path ProjectLayout::runLogsDir(const std::string &runId) const { return runDir(runId) / "logs"; }
fs::path ProjectLayout::runCheckpointsDir(const std::string &runId) const { return runDir(runId) / "checkpoints"; }
fs::path ProjectLayout::xgboostModelPath(const std::string &runId) const { return runDir(runId) / "xgboost.json"; }

fs::path ProjectLayout::trashedRunDir(const std::string &runId, const std::string &stamp) const
{
    checkRunId(runId);
    checkRunId(stamp);
    return trashDir() / (runId + "-" + stamp);
}

fs::path ProjectLayout::trashedRunMetaPath(const std::string &runId, const std::string &stamp) const
{
    return trashedRunDir(runId, stamp) / "run.yaml";
}

fs::path ProjectLayout::launchLogPath(const std::string &token, const std::string &stream) const
{
    // The token is ours (a UUID), but it still names a file inside launchingDir() only.
    checkRunId(token);
    return launchingDir() / (token + "." + stream + ".log");
}

fs::path ProjectLayout::rankLogPath(const std::string &runId, int rank) const
{
    return runLogsDir(runId) / ("rank-" + std::to_string(rank) + ".log");
}

fs::path ProjectLayout::slurmLogPath(const std::string &runId, const std::string &jobId) const
{
    return runLogsDir(runId) / ("slurm-" + jobId + ".out");
}

fs::path ProjectLayout::sbatchScriptPath(const std::string &runId, int attempt) const
{
    return runDir(runId) / ("job-" + std::to_string(attempt) + ".sbatch");
}

fs::path ProjectLayout::trainOutLog(const std::string &runId) const { return runDir(runId) / "train.out.log"; }
fs::path ProjectLayout::trainErrLog(const std::string &runId) const { return runDir(runId) / "train.err.log"; }
fs::path ProjectLayout::slurmFollowOutLog(const std::string &runId) const
{
    return runDir(runId) / "slurm-follow.out.log";
}
fs::path ProjectLayout::slurmFollowErrLog(const std::string &runId) const
{
    return runDir(runId) / "slurm-follow.err.log";
}
fs::path ProjectLayout::resumeOutLog(const std::string &runId) const { return runDir(runId) / "resume.out.log"; }
fs::path ProjectLayout::resumeErrLog(const std::string &runId) const { return runDir(runId) / "resume.err.log"; }

} // namespace seekbench::projects
