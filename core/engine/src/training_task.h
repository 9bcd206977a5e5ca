#pragma once

// What the trainer trains. The trainer owns everything common to every model: the loop,
// the learning-rate schedule, precision and loss scaling, the optimizer, gradient
// clipping, data parallelism, checkpoints and resume, early stopping, metrics, events and
// the system monitor. A task owns what is particular to one kind of model and data: the
// module, the dataset, the batches (sharded and resumable), the loss and the evaluation.
//
// New kinds register in makeTrainingTask() (training_task.cpp), keyed on data.kind.

#include "seekbench/config/run_config.h"
#include "seekbench/run/confusion_matrix.h"
#include "seekbench/run/dataset_source.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace seekbench::engine {

// How the trainer runs a forward pass: the task runs its forward under an AutocastGuard
// built from these, and moves its batches to `device`.
struct StepContext
{
    c10::Device device{c10::kCPU};
    bool autocast = false;
    c10::ScalarType autocastDtype = c10::kBFloat16;
};

struct MicroStep
{
    at::Tensor loss;     // what backward() runs on: the task loss plus auxiliary losses
    double taskLoss = 0; // reported as train/loss
    double auxLoss = 0;  // reported as train/aux_loss when hasAuxLoss()
};

// Sums small host-side figures over all ranks (the identity for one process). Every rank
// must call it the same number of times with vectors of the same length.
using ReduceSum = std::function<std::vector<double>(std::vector<double>)>;

class TrainingTask
{
public:
    virtual ~TrainingTask() = default;

    // The model. The trainer moves it to the device, broadcasts it from rank 0, builds
    // the optimizer over its parameters and saves it in checkpoints.
    virtual torch::nn::Module &module() = 0;

    // Fingerprint of the data (the environment record in the start event).
    virtual std::uint64_t dataFingerprint() const = 0;

    // Draws this rank's next batch, runs forward and the loss. Batches are a pure
    // function of (seed, epoch, cursor, rank, world size), so seek() resumes exactly.
    virtual MicroStep trainMicroStep(const StepContext &ctx) = 0;
    virtual std::int64_t epoch() const = 0;
    virtual std::int64_t cursor() const = 0;
    virtual void seek(std::int64_t epoch, std::int64_t cursor) = 0;
    // Epochs done, with the fraction of the current one (train/epoch).
    virtual double epochProgress() const { return static_cast<double>(epoch()); }

    // Evaluates the eval split under NoGradGuard and eval mode (set by the trainer). With
    // several ranks each takes its share and combines figures with reduceSum. Returns
    // metrics named "eval/<name>"; "eval/loss" is expected.
    virtual std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &reduceSum) = 0;

    // The confusion matrix of the last evaluate() over the whole evaluated split (summed
    // over ranks with the other figures), for classification tasks; nullopt otherwise. Its
    // step is the trainer's to set.
    virtual std::optional<ConfusionMatrix> lastConfusion() const { return std::nullopt; }

    // Whether a larger value of eval/<name> is better (early stopping and "best").
    virtual bool higherIsBetter(const std::string &metric) const { return metric.find("loss") == std::string::npos; }

    virtual bool hasAuxLoss() const { return false; }
    // For train/tokens_per_s; 0 when the task has no tokens.
    virtual double tokensPerSample() const { return 0; }

    // Examples of what the trained model does, for the run's report, written by rank 0
    // into the run folder once training has ended (the cross-modal model's attention
    // examples, kAttentionExamplesFile). Throws on failure; the trainer warns and goes on.
    virtual void writeExamples(const std::filesystem::path &outDir, std::int64_t step) { (void)outDir, (void)step; }

    // Files the run needs besides the checkpoints (a tokenizer vocabulary, say), written
    // by rank 0 into the run folder before training starts.
    virtual void writeArtifacts(const std::filesystem::path &outDir) const { (void)outDir; }
};

// The task for config.data.kind, sharded for (rank, worldSize), over `dataset` when the
// kind takes in-memory data. Throws std::invalid_argument for an unknown kind (validation
// reports it first) or a missing or mismatched dataset.
std::unique_ptr<TrainingTask> makeTrainingTask(const RunConfig &config, int rank, int worldSize,
                                               std::shared_ptr<const DatasetSource> dataset = nullptr);

} // namespace seekbench::engine
