#include "support/serving_options.h"

#include "support/errors.h"
#include "support/options.h"

#include "seekbench/projects/slurm_script.h"
#include "seekbench/text/number_text.h"

#include <CLI/CLI.hpp>

#include <sstream>

namespace seekbench::cli {
namespace {

std::vector<int> parseSizes(const std::string &text)
{
    std::vector<int> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        sizes.push_back(int(parseIntegerIn("--preferred-batch-sizes", item, 1, 4096)));
    return sizes;
}

void append(std::string &text, const char *option, const std::optional<std::string> &value)
{
    if (value)
        text += std::string(" ") + option + " " + shellWord(*value);
}

} // namespace

std::string shellWord(const std::string &word)
{
    const bool plain = !word.empty()
                       && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                 "0123456789-_./=:@%+,")
                              == std::string::npos;
    return plain ? word : projects::shellQuote(word);
}

void addServingOptions(CLI::App &v, ServingArgs &a)
{
    addOption(v, "--name", a.name,
              "the model's name in URLs (serve: the export folder's name, the model folder's for <name>/1; "
              "export --format triton: seekbench-run-<run id>)")
        ->type_name("NAME");
    addOption(v, "--max-batch-size", a.maxBatch, "rows per batch (default 32)")->type_name("N");
    addOption(v, "--preferred-batch-sizes", a.preferred, "batch sizes run at once when reached (default 8,16,32)")
        ->type_name("N,N,...");
    addOption(v, "--max-queue-delay-us", a.delay, "the longest a request waits for its batch to fill (default 2000)")
        ->type_name("US");
    addOption(v, "--instances", a.instances, "model instances running batches at once (default 1)")->type_name("N");
    addOption(v, "--max-queue-size", a.queue, "queued requests before 503 (default 256)")->type_name("N");
    addOption(v, "--timeout-ms", a.timeoutMs, "a request not started by then answers 504 (default 1000)")
        ->type_name("MS");
    addFlag(v, "--no-dynamic-batching", a.noBatching, "run each request as its own batch");
}

void addKubernetesOptions(CLI::App &v, KubernetesArgs &a)
{
    addOption(v, "--image", a.image, "the serving container image (default nvcr.io/nvidia/tritonserver:24.08-py3)")
        ->type_name("IMAGE");
    addOption(v, "--namespace", a.namespaceName, "the Kubernetes namespace (default default)")->type_name("NS");
    addOption(v, "--min-replicas", a.minReplicas, "the autoscaler's minimum (default 1)")->type_name("N");
    addOption(v, "--max-replicas", a.maxReplicas, "the autoscaler's maximum (default 4)")->type_name("N");
    addOption(v, "--training-image", a.trainingImage,
              "an image with seekbench-cli: also writes a Kubeflow PyTorchJob (kubernetes/training.yaml)")
        ->type_name("IMAGE");
    addOption(v, "--workers", a.workers, "the PyTorchJob's processes (default 1)")->type_name("N");
    addOption(v, "--training-config", a.trainingConfig,
              "the run config's path inside the training image (default /config/run.yaml)")
        ->type_name("PATH");
}

ServingSettings servingSettings(const ServingArgs &a, const std::string &defaultName)
{
    ServingSettings s;
    s.modelName = a.name.value_or(defaultName);
    if (a.maxBatch)
        s.maxBatchSize = int(parseIntegerIn("--max-batch-size", *a.maxBatch, 1, 4096));
    if (a.preferred)
        s.preferredBatchSizes = parseSizes(*a.preferred);
    else // the defaults that fit under the batch size
        std::erase_if(s.preferredBatchSizes, [&](int p) { return p > s.maxBatchSize; });
    if (a.delay)
        s.maxQueueDelayUs = parseIntegerIn("--max-queue-delay-us", *a.delay, 0, 10000000);
    if (a.instances)
        s.instances = int(parseIntegerIn("--instances", *a.instances, 1, 64));
    if (a.queue)
        s.maxQueueSize = int(parseIntegerIn("--max-queue-size", *a.queue, 1, 1000000));
    if (a.timeoutMs)
        s.requestTimeoutUs = parseIntegerIn("--timeout-ms", *a.timeoutMs, 1, 3600000) * 1000;
    s.dynamicBatching = !a.noBatching;
    if (const auto problems = servingSettingsProblems(s); !problems.empty())
        throw BadInput(problems.front());
    return s;
}

KubernetesSettings kubernetesSettings(const KubernetesArgs &a)
{
    KubernetesSettings k;
    if (a.image)
        k.image = *a.image;
    if (a.namespaceName)
        k.namespaceName = *a.namespaceName;
    if (a.minReplicas)
        k.minReplicas = k.replicas = int(parseIntegerIn("--min-replicas", *a.minReplicas, 1, 1000));
    if (a.maxReplicas)
        k.maxReplicas = int(parseIntegerIn("--max-replicas", *a.maxReplicas, 1, 1000));
    if (a.trainingImage)
        k.trainingImage = *a.trainingImage;
    if (const auto problems = kubernetesSettingsProblems(k); !problems.empty())
        throw BadInput(problems.front());
    return k;
}

std::string servingArgsText(const ServingArgs &a)
{
    std::string t;
    append(t, "--name", a.name);
    append(t, "--max-batch-size", a.maxBatch);
    append(t, "--preferred-batch-sizes", a.preferred);
    append(t, "--max-queue-delay-us", a.delay);
    append(t, "--instances", a.instances);
    append(t, "--max-queue-size", a.queue);
    append(t, "--timeout-ms", a.timeoutMs);
    if (a.noBatching)
        t += " --no-dynamic-batching";
    return t;
}

std::string kubernetesArgsText(const KubernetesArgs &a)
{
    std::string t;
    append(t, "--image", a.image);
    append(t, "--namespace", a.namespaceName);
    append(t, "--min-replicas", a.minReplicas);
    append(t, "--max-replicas", a.maxReplicas);
    append(t, "--training-image", a.trainingImage);
    append(t, "--workers", a.workers);
    append(t, "--training-config", a.trainingConfig);
    return t;
}

} // namespace seekbench::cli
