#pragma once

// The verbs' entry points. Verbs converted to CLI11 register themselves (verbs/verbs.h);
// the runXxx functions below still take their arguments unparsed and main.cpp forwards to
// them unchanged.

#include "support/errors.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::cli {

int runAmlCommand(const std::vector<std::string> &args); // aml_commands.cpp
int runSlurmCommand(const std::vector<std::string> &args);   // slurm_commands.cpp
// Each rank's state of a run, as one JSON line (slurm_commands.cpp; also `runs ranks`).
int printRankStates(const std::filesystem::path &projectDir, const std::string &runId);

// "--key value" and "--flag" options. Unknown options are an error, reported by name.
// The hand-written parser of the verbs not yet converted to CLI11 (support/options.cpp).
struct Options
{
    std::map<std::string, std::string> values;
    std::vector<std::string> flags;
    std::vector<std::string> positional;
    std::string error;

    bool has(const std::string &flag) const;
    std::optional<std::string> get(const std::string &key) const;
};
Options parseOptions(const std::vector<std::string> &args, const std::vector<std::string> &valued,
                     const std::vector<std::string> &flags);

} // namespace seekbench::cli

namespace seekbench {
struct RunConfig;
}

namespace seekbench::cli {

// Loads and validates a run config (the checks of `validate`, with this build's
// capabilities) and applies --name; on problems prints each as "path: problem" to stderr
// and returns false (exit with ExitBadInput).
bool loadValidConfig(const std::string &path, const std::optional<std::string> &name, RunConfig &out);

} // namespace seekbench::cli
