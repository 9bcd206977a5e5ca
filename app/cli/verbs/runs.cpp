// runs stop|resume|ranks|tag|note|delete: one run of a project, from a terminal. The work
// is in projects (RunControl stops and resumes, RunStore tags, notes and deletes); --json
// prints one document, those of stop and resume through their typed replies.

#include "support/options.h"
#include "support/output.h"
#include "verbs/verbs.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/replies/runs_replies.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace seekbench::cli {
namespace {

namespace fs = std::filesystem;
using namespace seekbench::projects;
using json = nlohmann::json;

struct RunsArgs
{
    std::optional<std::string> project, runId, wait;
    std::vector<std::string> words; // tag: the tags; note: the note's words
    bool json = false, remove = false, replace = false, yes = false;
};

int runsStop(Project &p, const std::string &id, const RunsArgs &a)
{
    const double waitFor = a.wait ? parseNumberIn("--wait", *a.wait, 0, 1e6) : 60;
    const RunControl::StopOutcome out = RunControl(p).stop(id, waitFor);
    replies::RunsStopReply reply;
    reply.run = id;
    if (!out.scancelJob.empty()) {
        reply.scancelJob = out.scancelJob;
    } else {
        reply.signalledPid = out.signalled;
        reply.stopped = out.stopped;
        reply.status = out.status;
    }
    if (a.json)
        std::cout << reply.toJson() << "\n";
    else if (reply.scancelJob)
        std::cout << "scancel " << out.scancelJob << " (run " << id << "); seekbench-cli slurm follow " << id
                  << " records its end\n";
    else
        std::cout << "sent SIGTERM to run " << id << " (pid " << out.signalled << "); "
                  << (out.stopped ? std::string("it stopped, status ") + toString(out.status)
                                  : "still stopping after " + std::to_string(int(waitFor)) + " s")
                  << "\n";
    return out.stopped || reply.scancelJob ? ExitOk : ExitRuntime;
}

int runsResume(Project &p, const std::string &id, const RunsArgs &a)
{
    const RunControl::ResumeStart start = RunControl(p).resume(id, fs::read_symlink("/proc/self/exe"));
    replies::RunsResumeReply reply{id, start.pid, p.relativePath(start.stdoutLog), p.relativePath(start.stderrLog)};
    if (a.json)
        std::cout << reply.toJson() << "\n";
    else
        std::cout << "resuming run " << id << " as pid " << start.pid << "; output in " << reply.stdoutLog << " and "
                  << reply.stderrLog << "\n";
    return ExitOk;
}

int runsTag(Project &p, const std::string &id, const RunsArgs &a)
{
    if (a.words.empty())
        throw BadInput("the tags are missing (seekbench-cli runs tag RUN_ID TAG... [--remove])");
    RunStore store(p);
    for (const std::string &tag : a.words) {
        if (a.remove)
            store.removeTag(id, tag);
        else
            store.addTag(id, tag);
    }
    const auto tags = store.run(id).tags;
    if (a.json) {
        printJsonLine(json{{"run", id}, {"tags", tags}});
        return ExitOk;
    }
    std::cout << "run " << id << " tags:" << spaced(tags) << "\n";
    return ExitOk;
}

int runsNote(Project &p, const std::string &id, const RunsArgs &a)
{
    if (a.words.empty())
        throw BadInput("the note is missing (seekbench-cli runs note RUN_ID TEXT [--replace])");
    const std::string text = spaced(a.words).substr(1);
    RunStore store(p);
    if (a.replace)
        store.setNotes(id, text);
    else
        store.appendNote(id, text);
    if (a.json)
        printJsonLine(json{{"run", id}, {"notes", store.run(id).notes}});
    else
        std::cout << "noted on run " << id << "\n";
    return ExitOk;
}

int runsDelete(Project &p, const std::string &id, const RunsArgs &a)
{
    if (!a.yes)
        throw BadInput("deleting run '" + id + "' removes its rows and runs/" + id + "/; add --yes to confirm");
    RunStore(p).deleteRun(id);
    if (a.json)
        printJsonLine(json{{"run", id}, {"deleted", true}});
    else
        std::cout << "deleted run " << id << "\n";
    return ExitOk;
}

using Body = int (*)(Project &, const std::string &, const RunsArgs &);

// One sub-verb: RUN_ID, --project and --json, the body run on the opened project.
CLI::App *addRunsVerb(CLI::App &runs, const std::string &name, const std::string &what, const std::string &example,
                      Body body, const std::shared_ptr<RunsArgs> &a, int &exitCode)
{
    CLI::App *v = runs.add_subcommand(name, what);
    v->allow_extras();
    addOption(*v, "RUN_ID", a->runId, "the run's id")->type_name("RUN_ID");
    addProjectOption(*v, a->project, "the project folder (default: the current folder)");
    addJsonFlag(*v, a->json);
    describe(*v, example);
    v->callback([v, name, body, a, &exitCode] {
        rejectExtras(*v);
        if (!a->runId)
            throw BadInput("the run id is missing (seekbench-cli runs " + name + " RUN_ID [--project DIR])");
        Project::checkRunId(*a->runId);
        const std::string dir = a->project.value_or(".");
        if (!body) { // ranks: read-only, shared with `slurm ranks`
            exitCode = printRankStates(dir, *a->runId);
            return;
        }
        Project p = Project::open(dir);
        exitCode = body(p, *a->runId, *a);
    });
    return v;
}

} // namespace

void registerRunsVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *runs = addVerbGroup(root, "runs", "one run of a project: stop, resume, tag, note, delete",
                                  "stop | resume | ranks | tag | note | delete",
                                  "seekbench-cli runs stop RUN_ID --project DIR --wait 30 --json");
    auto a = std::make_shared<RunsArgs>(); // one set of arguments: a process runs one verb
    addOption(*addRunsVerb(*runs, "stop",
                           "SIGTERM to a live local run (final checkpoint, then exit); scancel for a Slurm run",
                           "seekbench-cli runs stop RUN_ID --project DIR --wait 30 --json", runsStop, a, exitCode),
              "--wait", a->wait, "wait up to SECONDS for the run to end (default 60)")
        ->type_name("SECONDS");
    addRunsVerb(*runs, "resume", "start a detached `train --resume` for the run",
                "seekbench-cli runs resume RUN_ID --project DIR --json", runsResume, a, exitCode);
    addRunsVerb(*runs, "ranks", "each rank's state of a distributed run (JSON)",
                "seekbench-cli runs ranks RUN_ID --project DIR", nullptr, a, exitCode);
    CLI::App *tag = addRunsVerb(*runs, "tag", "add (or with --remove remove) tags",
                                "seekbench-cli runs tag RUN_ID baseline fp32 --project DIR", runsTag, a, exitCode);
    tag->add_option("TAG", a->words, "the tags")->type_name("TAG");
    addFlag(*tag, "--remove", a->remove, "remove the tags");
    CLI::App *note = addRunsVerb(*runs, "note", "append to (or with --replace replace) the run's note",
                                 "seekbench-cli runs note RUN_ID lr too high --project DIR", runsNote, a, exitCode);
    note->add_option("TEXT", a->words, "the note")->type_name("WORD");
    addFlag(*note, "--replace", a->replace, "replace the note");
    addFlag(*addRunsVerb(*runs, "delete", "delete the run and its folder",
                         "seekbench-cli runs delete RUN_ID --yes --project DIR", runsDelete, a, exitCode),
            "--yes", a->yes, "required: confirms the deletion");
}

} // namespace seekbench::cli
