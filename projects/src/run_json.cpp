#include "seekbench/projects/run_json.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

namespace seekbench::projects {
namespace {

using json = nlohmann::json;

json optJson(const std::optional<double> &v) { return v ? json(*v) : json(nullptr); }

json runObject(const RunRecord &r)
{
    json summary = json::object();
    for (const auto &[k, m] : r.summary)
        summary[k] = {{"final", optJson(m.finalValue)},
                      {"final_step", m.finalStep},
                      {"best", optJson(m.bestValue)},
                      {"best_step", m.bestStep}};
    return {{"id", r.id},
            {"name", r.name},
            {"status", toString(r.status)},
            {"created_at", r.createdAt},
            {"started_at", optJson(r.startedAt)},
            {"ended_at", optJson(r.endedAt)},
            {"heartbeat_at", optJson(r.heartbeatAt)},
            {"host", r.host},
            {"pid", r.pid},
            {"launcher", r.launcher},
            {"config_hash", r.configHash},
            {"parent", r.parentId},
            {"parent_kind", r.parentKind},
            {"attempt", r.attempt},
            {"tags", r.tags},
            {"notes", r.notes},
            {"message", r.message},
            {"metrics", summary}};
}

} // namespace

std::string runJson(const RunRecord &run, int indent) { return runObject(run).dump(indent); }

std::string runListJson(const std::vector<RunRecord> &runs)
{
    json arr = json::array();
    for (const auto &r : runs)
        arr.push_back(runObject(r));
    return arr.dump(2);
}

std::string runDetailJson(const RunRecord &run, const std::vector<CurveInfo> &curves,
                          const std::vector<ArtifactRecord> &artifacts)
{
    json j = runObject(run);
    j["params"] = run.params;
    j["config_yaml"] = run.configYaml;
    j["curves"] = json::array();
    for (const auto &c : curves)
        j["curves"].push_back(
            {{"key", c.key}, {"rank", c.rank}, {"points", c.points}, {"min_step", c.minStep}, {"max_step", c.maxStep}});
    j["artifacts"] = json::array();
    for (const auto &x : artifacts) {
        json a = {{"kind", x.kind}, {"path", x.path}, {"sha256", x.sha256}, {"bytes", x.bytes}};
        if (x.step)
            a["step"] = *x.step;
        if (!x.format.empty())
            a["format"] = x.format;
        if (!x.command.empty())
            a["command"] = x.command;
        j["artifacts"].push_back(a);
    }
    return j.dump(2);
}

std::string runHeadline(const RunRecord &run)
{
    for (const char *key : {"eval/loss", "train/loss"}) {
        const auto it = run.summary.find(key);
        if (it != run.summary.end() && it->second.finalValue) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s %.4g", key, *it->second.finalValue);
            return buf;
        }
    }
    return "";
}

std::string utcTimeText(double unixSeconds)
{
    if (unixSeconds <= 0)
        return "-";
    const std::time_t s = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

} // namespace seekbench::projects
