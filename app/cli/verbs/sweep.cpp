// sweep create|run|resume|status|stop|best|export|ask|tell|report: a project's sweeps from
// a terminal (issue 22). The work is in projects (SweepStore, SweepDriver, sweep_service)
// and core/tuning; these parse options and print.

#include "support/options.h"
#include "support/signals.h"
#include "verbs/verbs.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/slurm_follow.h"
#include "seekbench/projects/sweep_driver.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/run/cancel_token.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;
using namespace seekbench::projects;
using json = nlohmann::json;
using tuning::Trial;

struct SweepArgs
{
    std::optional<std::string> project, sweep, space, name, trial, value, state, reason, step, format, out;
    bool json = false, detach = false, slurm = false;
    SlurmOverrides cluster; // --slurm: each trial a Slurm job with these settings
};

// The cluster options again, for the detached driver's command line.
std::vector<std::string> clusterArguments(const SweepArgs &a)
{
    if (!a.slurm)
        return {};
    std::vector<std::string> out{"--slurm"};
    const auto text = [&](const char *flag, const std::optional<std::string> &v) {
        if (v)
            out.insert(out.end(), {flag, *v});
    };
    const auto number = [&](const char *flag, const std::optional<int> &v) {
        if (v)
            out.insert(out.end(), {flag, std::to_string(*v)});
    };
    const SlurmOverrides &c = a.cluster;
    text("--profile", c.profile);
    number("--cpus-per-task", c.cpusPerTask);
    number("--gpus-per-task", c.gpusPerTask);
    text("--time", c.timeLimit);
    text("--partition", c.partition);
    text("--account", c.account);
    text("--cli", c.cli);
    for (const std::string &e : c.extra)
        out.insert(out.end(), {"--sbatch", e});
    return out;
}

std::string displayNumber(double v) // six significant digits, for people
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string requireSweep(const SweepArgs &a)
{
    if (!a.sweep)
        throw BadInput("--sweep is required (the sweep's name or id)");
    return *a.sweep;
}

int requireTrial(const SweepArgs &a)
{
    if (!a.trial)
        throw BadInput("--trial is required");
    return int(parseIntegerIn("--trial", *a.trial, 0, 100000000));
}

json trialJson(const Trial &t)
{
    json j = {{"trial", t.number}, {"state", tuning::stateName(t.state)}, {"params", t.params}};
    j["value"] = t.value ? json(*t.value) : json();
    if (t.cost)
        j["cost"] = *t.cost;
    if (!t.reason.empty())
        j["reason"] = t.reason;
    return j;
}

json statusJson(SweepStore &store, const SweepRecord &s)
{
    const tuning::SearchSpace space = sweepSpace(s);
    const std::vector<Trial> trials = store.trials(s.id);
    const SweepOutcome c = sweepCounts(trials);
    json j = {{"sweep", s.id},
              {"name", s.name},
              {"state", toString(s.state)},
              {"objective", space.objective.metric},
              {"direction", tuning::directionName(space.objective.direction)},
              {"budget", space.trials},
              {"counts",
               {{"complete", c.complete},
                {"pruned", c.pruned},
                {"failed", c.failed},
                {"infeasible", c.infeasible},
                {"running", c.running}}},
              {"driver_alive", s.driver && s.driver->isAliveHere()}};
    const auto best = bestTrial(space, trials);
    j["best"] = best ? trialJson(*best) : json();
    json list = json::array();
    for (const Trial &t : trials) {
        json row = trialJson(t);
        if (auto run = store.trialRun(s.id, t.number))
            row["run"] = *run;
        list.push_back(std::move(row));
    }
    j["trials"] = std::move(list);
    return j;
}

int sweepCreate(Project &p, const SweepArgs &a)
{
    if (!a.space)
        throw BadInput("--space is required (the search space, such as sweeps/lr.yaml)");
    const SweepRecord s = createSweepFromFile(p, *a.space, a.name.value_or(""));
    if (a.json)
        std::cout << json{{"sweep", s.id}, {"name", s.name}}.dump() << "\n";
    else
        std::cout << "created sweep " << s.name << " (" << s.id << "); run it with seekbench-cli sweep run --sweep "
                  << s.name << "\n";
    return ExitOk;
}

