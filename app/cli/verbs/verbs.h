#pragma once

// Registration of the verbs on the one CLI11 App of main.cpp. A verb's callback runs its
// body and stores the exit code in exitCode; errors are thrown and mapped by guarded()
// (support/errors.h).

#include <filesystem>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace seekbench {
struct RunConfig;
}

namespace seekbench::cli {

// validate, estimate, precision, import-hf (config.cpp).
void registerConfigVerbs(CLI::App &root, int &exitCode);
// inspect attention|sanity|testset|serve (inspect.cpp).
void registerInspectVerbs(CLI::App &root, int &exitCode);
// train and launch (train.cpp).
void registerTrainVerbs(CLI::App &root, int &exitCode);
// project init|info|runs|show|export|import-segments|validate|recover (project.cpp).
void registerProjectVerbs(CLI::App &root, int &exitCode);
// runs stop|resume|ranks|tag|note|delete (runs.cpp).
void registerRunsVerbs(CLI::App &root, int &exitCode);
// slurm script|submit|follow|cancel|logs|ranks (slurm.cpp).
void registerSlurmVerbs(CLI::App &root, int &exitCode);
// aml generate|import|train|alerts|trace|report (aml.cpp).
void registerAmlVerbs(CLI::App &root, int &exitCode);
// pdm generate|import|fleets|windows|train|evaluate (pdm.cpp, pdm_train.cpp).
void registerPdmVerbs(CLI::App &root, int &exitCode);
// kg generate|import|corpora|train|evaluate|build|graphs|query|rank|export (kg*.cpp).
void registerKgVerbs(CLI::App &root, int &exitCode);
// sweep create|run|resume|status|stop|best|export|ask|tell|report (sweep.cpp).
void registerSweepVerbs(CLI::App &root, int &exitCode);
// export --run ID --format F (export.cpp).
void registerExportVerbs(CLI::App &root, int &exitCode);
// serve --model DIR (serve.cpp).
void registerServeVerbs(CLI::App &root, int &exitCode);
// report --runs ID... --out FILE.html (report.cpp).
void registerReportVerbs(CLI::App &root, int &exitCode);

// Shared by the verb files:
// Loads and validates a run config (the checks of `validate`, with this build's
// capabilities) and applies --name; on problems prints each as "path: problem" to stderr
// and returns false (exit with ExitBadInput). In config.cpp.
bool loadValidConfig(const std::string &path, const std::optional<std::string> &name, RunConfig &out);
// Each rank's state of a run, as one JSON line (`slurm ranks`, `runs ranks`). In slurm.cpp.
int printRankStates(const std::filesystem::path &projectDir, const std::string &runId);

} // namespace seekbench::cli
