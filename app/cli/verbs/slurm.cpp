// `seekbench-cli slurm`: a run as a Slurm job. `script` previews the sbatch options and the
// batch script; `submit` records the run (queued, N ranks) and submits it; `follow` reads
// the job's state, imports the ranks' segments and records the run's end; `cancel` is
// scancel; `logs` prints a rank's log from the project folder; `ranks` each rank's state.
// The work is in projects (slurm_follow.h, slurm_script.h); this file parses and prints.

#include "support/options.h"
#include "verbs/verbs.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/slurm_follow.h"
#include "seekbench/replies/slurm_replies.h"

#include <iostream>
#include <limits>
#include <memory>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
const Project::OpenOptions kReadOnly{.readOnly = true, .markStaleRuns = true, .storage = {}};

// Every slurm verb's options (each verb registers the ones it takes).
struct SlurmArgs
{
    std::string runId;
    std::optional<std::string> project, config, name, resume, interval, timeout, waitSeconds;
    std::optional<int> rank;
    SlurmOverrides cluster;
    bool json = false, wait = false, follow = false;
};

double seconds(const std::string &key, const std::optional<std::string> &text, double fallback)
{
    return text ? parseNumberIn(key, *text, 0, 1e9) : fallback;
}

// The config of a new run (validated), or nothing for --resume.
std::optional<RunConfig> configFrom(const SlurmArgs &a)
{
    if (!a.config == !a.resume)
        throw BadInput("give the run as --config FILE [--name NAME] (a new run) or --resume RUN_ID");
    if (!a.config)
        return std::nullopt;
    ConfigLoad load = loadRunConfig(*a.config);
    const ConfigIssues issues = load.ok() ? validate(load.config, engineCapabilities()) : load.issues;
    std::string all;
    for (const auto &i : issues)
        all += "\n" + *a.config + ": " + describe(i);
    if (!all.empty())
        throw BadInput("the config is not valid:" + all);
    load.config.name = a.name.value_or(load.config.name);
    return load.config;
}

std::filesystem::path projectDir(const SlurmArgs &a)
{
    return std::filesystem::absolute(a.project.value_or(".")).lexically_normal();
}

std::string runIdOf(const SlurmArgs &a, const std::string &usage)
{
    if (a.runId.empty())
        throw BadInput("the run id is missing (seekbench-cli slurm " + usage + ")");
    Project::checkRunId(a.runId);
    return a.runId;
}

int scriptVerb(const SlurmArgs &a)
{
    const auto config = configFrom(a);
    const SlurmSettings s = mergeSlurmSettings(a.cluster);
    const SlurmJobSpec job{config ? "RUN_ID" : *a.resume, config ? 1 : 2, config ? config->name : "", projectDir(a)};
    requireValidSlurmSettings(s, job);
    if (a.json)
        std::cout << replies::SlurmScriptReply{sbatchArguments(s, job), sbatchScript(s, job), s.ranks(),
                                               sbatchScriptPath(job.runId, job.attempt)}
                         .toJson()
                  << "\n";
    else
        std::cout << sbatchScript(s, job);
    return ExitOk;
}

int submitVerb(const SlurmArgs &a)
{
    const auto config = configFrom(a);
    const SlurmSettings s = mergeSlurmSettings(a.cluster);
    requireValidSlurmSettings(s,
                              {"RUN_ID", 1, config ? config->name : "", projectDir(a)}); // before anything is recorded
    Project project = Project::open(projectDir(a));
    const SlurmSubmission sub = submitSlurmRun(project, config, a.resume.value_or(""), s);
    if (a.json)
        std::cout << replies::SlurmSubmitReply{sub.runId, sub.attempt, sub.jobId, s.ranks(), sub.script}.toJson()
                  << "\n";
    else
        std::cout << "run " << sub.runId << " (attempt " << sub.attempt << ", " << s.ranks()
                  << " ranks) submitted as slurm job " << sub.jobId << "; script " << sub.script << "\n";
    return ExitOk;
}

// Follows the run's job (once, or until it ends), printing each new state.
int followRun(const Project &project, const std::string &id, const SlurmFollowOptions &options, bool asJson)
{
    const SlurmPoll end = followSlurmRun(project, id, options, [&](const SlurmPoll &p) {
        if (asJson)
            std::cout << slurmPollJson(project, id, p) << std::endl;
        else
            std::cout << "run " << id << ": job " << p.jobState << ", run " << toString(p.status)
                      << (p.message.empty() ? "" : " (" + p.message + ")") << std::endl;
    });
    if (end.done && end.status != RunStatus::Finished)
        return end.status == RunStatus::Cancelled ? ExitCancelled : ExitRuntime;
    return ExitOk;
}

int followVerb(const SlurmArgs &a)
{
    const std::string id = runIdOf(a, "follow RUN_ID [--project DIR]");
    const double interval = seconds("--interval", a.interval, 0.5), timeout = seconds("--timeout", a.timeout, 0);
    return followRun(Project::open(projectDir(a)), id, {a.wait, interval, timeout}, a.json);
}

int cancelVerb(const SlurmArgs &a)
{
    const std::string id = runIdOf(a, "cancel RUN_ID [--project DIR]");
    Project project = Project::open(projectDir(a));
    const std::string job = cancelSlurmRun(project, id);
    if (!a.json)
        std::cout << "scancel " << job << " (run " << id << ")" << std::endl;
    if (!a.waitSeconds)
        return ExitOk;
    const int code = followRun(project, id, {true, 0.5, seconds("--wait", a.waitSeconds, 0)}, a.json);
    return code == ExitCancelled ? ExitOk : code;
}

