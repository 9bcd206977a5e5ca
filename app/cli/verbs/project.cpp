// `seekbench-cli project ...` and `seekbench-cli runs ...`: the project store from a
// terminal, for machines without a display. Human-readable output by default, --json for
// scripts. Exit codes: 0 ok, 2 bad input (bad project, bad arguments), 3 runtime failure.

#include "project_commands.h"

#include "commands.h"
#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_exporter.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/slurm_jobs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>

#include <unistd.h>

namespace fs = std::filesystem;

namespace seekbench::cli {

namespace {

using namespace seekbench::projects;
using json = nlohmann::json;

// Options that may repeat (--tag a --tag b) next to single-valued ones and flags.
struct Args
{
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> values;
    std::vector<std::string> flags;
    std::string error;

    bool has(const std::string &f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }
    std::optional<std::string> get(const std::string &k) const
    {
        auto it = values.find(k);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    std::vector<std::string> all(const std::string &k) const
    {
        std::vector<std::string> out;
        for (auto [it, end] = values.equal_range(k); it != end; ++it)
            out.push_back(it->second);
        return out;
    }
};

Args parseArgs(const std::vector<std::string> &args, std::size_t from, const std::vector<std::string> &valued,
               const std::vector<std::string> &flags)
{
    Args a;
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string &s = args[i];
        if (s.size() < 2 || s[0] != '-' || s == "-") {
            a.positional.push_back(s);
        } else if (std::find(valued.begin(), valued.end(), s) != valued.end()) {
            if (i + 1 >= args.size()) {
                a.error = "option " + s + " needs a value";
                return a;
            }
            a.values.emplace(s, args[++i]);
        } else if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
            a.flags.push_back(s);
        } else {
            a.error = "unknown option " + s;
            return a;
        }
    }
    return a;
}

struct Failure
{
    int code;
    std::string message;
};

[[noreturn]] void badInput(const std::string &message) { throw Failure{ExitBadInput, message}; }

std::string isoTime(double t)
{
    if (t <= 0)
        return "-";
    const std::time_t s = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

json optJson(const std::optional<double> &v) { return v ? json(*v) : json(nullptr); }

json runJson(const RunRecord &r)
{
    json summary = json::object();
    for (const auto &[k, m] : r.summary)
        summary[k] = {{"final", optJson(m.finalValue)}, {"final_step", m.finalStep}, {"best", optJson(m.bestValue)},
                      {"best_step", m.bestStep}};
    return {{"id", r.id}, {"name", r.name}, {"status", toString(r.status)}, {"created_at", r.createdAt},
            {"started_at", optJson(r.startedAt)}, {"ended_at", optJson(r.endedAt)},
            {"heartbeat_at", optJson(r.heartbeatAt)}, {"host", r.host}, {"pid", r.pid}, {"launcher", r.launcher},
            {"config_hash", r.configHash}, {"parent", r.parentId}, {"parent_kind", r.parentKind},
            {"attempt", r.attempt}, {"tags", r.tags}, {"notes", r.notes}, {"message", r.message},
            {"metrics", summary}};
}

// The metric a human listing shows: eval loss when there is one, else train loss.
std::string headlineMetric(const RunRecord &r)
{
    for (const char *k : {"eval/loss", "train/loss"}) {
        auto it = r.summary.find(k);
        if (it != r.summary.end() && it->second.finalValue) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s %.4g", k, *it->second.finalValue);
            return buf;
        }
    }
    return "";
}

Project openProject(const std::string &dir, bool readOnly = false)
{
    Project::OpenOptions o;
    o.readOnly = readOnly;
    return Project::open(dir, o);
}

std::string requireDir(const Args &a, const char *verb)
{
    if (a.positional.empty())
        badInput(std::string(verb) + ": the project folder is missing (seekbench-cli project " + verb + " DIR)");
    return a.positional[0];
}

int projectInit(const Args &a)
{
    const std::string dir = requireDir(a, "init");
    ProjectManifest m;
    m.name = a.get("--name").value_or(fs::absolute(dir).lexically_normal().filename().string());
    m.scenario = a.get("--scenario").value_or("");
    m.description = a.get("--description").value_or("");
    m.storage = a.get("--storage").value_or("auto");
    if (m.storage != "auto" && m.storage != "local" && m.storage != "segments")
        badInput("--storage: '" + m.storage + "' is not auto, local or segments");
    Project p = Project::create(dir, m);
    if (a.has("--json"))
        std::cout << json{{"project", p.dir().string()}, {"name", m.name}, {"storage", toString(p.storageMode())}}.dump() << "\n";
    else
        std::cout << "created project '" << m.name << "' in " << p.dir().string() << " (storage: "
                  << toString(p.storageMode()) << ")\n";
    return ExitOk;
}

int projectInfo(const Args &a)
{
    Project p = openProject(requireDir(a, "info"));
    RunStore store(p);
    std::map<std::string, int> byStatus;
    const auto runs = store.listRuns();
    for (const auto &r : runs)
        ++byStatus[toString(r.status)];
    std::error_code ec;
    const auto bytes = fs::file_size(p.databasePath(), ec);
    const std::string netfs = networkFilesystemName(p.dir());
    if (a.has("--json")) {
        std::cout << json{{"project", p.dir().string()}, {"name", p.manifest().name},
                          {"scenario", p.manifest().scenario}, {"description", p.manifest().description},
                          {"storage", toString(p.storageMode())}, {"filesystem", netfs.empty() ? "local" : netfs},
                          {"schema_version", Schema::kLatest}, {"runs", runs.size()}, {"by_status", byStatus},
                          {"database_bytes", ec ? 0 : bytes}, {"read_only", p.isReadOnly()},
                          {"marked_crashed", p.staleRunsMarked()}}.dump(2)
                  << "\n";
        return ExitOk;
    }
    std::cout << "project     " << p.manifest().name << "\n"
              << "folder      " << p.dir().string() << "\n";
    if (!p.manifest().scenario.empty())
        std::cout << "scenario    " << p.manifest().scenario << "\n";
    if (!p.manifest().description.empty())
        std::cout << "description " << p.manifest().description << "\n";
    std::cout << "storage     " << toString(p.storageMode()) << (netfs.empty() ? "" : " (" + netfs + " file system)")
              << (p.isReadOnly() ? ", read-only: another process holds the writer lock" : "") << "\n"
              << "schema      version " << Schema::kLatest << "\n"
              << "runs        " << runs.size();
    for (const auto &[s, n] : byStatus)
        std::cout << (s == byStatus.begin()->first ? " (" : ", ") << n << " " << s;
    std::cout << (byStatus.empty() ? "" : ")") << "\n";
    for (const auto &id : p.staleRunsMarked())
        std::cout << "marked run " << id << " crashed: its process is gone\n";
    return ExitOk;
}

RunFilter filterFrom(const Args &a)
{
    RunFilter f;
    for (const auto &s : a.all("--status")) {
        const auto status = parseRunStatus(s);
        if (!status)
            badInput("--status: '" + s + "' is not a run status (queued, running, finished, failed, cancelled, crashed)");
        f.statuses.push_back(*status);
    }
    f.tags = a.all("--tag");
    for (const auto &c : a.all("--param"))
        f.params.push_back(RunFilter::Condition::parse(c, "--param"));
    for (const auto &c : a.all("--metric"))
        f.finalMetrics.push_back(RunFilter::Condition::parse(c, "--metric"));
    for (const auto &c : a.all("--best"))
        f.bestMetrics.push_back(RunFilter::Condition::parse(c, "--best"));
    f.nameContains = a.get("--name").value_or("");
    if (auto limit = a.get("--limit")) {
        try {
            f.limit = static_cast<std::size_t>(std::stoul(*limit));
        } catch (...) {
            badInput("--limit: '" + *limit + "' is not a count");
        }
    }
    return f;
}

int projectRuns(const Args &a)
{
    Project p = openProject(requireDir(a, "runs"));
    const auto runs = RunStore(p).listRuns(filterFrom(a));
    if (a.has("--json")) {
        json arr = json::array();
        for (const auto &r : runs)
            arr.push_back(runJson(r));
        std::cout << arr.dump(2) << "\n";
        return ExitOk;
    }
    std::printf("%-24s %-10s %-19s %-24s %s\n", "ID", "STATUS", "CREATED (UTC)", "NAME", "RESULT");
    for (const auto &r : runs)
        std::printf("%-24s %-10s %-19s %-24s %s\n", r.id.c_str(), toString(r.status), isoTime(r.createdAt).c_str(),
                    r.name.substr(0, 24).c_str(), headlineMetric(r).c_str());
    std::printf("%zu run%s\n", runs.size(), runs.size() == 1 ? "" : "s");
    return ExitOk;
}

int projectShow(const Args &a)
{
    if (a.positional.size() < 2)
        badInput("show: seekbench-cli project show DIR RUN_ID");
    Project p = openProject(a.positional[0]);
    RunStore store(p);
    const RunRecord r = store.run(a.positional[1]);
    const auto curves = store.curves(r.id);
    const auto artifacts = store.artifacts(r.id);
    if (a.has("--json")) {
        json j = runJson(r);
        j["params"] = r.params;
        j["config_yaml"] = r.configYaml;
        j["curves"] = json::array();
        for (const auto &c : curves)
            j["curves"].push_back({{"key", c.key}, {"rank", c.rank}, {"points", c.points}, {"min_step", c.minStep},
                                   {"max_step", c.maxStep}});
        j["artifacts"] = json::array();
        for (const auto &x : artifacts)
            j["artifacts"].push_back({{"kind", x.kind}, {"path", x.path}, {"sha256", x.sha256}, {"bytes", x.bytes}});
        std::cout << j.dump(2) << "\n";
        return ExitOk;
    }
    std::cout << "run       " << r.id << "  " << r.name << "\n"
              << "status    " << toString(r.status) << (r.message.empty() ? "" : " (" + r.message + ")") << "\n"
              << "attempt   " << r.attempt << "\n"
              << "created   " << isoTime(r.createdAt) << " UTC\n"
              << "ended     " << (r.endedAt ? isoTime(*r.endedAt) + " UTC" : "-") << "\n"
              << "host      " << r.host << " pid " << r.pid << " (" << r.launcher << ")\n"
              << "config    " << r.configHash << "\n";
    if (!r.parentId.empty())
        std::cout << "parent    " << r.parentId << " (" << r.parentKind << ")\n";
    if (!r.tags.empty()) {
        std::cout << "tags     ";
        for (const auto &t : r.tags)
            std::cout << " " << t;
        std::cout << "\n";
    }
    if (!r.notes.empty())
        std::cout << "notes     " << r.notes << "\n";
    for (const auto &[k, m] : r.summary)
        std::printf("  %-28s final %-12s best %s\n", k.c_str(),
                    m.finalValue ? std::to_string(*m.finalValue).c_str() : "-",
                    m.bestValue ? std::to_string(*m.bestValue).c_str() : "-");
    for (const auto &c : curves)
        std::printf("  curve %-22s rank %d: %lld points, steps %lld..%lld\n", c.key.c_str(), c.rank,
                    static_cast<long long>(c.points), static_cast<long long>(c.minStep), static_cast<long long>(c.maxStep));
    for (const auto &x : artifacts)
        std::printf("  %-10s %s  sha256 %.16s...\n", x.kind.c_str(), x.path.c_str(), x.sha256.c_str());
    return ExitOk;
}

int projectExport(const Args &a)
{
    if (a.positional.empty())
        badInput("export: seekbench-cli project export DIR [RUN_ID] [--format csv|json] [-o FILE]");
    Project p = openProject(a.positional[0], /*readOnly=*/true);
    RunExporter exporter(p);
    const ExportFormat format = RunExporter::parseFormat(a.get("--format").value_or("csv"));
    int buckets = 0;
    if (auto b = a.get("--buckets")) {
        try {
            buckets = std::stoi(*b);
        } catch (...) {
            buckets = -1;
        }
        if (buckets < 1)
            badInput("--buckets: '" + *b + "' is not a positive count");
    }
    const std::string out = a.get("-o").value_or("-");
    std::ofstream file;
    std::ostream *os = &std::cout;
    fs::path target;
    if (out != "-") {
        // Exports stay inside the project (reports/, runs/<id>/exports/).
        const fs::path given(out);
        target = given.is_absolute() ? p.resolveInside(p.relativePath(given)) : p.resolveInside(given);
        fs::create_directories(target.parent_path());
        file.open(target);
        if (!file)
            throw Failure{ExitRuntime, "cannot write " + target.string()};
        os = &file;
    }
    if (a.positional.size() >= 2) {
        exporter.writeCurves(*os, a.positional[1], a.get("--key").value_or(""), format, buckets, a.has("--superseded"));
    } else {
        RunFilter f = filterFrom(a);
        f.includeParams = true;
        exporter.writeRuns(*os, RunStore(p).listRuns(f), format);
    }
    if (file.is_open()) {
        file.close();
        if (!file)
            throw Failure{ExitRuntime, "cannot write " + target.string()};
        std::cerr << "wrote " << target.string() << "\n";
    }
    return ExitOk;
}

int projectImportSegments(const Args &a)
{
    Project p = openProject(requireDir(a, "import-segments"));
    if (p.isReadOnly())
        throw Failure{ExitRuntime, "another process holds the writer lock of " + p.dir().string()
                                       + " (seekbench.db.lock) and imports its segments"};
    SegmentImporter importer(p);
    const auto r = a.positional.size() >= 2 ? importer.importRun(a.positional[1]) : importer.importAll();
    if (a.has("--json"))
        std::cout << json{{"segments", r.segments}, {"records", r.records}, {"points", r.points}}.dump() << "\n";
    else
        std::cout << "imported " << r.points << " new points from " << r.records << " records in " << r.segments
                  << " segment" << (r.segments == 1 ? "" : "s") << "\n";
    return ExitOk;
}

int projectValidate(const Args &a)
{
    const std::string dir = requireDir(a, "validate");
    Project::validate(dir);
    std::cout << (a.has("--json") ? json{{"project", dir}, {"valid", true}}.dump() : dir + ": valid") << "\n";
    return ExitOk;
}

int projectRecover(const Args &a)
{
    const auto r = Project::recoverDamaged(requireDir(a, "recover"));
    if (a.has("--json")) {
        std::cout << json{{"moved_to", r.movedTo.string()}, {"salvaged", r.salvaged}, {"lost", r.lost}}.dump() << "\n";
        return ExitOk;
    }
    if (!r.movedTo.empty())
        std::cout << "the damaged store was moved to " << r.movedTo.string() << "\n";
    std::cout << "salvaged: " << r.salvaged.size() << " tables" << (r.lost.empty() ? "" : "; lost:");
    for (const auto &t : r.lost)
        std::cout << " " << t;
    std::cout << "\n";
    return ExitOk;
}

// ---- runs ----------------------------------------------------------------------------

std::string selfExe()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        throw Failure{ExitRuntime, "cannot find seekbench-cli itself (/proc/self/exe)"};
    return std::string(buf, static_cast<std::size_t>(n));
}

