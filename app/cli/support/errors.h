#pragma once

// The CLI's one error style and one exit-code table.
//
// Every failure is one line on stderr, "seekbench-cli <verb path>: <message>", and one of
// these exit codes (also printed by `seekbench-cli --help`):
//
//   0    done
//   2    bad input: a bad config, option, argument or project (nothing was changed)
//   3    runtime failure: the work started and failed (I/O, a full disk, a diverged run, a crash)
//   130  cancelled by SIGINT/SIGTERM (a training run writes a final checkpoint first)

#include <functional>
#include <stdexcept>
#include <string>

namespace seekbench {
struct TrainResult;
}

namespace seekbench::cli {

enum ExitCode { ExitOk = 0, ExitBadInput = 2, ExitRuntime = 3, ExitCancelled = 130 };

// The table above, as the top-level help prints it.
extern const char *const kExitCodeHelp;

// Bad input found by a verb (exit 2). std::invalid_argument from core maps to the same.
class BadInput : public std::invalid_argument
{
public:
    using std::invalid_argument::invalid_argument;
};

// A failure with an exit code of its own.
class CliFailure : public std::runtime_error
{
public:
    CliFailure(int code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

// "seekbench-cli <verbPath>: <message>" on stderr ("seekbench-cli: <message>" for an empty path).
void printError(const std::string &verbPath, const std::string &message);

// Runs body and maps what it throws to an exit code, printing the error line:
// BadInput, std::invalid_argument and CLI11 parse errors -> 2; projects::ProjectError ->
// its exitCode(); CliFailure -> its code; std::bad_alloc -> 3 "out of memory"; any other
// exception -> 3.
int guarded(const std::string &verbPath, const std::function<int()> &body);

// A training run's exit code: 0 finished or early-stopped, 130 cancelled, 2 when it failed
// on bad input (a damaged checkpoint), else 3 (a failure, a divergence).
int exitCodeFor(const TrainResult &result);

} // namespace seekbench::cli
