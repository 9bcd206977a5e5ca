// project init|info|runs|show|export|import-segments|validate|recover: the project store
// from a terminal, for machines without a display. Human-readable output by default,
// --json for scripts. The work is in projects (Project, RunStore, RunExporter,
// SegmentImporter; run_json.h writes the runs' documents); this file reads arguments and
// formats the human output.

#include "support/options.h"
#include "support/output.h"
#include "verbs/verbs.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_overview.h"
#include "seekbench/projects/run_exporter.h"
#include "seekbench/projects/run_json.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;
using namespace seekbench::projects;
using json = nlohmann::json;

// Every project verb's arguments (each verb registers the ones it takes).
struct ProjectArgs
{
    std::optional<std::string> dir, runId, name, scenario, description, storage, limit, key, buckets, format, out;
    std::vector<std::string> statuses, tags, params, metrics, best;
    bool json = false, superseded = false;
};

// Reading verbs work on a project this user cannot write, and say so on stderr.
void noteReadOnly(const Project &p, const char *verb)
{
    if (p.isWriteProtected())
        std::cerr << "seekbench-cli project " << verb << ": note: project " << p.dir().string() << " is read-only ("
                  << p.readOnlyReason() << "); it is shown as it is\n";
}

int projectInit(const ProjectArgs &a)
{
    const std::string dir = *a.dir;
    ProjectManifest m;
    m.name = a.name.value_or(fs::absolute(dir).lexically_normal().filename().string());
    m.scenario = a.scenario.value_or("");
    m.description = a.description.value_or("");
    m.storage = a.storage.value_or("auto");
    if (m.storage != "auto" && m.storage != "local" && m.storage != "segments")
        throw BadInput("--storage: '" + m.storage + "' is not auto, local or segments");
    Project p = Project::create(dir, m);
    if (a.json)
        printJsonLine(json{{"project", p.dir().string()}, {"name", m.name}, {"storage", toString(p.storageMode())}});
    else
        std::cout << "created project '" << m.name << "' in " << p.dir().string()
                  << " (storage: " << toString(p.storageMode()) << ")\n";
    return ExitOk;
}

int projectInfo(const ProjectArgs &a)
{
    Project p = Project::open(*a.dir);
    const ProjectOverview o = overview(p);
    if (a.json) {
        std::cout << o.toJson() << "\n";
        return ExitOk;
    }
    std::cout << "project     " << terminalText(o.name) << "\n"
              << "folder      " << o.dir << "\n";
    if (!o.scenario.empty())
        std::cout << "scenario    " << o.scenario << "\n";
    if (!o.description.empty())
        std::cout << "description " << terminalText(o.description) << "\n";
    std::cout << "storage     " << o.storage << (o.filesystem == "local" ? "" : " (" + o.filesystem + " file system)")
              << "\n"
              << "read-only   " << (o.readOnly ? "yes: " + o.readOnlyReason : std::string("no")) << "\n"
              << "schema      version " << o.schemaVersion << "\n"
              << "runs        " << o.runs;
    for (const auto &[s, n] : o.byStatus)
        std::cout << (s == o.byStatus.begin()->first ? " (" : ", ") << n << " " << s;
    std::cout << (o.byStatus.empty() ? "" : ")") << "\n";
    for (const auto &id : o.markedCrashed)
        std::cout << "marked run " << id << " crashed: its process is gone\n";
    return ExitOk;
}

RunFilter filterFrom(const ProjectArgs &a)
{
    RunFilter f;
    for (const auto &s : a.statuses) {
        const auto status = parseRunStatus(s);
        if (!status)
            throw BadInput("--status: '" + s
                           + "' is not a run status (queued, running, finished, failed, cancelled, crashed)");
        f.statuses.push_back(*status);
    }
    f.tags = a.tags;
    for (const auto &c : a.params)
        f.params.push_back(RunFilter::Condition::parse(c, "--param"));
    for (const auto &c : a.metrics)
        f.finalMetrics.push_back(RunFilter::Condition::parse(c, "--metric"));
    for (const auto &c : a.best)
        f.bestMetrics.push_back(RunFilter::Condition::parse(c, "--best"));
    f.nameContains = a.name.value_or("");
    if (a.limit)
        f.limit = static_cast<std::size_t>(parseCount("--limit", *a.limit));
    return f;
}

int projectRuns(const ProjectArgs &a)
{
    Project p = Project::open(*a.dir);
    noteReadOnly(p, "runs");
    const auto runs = RunStore(p).listRuns(filterFrom(a));
    if (a.json) {
        std::cout << runListJson(runs) << "\n";
        return ExitOk;
    }
    // Names and results are stored text: shown escaped, cut by columns (terminal_text.h).
    std::printf("%-24s %-10s %-19s %-24s %s\n", "ID", "STATUS", "CREATED (UTC)", "NAME", "RESULT");
    for (const auto &r : runs)
        std::printf("%-24s %-10s %-19s %s %s\n", r.id.c_str(), toString(r.status), utcTimeText(r.createdAt).c_str(),
                    terminalCell(r.name, 24).c_str(), terminalText(runHeadline(r)).c_str());
    std::printf("%zu run%s\n", runs.size(), runs.size() == 1 ? "" : "s");
    return ExitOk;
}