int runsStop(Project &p, const std::string &id, const Args &a)
{
    double waitFor = 60;
    if (auto w = a.get("--wait")) {
        try {
            waitFor = std::stod(*w);
        } catch (...) {
            badInput("--wait: '" + *w + "' is not a number of seconds");
        }
    }
    const RunControl::StopOutcome out = RunControl(p).stop(id, waitFor);
    if (!out.scancelJob.empty()) {
        if (a.has("--json"))
            std::cout << json{{"run", id}, {"scancel", out.scancelJob}}.dump() << "\n";
        else
            std::cout << "scancel " << out.scancelJob << " (run " << id << "); seekbench-cli slurm follow " << id
                      << " records its end\n";
        return ExitOk;
    }
    const std::string status = toString(out.status);
    if (a.has("--json"))
        std::cout << json{{"run", id}, {"signalled", out.signalled}, {"stopped", out.stopped}, {"status", status}}.dump()
                  << "\n";
    else
        std::cout << "sent SIGTERM to run " << id << " (pid " << out.signalled << "); "
                  << (out.stopped ? "it stopped, status " + status
                                  : "still stopping after " + std::to_string(int(waitFor)) + " s")
                  << "\n";
    return out.stopped ? ExitOk : ExitRuntime;
}

int runsResume(Project &p, const std::string &id, const Args &a)
{
    const RunControl::ResumeStart start = RunControl(p).resume(id, selfExe());
    const std::string outLog = p.relativePath(start.stdoutLog), errLog = p.relativePath(start.stderrLog);
    if (a.has("--json"))
        std::cout << json{{"run", id}, {"pid", start.pid}, {"stdout", outLog}, {"stderr", errLog}}.dump() << "\n";
    else
        std::cout << "resuming run " << id << " as pid " << start.pid << "; output in " << outLog << " and " << errLog
                  << "\n";
    return ExitOk;
}

