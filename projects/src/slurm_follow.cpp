#include "seekbench/projects/slurm_follow.h"

#include "seekbench/projects/distributed_run.h"
#include "seekbench/projects/distributed_start.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/slurm_jobs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <thread>

namespace seekbench::projects {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string thisProgram()
{
    std::error_code ec;
    const auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

} // namespace

SlurmSettings mergeSlurmSettings(const SlurmOverrides &o)
{
    SlurmSettings s = o.profile ? loadSlurmProfile(*o.profile) : SlurmSettings{};
    s.nodes = o.nodes.value_or(s.nodes);
    s.tasksPerNode = o.tasksPerNode.value_or(s.tasksPerNode);
    s.cpusPerTask = o.cpusPerTask.value_or(s.cpusPerTask);
    s.gpusPerTask = o.gpusPerTask.value_or(s.gpusPerTask);
    s.timeLimit = o.timeLimit.value_or(s.timeLimit);
    s.partition = o.partition.value_or(s.partition);
    s.account = o.account.value_or(s.account);
    s.jobName = o.jobName.value_or(s.jobName);
    s.extra.insert(s.extra.end(), o.extra.begin(), o.extra.end());
    s.cli = o.cli.value_or(s.cli.empty() ? thisProgram() : s.cli);
    return s;
}

void requireValidSlurmSettings(const SlurmSettings &settings, const SlurmJobSpec &job)
{
    std::string all;
    for (const auto &i : checkSlurmSettings(settings, job))
        all += (all.empty() ? "" : "; ") + describe(i);
    if (!all.empty())
        throw std::invalid_argument("slurm settings: " + all);
}

SlurmSubmission submitSlurmRun(Project &project, const std::optional<RunConfig> &config, const std::string &resumeId,
                               const SlurmSettings &settings)
{
    DistributedRunStart start;
    try {
        start = beginDistributedRun(project, config, resumeId, settings.ranks(), "slurm");
    } catch (const std::runtime_error &e) {
        throw std::invalid_argument(e.what()); // nothing was recorded
    }
    SlurmJobSpec job;
    job.runId = start.runId;
    job.attempt = start.attempt;
    job.runName = start.name;
    job.projectDir = project.dir();
    RunStore store(project);
    std::error_code ec;
    fs::create_directories(project.layout().runLogsDir(start.runId),
                           ec); // Slurm does not create the folders of --output
    const fs::path script = project.layout().sbatchScriptPath(job.runId, job.attempt);
    {
        std::ofstream out(script);
        out << sbatchScript(settings, job);
        if (!out) {
            store.finishRun(start.runId, RunStatus::Failed, "cannot write " + script.string());
            throw std::runtime_error("cannot write " + script.string());
        }
    }
    fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
    SlurmSubmission s{start.runId, start.attempt, {}, project.relativePath(script)};
    try {
        s.jobId = submitSlurmJob(settings, job, script);
    } catch (const ProjectError &e) {
        store.finishRun(start.runId, RunStatus::Failed, e.what());
        throw std::runtime_error(std::string(e.what()) + " (run " + start.runId + " is marked failed)");
    }
    store.setJob(start.runId, "slurm", s.jobId, "PENDING");
    store.addLog(start.runId, "info", "submitted as slurm job " + s.jobId + " (" + s.script + ")");
    return s;
}

SlurmPoll pollSlurmRun(const Project &project, const std::string &runId)
{
    SlurmPoll p;
    RunStore store(project);
    const RunRecord r = store.run(runId);
    if (r.scheduler != "slurm" || r.jobId.empty())
        throw std::invalid_argument("run '" + runId + "' is not a Slurm job (it has no job id)");
    if (!isActive(r.status))
        return {r.jobState, r.status, r.message, true};
    const SlurmJobInfo info = querySlurmJob(r.jobId);
    p.jobState = info.known ? info.state : "UNKNOWN";
    if (info.known && info.state != r.jobState)
        store.setJobState(runId, info.state);
    if (info.known && info.state == "RUNNING" && r.status == RunStatus::Queued)
        store.setStatus(runId, RunStatus::Running);
    SegmentImporter(project).importRun(runId);
    // A job Slurm no longer knows (after MinJobAge) has ended; its outcome is in the
    // ranks' own records.
    if (!info.known || isTerminalJobState(info.state)) {
        EndContext ctx;
        ctx.jobId = r.jobId;
        ctx.schedulerState = info.known ? info.state : "";
        const RunEnd end = finishDistributedRun(project, runId, ctx);
        p.status = end.status;
        p.message = end.message;
        p.done = true;
        return p;
    }
    p.status = store.run(runId).status;
    return p;
}

SlurmPoll followSlurmRun(const Project &project, const std::string &runId, const SlurmFollowOptions &options,
                         const std::function<void(const SlurmPoll &)> &onChange)
{
    project.requireWritable();
    if (project.isReadOnly())
        throw std::runtime_error("another process holds the writer lock of " + project.dir().string()
                                 + " (seekbench.db.lock, cluster-safe mode); it imports this job's segments");
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.timeout);
    std::string last;
    for (;;) {
        const SlurmPoll p = pollSlurmRun(project, runId);
        const std::string now = p.jobState + "/" + toString(p.status);
        if (now != last || p.done) {
            last = now;
            onChange(p);
        }
        if (p.done || !options.wait)
            return p;
        if (options.timeout > 0 && std::chrono::steady_clock::now() > until)
            throw std::runtime_error("the job is still " + p.jobState + " after " + std::to_string(int(options.timeout))
                                     + " s");
        std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.05, options.interval)));
    }
}

