#pragma once

// Verbs whose options are a flat list (aml, pdm): each verb's options by name, read with
// the CLI's number rules, and the registration of such a verb in one call.

#include "support/options.h"

#include "seekbench/projects/project.h"

#include <CLI/CLI.hpp>

#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace seekbench::cli {

// A verb's options by name ("--accounts" -> its value, when given).
struct VerbArgs
{
    std::map<std::string, std::optional<std::string>> values;
    bool json = false;
    bool ignoreMemoryCheck = false;

    const std::optional<std::string> &get(const std::string &key) { return values[key]; }
    // A finite number (nan and inf are refused), or `fallback` when not given.
    double number(const std::string &key, double fallback) { return get(key) ? parseNumber(key, *get(key)) : fallback; }
    // An integer option in [min, max] ("--accounts '1e12' is not 1..2147483647"), never wrapped.
    long long integer(const std::string &key, long long fallback, long long min,
                      long long max = std::numeric_limits<int>::max())
    {
        return get(key) ? parseIntegerIn(key, *get(key), min, max) : fallback;
    }
    // The value of a required option, or BadInput "--key TYPE is required".
    std::string required(const std::string &key, const std::string &type);
    // --project DIR, opened; BadInput when it is not given.
    projects::Project project();
    // The command that does this again: "seekbench-cli <verb>" and every option given,
    // shell-quoted, for the record of what it made.
    std::string commandLine(const std::string &verb) const;
};

struct Opt
{
    const char *name, *type, *help;
};
inline const Opt kProjectOpt{"--project", "DIR", "the project folder"};

// Adds verb `name` to `group` with `options` (and --json when `json`); its callback rejects
// unknown arguments and stores body's exit code in exitCode. Returns the verb's arguments
// (and the verb in *verb, for a flag of its own).
std::shared_ptr<VerbArgs> addArgsVerb(CLI::App &group, const char *name, const char *what, const char *example,
                                      std::initializer_list<Opt> options, bool json, int (*body)(VerbArgs &),
                                      int &exitCode, CLI::App **verb = nullptr);

} // namespace seekbench::cli