int runsTag(Project &p, const std::string &id, const Args &a)
{
    if (a.positional.size() < 2)
        badInput("tag: seekbench-cli runs tag RUN_ID TAG... [--remove]");
    RunStore store(p);
    for (std::size_t i = 1; i < a.positional.size(); ++i) {
        if (a.has("--remove"))
            store.removeTag(id, a.positional[i]);
        else
            store.addTag(id, a.positional[i]);
    }
    const auto tags = store.run(id).tags;
    if (a.has("--json")) {
        std::cout << json{{"run", id}, {"tags", tags}}.dump() << "\n";
    } else {
        std::cout << "run " << id << " tags:";
        for (const auto &t : tags)
            std::cout << " " << t;
        std::cout << "\n";
    }
    return ExitOk;
}

int runsNote(Project &p, const std::string &id, const Args &a)
{
    if (a.positional.size() < 2)
        badInput("note: seekbench-cli runs note RUN_ID TEXT [--replace]");
    std::string text;
    for (std::size_t i = 1; i < a.positional.size(); ++i)
        text += (i > 1 ? " " : "") + a.positional[i];
    RunStore store(p);
    if (a.has("--replace"))
        store.setNotes(id, text);
    else
        store.appendNote(id, text);
    if (a.has("--json"))
        std::cout << json{{"run", id}, {"notes", store.run(id).notes}}.dump() << "\n";
    else
        std::cout << "noted on run " << id << "\n";
    return ExitOk;
}

