// seekbench-cli: the headless entry point. One CLI11 App with every verb (verbs/); the work
// is in core, projects and the verb files. Errors and exit codes: support/errors.h.

#include "seekbench/engine/blas_kernels.h"
#include "seekbench/engine/torch_version.h"
#include "seekbench/run/build_info.h"
#include "support/errors.h"
#include "support/help_formats.h"
#include "verbs/verbs.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace seekbench::cli;

CLI::App *findVerb(CLI::App &parent, const std::string &name)
{
    const auto subs = parent.get_subcommands([&](const CLI::App *a) { return a->get_name() == name; });
    return subs.empty() ? nullptr : subs.front();
}

// The verb path the arguments name ("inspect attention"), for error lines.
std::string verbPath(CLI::App &root, const std::vector<std::string> &args)
{
    std::string path;
    CLI::App *app = &root;
    for (const std::string &a : args) {
        CLI::App *sub = findVerb(*app, a);
        if (!sub)
            break;
        path += (path.empty() ? "" : " ") + a;
        app = sub;
    }
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    // The OpenBLAS kernels first: this may restart the process with better ones.
    seekbench::engine::selectBlasKernels(argc, argv);
    if (argc > 1 && std::string(argv[1]) == "blas-check") // the selection's self-check (hidden)
        return seekbench::engine::blasCheckMain();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "help")
        args[0] = "--help";

    CLI::App root("seekbench-cli: train, inspect and manage Seekbench runs without the desktop application",
                  "seekbench-cli");
    root.footer(std::string("\nexample:\n  seekbench-cli train --config run.yaml --project DIR\n\n") + kExitCodeHelp);
    root.require_subcommand(0, 1);
    const std::string version = std::string(seekbench::run::seekbenchVersion()) + " (commit "
                                + seekbench::run::seekbenchGitCommit() + ", LibTorch "
                                + seekbench::engine::torchVersion() + ")";
    root.set_version_flag("--version", "seekbench-cli " + version);
    int exitCode = ExitOk;
    registerTrainVerbs(root, exitCode);
    registerConfigVerbs(root, exitCode);
    registerInspectVerbs(root, exitCode);
    registerProjectVerbs(root, exitCode);
    registerRunsVerbs(root, exitCode);
    registerSlurmVerbs(root, exitCode);
    registerAmlVerbs(root, exitCode);
    registerPdmVerbs(root, exitCode);
    registerKgVerbs(root, exitCode);
    registerSweepVerbs(root, exitCode);
    registerExportVerbs(root, exitCode);
    registerReportVerbs(root, exitCode);
#ifdef SEEKBENCH_HAS_SERVING
    registerServeVerbs(root, exitCode);
#endif
    registerHelpFormatVerbs(root, exitCode, seekbench::run::seekbenchVersion()); // last: reads every verb

    if (args.empty()) {
        std::fputs(root.help().c_str(), stderr);
        return ExitBadInput;
    }
    if (args[0].empty() || args[0][0] != '-') {
        if (!findVerb(root, args[0])) {
            printError("", "unknown command '" + args[0] + "'\n");
            std::fputs(root.help().c_str(), stderr);
            return ExitBadInput;
        }
    }

    const std::string path = verbPath(root, args);
    return guarded(path, [&] {
        try {
            std::vector<std::string> reversed(args.rbegin(), args.rend());
            root.parse(reversed);
        } catch (const CLI::CallForHelp &e) {
            return root.exit(e);
        } catch (const CLI::CallForAllHelp &e) {
            return root.exit(e);
        } catch (const CLI::CallForVersion &e) {
            return root.exit(e);
        } catch (const CLI::ExtrasError &) {
            // Only the root rejects extras (each verb reports its own by name).
            std::string first = root.remaining().empty() ? std::string() : root.remaining().front();
            throw BadInput(first.rfind("-", 0) == 0 ? "unknown option " + first : "unexpected argument '" + first + "'");
        }
        return exitCode;
    });
}
