#include "support/errors.h"

#include "seekbench/projects/project_error.h"
#include "seekbench/run/train_result.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <new>

namespace seekbench::cli {

const char *const kExitCodeHelp = "exit codes:\n"
                                  "  0    done\n"
                                  "  2    bad input: config, options, arguments or project\n"
                                  "  3    runtime failure (I/O, a full disk, a diverged run)\n"
                                  "  130  cancelled by SIGINT/SIGTERM (training writes a final checkpoint first)\n";

void printError(const std::string &verbPath, const std::string &message)
{
    if (verbPath.empty())
        std::fprintf(stderr, "seekbench-cli: %s\n", message.c_str());
    else
        std::fprintf(stderr, "seekbench-cli %s: %s\n", verbPath.c_str(), message.c_str());
}

int guarded(const std::string &verbPath, const std::function<int()> &body)
{
    try {
        return body();
    } catch (const CLI::ArgumentMismatch &e) {
        // CLI11 says "--config: At Most 1 required but received 2" for a repeated option.
        const std::string what = e.what();
        const auto at = what.find(": At Most 1 required but received ");
        printError(verbPath,
                   at == std::string::npos ? what : what.substr(0, at) + " is given more than once; give it once");
        return ExitBadInput;
    } catch (const CLI::ParseError &e) {
        printError(verbPath, e.what());
        return ExitBadInput;
    } catch (const CliFailure &e) {
        printError(verbPath, e.what());
        return e.code();
    } catch (const std::invalid_argument &e) {
        printError(verbPath, e.what());
        return ExitBadInput;
    } catch (const projects::ProjectError &e) {
        printError(verbPath, e.what());
        return e.exitCode();
    } catch (const std::bad_alloc &) {
        printError(verbPath, "out of memory: the input or the work does not fit in this machine's memory");
        return ExitRuntime;
    } catch (const std::exception &e) {
        printError(verbPath, e.what());
        return ExitRuntime;
    }
}

int exitCodeFor(const TrainResult &result)
{
    switch (result.status) {
    case TrainStatus::Finished:
    case TrainStatus::EarlyStopped: return ExitOk;
    case TrainStatus::Cancelled: return ExitCancelled;
    case TrainStatus::Diverged: return ExitRuntime;
    case TrainStatus::Failed: return result.inputError ? ExitBadInput : ExitRuntime;
    }
    return ExitRuntime;
}

} // namespace seekbench::cli