int sweepRun(Project &p, const SweepArgs &a)
{
    const std::string sweep = requireSweep(a);
    const fs::path self = fs::read_symlink("/proc/self/exe");
    SweepStore store(p);
    const SweepRecord s = store.require(sweep);
    if (s.driver && s.driver->isAliveHere())
        throw BadInput("sweep " + s.name + " is being run already (pid " + std::to_string(s.driver->pid) + ")");
    if (a.detach) {
        const fs::path dir = p.layout().sweepDir(s.name);
        fs::create_directories(dir);
        std::vector<std::string> argv{self.string(), "sweep", "run", "--project", p.dir().string(), "--sweep", s.id};
        for (std::string &arg : clusterArguments(a))
            argv.push_back(std::move(arg));
        const std::int64_t pid = startDetached(argv, dir / "driver.out.log", dir / "driver.err.log");
        if (a.json)
            std::cout << json{{"sweep", s.id}, {"pid", pid}}.dump() << "\n";
        else
            std::cout << "sweep " << s.name << " runs as pid " << pid << "; its log is in "
                      << p.relativePath(dir / "driver.err.log") << "\n";
        return ExitOk;
    }
    CancelToken &cancel = installCancelSignals();
    SweepDriverOptions options;
    options.cli = self;
    if (a.slurm)
        options.slurm = mergeSlurmSettings(a.cluster);
    options.stopRequested = [&cancel] { return cancel.isCancelled(); };
    options.log = [](const std::string &line) { std::cerr << line << std::endl; };
    SweepDriver driver(p, s.id, options);
    const SweepOutcome o = driver.run();
    std::cerr << "sweep " << s.name << (o.finished ? " finished" : " stopped") << ": " << o.complete << " complete, "
              << o.pruned << " pruned, " << o.failed << " failed, " << o.infeasible << " infeasible, " << o.running
              << " running\n";
    if (a.json)
        std::cout << statusJson(store, store.require(s.id)).dump() << "\n";
    return o.finished ? ExitOk : ExitCancelled;
}

int sweepStatus(Project &p, const SweepArgs &a)
{
    SweepStore store(p);
    if (!a.sweep) { // every sweep, one line each
        json all = json::array();
        for (const SweepRecord &s : store.sweeps())
            all.push_back(statusJson(store, s));
        if (a.json) {
            std::cout << all.dump() << "\n";
        } else {
            for (const json &s : all)
                std::cout << s["name"].get<std::string>() << "  " << s["state"].get<std::string>() << "  "
                          << s["counts"]["complete"].get<int>() << "/" << s["budget"].get<int>() << " complete\n";
        }
        return ExitOk;
    }
    const json j = statusJson(store, store.require(*a.sweep));
    if (a.json) {
        std::cout << j.dump() << "\n";
        return ExitOk;
    }
    std::cout << j["name"].get<std::string>() << " (" << j["state"].get<std::string>() << "), "
              << j["objective"].get<std::string>() << " " << j["direction"].get<std::string>() << "d\n";
    for (const json &t : j["trials"])
        std::cout << "  trial " << t["trial"].get<int>() << "  " << t["state"].get<std::string>() << "  "
                  << (t["value"].is_null() ? std::string("-") : displayNumber(t["value"].get<double>())) << "  "
                  << t["params"].dump() << (t.contains("reason") ? "  " + t["reason"].get<std::string>() : "") << "\n";
    return ExitOk;
}

int sweepStop(Project &p, const SweepArgs &a)
{
    SweepStore store(p);
    const SweepRecord s = store.require(requireSweep(a));
    if (s.driver && s.driver->isAliveHere()) {
        // The driver stops its trials (each checkpoints) and marks the sweep stopped.
        ::kill(pid_t(s.driver->pid), SIGTERM);
        std::cout << "sent SIGTERM to the sweep's driver (pid " << s.driver->pid << ")\n";
        return ExitOk;
    }
    int stopped = 0;
    for (const Trial &t : store.trials(s.id))
        if (t.state == tuning::TrialState::Running)
            if (auto run = store.trialRun(s.id, t.number))
                if (auto rec = RunStore(p).findRun(*run); rec && RunControl::signalWriter(*rec, SIGTERM))
                    ++stopped;
    store.setState(s.id, SweepState::Stopped);
    std::cout << "sweep " << s.name << " stopped (" << stopped << " running trial" << (stopped == 1 ? "" : "s")
              << " signalled)\n";
    return ExitOk;
}

