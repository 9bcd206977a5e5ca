#pragma once

// Registration of the verbs on the one CLI11 App of main.cpp. A verb's callback runs its
// body and stores the exit code in exitCode; errors are thrown and mapped by guarded()
// (support/errors.h).

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace seekbench::cli {

// validate, estimate, import-hf (config.cpp).
void registerConfigVerbs(CLI::App &root, int &exitCode);
// inspect attention|sanity|testset|serve (inspect.cpp).
void registerInspectVerbs(CLI::App &root, int &exitCode);
// slurm script|submit|follow|cancel|logs|ranks (slurm.cpp).
void registerSlurmVerbs(CLI::App &root, int &exitCode);
// aml generate|import|train|alerts|trace|report (aml.cpp).
void registerAmlVerbs(CLI::App &root, int &exitCode);

// The verbs whose bodies still parse their own arguments: registered with their options so
// that --help is generated, but run by handing the arguments after the verb's name,
// unchanged, to the family's runXxx function (forwarded.cpp).
struct ForwardedVerb
{
    std::string name;
    std::function<int(const std::vector<std::string> &)> run;
};
std::vector<ForwardedVerb> registerForwardedVerbs(CLI::App &root);

} // namespace seekbench::cli
