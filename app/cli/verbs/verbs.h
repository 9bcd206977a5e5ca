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
// train and launch (train.cpp).
void registerTrainVerbs(CLI::App &root, int &exitCode);
// project init|info|runs|show|export|import-segments|validate|recover (project.cpp).
void registerProjectVerbs(CLI::App &root, int &exitCode);
// runs stop|resume|ranks|tag|note|delete (runs.cpp).
void registerRunsVerbs(CLI::App &root, int &exitCode);

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