int sweepBest(Project &p, const SweepArgs &a)
{
    SweepStore store(p);
    const SweepRecord s = store.require(requireSweep(a));
    const auto best = bestTrial(sweepSpace(s), store.trials(s.id));
    if (!best)
        throw CliFailure(ExitRuntime, "sweep " + s.name + " has no complete trial yet");
    json j = trialJson(*best);
    if (auto run = store.trialRun(s.id, best->number))
        j["run"] = *run;
    if (a.json)
        std::cout << j.dump() << "\n";
    else
        std::cout << "trial " << best->number << ": " << displayNumber(*best->value) << "  " << best->params.size()
                  << " params " << json(best->params).dump()
                  << (j.contains("run") ? "  run " + j["run"].get<std::string>() : "") << "\n";
    return ExitOk;
}

int sweepExport(Project &p, const SweepArgs &a)
{
    SweepStore store(p);
    const SweepRecord s = store.require(requireSweep(a));
    const std::string format = a.format.value_or("csv");
    if (format != "csv" && format != "json")
        throw BadInput("--format '" + format + "': use csv or json");
    const std::string text = format == "json" ? statusJson(store, s).dump(1) + "\n" : sweepTrialsCsv(store, s);
    if (!a.out) {
        std::cout << text;
        return ExitOk;
    }
    std::ofstream out(*a.out);
    out << text;
    if (!out)
        throw CliFailure(ExitRuntime, "cannot write " + *a.out);
    return ExitOk;
}

int sweepAsk(Project &p, const SweepArgs &a)
{
    const auto t = askTrial(p, requireSweep(a));
    if (!t)
        throw CliFailure(ExitRuntime, "sweep " + *a.sweep + " has no trial left: its search space is exhausted");
    std::cout << json{{"trial", t->number}, {"params", t->params}}.dump() << "\n";
    return ExitOk;
}

int sweepTell(Project &p, const SweepArgs &a)
{
    SweepStore store(p);
    const SweepRecord s = store.require(requireSweep(a));
    const int number = requireTrial(a);
    tuning::TrialState state = tuning::TrialState::Complete;
    if (a.state) {
        const auto parsed = tuning::parseTrialState(*a.state);
        if (!parsed || *parsed == tuning::TrialState::Running)
            throw BadInput("--state '" + *a.state + "': use complete, pruned, failed or infeasible");
        state = *parsed;
    }
    std::optional<double> value;
    if (a.value)
        value = parseNumber("--value", *a.value);
    store.tell(s.id, number, state, value, a.reason.value_or(""));
    if (a.json)
        std::cout << json{{"trial", number}, {"state", tuning::stateName(state)}}.dump() << "\n";
    return ExitOk;
}

int sweepReport(Project &p, const SweepArgs &a)
{
    if (!a.step || !a.value)
        throw BadInput("--step and --value are required");
    const bool prune = reportTrial(p, requireSweep(a), requireTrial(a),
                                   parseIntegerIn("--step", *a.step, 0, std::numeric_limits<std::int64_t>::max()),
                                   parseNumber("--value", *a.value));
    std::cout << json{{"prune", prune}}.dump() << "\n";
    return ExitOk;
}

using Body = int (*)(Project &, const SweepArgs &);

CLI::App *addSweepVerb(CLI::App &group, const std::string &name, const std::string &what, const std::string &example,
                       Body body, const std::shared_ptr<SweepArgs> &a, int &exitCode)
{
    CLI::App *v = group.add_subcommand(name, what);
    v->allow_extras();
    addProjectOption(*v, a->project, "the project folder (default: the current folder)");
    if (name != "create")
        addOption(*v, "--sweep", a->sweep, "the sweep's name or id")->type_name("SWEEP");
    addJsonFlag(*v, a->json);
    describe(*v, example);
    v->callback([v, body, a, &exitCode] {
        rejectExtras(*v);
        Project p = Project::open(a->project.value_or("."));
        exitCode = body(p, *a);
    });
    return v;
}

} // namespace

void registerSweepVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *group = addVerbGroup(root, "sweep", "hyperparameter sweeps: search, run, prune, inspect",
                                   "create | run | resume | status | stop | best | export | ask | tell | report",
                                   "seekbench-cli sweep create --space sweeps/lr.yaml --project DIR");
    auto a = std::make_shared<SweepArgs>();
    CLI::App *create = addSweepVerb(*group, "create", "record a sweep from its search space (YAML)",
                                    "seekbench-cli sweep create --space sweeps/lr.yaml --project DIR", sweepCreate, a,
                                    exitCode);
    addOption(*create, "--space", a->space, "the search space file, inside the project")->type_name("FILE");
    addOption(*create, "--name", a->name, "the sweep's name (default: the file's name)")->type_name("NAME");
    for (const char *verb : {"run", "resume"}) {
        CLI::App *run = addSweepVerb(*group, verb,
                                     std::string(verb) == "run"
                                         ? "run the sweep's trials here until its budget is spent (Ctrl+C stops it)"
                                         : "continue a stopped or killed sweep (the same as run)",
                                     std::string("seekbench-cli sweep ") + verb + " --sweep lr --project DIR --detach",
                                     sweepRun, a, exitCode);
        addFlag(*run, "--detach", a->detach, "run the driver as a process of its own and return");
        addFlag(*run, "--slurm", a->slurm, "each trial as a Slurm job (the options below, as for slurm submit)");
        SlurmOverrides &c = a->cluster;
        addOption(*run, "--profile", c.profile, "with --slurm: a cluster profile")->type_name("FILE.yaml");
        addInteger(*run, "--cpus-per-task", c.cpusPerTask, "with --slurm: CPUs per trial");
        addInteger(*run, "--gpus-per-task", c.gpusPerTask, "with --slurm: GPUs per trial");
        addOption(*run, "--time", c.timeLimit, "with --slurm: each job's time limit")->type_name("T");
        addOption(*run, "--partition", c.partition, "with --slurm: the Slurm partition")->type_name("P");
        addOption(*run, "--account", c.account, "with --slurm: the Slurm account")->type_name("A");
        addRepeated(*run, "--sbatch", c.extra, "with --slurm: an extra sbatch option")->type_name("OPTION");
        addOption(*run, "--cli", c.cli, "with --slurm: seekbench-cli on the cluster nodes")->type_name("PATH");
    }
    addSweepVerb(*group, "status", "the sweep's trials, their states and values (every sweep without --sweep)",
                 "seekbench-cli sweep status --sweep lr --project DIR --json", sweepStatus, a, exitCode);
    addSweepVerb(*group, "stop", "stop the sweep and its running trials (each checkpoints; resume continues them)",
                 "seekbench-cli sweep stop --sweep lr --project DIR", sweepStop, a, exitCode);
    addSweepVerb(*group, "best", "the best complete trial, its params and run",
                 "seekbench-cli sweep best --sweep lr --project DIR --json", sweepBest, a, exitCode);
    CLI::App *exp = addSweepVerb(*group, "export", "the trials as CSV or JSON",
                                 "seekbench-cli sweep export --sweep lr --format csv --out lr.csv --project DIR",
                                 sweepExport, a, exitCode);
    addOption(*exp, "--format", a->format, "csv (default) or json")->type_name("FORMAT");
    addOption(*exp, "--out", a->out, "write here (default: stdout)")->type_name("FILE");
    addSweepVerb(*group, "ask", "the next trial's params as JSON, for a program that runs trials itself",
                 "seekbench-cli sweep ask --sweep lr --project DIR", sweepAsk, a, exitCode);
    CLI::App *tell = addSweepVerb(*group, "tell", "a trial's result: --value X, or --state pruned|failed|infeasible",
                                  "seekbench-cli sweep tell --sweep lr --trial 3 --value 0.42 --project DIR", sweepTell,
                                  a, exitCode);
    addOption(*tell, "--trial", a->trial, "the trial's number")->type_name("N");
    addOption(*tell, "--value", a->value, "the objective's value")->type_name("X");
    addOption(*tell, "--state", a->state, "complete (default), pruned, failed or infeasible")->type_name("STATE");
    addOption(*tell, "--reason", a->reason, "why, for people")->type_name("TEXT");
    CLI::App *report = addSweepVerb(*group, "report",
                                    "a running trial's objective at a step; prints {\"prune\": true|false}",
                                    "seekbench-cli sweep report --sweep lr --trial 3 --step 100 --value 0.6",
                                    sweepReport, a, exitCode);
    addOption(*report, "--trial", a->trial, "the trial's number")->type_name("N");
    addOption(*report, "--step", a->step, "the step")->type_name("N");
    addOption(*report, "--value", a->value, "the objective's value at the step")->type_name("X");
}

} // namespace seekbench::cli