int logsVerb(const SlurmArgs &a)
{
    const std::string id = runIdOf(a, "logs RUN_ID [--rank R] [--project DIR]");
    Project project = Project::open(projectDir(a), kReadOnly);
    streamRunLog(project, id, slurmLogFile(project, id, a.rank.value_or(-1)), a.follow, std::cout);
    return ExitOk;
}

int ranksVerb(const SlurmArgs &a) { return printRankStates(projectDir(a), runIdOf(a, "ranks RUN_ID [--project DIR]")); }

CLI::App *addSlurmVerb(CLI::App &slurm, const std::string &name, const std::string &what, const std::string &example,
                       SlurmArgs &a)
{
    CLI::App *v = slurm.add_subcommand(name, what);
    v->allow_extras();
    if (name != "script" && name != "submit")
        v->add_option("RUN_ID", a.runId, "the run's id");
    addProjectOption(*v, a.project, "the project folder (default: the current folder)");
    if (name != "logs" && name != "ranks")
        addJsonFlag(*v, a.json);
    describe(*v, example);
    return v;
}

void addClusterOptions(CLI::App &v, SlurmArgs &a)
{
    addOption(v, "--config", a.config, "the run config (or --resume)")->type_name("FILE");
    addOption(v, "--name", a.name, "the run's name")->type_name("N");
    addOption(v, "--resume", a.resume, "a new attempt of a recorded run")->type_name("RUN_ID");
    auto &c = a.cluster;
    addOption(v, "--profile", c.profile, "a cluster profile; the options below override it")->type_name("FILE.yaml");
    addInteger(v, "--nodes", c.nodes, "nodes");
    addInteger(v, "--tasks-per-node", c.tasksPerNode, "ranks per node");
    addInteger(v, "--cpus-per-task", c.cpusPerTask, "CPUs per rank");
    addInteger(v, "--gpus-per-task", c.gpusPerTask, "GPUs per rank");
    addOption(v, "--time", c.timeLimit, "the job's time limit")->type_name("T");
    addOption(v, "--partition", c.partition, "the Slurm partition")->type_name("P");
    addOption(v, "--account", c.account, "the Slurm account")->type_name("A");
    addOption(v, "--job-name", c.jobName, "the job's name")->type_name("J");
    addRepeated(v, "--sbatch", c.extra, "an extra sbatch option")->type_name("OPTION");
    addOption(v, "--cli", c.cli, "seekbench-cli on the cluster nodes")->type_name("PATH");
}

} // namespace

void registerSlurmVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *slurm
        = addVerbGroup(root, "slurm", "a run as a Slurm job", "script | submit | follow | cancel | logs | ranks",
                       "seekbench-cli slurm submit --config run.yaml --project DIR --nodes 2 --tasks-per-node 4");
    auto a = std::make_shared<SlurmArgs>();
    std::vector<std::pair<CLI::App *, int (*)(const SlurmArgs &)>> verbs;
    CLI::App *script = addSlurmVerb(*slurm, "script",
                                    "print the batch script (and with --json the sbatch arguments) without submitting",
                                    "seekbench-cli slurm script --config run.yaml --project DIR --nodes 2 --json", *a);
    addClusterOptions(*script, *a);
    verbs.emplace_back(script, scriptVerb);
    CLI::App *submit = addSlurmVerb(*slurm, "submit",
                                    "record the run (queued, nodes x tasks-per-node ranks) and submit it with sbatch",
                                    "seekbench-cli slurm submit --config run.yaml --project DIR --nodes 2 --json", *a);
    addClusterOptions(*submit, *a);
    verbs.emplace_back(submit, submitVerb);
    CLI::App *follow = addSlurmVerb(*slurm, "follow",
                                    "job state onto the run, segments into the store, the run's end when the job ends",
                                    "seekbench-cli slurm follow RUN_ID --project DIR --wait --timeout 3600", *a);
    addFlag(*follow, "--wait", a->wait, "keep following until the job ends");
    addOption(*follow, "--interval", a->interval, "seconds between polls (with --wait)")->type_name("S");
    addOption(*follow, "--timeout", a->timeout, "give up after S seconds (with --wait)")->type_name("S");
    verbs.emplace_back(follow, followVerb);
    CLI::App *cancel = addSlurmVerb(*slurm, "cancel", "scancel the run's job",
                                    "seekbench-cli slurm cancel RUN_ID --project DIR --wait 60", *a);
    addOption(*cancel, "--wait", a->waitSeconds, "wait up to S seconds for the job to end")->type_name("S");
    verbs.emplace_back(cancel, cancelVerb);
    CLI::App *logs = addSlurmVerb(*slurm, "logs", "the job's (or a rank's) log",
                                  "seekbench-cli slurm logs RUN_ID --rank 1 --follow", *a);
    addInteger(*logs, "--rank", a->rank, "one rank's log")->type_name("R");
    addFlag(*logs, "--follow", a->follow, "keep printing as the log grows");
    verbs.emplace_back(logs, logsVerb);
    verbs.emplace_back(addSlurmVerb(*slurm, "ranks", "each rank's state (JSON)",
                                    "seekbench-cli slurm ranks RUN_ID --project DIR", *a),
                       ranksVerb);
    for (auto [v, body] : verbs)
        v->callback([v = v, body = body, a, &exitCode] {
            rejectExtras(*v);
            exitCode = body(*a);
        });
}

int printRankStates(const std::filesystem::path &dir, const std::string &runId)
{
    Project::checkRunId(runId);
    std::cout << rankStatesJson(Project::open(dir, kReadOnly), runId) << "\n";
    return ExitOk;
}

} // namespace seekbench::cli
