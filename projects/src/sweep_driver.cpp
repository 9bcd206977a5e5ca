#include "seekbench/projects/sweep_driver.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/machine_memory.h"
#include "seekbench/config/validation.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/slurm_follow.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/tuning/apply.h"
#include "seekbench/tuning/pruner.h"
#include "seekbench/tuning/sampler.h"
#include "sweep_trial_results.h"

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

namespace seekbench::projects {

using tuning::Trial;
using tuning::TrialState;

struct SweepDriver::Impl
{
    Project &project;
    SweepDriverOptions options;
    SweepStore sweeps;
    RunStore runs;
    CurveQuery curves;
    SweepRecord record;
    tuning::SearchSpace space;
    RunConfig base;
    std::unique_ptr<tuning::Sampler> sampler;
    struct Launch
    {
        std::int64_t pid = 0;
        std::filesystem::path errLog;
    };
    std::map<int, Launch> launching;    // started here, run not linked yet
    std::map<int, std::string> pruning; // signalled by the pruner: why
    struct Resume
    {
        int attempt = 0;      // the run's attempt when it was resumed
        std::int64_t pid = 0; // the `train --resume` process
        std::filesystem::path errLog;
    };
    std::map<int, Resume> resumed;        // resumed once by this driver
    std::map<int, std::int64_t> lastStep; // the last intermediate step recorded

    Impl(Project &p, const std::string &idOrName, SweepDriverOptions o)
        : project(p), options(std::move(o)), sweeps(p), runs(p), curves(p)
    {
        record = sweeps.require(idOrName);
        tuning::SpaceParse parsed = tuning::parseSearchSpace(record.spaceYaml);
        if (!parsed.space)
            throw ProjectError(ProjectError::Kind::BadInput,
                               "sweep '" + record.name + "': its search space: " + issuesText(parsed.issues));
        space = *parsed.space;
        space.name = record.name;
        const std::filesystem::path basePath = project.resolveInside(space.baseConfig);
        ConfigLoad load = loadRunConfig(basePath);
        ConfigIssues issues = load.ok() ? validate(load.config) : load.issues;
        if (!issues.empty())
            throw ProjectError(ProjectError::Kind::BadInput, "sweep '" + record.name + "': its base config "
                                                                 + space.baseConfig + ": " + issuesText(issues));
        base = load.config;
        sampler = tuning::makeSampler(space.sampler);
        if (options.cores <= 0)
            options.cores = int(std::max(1u, std::thread::hardware_concurrency()));
    }

    void log(const std::string &line)
    {
        if (options.log)
            options.log(line);
    }

    std::string trialName(int number) const { return record.name + "-" + std::to_string(number); }

    // Validation and the memory check: the reason a trial cannot run, or "".
    std::string infeasibility(RunConfig &config, const Trial &t)
    {
        ConfigIssues issues = tuning::applyTrialParams(config, t.params);
        if (issues.empty())
            issues = validate(config);
        if (!issues.empty())
            return issuesText(issues);
        const std::string precision = config.training.precision == "auto" ? "fp32" : config.training.precision;
        const MemoryEstimate need = estimateTrainingMemory(config, precision, config.training.batch_size);
        if (need.available)
            return trainingMemoryRefusal(need, config.training.device, machineMemory());
        return {};
    }

    void launch(const Trial &t, const RunConfig &config)
    {
        const std::filesystem::path dir = project.layout().sweepDir(record.name);
        std::filesystem::create_directories(dir);
        RunConfig named = config;
        named.name = trialName(t.number);
        const auto configPath = dir / ("trial-" + std::to_string(t.number) + ".yaml");
        {
            std::ofstream out(configPath);
            out << toYaml(named);
            if (!out)
                throw ProjectError(ProjectError::Kind::Io, "cannot write " + configPath.string());
        }
        if (options.slurm) {
            SlurmSettings settings = *options.slurm;
            settings.jobName = named.name;
            const SlurmSubmission job = submitSlurmRun(project, named, "", settings);
            linkTrialRun(project, record.id, t.number, job.runId);
            log("trial " + std::to_string(t.number) + " submitted (Slurm job " + job.jobId + ", run " + job.runId + ")");
            return;
        }
        const auto outLog = dir / ("trial-" + std::to_string(t.number) + ".out.log");
        const auto errLog = dir / ("trial-" + std::to_string(t.number) + ".err.log");
        // Each trial gets its share of the cores (the trainer reads SEEKBENCH_THREADS when
        // the config leaves threads to it).
        const int threads = std::max(1, options.cores / std::max(1, space.parallel));
        const std::int64_t pid = startDetached({options.cli.string(), "train", "--project", project.dir().string(),
                                                "--config", configPath.string(), "--name", named.name, "--sweep-trial",
                                                record.id + ":" + std::to_string(t.number)},
                                               outLog, errLog, {{"SEEKBENCH_THREADS", std::to_string(threads)}});
        launching[t.number] = {pid, errLog};
        log("trial " + std::to_string(t.number) + " started (pid " + std::to_string(pid) + ")");
    }

