// `seekbench-cli slurm`: a run as a Slurm job. `script` previews the sbatch options and the
// batch script; `submit` records the run (queued, N ranks) and submits it; `follow` reads
// the job's state (scontrol/squeue, sacct when there is accounting), imports the ranks'
// segments and records the run's end; `cancel` is scancel; `logs` prints a rank's log from
// the project folder. The sbatch options go to sbatch as arguments, never through a shell.

#include "commands.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/distributed_run.h"
#include "seekbench/projects/distributed_start.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/slurm_jobs.h"
#include "seekbench/projects/slurm_script.h"
#include "seekbench/config/validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

namespace seekbench::cli {

namespace fs = std::filesystem;
using namespace seekbench::projects;
using json = nlohmann::json;

namespace {

struct Failure
{
    int code;
    std::string message;
};

[[noreturn]] void badInput(const std::string &m) { throw Failure{ExitBadInput, m}; }

struct SlurmArgs
{
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> values;
    std::vector<std::string> flags;

    bool has(const std::string &f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }
    std::optional<std::string> get(const std::string &k) const
    {
        // The last one wins, as on most command lines.
        auto [b, e] = values.equal_range(k);
        if (b == e)
            return std::nullopt;
        return std::prev(e)->second;
    }
    std::vector<std::string> all(const std::string &k) const
    {
        std::vector<std::string> out;
        for (auto [b, e] = values.equal_range(k); b != e; ++b)
            out.push_back(b->second);
        return out;
    }
};

const std::vector<std::string> kClusterOptions{"--profile", "--nodes", "--tasks-per-node", "--cpus-per-task",
                                               "--gpus-per-task", "--time", "--partition", "--account",
                                               "--job-name", "--sbatch", "--cli"};

SlurmArgs parse(const std::vector<std::string> &args, std::vector<std::string> valued, const std::vector<std::string> &flags)
{
    SlurmArgs a;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string &s = args[i];
        if (s.rfind("--", 0) != 0) {
            a.positional.push_back(s);
        } else if (std::find(valued.begin(), valued.end(), s) != valued.end()) {
            if (i + 1 >= args.size())
                badInput("option " + s + " needs a value");
            a.values.emplace(s, args[++i]);
        } else if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
            a.flags.push_back(s);
        } else {
            badInput("unknown option " + s);
        }
    }
    return a;
}

int integer(const SlurmArgs &a, const std::string &key, int fallback)
{
    const auto v = a.get(key);
    if (!v)
        return fallback;
    std::size_t used = 0;
    int n = 0;
    try {
        n = std::stoi(*v, &used);
    } catch (...) {
        used = 0;
    }
    if (used == 0 || used != v->size())
        badInput(key + ": '" + *v + "' is not a whole number");
    return n;
}

double seconds(const SlurmArgs &a, const std::string &key, double fallback)
{
    const auto v = a.get(key);
    if (!v)
        return fallback;
    try {
        return std::stod(*v);
    } catch (...) {
        badInput(key + ": '" + *v + "' is not a number of seconds");
    }
}