namespace {

json rankStateArray(RunStore &store, const std::string &runId)
{
    json ranks = json::array();
    for (const auto &r : rankStates(store, runId))
        ranks.push_back({{"rank", r.rank},
                         {"state", r.state},
                         {"step", r.step},
                         {"last_seen", r.lastSeen},
                         {"message", r.message},
                         {"log", r.log}});
    return ranks;
}

} // namespace

std::string slurmPollJson(const Project &project, const std::string &runId, const SlurmPoll &p)
{
    RunStore store(project);
    return json{{"run", runId},         {"job_state", p.jobState}, {"status", toString(p.status)},
                {"message", p.message}, {"done", p.done},          {"ranks", rankStateArray(store, runId)}}
        .dump();
}

std::string rankStatesJson(const Project &project, const std::string &runId)
{
    RunStore store(project);
    const RunRecord r = store.run(runId);
    return json{{"run", runId},
                {"status", toString(r.status)},
                {"attempt", r.attempt},
                {"ranks", r.ranks},
                {"scheduler", r.scheduler},
                {"job", r.jobId},
                {"job_state", r.jobState},
                {"rank_states", rankStateArray(store, runId)}}
        .dump();
}

fs::path slurmLogFile(const Project &project, const std::string &runId, int rank)
{
    if (rank >= 0)
        return project.layout().rankLogPath(runId, rank);
    const RunRecord r = RunStore(project).run(runId);
    if (r.jobId.empty())
        throw std::invalid_argument("run '" + runId + "' has no Slurm job; give --rank R for a rank's log");
    return project.layout().slurmLogPath(runId, r.jobId);
}

std::string cancelSlurmRun(const Project &project, const std::string &runId)
{
    RunStore store(project);
    const RunRecord r = store.run(runId);
    if (r.jobId.empty())
        throw std::invalid_argument(
            "run '" + runId + "' is not a Slurm job (it has no job id); stop a local run with seekbench-cli runs stop");
    if (!isActive(r.status))
        throw std::invalid_argument("run '" + runId + "' has already ended (status " + toString(r.status) + ")");
    cancelSlurmJob(r.jobId);
    store.addLog(runId, "info", "cancel requested: scancel " + r.jobId);
    return r.jobId;
}

void streamRunLog(const Project &project, const std::string &runId, const fs::path &file, bool follow, std::ostream &out)
{
    std::ifstream in(file, std::ios::binary);
    std::uintmax_t offset = 0;
    for (;;) {
        if (in) {
            in.clear();
            in.seekg(std::streamoff(offset));
            std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            offset += chunk.size();
            out << chunk << std::flush;
        } else if (!follow) {
            throw std::runtime_error("no log yet: " + file.string());
        } else {
            in.open(file, std::ios::binary);
        }
        if (!follow)
            return;
        if (!isActive(RunStore(project).run(runId).status))
            follow = false; // one last read
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}

} // namespace seekbench::projects