int runsDelete(Project &p, const std::string &id, const Args &a)
{
    if (!a.has("--yes"))
        badInput("delete: deleting run '" + id + "' removes its rows and runs/" + id + "/; add --yes to confirm");
    RunStore(p).deleteRun(id);
    if (a.has("--json"))
        std::cout << json{{"run", id}, {"deleted", true}}.dump() << "\n";
    else
        std::cout << "deleted run " << id << "\n";
    return ExitOk;
}

template<typename F>
int guarded(const char *what, F &&f)
{
    try {
        return f();
    } catch (const Failure &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what, e.message.c_str());
        return e.code;
    } catch (const ProjectError &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what, e.what());
        return e.exitCode();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what, e.what());
        return ExitRuntime;
    }
}

const char *kProjectUsage =
    "usage: seekbench-cli project VERB ...\n"
    "  init DIR [--name N] [--scenario S] [--description D] [--storage auto|local|segments]\n"
    "  info DIR\n"
    "  runs DIR [--status S]... [--tag T]... [--param K<op>V]... [--metric K<op>V]... [--best K<op>V]...\n"
    "           [--name TEXT] [--limit N]\n"
    "  show DIR RUN_ID\n"
    "  export DIR [RUN_ID [--key K] [--buckets N] [--superseded]] [--format csv|json] [-o FILE|-]\n"
    "  import-segments DIR [RUN_ID]\n"
    "  validate DIR     full check of the store, on a copy\n"
    "  recover DIR      move a damaged store aside and salvage it\n"
    "every verb takes --json for machine-readable output\n";

