// The verbs whose bodies still parse their own arguments (slurm, aml): registered here
// with every option, so `seekbench-cli <verb> [<sub>] --help` is generated like the
// others', and run by main.cpp handing the arguments after the verb's name, unchanged, to
// the family's runXxx function. Options marked "..." are
// repeatable.

#include "commands.h"
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

const std::initializer_list<Opt> kCluster{
    {"--profile", "FILE.yaml", "a cluster profile; the options below override it"},
    {"--nodes", "N", "nodes"},
    {"--tasks-per-node", "N", "ranks per node"},
    {"--cpus-per-task", "N", "CPUs per rank"},
    {"--gpus-per-task", "N", "GPUs per rank"},
    {"--time", "T", "the job's time limit"},
    {"--partition", "P", "the Slurm partition"},
    {"--account", "A", "the Slurm account"},
    {"--job-name", "J", "the job's name"},
    {"--sbatch", "OPTION...", "an extra sbatch option"},
    {"--cli", "PATH", "seekbench-cli on the cluster nodes"}};

void registerSlurm(CLI::App &root)
{
    CLI::App *slurm = root.add_subcommand("slurm", "a run as a Slurm job");
    describe(*slurm, "seekbench-cli slurm submit --config run.yaml --project DIR --nodes 2 --tasks-per-node 4");
    for (const char *name : {"script", "submit"}) {
        const bool submit = std::string(name) == "submit";
        CLI::App *v = verb(*slurm, name,
                           submit ? "record the run (queued, nodes x tasks-per-node ranks) and submit it with sbatch"
                                  : "print the batch script (and with --json the sbatch arguments) without submitting",
                           std::string("seekbench-cli slurm ") + name + " --config run.yaml --project DIR --nodes 2 --json",
                           {{"--config", "FILE", "the run config (or --resume)"},
                            {"--name", "N", "the run's name"},
                            {"--resume", "RUN_ID", "a new attempt of a recorded run"},
                            kProject,
                            kJson});
        for (const Opt &o : kCluster)
            helpOption(*v, o.name, o.type, o.help);
    }
    verb(*slurm, "follow", "job state onto the run, segments into the store, the run's end when the job ends",
         "seekbench-cli slurm follow RUN_ID --project DIR --wait --timeout 3600",
         {kProject,
          {"--wait", "", "keep following until the job ends"},
          {"--interval", "S", "seconds between polls (with --wait)"},
          {"--timeout", "S", "give up after S seconds (with --wait)"},
          kJson},
         {kRunId});
    verb(*slurm, "cancel", "scancel the run's job", "seekbench-cli slurm cancel RUN_ID --project DIR --wait 60",
         {kProject, {"--wait", "S", "wait up to S seconds for the job to end"}, kJson}, {kRunId});
    verb(*slurm, "logs", "the job's (or a rank's) log", "seekbench-cli slurm logs RUN_ID --rank 1 --follow",
         {kProject, {"--rank", "R", "one rank's log"}, {"--follow", "", "keep printing as the log grows"}}, {kRunId});
    verb(*slurm, "ranks", "each rank's state (JSON)", "seekbench-cli slurm ranks RUN_ID --project DIR", {kProject},
         {kRunId});
}

void registerAml(CLI::App &root)
{
    CLI::App *aml = root.add_subcommand("aml", "anti-money-laundering: data, training, alerts, traces, reports");
    describe(*aml, "seekbench-cli aml alerts --project DIR --capacity 50 --json");
    verb(*aml, "generate", "a synthetic transaction history with laundering patterns",
         "seekbench-cli aml generate --project DIR --accounts 2000 --months 6 --seed 7",
         {kProject,
          {"--accounts", "N", "accounts"},
          {"--months", "M", "months of transactions"},
          {"--fraud-rate", "R", "share of laundering accounts"},
          {"--seed", "S", "random seed"},
          {"--tx-per-month", "X", "transactions per account and month"},
          {"--csv", "FILE", "also write the transactions as CSV"}});
    verb(*aml, "import", "transactions from a CSV file", "seekbench-cli aml import --project DIR --csv tx.csv",
         {kProject, {"--csv", "FILE", "the transactions (required)"}, {"--quarantine", "FILE", "write rejected rows here"}});
    verb(*aml, "train", "train the AML model as a run of the project",
         "seekbench-cli aml train --project DIR --config aml.yaml --name graph-v1",
         {kProject,
          {"--config", "aml.yaml", "the run config (or --resume)"},
          {"--name", "NAME", "the run's name"},
          {"--resume", "RUN_ID", "continue a run"}});
    verb(*aml, "alerts", "alerts at an operating point chosen by capacity, costs or threshold",
         "seekbench-cli aml alerts --project DIR --capacity 50 --json",
         {kProject,
          {"--run", "ID", "the evaluated run (default: the latest)"},
          {"--model", "graph|xgboost", "which model's scores"},
          {"--capacity", "N", "alerts the team can review per day"},
          {"--cost-missed", "X", "cost of a missed laundering account"},
          {"--cost-false-alert", "Y", "cost of a false alert"},
          {"--threshold", "T", "a score threshold"},
          {"--limit", "N", "at most N alerts"},
          kJson});
    verb(*aml, "trace", "follow the money from a transaction, an alert or an account",
         "seekbench-cli aml trace --project DIR --account acc-17 --direction both --hops 3 --json",
         {kProject,
          {"--tx", "ID", "start at a transaction"},
          {"--alert", "ID", "start at an alert"},
          {"--account", "NAME", "start at an account"},
          {"--direction", "forward|backward|both", "which way to follow"},
          {"--hops", "N", "how far"},
          {"--window-hours", "H", "time window between hops"},
          {"--tolerance", "T", "amount tolerance between hops"},
          {"--cap", "N", "at most N transactions"},
          kJson});
    verb(*aml, "report", "an HTML case report for an alert or an account",
         "seekbench-cli aml report --project DIR --alert 12 --out case-12.html",
         {kProject,
          {"--alert", "ID", "the alert"},
          {"--account", "NAME", "the account"},
          {"--run", "ID", "the evaluated run (default: the latest)"},
          {"--note", "TEXT", "the investigator's note"},
          {"--out", "FILE.html", "the report (required)"}});
}

} // namespace

std::vector<ForwardedVerb> registerForwardedVerbs(CLI::App &root)
{
    registerSlurm(root);
    registerAml(root);
    return {{"slurm", runSlurmCommand}, {"aml", runAmlCommand}};
}

} // namespace seekbench::cli