    // New points of the objective metric go to the store and the trial; then the pruner.
    void follow(Trial &t, const RunRecord &run, const std::vector<Trial> &history)
    {
        const std::int64_t from = lastStep.count(t.number) ? lastStep[t.number] + 1
                                  : t.intermediate.empty() ? std::numeric_limits<std::int64_t>::min()
                                                           : t.intermediate.back().first + 1;
        std::vector<CurvePoint> points;
        try {
            points = curves.points(run.id, space.objective.metric, 0, false, from);
        } catch (const ProjectError &) {
            return; // no such curve yet
        }
        for (const CurvePoint &p : points) {
            sweeps.report(record.id, t.number, p.step, p.value);
            t.intermediate.emplace_back(p.step, p.value);
            lastStep[t.number] = p.step;
        }
        if (points.empty() || run.status != RunStatus::Running || pruning.count(t.number)
            || space.pruner.kind == tuning::PrunerKind::None)
            return;
        const auto &[step, value] = t.intermediate.back();
        if (tuning::shouldPrune(space.pruner, space.objective.direction, t, step, value, history)) {
            if (stopRun(run)) {
                pruning[t.number] = "pruned at step " + std::to_string(step) + " by the "
                                    + tuning::prunerName(space.pruner.kind) + " pruner";
                log("trial " + std::to_string(t.number) + ": " + pruning[t.number]);
            }
        }
    }

    void settle(Trial &t, std::vector<Trial> &history)
    {
        const std::optional<std::string> runId = sweeps.trialRun(record.id, t.number);
        if (!runId) {
            auto it = launching.find(t.number);
            if (it == launching.end()) {
                // Asked by a driver that died before its run started: start it now.
                RunConfig config = base;
                const std::string why = infeasibility(config, t);
                if (!why.empty()) {
                    sweeps.tell(record.id, t.number, TrialState::Infeasible, std::nullopt, why);
                    t.state = TrialState::Infeasible;
                    return;
                }
                launch(t, config);
            } else if (ProcessIdentity::startTimeOf(it->second.pid) == 0) {
                const std::string why = lastLines(it->second.errLog, 3);
                sweeps.tell(record.id, t.number, TrialState::Failed, std::nullopt,
                            "the trial's process exited before it recorded a run" + (why.empty() ? "" : ": " + why));
                t.state = TrialState::Failed;
                launching.erase(it);
            }
            return;
        }
        launching.erase(t.number);
        std::optional<RunRecord> run = runs.findRun(*runId);
        if (!run)
            return;
        if (run->scheduler == "slurm" && isActive(run->status)) {
            // The driver follows its jobs: the job's state onto the run, the ranks'
            // segments into the store, the run's end once the job has ended.
            try {
                pollSlurmRun(project, run->id);
            } catch (const std::exception &e) {
                log("trial " + std::to_string(t.number) + ": following its job: " + e.what());
            }
            run = runs.findRun(*runId);
            if (!run)
                return;
        }
        if (run->status == RunStatus::Running && RunControl::writerState(*run) == WriterState::Gone) {
            // Its process died without recording an end (killed, out of memory): crashed,
            // as opening the project would record it; then resumed once, below.
            runs.markStaleRuns();
            run = runs.findRun(*runId);
            if (!run)
                return;
        }
        follow(t, *run, history);
        if (isActive(run->status))
            return;
        if (auto r = resumed.find(t.number); r != resumed.end() && run->attempt == r->second.attempt) {
            // Resumed, but the new attempt has not begun: wait for it, unless its process
            // is gone without beginning one.
            if (ProcessIdentity::startTimeOf(r->second.pid) != 0)
                return;
            const std::string why = lastLines(r->second.errLog, 3);
            sweeps.tell(record.id, t.number, TrialState::Failed, std::nullopt,
                        "resuming its run " + run->id + " failed" + (why.empty() ? "" : ": " + why));
            t.state = TrialState::Failed;
            return;
        }
        if (auto p = pruning.find(t.number); p != pruning.end()) {
            const std::optional<double> last = t.intermediate.empty()
                                                   ? std::nullopt
                                                   : std::optional<double>(t.intermediate.back().second);
            sweeps.tell(record.id, t.number, TrialState::Pruned, last, p->second, trialCost(space, *run));
            t.state = TrialState::Pruned;
            pruning.erase(p);
            return;
        }
        if (run->status == RunStatus::Finished) {
            const std::optional<double> value = trialObjective(space, *run);
            if (value) {
                sweeps.tell(record.id, t.number, TrialState::Complete, value, {}, trialCost(space, *run));
                t.state = TrialState::Complete;
                t.value = value;
                log("trial " + std::to_string(t.number) + " complete: " + space.objective.metric + " "
                    + std::to_string(*value));
            } else {
                sweeps.tell(record.id, t.number, TrialState::Failed, std::nullopt,
                            "its run recorded no " + space.objective.metric);
                t.state = TrialState::Failed;
            }
            return;
        }
        // Stopped or killed with a driver (cancelled, crashed): resume it from its last
        // checkpoint, once. A failure of its own (divergence, an error) ends the trial.
        if ((run->status == RunStatus::Cancelled || run->status == RunStatus::Crashed) && !resumed.count(t.number)
            && !stopping()) {
            if (run->scheduler == "slurm") {
                SlurmSettings settings = options.slurm.value_or(SlurmSettings{});
                settings.jobName = run->name;
                submitSlurmRun(project, std::nullopt, run->id, settings); // a new attempt, queued at once
                resumed[t.number] = {run->attempt, 0, {}};
            } else {
                const RunControl::ResumeStart started = RunControl(project).resume(run->id, options.cli);
                resumed[t.number] = {run->attempt, started.pid, started.stderrLog};
            }
            log("trial " + std::to_string(t.number) + ": run " + run->id + " resumed from its last checkpoint");
            return;
        }
        if (stopping())
            return; // stays running: the next driver resumes it
        sweeps.tell(record.id, t.number, TrialState::Failed, std::nullopt,
                    "its run " + run->id + " ended " + toString(run->status)
                        + (run->message.empty() ? "" : ": " + run->message));
        t.state = TrialState::Failed;
    }