const char *kRunsUsage =
    "usage: seekbench-cli runs VERB RUN_ID [--project DIR] ...\n"
    "  stop RUN_ID [--wait SECONDS]     SIGTERM to a live local run (final checkpoint, then exit);\n"
    "                                   scancel for a Slurm run\n"
    "  resume RUN_ID                    start a detached `train --resume` for the run\n"
    "  ranks RUN_ID                     each rank's state of a distributed run (JSON)\n"
    "  tag RUN_ID TAG... [--remove]\n"
    "  note RUN_ID TEXT... [--replace]\n"
    "  delete RUN_ID --yes\n"
    "--project defaults to the current folder; every verb takes --json\n";

} // namespace

int runProjectCommand(const std::vector<std::string> &args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kProjectUsage, args.empty() ? stderr : stdout);
        return args.empty() ? ExitBadInput : ExitOk;
    }
    const std::string verb = args[0];
    const std::vector<std::string> filterOptions{"--status", "--tag", "--param", "--metric", "--best", "--name", "--limit"};
    std::vector<std::string> valued, flags{"--json"};
    if (verb == "init")
        valued = {"--name", "--scenario", "--description", "--storage"};
    else if (verb == "runs")
        valued = filterOptions;
    else if (verb == "export") {
        valued = filterOptions;
        valued.insert(valued.end(), {"--format", "--key", "--buckets", "-o"});
        flags.push_back("--superseded");
    } else if (verb != "info" && verb != "show" && verb != "import-segments" && verb != "validate" && verb != "recover") {
        std::fprintf(stderr, "seekbench-cli project: unknown verb '%s'\n%s", verb.c_str(), kProjectUsage);
        return ExitBadInput;
    }
    const Args a = parseArgs(args, 1, valued, flags);
    const std::string what = "project " + verb;
    if (!a.error.empty()) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what.c_str(), a.error.c_str());
        return ExitBadInput;
    }
    return guarded(what.c_str(), [&] {
        if (verb == "init") return projectInit(a);
        if (verb == "info") return projectInfo(a);
        if (verb == "runs") return projectRuns(a);
        if (verb == "show") return projectShow(a);
        if (verb == "export") return projectExport(a);
        if (verb == "import-segments") return projectImportSegments(a);
        if (verb == "validate") return projectValidate(a);
        return projectRecover(a);
    });
}

