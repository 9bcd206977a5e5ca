#include "seekbench/projects/report/provenance.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/run/build_info.h"
#include "seekbench/run/host_info.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace seekbench::projects::report {

using nlohmann::json;

namespace {

std::string utcNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string thisMachine()
{
    const std::string os = run::osDescription(), host = run::hostName();
    return host.empty() ? os : os + ", " + host;
}

std::string jsonText(const json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return v.dump();
}

// The environment of the run's latest start event of rank 0 (the trainer's "start").
std::vector<KeyValue> environmentOf(RunStore &store, const std::string &runId, const ReportLabels &l)
{
    const auto starts = store.events(runId, "start");
    const EventRecord *latest = nullptr;
    for (const auto &e : starts)
        if (e.rank == 0 && (!latest || e.attempt >= latest->attempt))
            latest = &e;
    if (!latest)
        return {};
    const json start = json::parse(latest->json, nullptr, false);
    if (!start.is_object())
        return {};
    const json env = start.value("environment", json::object());
    std::vector<KeyValue> out;
    const auto add = [&](const std::string &label, const json &object, const char *key) {
        if (object.is_object() && object.contains(key))
            out.push_back({label, jsonText(object.at(key))});
    };
    add(l.torchVersion, env, "torch_version");
    add(l.os, env, "os");
    add(l.host, env, "host");
    add(l.threads, env, "intra_op_threads");
    add(l.cores, env, "cores");
    add(l.device, start, "device");
    add(l.precisionMode, start, "precision");
    add(l.blas, env, "blas");
    add(l.seed, env, "seed");
    add(l.dataFingerprint, env, "data_fingerprint");
    return out;
}

} // namespace

std::string shellQuote(const std::string &word)
{
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '-' || c == '_' || c == ':'
               || c == '=' || c == '+' || c == ',';
    });
    if (plain)
        return word;
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string reproduceCommand(const Project &project, const std::string &runId)
{
    return "seekbench-cli train --config " + shellQuote(project.layout().runConfigPath(runId).string()) + " --project "
           + shellQuote(project.dir().string());
}

Provenance thisBuildProvenance()
{
    Provenance p;
    p.seekbenchVersion = seekbench::run::seekbenchVersion();
    p.gitCommit = seekbench::run::seekbenchGitCommit();
    p.qtVersion = seekbench::run::seekbenchQtVersion();
    p.generatedAt = utcNow();
    p.generatedOn = thisMachine();
    return p;
}

Provenance caseProvenance(const std::string &runId, const std::string &runName)
{
    Provenance p = thisBuildProvenance();
    if (!runId.empty()) {
        RunProvenance run;
        run.runId = runId;
        run.runName = runName;
        p.runs.push_back(std::move(run));
    }
    return p;
}

std::vector<KeyValue> buildRows(const Provenance &p, const std::string &versionLabel, const std::string &qtLabel,
                                const std::string &noQt, const std::string &generatedAtLabel,
                                const std::string &generatedOnLabel)
{
    return {{versionLabel, p.seekbenchVersion + " (" + p.gitCommit + ")"},
            {qtLabel, p.qtVersion.empty() ? noQt : p.qtVersion},
            {generatedAtLabel, p.generatedAt},
            {generatedOnLabel, p.generatedOn}};
}

Provenance reportProvenance(const Project &project, RunStore &store, const std::vector<RunRecord> &runs,
                            const ReportLabels &labels)
{
    Provenance p = thisBuildProvenance();
    for (const auto &r : runs) {
        RunProvenance rp;
        rp.runId = r.id;
        rp.runName = r.name;
        rp.environment = environmentOf(store, r.id, labels);
        const ArtifactRecord *newest = nullptr;
        const auto artifacts = store.artifacts(r.id);
        for (const auto &a : artifacts)
            if (a.kind == "checkpoint"
                && (!newest || a.step.value_or(-1) > newest->step.value_or(-1)
                    || (a.step == newest->step && a.createdAt >= newest->createdAt)))
                newest = &a;
        if (newest) {
            rp.checkpointPath = newest->path;
            rp.checkpointSha256 = newest->sha256;
        }
        rp.configPath = ProjectLayout().runConfigPath(r.id).string();
        rp.configYaml = r.configYaml;
        rp.reproduceCommand = reproduceCommand(project, r.id);
        p.runs.push_back(std::move(rp));
    }
    return p;
}

Section provenanceSection(const Provenance &p, const ReportLabels &l, bool attachConfig)
{
    Section s{sections::kProvenance, l.provenance, {}};
    s.blocks.push_back(KeyValueList{{},
                                    {{l.seekbenchVersion, p.seekbenchVersion + " (" + p.gitCommit + ")"},
                                     {l.qtVersion, p.qtVersion.empty() ? l.noQt : p.qtVersion},
                                     {l.generatedAt, p.generatedAt},
                                     {l.generatedOn, p.generatedOn}}});
    for (const auto &r : p.runs) {
        KeyValueList kv{fillLabel(l.provenanceOf, {r.runName + " (" + r.runId + ")"}), {}};
        for (const auto &e : r.environment)
            kv.items.push_back(e);
        kv.items.push_back({l.checkpoint, r.checkpointPath.empty() ? l.notRecorded : r.checkpointPath});
        kv.items.push_back({l.checkpointHash, r.checkpointSha256.empty() ? l.notRecorded : r.checkpointSha256});
        kv.items.push_back({l.reproduce, r.reproduceCommand});
        s.blocks.push_back(std::move(kv));
        if (r.environment.empty())
            s.blocks.push_back(MissingNotice{l.noEnvironment, l.noEnvironmentWhy});
        if (attachConfig)
            s.blocks.push_back(CodeBlock{fillLabel(l.configAttached, {r.configPath}), "yaml", r.configYaml});
    }
    return s;
}

} // namespace seekbench::projects::report
