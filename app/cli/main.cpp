// seekbench-cli: the headless entry point. Argument dispatch only; the work is in core,
// projects and the command files beside this one.

#include "commands.h"
#include "project_commands.h"

#include <cstdio>
#include <string>
#include <vector>

namespace {

void usage(std::FILE *to)
{
    std::fputs(
        "usage: seekbench-cli <command> [options]\n"
        "\n"
        "commands:\n"
        "  train    --config run.yaml --out DIR [--resume DIR|FILE]\n"
        "           --config run.yaml --project DIR [--name NAME] [--parent RUN_ID]\n"
        "           --project DIR --resume RUN_ID\n"
        "  launch   --nproc N [--log-dir DIR] -- train --config run.yaml --out DIR\n"
        "           --nproc N -- train --project DIR (--config run.yaml [--name N] | --resume RUN_ID)\n"
        "           N data-parallel ranks (c10d Gloo) on this machine; with --project one run of N ranks\n"
        "  slurm    script|submit|follow|cancel|logs|ranks ...   a run as a Slurm job\n"
        "  validate --config run.yaml [--json]\n"
        "  estimate --config run.yaml [--budget-gb N] [--json]\n"
        "  import-hf --config config.json [--out run.yaml]\n"
        "  project  init|info|runs|show|export|import-segments ...\n"
        "  runs     stop|resume|tag|note|delete ...\n"
        "  aml      generate|import|train|alerts|trace|report ... (anti-money-laundering)\n"
        "  inspect  attention --run DIR|--project DIR --run-id ID [--checkpoint FILE]\n"
        "           --sample N --out file.json|file.png [--split test|train]\n"
        "           [--caption-class K] [--template] [--scale N] [--gradients]\n"
        "           sanity --run DIR|--project DIR --run-id ID [--samples N] [--json]\n"
        "           testset --run DIR|... [--samples N] [--out file.json]\n"
        "           serve --run DIR|... [--checkpoint FILE]   (JSON lines on stdin/stdout)\n"
        "\n"
        "exit codes: 0 done, 2 bad config or input, 3 runtime failure,\n"
        "            130 cancelled by SIGINT/SIGTERM after a final checkpoint\n",
        to);
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        usage(args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    using namespace seekbench::cli;
    if (command == "train")
        return runTrain(rest);
    if (command == "launch")
        return runLaunch(rest);
    if (command == "validate")
        return runValidate(rest);
    if (command == "estimate")
        return runEstimate(rest);
    if (command == "import-hf")
        return runImportHf(rest);
    if (command == "slurm")
        return runSlurmCommand(rest);
    if (command == "project")
        return runProjectCommand(rest);
    if (command == "runs")
        return runRunsCommand(rest);
    if (command == "aml")
        return runAmlCommand(rest);
    if (command == "inspect")
        return runInspect(rest);
    std::fprintf(stderr, "seekbench-cli: unknown command '%s'\n\n", command.c_str());
    usage(stderr);
    return 2;
}