    bool stopping() const { return options.stopRequested && options.stopRequested(); }

    // RunControl's stop, without waiting: SIGTERM to a local trial's process, scancel for
    // a Slurm job (Slurm sends the ranks SIGTERM); either way the trainer checkpoints and
    // ends cancelled.
    bool stopRun(const RunRecord &run)
    {
        try {
            RunControl(project).stop(run.id, 0);
            return true;
        } catch (const std::exception &e) {
            log("cannot stop run " + run.id + ": " + e.what());
            return false;
        }
    }

    SweepOutcome poll(bool *exhausted)
    {
        std::vector<Trial> history = sweeps.trials(record.id);
        for (Trial &t : history)
            if (t.state == TrialState::Running)
                settle(t, history);
        SweepOutcome o = sweepCounts(history);
        int asked = int(history.size());
        while (!stopping() && o.running < space.parallel && asked < space.trials) {
            RunConfig config = base;
            std::string why;
            const std::optional<Trial> t = sweeps.ask(record.id, [&](const std::vector<Trial> &h, int number) {
                return sampler->suggest(space, h, number);
            });
            if (!t) {
                *exhausted = true;
                break;
            }
            ++asked;
            why = infeasibility(config, *t);
            if (!why.empty()) {
                sweeps.tell(record.id, t->number, TrialState::Infeasible, std::nullopt, why);
                log("trial " + std::to_string(t->number) + " infeasible: " + why);
                ++o.infeasible;
                continue;
            }
            launch(*t, config);
            ++o.running;
        }
        o.finished = o.running == 0 && (asked >= space.trials || *exhausted);
        return o;
    }
};

SweepDriver::SweepDriver(Project &project, const std::string &sweepIdOrName, SweepDriverOptions options)
    : d(std::make_unique<Impl>(project, sweepIdOrName, std::move(options)))
{}

SweepDriver::~SweepDriver() = default;

SweepOutcome SweepDriver::poll()
{
    bool exhausted = false;
    return d->poll(&exhausted);
}

SweepOutcome SweepDriver::run()
{
    d->sweeps.setState(d->record.id, SweepState::Active);
    d->sweeps.setDriver(d->record.id, ProcessIdentity::current());
    SweepOutcome o;
    bool exhausted = false;
    while (true) {
        o = d->poll(&exhausted);
        if (o.finished) {
            d->sweeps.setState(d->record.id, SweepState::Finished);
            break;
        }
        if (d->stopping()) {
            // Stop the trials too: each checkpoints and ends cancelled; the next driver
            // resumes them.
            for (const Trial &t : d->sweeps.trials(d->record.id))
                if (t.state == TrialState::Running)
                    if (auto runId = d->sweeps.trialRun(d->record.id, t.number))
                        if (auto run = d->runs.findRun(*runId))
                            d->stopRun(*run);
            d->sweeps.setState(d->record.id, SweepState::Stopped);
            break;
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(d->options.pollSeconds));
    }
    d->sweeps.setDriver(d->record.id, std::nullopt);
    return o;
}

} // namespace seekbench::projects