int projectShow(const ProjectArgs &a)
{
    if (!a.runId)
        throw BadInput("the run id is missing (seekbench-cli project show DIR RUN_ID)");
    Project p = Project::open(*a.dir);
    noteReadOnly(p, "show");
    RunStore store(p);
    const RunRecord r = store.run(*a.runId);
    const auto curves = store.curves(r.id);
    const auto artifacts = store.artifacts(r.id);
    if (a.json) {
        std::cout << runDetailJson(r, curves, artifacts) << "\n";
        return ExitOk;
    }
    std::cout << "run       " << r.id << "  " << terminalText(r.name) << "\n"
              << "status    " << toString(r.status) << (r.message.empty() ? "" : " (" + terminalText(r.message) + ")")
              << "\n"
              << "attempt   " << r.attempt << "\n"
              << "created   " << utcTimeText(r.createdAt) << " UTC\n"
              << "ended     " << (r.endedAt ? utcTimeText(*r.endedAt) + " UTC" : "-") << "\n"
              << "host      " << terminalText(r.host) << " pid " << r.pid << " (" << r.launcher << ")\n"
              << "config    " << r.configHash << "\n";
    if (!r.parentId.empty())
        std::cout << "parent    " << r.parentId << " (" << r.parentKind << ")\n";
    if (!r.tags.empty())
        std::cout << "tags     " << terminalText(spaced(r.tags)) << "\n";
    if (!r.notes.empty())
        std::cout << "notes     " << terminalText(r.notes) << "\n";
    for (const auto &[k, m] : r.summary)
        std::printf("  %-28s final %-12s best %s\n", k.c_str(),
                    m.finalValue ? std::to_string(*m.finalValue).c_str() : "-",
                    m.bestValue ? std::to_string(*m.bestValue).c_str() : "-");
    for (const auto &c : curves)
        std::printf("  curve %-22s rank %d: %lld points, steps %lld..%lld\n", c.key.c_str(), c.rank,
                    static_cast<long long>(c.points), static_cast<long long>(c.minStep),
                    static_cast<long long>(c.maxStep));
    for (const auto &x : artifacts)
        std::printf("  %-10s %s  sha256 %.16s...\n", x.kind.c_str(), x.path.c_str(), x.sha256.c_str());
    return ExitOk;
}

int projectExport(const ProjectArgs &a)
{
    Project::OpenOptions readOnly;
    readOnly.readOnly = true;
    Project p = Project::open(*a.dir, readOnly);
    noteReadOnly(p, "export");
    RunExporter exporter(p);
    const ExportFormat format = RunExporter::parseFormat(a.format.value_or("csv"));
    const long long buckets = a.buckets ? parseCount("--buckets", *a.buckets, 1) : 0;
    std::ofstream file;
    fs::path target;
    if (a.out && *a.out != "-") {
        p.requireWritable(); // a read-only project exports to stdout (-o - or no -o)
        // Exports stay inside the project (reports/, runs/<id>/exports/).
        const fs::path given(*a.out);
        target = given.is_absolute() ? p.resolveInside(p.relativePath(given)) : p.resolveInside(given);
        fs::create_directories(target.parent_path());
        file.open(target);
        if (!file)
            throw CliFailure(ExitRuntime, "cannot write " + target.string());
    }
    std::ostream &os = file.is_open() ? static_cast<std::ostream &>(file) : std::cout;
    if (a.runId) {
        exporter.writeCurves(os, *a.runId, a.key.value_or(""), format, static_cast<int>(buckets), a.superseded);
    } else {
        RunFilter f = filterFrom(a);
        f.includeParams = true;
        exporter.writeRuns(os, RunStore(p).listRuns(f), format);
    }
    if (file.is_open()) {
        file.close();
        if (!file)
            throw CliFailure(ExitRuntime, "cannot write " + target.string());
        std::cerr << "wrote " << target.string() << "\n";
    }
    return ExitOk;
}

int projectImportSegments(const ProjectArgs &a)
{
    Project p = Project::open(*a.dir);
    p.requireWritable();
    if (p.isReadOnly())
        throw CliFailure(ExitRuntime, "another process holds the writer lock of " + p.dir().string()
                                          + " (seekbench.db.lock) and imports its segments");
    SegmentImporter importer(p);
    const auto r = a.runId ? importer.importRun(*a.runId) : importer.importAll();
    if (a.json)
        printJsonLine(json{{"segments", r.segments}, {"records", r.records}, {"points", r.points}});
    else
        std::cout << "imported " << r.points << " new points from " << r.records << " records in " << r.segments
                  << " segment" << (r.segments == 1 ? "" : "s") << "\n";
    return ExitOk;
}

int projectValidate(const ProjectArgs &a)
{
    Project::validate(*a.dir);
    std::cout << (a.json ? json{{"project", *a.dir}, {"valid", true}}.dump() : *a.dir + ": valid") << "\n";
    return ExitOk;
}

