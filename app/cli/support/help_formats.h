#pragma once

// The CLI's definitions in other shapes: the man page and the bash and zsh completion
// scripts. All three are read from the same CLI11 App that prints --help, after every verb
// is registered, so they cannot drift from it (the build writes them with
// `seekbench-cli man` and `seekbench-cli completion bash|zsh`).

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace seekbench::cli {

// One option of a verb, as completion and the man page need it.
struct OptionSpec
{
    std::vector<std::string> names; // "--config", "-h"
    std::string description;
    std::string valueName; // "FILE", "DIR", "csv|json"; empty for a flag
    bool positional = false;
};

// One verb ("" for the program, "project init" for a sub-verb).
struct VerbSpec
{
    std::string path;
    std::string description;
    std::string example; // the verb's footer (example and notes), as --help prints it
    std::vector<std::string> subverbs;
    std::vector<OptionSpec> options;
};

// Every visible verb, the program first, then depth first in registration order.
std::vector<VerbSpec> verbSpecs(const CLI::App &root);

// How a value is completed: "file", "dir", "choices:a b c", or "" (free text).
std::string valueCompletion(const std::string &valueName);

std::string manPage(const CLI::App &root, const std::string &version);
std::string bashCompletion(const CLI::App &root);
std::string zshCompletion(const CLI::App &root);

// `seekbench-cli completion bash|zsh` and the hidden `seekbench-cli man` (the build runs
// them to write the installed files). Call after every other verb is registered.
void registerHelpFormatVerbs(CLI::App &root, int &exitCode, const std::string &version);

} // namespace seekbench::cli