std::string selfExe()
{
    std::error_code ec;
    const auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

// A profile first, then the command line's options over it.
SlurmSettings settingsFrom(const SlurmArgs &a)
{
    SlurmSettings s = a.get("--profile") ? loadSlurmProfile(*a.get("--profile")) : SlurmSettings{};
    s.nodes = integer(a, "--nodes", s.nodes);
    s.tasksPerNode = integer(a, "--tasks-per-node", s.tasksPerNode);
    s.cpusPerTask = integer(a, "--cpus-per-task", s.cpusPerTask);
    s.gpusPerTask = integer(a, "--gpus-per-task", s.gpusPerTask);
    s.timeLimit = a.get("--time").value_or(s.timeLimit);
    s.partition = a.get("--partition").value_or(s.partition);
    s.account = a.get("--account").value_or(s.account);
    s.jobName = a.get("--job-name").value_or(s.jobName);
    for (const auto &e : a.all("--sbatch"))
        s.extra.push_back(e);
    s.cli = a.get("--cli").value_or(s.cli.empty() ? selfExe() : s.cli);
    return s;
}

void checkSettings(const SlurmSettings &s, const SlurmJobSpec &job)
{
    const auto issues = checkSlurmSettings(s, job);
    if (issues.empty())
        return;
    std::string all;
    for (const auto &i : issues)
        all += (all.empty() ? "" : "; ") + describe(i);
    badInput("slurm settings: " + all);
}

// The config of a new run (validated), or nothing for --resume.
std::optional<RunConfig> configFrom(const SlurmArgs &a)
{
    if (!a.get("--config") == !a.get("--resume"))
        badInput("give the run as --config FILE [--name NAME] (a new run) or --resume RUN_ID");
    if (!a.get("--config"))
        return std::nullopt;
    const std::string path = *a.get("--config");
    ConfigLoad load = loadRunConfig(path);
    ConfigIssues issues = load.ok() ? validate(load.config, engineCapabilities()) : load.issues;
    if (!issues.empty()) {
        std::string all;
        for (const auto &i : issues)
            all += "\n" + path + ": " + describe(i);
        badInput("the config is not valid:" + all);
    }
    if (auto name = a.get("--name"))
        load.config.name = *name;
    return load.config;
}

fs::path projectDir(const SlurmArgs &a) { return fs::absolute(a.get("--project").value_or(".")).lexically_normal(); }

void printScript(const SlurmSettings &s, const SlurmJobSpec &job, bool asJson)
{
    const auto args = sbatchArguments(s, job);
    const std::string script = sbatchScript(s, job);
    if (asJson) {
        std::cout << json{{"sbatch_args", args}, {"script", script}, {"ranks", s.ranks()},
                          {"script_path", sbatchScriptPath(job.runId, job.attempt)}}.dump() << "\n";
        return;
    }
    std::cout << script;
}

int slurmScript(const SlurmArgs &a)
{
    const auto config = configFrom(a);
    const SlurmSettings s = settingsFrom(a);
    SlurmJobSpec job;
    job.runId = config ? "RUN_ID" : *a.get("--resume");
    job.attempt = config ? 1 : 2;
    job.runName = config ? config->name : std::string();
    job.projectDir = projectDir(a);
    checkSettings(s, job);
    printScript(s, job, a.has("--json"));
    return ExitOk;
}

int slurmSubmit(const SlurmArgs &a)
{
    const auto config = configFrom(a);
    const SlurmSettings s = settingsFrom(a);
    SlurmJobSpec job;
    job.runName = config ? config->name : std::string();
    job.projectDir = projectDir(a);
    job.runId = "RUN_ID";
    checkSettings(s, job); // before anything is recorded

    Project project = Project::open(job.projectDir);
    DistributedRunStart start;
    try {
        start = beginDistributedRun(project, config, a.get("--resume").value_or(""), s.ranks(), "slurm");
    } catch (const std::runtime_error &e) {
        badInput(e.what());
    }
    job.runId = start.runId;
    job.attempt = start.attempt;
    job.runName = start.name;
    RunStore store(project);
    std::error_code ec;
    fs::create_directories(project.layout().runLogsDir(start.runId), ec); // Slurm does not create the folders of --output
    const fs::path script = project.layout().sbatchScriptPath(job.runId, job.attempt);
    {
        std::ofstream out(script);
        out << sbatchScript(s, job);
        if (!out) {
            store.finishRun(start.runId, RunStatus::Failed, "cannot write " + script.string());
            throw Failure{ExitRuntime, "cannot write " + script.string()};
        }
    }
    fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
    std::string jobId;
    try {
        jobId = submitSlurmJob(s, job, script);
    } catch (const ProjectError &e) {
        store.finishRun(start.runId, RunStatus::Failed, e.what());
        throw Failure{ExitRuntime, std::string(e.what()) + " (run " + start.runId + " is marked failed)"};
    }
    store.setJob(start.runId, "slurm", jobId, "PENDING");
    store.addLog(start.runId, "info", "submitted as slurm job " + jobId + " (" + project.relativePath(script) + ")");
    if (a.has("--json"))
        std::cout << json{{"run", start.runId}, {"attempt", start.attempt}, {"job", jobId}, {"ranks", s.ranks()},
                          {"script", project.relativePath(script)}}.dump() << "\n";
    else
        std::cout << "run " << start.runId << " (attempt " << start.attempt << ", " << s.ranks() << " ranks) submitted as slurm job "
                  << jobId << "; script " << project.relativePath(script) << "\n";
    return ExitOk;
}

json rankStatesJson(RunStore &store, const std::string &runId)
{
    json ranks = json::array();
    for (const auto &r : rankStates(store, runId))
        ranks.push_back({{"rank", r.rank}, {"state", r.state}, {"step", r.step}, {"last_seen", r.lastSeen},
                         {"message", r.message}, {"log", r.log}});
    return ranks;
}

struct Poll
{
    std::string state;    // the job's state (or UNKNOWN when Slurm has forgotten it)
    RunStatus status = RunStatus::Queued; // the run's status after this poll
    std::string message;
    bool done = false;
};

// One look at the job: its state onto the run, new segments into the store, and the
// run's end once the job has ended.
Poll pollOnce(const Project &project, const std::string &runId)
{
    Poll p;
    RunStore store(project);
    const RunRecord r = store.run(runId);
    if (r.scheduler != "slurm" || r.jobId.empty())
        badInput("run '" + runId + "' is not a Slurm job (it has no job id)");
    if (!isActive(r.status)) {
        p.state = r.jobState;
        p.status = r.status;
        p.message = r.message;
        p.done = true;
        return p;
    }
    const SlurmJobInfo info = querySlurmJob(r.jobId);
    p.state = info.known ? info.state : "UNKNOWN";
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

int slurmFollow(const SlurmArgs &a)
{
    if (a.positional.empty())
        badInput("the run id is missing (seekbench-cli slurm follow RUN_ID [--project DIR])");
    const std::string id = a.positional[0];
    Project::checkRunId(id);
    Project project = Project::open(projectDir(a));
    if (project.isReadOnly())
        throw Failure{ExitRuntime, "another process holds the writer lock of " + project.dir().string()
                                       + " (seekbench.db.lock, cluster-safe mode); it imports this job's segments"};
    const bool wait = a.has("--wait");
    const double interval = std::max(0.05, seconds(a, "--interval", 0.5));
    const double timeout = seconds(a, "--timeout", 0);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    std::string last;
    for (;;) {
        const Poll p = pollOnce(project, id);
        const std::string now = p.state + "/" + toString(p.status);
        if (now != last || p.done) {
            last = now;
            RunStore store(project);
            if (a.has("--json"))
                std::cout << json{{"run", id}, {"job_state", p.state}, {"status", toString(p.status)}, {"message", p.message},
                                  {"done", p.done}, {"ranks", rankStatesJson(store, id)}}.dump()
                          << std::endl;
            else
                std::cout << "run " << id << ": job " << p.state << ", run " << toString(p.status)
                          << (p.message.empty() ? "" : " (" + p.message + ")") << std::endl;
        }
        if (p.done)
            return p.status == RunStatus::Finished ? ExitOk : p.status == RunStatus::Cancelled ? ExitCancelled : ExitRuntime;
        if (!wait)
            return ExitOk;
        if (timeout > 0 && std::chrono::steady_clock::now() > until)
            throw Failure{ExitRuntime, "the job is still " + p.state + " after " + std::to_string(int(timeout)) + " s"};
        std::this_thread::sleep_for(std::chrono::duration<double>(interval));
    }
}

int slurmCancel(const SlurmArgs &a)
{
    if (a.positional.empty())
        badInput("the run id is missing (seekbench-cli slurm cancel RUN_ID [--project DIR])");
    const std::string id = a.positional[0];
    Project::checkRunId(id);
    Project project = Project::open(projectDir(a));
    RunStore store(project);
    const RunRecord r = store.run(id);
    if (r.jobId.empty())
        badInput("run '" + id + "' is not a Slurm job (it has no job id); stop a local run with seekbench-cli runs stop");
    if (!isActive(r.status))
        badInput("run '" + id + "' has already ended (status " + toString(r.status) + ")");
    cancelSlurmJob(r.jobId);
    store.addLog(id, "info", "cancel requested: scancel " + r.jobId);
    if (!a.has("--json"))
        std::cout << "scancel " << r.jobId << " (run " << id << ")" << std::endl;
    if (!a.get("--wait"))
        return ExitOk;
    SlurmArgs follow;
    follow.positional = {id};
    follow.values.emplace("--project", project.dir().string());
    follow.values.emplace("--timeout", *a.get("--wait"));
    follow.flags.push_back("--wait");
    if (a.has("--json"))
        follow.flags.push_back("--json");
    const int code = slurmFollow(follow);
    return code == ExitCancelled ? ExitOk : code;
}

int slurmLogs(const SlurmArgs &a)
{
    if (a.positional.empty())
        badInput("the run id is missing (seekbench-cli slurm logs RUN_ID [--rank R] [--project DIR])");
    const std::string id = a.positional[0];
    Project::checkRunId(id);
    Project::OpenOptions ro;
    ro.readOnly = true;
    Project project = Project::open(projectDir(a), ro);
    const int rank = integer(a, "--rank", -1);
    fs::path file;
    if (rank >= 0) {
        file = project.layout().rankLogPath(id, rank);
    } else {
        RunStore store(project);
        const RunRecord r = store.run(id);
        if (r.jobId.empty())
            badInput("run '" + id + "' has no Slurm job; give --rank R for a rank's log");
        file = project.layout().slurmLogPath(id, r.jobId);
    }
    std::ifstream in(file, std::ios::binary);
    std::uintmax_t offset = 0;
    bool follow = a.has("--follow");
    for (;;) {
        if (in) {
            in.clear();
            in.seekg(std::streamoff(offset));
            std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            offset += chunk.size();
            std::cout << chunk << std::flush;
        } else if (!follow) {
            throw Failure{ExitRuntime, "no log yet: " + file.string()};
        } else {
            in.open(file, std::ios::binary);
        }
        if (!follow)
            return ExitOk;
        RunStore store(project);
        if (!isActive(store.run(id).status)) {
            follow = false;
            continue; // one last read
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}

const char *kSlurmUsage =
    "usage: seekbench-cli slurm VERB ...\n"
    "  script (--config FILE [--name N] | --resume RUN_ID) [--project DIR] [CLUSTER] [--json]\n"
    "                 print the batch script (and with --json the sbatch arguments) without submitting\n"
    "  submit (--config FILE [--name N] | --resume RUN_ID) [--project DIR] [CLUSTER] [--json]\n"
    "                 record the run (queued, nodes x tasks-per-node ranks) and submit it with sbatch\n"
    "  follow RUN_ID [--project DIR] [--wait [--interval S] [--timeout S]] [--json]\n"
    "                 job state onto the run, segments into the store, the run's end when the job ends\n"
    "  cancel RUN_ID [--project DIR] [--wait S] [--json]     scancel the run's job\n"
    "  logs RUN_ID [--rank R] [--follow] [--project DIR]      the job's (or a rank's) log\n"
    "  ranks RUN_ID [--project DIR]                           each rank's state (JSON)\n"
    "CLUSTER: --profile FILE.yaml --nodes N --tasks-per-node N --cpus-per-task N --gpus-per-task N\n"
    "         --time T --partition P --account A --job-name J --sbatch OPTION (repeatable) --cli PATH\n"
    "--project defaults to the current folder\n";

} // namespace

int runSlurmCommand(const std::vector<std::string> &args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kSlurmUsage, args.empty() ? stderr : stdout);
        return args.empty() ? ExitBadInput : ExitOk;
    }
    const std::string verb = args[0];
    const std::string what = "slurm " + verb;
    try {
        std::vector<std::string> valued{"--project"}, flags{"--json"};
        if (verb == "script" || verb == "submit") {
            valued.insert(valued.end(), kClusterOptions.begin(), kClusterOptions.end());
            valued.insert(valued.end(), {"--config", "--name", "--resume"});
        } else if (verb == "follow") {
            valued.insert(valued.end(), {"--interval", "--timeout"});
            flags.push_back("--wait");
        } else if (verb == "cancel") {
            valued.push_back("--wait");
        } else if (verb == "logs") {
            valued.push_back("--rank");
            flags.push_back("--follow");
        } else if (verb != "ranks") {
            std::fprintf(stderr, "seekbench-cli slurm: unknown verb '%s'\n%s", verb.c_str(), kSlurmUsage);
            return ExitBadInput;
        }
        const SlurmArgs a = parse(args, valued, flags);
        if (verb == "script") return slurmScript(a);
        if (verb == "submit") return slurmSubmit(a);
        if (verb == "follow") return slurmFollow(a);
        if (verb == "cancel") return slurmCancel(a);
        if (verb == "logs") return slurmLogs(a);
        if (a.positional.empty())
            badInput("the run id is missing (seekbench-cli slurm ranks RUN_ID [--project DIR])");
        return printRankStates(projectDir(a), a.positional[0]);
    } catch (const Failure &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what.c_str(), e.message.c_str());
        return e.code;
    } catch (const ProjectError &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what.c_str(), e.what());
        return e.exitCode();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what.c_str(), e.what());
        return ExitRuntime;
    }
}

int printRankStates(const std::filesystem::path &dir, const std::string &runId)
{
    Project::checkRunId(runId);
    Project::OpenOptions ro;
    ro.readOnly = true;
    Project project = Project::open(dir, ro);
    RunStore store(project);
    const RunRecord r = store.run(runId);
    std::cout << json{{"run", runId}, {"status", toString(r.status)}, {"attempt", r.attempt}, {"ranks", r.ranks},
                      {"scheduler", r.scheduler}, {"job", r.jobId}, {"job_state", r.jobState},
                      {"rank_states", rankStatesJson(store, runId)}}.dump()
              << "\n";
    return ExitOk;
}

} // namespace seekbench::cli