int projectRecover(const ProjectArgs &a)
{
    const auto r = Project::recoverDamaged(*a.dir);
    if (a.json) {
        printJsonLine(json{{"moved_to", r.movedTo.string()}, {"salvaged", r.salvaged}, {"lost", r.lost}});
        return ExitOk;
    }
    if (!r.movedTo.empty())
        std::cout << "the damaged store was moved to " << r.movedTo.string() << "\n";
    std::cout << "salvaged: " << r.salvaged.size() << " tables" << (r.lost.empty() ? "" : "; lost:" + spaced(r.lost))
              << "\n";
    return ExitOk;
}

void addFilters(CLI::App &v, ProjectArgs &a)
{
    addRepeated(v, "--status", a.statuses, "a run status")->type_name("S");
    addRepeated(v, "--tag", a.tags, "a tag the run has")->type_name("T");
    addRepeated(v, "--param", a.params, "a config value, e.g. training.lr<=0.001")->type_name("K<op>V");
    addRepeated(v, "--metric", a.metrics, "a final metric, e.g. eval/accuracy>0.9")->type_name("K<op>V");
    addRepeated(v, "--best", a.best, "a metric's best value")->type_name("K<op>V");
    addOption(v, "--name", a.name, "runs whose name contains TEXT")->type_name("TEXT");
    addOption(v, "--limit", a.limit, "at most N runs")->type_name("N");
}

// One sub-verb with DIR (and, where it takes one, RUN_ID) and --json; its own arguments.
CLI::App *addProjectVerb(CLI::App &project, const std::string &name, const std::string &what,
                         const std::string &example, int (*body)(const ProjectArgs &), const char *runIdHelp,
                         const std::shared_ptr<ProjectArgs> &a, int &exitCode)
{
    CLI::App *v = project.add_subcommand(name, what);
    v->allow_extras();
    addOption(*v, "DIR", a->dir, "the project folder")->type_name("DIR");
    if (runIdHelp)
        addOption(*v, "RUN_ID", a->runId, runIdHelp)->type_name("RUN_ID");
    addJsonFlag(*v, a->json);
    describe(*v, example);
    v->callback([v, name, body, a, &exitCode] {
        rejectExtras(*v);
        if (!a->dir)
            throw BadInput("the project folder is missing (seekbench-cli project " + name + " DIR)");
        exitCode = body(*a);
    });
    return v;
}

} // namespace

void registerProjectVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *project = addVerbGroup(root, "project", "project folders: create, list and export runs, check the store",
                                     "init | info | runs | show | export | import-segments | validate | recover",
                                     "seekbench-cli project runs DIR --status finished --tag baseline --json");
    // One set of arguments: a process runs one verb.
    auto a = std::make_shared<ProjectArgs>();
    auto verb = [&](const std::string &name, const std::string &what, const std::string &example,
                    int (*body)(const ProjectArgs &), const char *runIdHelp = nullptr) {
        return addProjectVerb(*project, name, what, example, body, runIdHelp, a, exitCode);
    };
    CLI::App *init = verb("init", "create a project folder",
                          "seekbench-cli project init DIR --name demo --storage auto", projectInit);
    addOption(*init, "--name", a->name, "the project's name")->type_name("N");
    addOption(*init, "--scenario", a->scenario, "the project's scenario")->type_name("S");
    addOption(*init, "--description", a->description, "a description")->type_name("D");
    addOption(*init, "--storage", a->storage, "how runs write to the store")->type_name("auto|local|segments");
    verb("info", "the project's manifest and store", "seekbench-cli project info DIR --json", projectInfo);
    addFilters(*verb("runs", "the project's runs, filtered",
                     "seekbench-cli project runs DIR --tag baseline --metric 'eval/accuracy>0.9' --json", projectRuns),
               *a);
    verb("show", "one run: config, metrics, logs", "seekbench-cli project show DIR RUN_ID --json", projectShow,
         "the run's id");
    CLI::App *exp
        = verb("export", "runs (or one run's curve) as CSV or JSON",
               "seekbench-cli project export DIR RUN_ID --key train/loss --buckets 500 --format csv -o loss.csv",
               projectExport, "one run's curve instead of the run list");
    addFilters(*exp, *a);
    addOption(*exp, "--key", a->key, "one curve's key")->type_name("K");
    addOption(*exp, "--buckets", a->buckets, "decimate the curve to N buckets")->type_name("N");
    addFlag(*exp, "--superseded", a->superseded, "include points of superseded attempts");
    addOption(*exp, "--format", a->format, "csv (default) or json")->type_name("csv|json");
    addOption(*exp, "-o", a->out, "the output file, inside the project (- or none: stdout)")->type_name("FILE|-");
    verb("import-segments", "merge the runs' segment files into the store", "seekbench-cli project import-segments DIR",
         projectImportSegments, "only this run");
    verb("validate", "full check of the store, on a copy", "seekbench-cli project validate DIR --json", projectValidate);
    verb("recover", "move a damaged store aside and salvage it", "seekbench-cli project recover DIR", projectRecover);
}

} // namespace seekbench::cli
