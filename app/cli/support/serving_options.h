#pragma once

// The dynamic batcher's options, spelled the same by `serve` and `export --format triton`
// (whose config.pbtxt declares them for Triton), and the Kubernetes options of the latter.

#include "seekbench/export/k8s_manifests.h"
#include "seekbench/export/serving_settings.h"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace seekbench::cli {

struct ServingArgs
{
    std::optional<std::string> name, maxBatch, preferred, delay, instances, queue, timeoutMs;
    bool noBatching = false;
};

struct KubernetesArgs
{
    std::optional<std::string> image, namespaceName, minReplicas, maxReplicas, trainingImage, workers, trainingConfig;
};

void addServingOptions(CLI::App &verb, ServingArgs &args);
void addKubernetesOptions(CLI::App &verb, KubernetesArgs &args);

// Throws BadInput naming the option for a value out of range or settings that do not fit
// together (a preferred size above --max-batch-size).
ServingSettings servingSettings(const ServingArgs &args, const std::string &defaultName);
KubernetesSettings kubernetesSettings(const KubernetesArgs &args);

// A word as a POSIX shell reads it back: as it is when it holds only safe characters (so
// a recorded command reads plainly), else single-quoted.
std::string shellWord(const std::string &word);

// The options as given, " --max-batch-size 16 ...", for a recorded command.
std::string servingArgsText(const ServingArgs &args);
std::string kubernetesArgsText(const KubernetesArgs &args);

} // namespace seekbench::cli
