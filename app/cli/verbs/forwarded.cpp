// The verbs whose bodies still parse their own arguments (train, launch, project, runs):
// registered here with every option, so `seekbench-cli <verb> [<sub>] --help` is
// generated like the others', and run by main.cpp handing the arguments after the
// verb's name, unchanged, to the family's runXxx function. Options marked "..." are
// repeatable.

#include "commands.h"
#include "project_commands.h"
#include "support/options.h"
#include "verbs/verbs.h"

#include <initializer_list>

namespace seekbench::cli {
namespace {

struct Opt
{
    const char *name;
    const char *type; // "" for a flag; a trailing "..." marks a repeatable option
    const char *help;
};

// Options that bind nothing: shown in --help, never parsed (the runXxx parser does that).
CLI::Option *helpOption(CLI::App &app, const std::string &name, const std::string &type, const std::string &help)
{
    const bool repeatable = type.size() > 3 && type.ends_with("...");
    const std::string text = repeatable ? help + " (repeatable)" : help;
    return app.add_option(name, text)->type_name(repeatable ? type.substr(0, type.size() - 3) : type);
}

CLI::Option *helpFlag(CLI::App &app, const std::string &name, const std::string &help)
{
    const std::string text = help;
    return app.add_flag(name, text);
}

CLI::App *verb(CLI::App &parent, const std::string &name, const std::string &what, const std::string &example,
               std::initializer_list<Opt> options, std::initializer_list<Opt> positionals = {})
{
    CLI::App *v = parent.add_subcommand(name, what);
    for (const Opt &p : positionals)
        helpOption(*v, p.name, p.type, p.help);
    for (const Opt &o : options) {
        if (std::string(o.type).empty())
            helpFlag(*v, o.name, o.help);
        else
            helpOption(*v, o.name, o.type, o.help);
    }
    describe(*v, example);
    return v;
}

const Opt kProject{"--project", "DIR", "the project folder (default: the current folder)"};
const Opt kJson{"--json", "", "print one JSON document on stdout"};
const Opt kRunId{"RUN_ID", "RUN_ID", "the run's id"};
const Opt kDir{"DIR", "DIR", "the project folder"};

void registerTrain(CLI::App &root)
{
    verb(root, "train", "train a run: in a folder (--out), or recorded in a project (--project)",
         "seekbench-cli train --config run.yaml --project DIR --name baseline",
         {{"--config", "FILE", "the run config (YAML)"},
          {"--out", "DIR", "the run folder (without a project)"},
          {"--resume", "DIR|FILE|RUN_ID", "continue from a run folder, a checkpoint or a project's run"},
          kProject,
          {"--name", "NAME", "the run's name in the project"},
          {"--parent", "RUN_ID", "the run this one continues from"},
          {"--run-id", "RUN_ID", "(launcher use) the rank's recorded run"},
          {"--attempt", "N", "(launcher use) the run's attempt"}});
    CLI::App *launch = verb(root, "launch", "N data-parallel ranks (c10d Gloo) on this machine; with --project one run of N ranks",
                            "seekbench-cli launch --nproc 2 -- train --project DIR --config run.yaml",
                            {{"--nproc", "N", "ranks to start"}, {"--log-dir", "DIR", "each rank's log (default: the run's)"}});
    launch->footer("\nthe rank command follows --:\n"
                   "  -- train --config run.yaml --out DIR\n"
                   "  -- train --project DIR (--config run.yaml [--name N] | --resume RUN_ID)\n"
                   "\nexample:\n  seekbench-cli launch --nproc 2 -- train --project DIR --config run.yaml\n");
}

void registerProject(CLI::App &root)
{
    CLI::App *project = root.add_subcommand("project", "project folders: create, list and export runs, check the store");
    describe(*project, "seekbench-cli project runs DIR --status finished --tag baseline --json");
    const std::initializer_list<Opt> filters{
        {"--status", "S...", "a run status"},
        {"--tag", "T...", "a tag the run has"},
        {"--param", "K<op>V...", "a config value, e.g. training.lr<=0.001"},
        {"--metric", "K<op>V...", "a final metric, e.g. eval/accuracy>0.9"},
        {"--best", "K<op>V...", "a metric's best value"},
        {"--name", "TEXT", "runs whose name contains TEXT"},
        {"--limit", "N", "at most N runs"}};
    verb(*project, "init", "create a project folder", "seekbench-cli project init DIR --name demo --storage auto",
         {{"--name", "N", "the project's name"},
          {"--scenario", "S", "the project's scenario"},
          {"--description", "D", "a description"},
          {"--storage", "auto|local|segments", "how runs write to the store"},
          kJson},
         {kDir});
    verb(*project, "info", "the project's manifest and store", "seekbench-cli project info DIR --json", {kJson}, {kDir});
    CLI::App *runs = verb(*project, "runs", "the project's runs, filtered",
                          "seekbench-cli project runs DIR --tag baseline --metric 'eval/accuracy>0.9' --json", filters,
                          {kDir});
    helpFlag(*runs, "--json", "print one JSON document on stdout");
    verb(*project, "show", "one run: config, metrics, logs", "seekbench-cli project show DIR RUN_ID --json", {kJson},
         {kDir, kRunId});
    CLI::App *exp = verb(*project, "export", "runs (or one run's curve) as CSV or JSON",
                         "seekbench-cli project export DIR RUN_ID --key train/loss --buckets 500 --format csv -o loss.csv",
                         filters, {kDir, {"RUN_ID", "RUN_ID", "one run's curve instead of the run list"}});
    helpOption(*exp, "--key", "K", "one curve's key");
    helpOption(*exp, "--buckets", "N", "decimate the curve to N buckets");
    helpFlag(*exp, "--superseded", "include points of superseded attempts");
    helpOption(*exp, "--format", "csv|json", "csv or json");
    helpOption(*exp, "-o", "FILE|-", "the output file (- for stdout)");
    helpFlag(*exp, "--json", "print one JSON document on stdout");
    verb(*project, "import-segments", "merge the runs' segment files into the store",
         "seekbench-cli project import-segments DIR", {kJson}, {kDir, {"RUN_ID", "RUN_ID", "only this run"}});
    verb(*project, "validate", "full check of the store, on a copy", "seekbench-cli project validate DIR --json", {kJson},
         {kDir});
    verb(*project, "recover", "move a damaged store aside and salvage it", "seekbench-cli project recover DIR", {kJson},
         {kDir});
}

void registerRuns(CLI::App &root)
{
    CLI::App *runs = root.add_subcommand("runs", "one run of a project: stop, resume, tag, note, delete");
    describe(*runs, "seekbench-cli runs stop RUN_ID --project DIR --wait 30 --json");
    verb(*runs, "stop", "SIGTERM to a live local run (final checkpoint, then exit); scancel for a Slurm run",
         "seekbench-cli runs stop RUN_ID --project DIR --wait 30 --json",
         {kProject, {"--wait", "SECONDS", "wait for the run to end"}, kJson}, {kRunId});
    verb(*runs, "resume", "start a detached `train --resume` for the run",
         "seekbench-cli runs resume RUN_ID --project DIR --json", {kProject, kJson}, {kRunId});
    verb(*runs, "ranks", "each rank's state of a distributed run (JSON)", "seekbench-cli runs ranks RUN_ID --project DIR",
         {kProject, kJson}, {kRunId});
    verb(*runs, "tag", "add (or with --remove remove) tags", "seekbench-cli runs tag RUN_ID baseline fp32 --project DIR",
         {kProject, {"--remove", "", "remove the tags"}, kJson}, {kRunId, {"TAG", "TAG...", "the tags"}});
    verb(*runs, "note", "append to (or with --replace replace) the run's note",
         "seekbench-cli runs note RUN_ID lr too high --project DIR",
         {kProject, {"--replace", "", "replace the note"}, kJson}, {kRunId, {"TEXT", "TEXT...", "the note"}});
    verb(*runs, "delete", "delete the run and its folder", "seekbench-cli runs delete RUN_ID --yes --project DIR",
         {kProject, {"--yes", "", "required: confirms the deletion"}, kJson}, {kRunId});
}

} // namespace

std::vector<ForwardedVerb> registerForwardedVerbs(CLI::App &root)
{
    registerTrain(root);
    registerProject(root);
    registerRuns(root);
    return {{"train", runTrain}, {"launch", runLaunch}, {"project", runProjectCommand}, {"runs", runRunsCommand}};
}

} // namespace seekbench::cli
