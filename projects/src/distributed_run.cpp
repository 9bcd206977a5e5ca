#include "seekbench/projects/distributed_run.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace seekbench::projects {

namespace {

std::map<std::string, double> numbers(const nlohmann::json &j, const char *key)
{
    std::map<std::string, double> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_object())
        return out;
    for (const auto &[k, v] : it->items())
        if (v.is_number())
            out[k] = v.get<double>();
    return out;
}

bool failedStatus(TrainStatus s) { return s == TrainStatus::Failed || s == TrainStatus::Diverged; }

} // namespace

std::string rankLogPath(const std::string &runId, int rank)
{
    return ProjectLayout().rankLogPath(runId, rank).string();
}

std::vector<RankEnd> rankEnds(RunStore &store, const std::string &runId, int attempt, int ranks)
{
    std::vector<RankEnd> out(static_cast<std::size_t>(std::max(1, ranks)));
    for (std::size_t r = 0; r < out.size(); ++r)
        out[r].rank = int(r);
    for (const auto &ev : store.events(runId, "end")) {
        if (ev.attempt != attempt || ev.rank < 0 || ev.rank >= int(out.size()))
            continue;
        const auto j = nlohmann::json::parse(ev.json, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            continue;
        RankEnd &e = out[static_cast<std::size_t>(ev.rank)];
        e.reported = true;
        e.status = parseTrainStatus(j.value("status", std::string())).value_or(TrainStatus::Failed);
        e.message = j.value("message", std::string());
        e.finalMetrics = numbers(j, "final");
        e.bestMetrics = numbers(j, "best");
        e.checkpoint = j.value("checkpoint", std::string());
        e.step = ev.step;
    }
    return out;
}

std::vector<RankState> rankStates(RunStore &store, const std::string &runId)
{
    const RunRecord run = store.run(runId);
    std::vector<RankState> out(static_cast<std::size_t>(std::max(1, run.ranks)));
    for (std::size_t r = 0; r < out.size(); ++r) {
        out[r].rank = int(r);
        out[r].state = "waiting";
        out[r].log = rankLogPath(runId, int(r));
    }
    for (const auto &ev : store.events(runId)) {
        if (ev.attempt != run.attempt || ev.rank < 0 || ev.rank >= int(out.size()))
            continue;
        RankState &s = out[static_cast<std::size_t>(ev.rank)];
        s.lastSeen = std::max(s.lastSeen, ev.wallTime);
        s.step = std::max(s.step, ev.step);
        if (ev.kind == "start" && s.state == "waiting")
            s.state = "running";
        if (ev.kind == "end") {
            const auto j = nlohmann::json::parse(ev.json, nullptr, false);
            s.state = j.is_object() ? j.value("status", std::string("failed")) : "failed";
            s.message = j.is_object() ? j.value("message", std::string()) : std::string();
        }
    }
    // A run that has ended with a rank that never recorded its end: that rank was lost
    // (killed, crashed, or never started).
    if (!isActive(run.status))
        for (auto &s : out)
            if (s.state == "waiting" || s.state == "running")
                s.state = "lost";
    for (const auto &c : store.curves(runId))
        if (c.key == "train/step_time_s" && c.rank >= 0 && c.rank < int(out.size()))
            out[static_cast<std::size_t>(c.rank)].step = std::max(out[static_cast<std::size_t>(c.rank)].step, c.maxStep);
    return out;
}

RunEnd decideRunEnd(const std::string &runId, const std::vector<RankEnd> &ranks, const EndContext &ctx)
{
    RunEnd end;
    const RankEnd *zero = ranks.empty() ? nullptr : &ranks.front();
    if (zero && zero->reported) {
        end.finalMetrics = zero->finalMetrics;
        end.bestMetrics = zero->bestMetrics;
        end.checkpoint = zero->checkpoint;
        end.step = zero->step;
    }
    const std::string job = ctx.jobId.empty() ? std::string() : "slurm job " + ctx.jobId;
    const bool schedulerCancelled = ctx.schedulerState.rfind("CANCELLED", 0) == 0;
    if (ctx.cancelRequested || schedulerCancelled) {
        end.status = RunStatus::Cancelled;
        end.message = job.empty() ? "stopped on request" : job + " was cancelled";
        return end;
    }

    // The culprit: the rank the launcher saw fail first; else a rank that never reported
    // its end (killed, crashed: the others then fail in a collective, so they are
    // consequences, not causes); else the first rank that reported a failure.
    int culprit = ctx.firstFailedRank;
    if (culprit < 0)
        for (const auto &r : ranks)
            if (!r.reported) {
                culprit = r.rank;
                break;
            }
    if (culprit < 0)
        for (const auto &r : ranks)
            if (failedStatus(r.status)) {
                culprit = r.rank;
                break;
            }
    if (culprit >= 0) {
        end.status = RunStatus::Failed;
        end.failedRank = culprit;
        const RankEnd *r = culprit < int(ranks.size()) ? &ranks[static_cast<std::size_t>(culprit)] : nullptr;
        std::string what = "rank " + std::to_string(culprit);
        if (r && r->reported && failedStatus(r->status))
            what += (r->status == TrainStatus::Diverged ? " diverged: " : " failed: ") + r->message;
        else if (ctx.firstFailedRank == culprit && ctx.firstFailedExitCode != 0)
            what += " exited with code " + std::to_string(ctx.firstFailedExitCode);
        else
            what += " ended without a result (killed or crashed)";
        if (!job.empty())
            what = job + ": " + what;
        end.message = what + "; its log: " + rankLogPath(runId, culprit);
        return end;
    }
    if (!ctx.schedulerState.empty() && ctx.schedulerState != "COMPLETED") {
        end.status = RunStatus::Failed;
        end.message = job + " ended " + ctx.schedulerState;
        return end;
    }
    if (!zero || !zero->reported) {
        end.status = RunStatus::Failed;
        end.message = "rank 0 reported no result; its log: " + rankLogPath(runId, 0);
        return end;
    }
    end.status = zero->status == TrainStatus::Cancelled ? RunStatus::Cancelled : RunStatus::Finished;
    end.message = zero->message;
    return end;
}

RunEnd finishDistributedRun(const Project &project, const std::string &runId, const EndContext &context)
{
    SegmentImporter(project).importRun(runId);
    RunStore store(project);
    const RunRecord run = store.run(runId);
    const RunEnd end = decideRunEnd(runId, rankEnds(store, runId, run.attempt, run.ranks), context);
    store.finishRun(runId, end.status, end.message, end.finalMetrics, end.bestMetrics);
    if (!end.checkpoint.empty()) {
        try {
            store.addArtifact(runId, "checkpoint", project.relativePath(end.checkpoint), end.step);
        } catch (const ProjectError &) {
            // A checkpoint that is gone or outside the project is not an artifact of it.
        }
    }
    return end;
}

} // namespace seekbench::projects
