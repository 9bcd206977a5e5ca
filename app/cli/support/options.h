#pragma once

// CLI11 helpers shared by the verbs: the common options (--project DIR, --json), single
// and repeatable options with the CLI's rules, numbers with a clear error, and the
// "unknown option" check.
//
// Rules: an option given once takes one value, and a single option given twice is an
// error; repeatable options (--tag, --status, --param, --metric, --best, --sbatch)
// collect every value, one per occurrence.

#include "support/errors.h"

#include "seekbench/text/number_text.h"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace seekbench::cli {

// "--name VALUE", at most once.
CLI::Option *addOption(CLI::App &app, const std::string &name, std::optional<std::string> &out, const std::string &help);
// "--name VALUE", repeatable; each occurrence takes exactly one value.
// "--name N": a non-negative integer, at most once.
CLI::Option *addInteger(CLI::App &app, const std::string &name, std::optional<int> &out, const std::string &help);
CLI::Option *addRepeated(CLI::App &app, const std::string &name, std::vector<std::string> &out, const std::string &help);
// "--name", a flag without a value.
CLI::Option *addFlag(CLI::App &app, const std::string &name, bool &out, const std::string &help);

// --project DIR and --json, spelled the same by every verb.
CLI::Option *addProjectOption(CLI::App &app, std::optional<std::string> &out,
                              const std::string &help = "the project folder");
CLI::Option *addJsonFlag(CLI::App &app, bool &out, const std::string &help = "print one JSON document on stdout");

// Numeric options: parseInteger, parseIntegerIn, parseCount, parseNumber, parseNumberIn
// (seekbench/text/number_text.h). Every numeric option is read by one of them: a value is
// range-checked with an error naming the option, never truncated or wrapped.
// Arguments nobody claimed: throws BadInput "unknown option --x" or "unexpected argument 'x'".
// Verbs allow extras (so the error names the option, as before) and call this first.
void rejectExtras(const CLI::App &app);

// Help text of a verb: what it does and one example, shown under its options.
void describe(CLI::App &app, const std::string &example);

// A verb made of sub-verbs (project, runs): without one it is bad input, "unknown verb 'x'"
// for a word that names none, "<name> needs a verb: <verbs>" for nothing.
CLI::App *addVerbGroup(CLI::App &root, const std::string &name, const std::string &what, const std::string &verbs,
                       const std::string &example);

} // namespace seekbench::cli