int runRunsCommand(const std::vector<std::string> &args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kRunsUsage, args.empty() ? stderr : stdout);
        return args.empty() ? ExitBadInput : ExitOk;
    }
    const std::string verb = args[0];
    std::vector<std::string> valued{"--project"}, flags{"--json"};
    if (verb == "stop")
        valued.push_back("--wait");
    else if (verb == "tag")
        flags.push_back("--remove");
    else if (verb == "note")
        flags.push_back("--replace");
    else if (verb == "delete")
        flags.push_back("--yes");
    else if (verb != "resume" && verb != "ranks") {
        std::fprintf(stderr, "seekbench-cli runs: unknown verb '%s'\n%s", verb.c_str(), kRunsUsage);
        return ExitBadInput;
    }
    const Args a = parseArgs(args, 1, valued, flags);
    const std::string what = "runs " + verb;
    if (!a.error.empty()) {
        std::fprintf(stderr, "seekbench-cli %s: %s\n", what.c_str(), a.error.c_str());
        return ExitBadInput;
    }
    return guarded(what.c_str(), [&] {
        if (a.positional.empty())
            badInput("the run id is missing (seekbench-cli runs " + verb + " RUN_ID [--project DIR])");
        const std::string id = a.positional[0];
        Project::checkRunId(id);
        if (verb == "ranks") return printRankStates(a.get("--project").value_or("."), id);
        Project p = openProject(a.get("--project").value_or("."));
        if (verb == "stop") return runsStop(p, id, a);
        if (verb == "resume") return runsResume(p, id, a);
        if (verb == "tag") return runsTag(p, id, a);
        if (verb == "note") return runsNote(p, id, a);
        return runsDelete(p, id, a);
    });
}

} // namespace seekbench::cli
