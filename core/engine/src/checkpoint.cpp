#include "checkpoint.h"

#include "cuda_device.h"
#include "grad_scaler.h"
#include "seekbench/formats/checkpoint_file.h"

#include <torch/torch.h>

#include <cstdint>
#include <sstream>

namespace seekbench::engine {
namespace {

at::Tensor scalar(double v) { return torch::tensor({v}, torch::kDouble); }
at::Tensor scalar64(std::int64_t v) { return torch::tensor({v}, torch::kLong); }

// The device the model's parameters are on (the CPU for a model without any).
c10::Device deviceOf(torch::nn::Module &model)
{
    for (const auto &p : model.parameters())
        return p.device();
    return c10::Device(c10::kCPU);
}

// The CUDA device the model trains on, or -1 on CPU.
int cudaDeviceOf(torch::nn::Module &model)
{
    const c10::Device d = deviceOf(model);
    return d.is_cuda() ? d.index() : -1;
}

// Module::load would silently resize a tensor to whatever the archive holds (it calls
// set_), so a checkpoint of another model could load "successfully". Every tensor is
// checked against the model's own shape and dtype first, and copied in place.
void loadModelState(torch::serialize::InputArchive &archive, torch::nn::Module &model, const std::string &source)
{
    torch::NoGradGuard noGrad;
    auto check = [&](const std::string &name, at::Tensor &target, bool isBuffer) {
        at::Tensor stored;
        if (!archive.try_read(name, stored, isBuffer))
            throw CheckpointError("checkpoint " + source + " does not fit this model: it has no tensor '" + name + "'");
        if (stored.sizes() != target.sizes())
            throw CheckpointError("checkpoint " + source + " does not fit this model: '" + name + "' has shape "
                                  + c10::str(stored.sizes()) + ", the model expects " + c10::str(target.sizes()));
        target.copy_(stored);
    };
    for (auto &item : model.named_parameters())
        check(item.key(), item.value(), false);
    for (auto &item : model.named_buffers())
        check(item.key(), item.value(), true);
}

} // namespace

std::string saveTrainingPayload(torch::nn::Module &model, const torch::optim::Optimizer &optimizer,
                                const TrainingState &state, const GradScaler *scaler)
{
    torch::serialize::OutputArchive archive;
    torch::serialize::OutputArchive modelArchive, optimArchive;
    // Flat names ("layers.0.self_attn.q_proj.weight"), so loading can check each one.
    for (const auto &item : model.named_parameters())
        modelArchive.write(item.key(), item.value());
    for (const auto &item : model.named_buffers())
        modelArchive.write(item.key(), item.value(), /*is_buffer=*/true);
    optimizer.save(optimArchive);
    archive.write("model", modelArchive);
    archive.write("optimizer", optimArchive);
    archive.write("state.step", scalar64(state.step));
    archive.write("state.epoch", scalar64(state.epoch));
    archive.write("state.cursor", scalar64(state.cursor));
    archive.write("state.best_metric", scalar(state.bestMetric));
    archive.write("state.has_best", scalar64(state.hasBest ? 1 : 0));
    archive.write("state.best_step", scalar64(state.bestStep));
    archive.write("state.evals_without_improvement", scalar64(state.evalsWithoutImprovement));
    {
        at::Generator generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        archive.write("rng.cpu", generator.get_state());
    }
    if (scaler)
        archive.write("scaler", scaler->state());
    if (const int device = cudaDeviceOf(model); device >= 0)
        archive.write("rng.cuda", cuda::rngState(device));
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void loadTrainingPayload(const std::string &payload, const std::string &source, torch::nn::Module &model,
                         torch::optim::Optimizer &optimizer, TrainingState &state, GradScaler *scaler)
{
    try {
        std::istringstream in(payload);
        torch::serialize::InputArchive archive;
        // Every tensor lands on the device the run trains on now, whichever device wrote it.
        archive.load_from(in, deviceOf(model));
        torch::serialize::InputArchive modelArchive, optimArchive;
        archive.read("model", modelArchive);
        archive.read("optimizer", optimArchive);
        loadModelState(modelArchive, model, source);
        optimizer.load(optimArchive);
        auto read64 = [&](const char *key) {
            at::Tensor t;
            archive.read(key, t);
            return t.item<std::int64_t>();
        };
        state.step = read64("state.step");
        state.epoch = read64("state.epoch");
        state.cursor = read64("state.cursor");
        at::Tensor best;
        archive.read("state.best_metric", best);
        state.bestMetric = best.item<double>();
        state.hasBest = read64("state.has_best") != 0;
        state.bestStep = read64("state.best_step");
        state.evalsWithoutImprovement = read64("state.evals_without_improvement");
        at::Tensor rng;
        archive.read("rng.cpu", rng);
        at::Generator generator = at::detail::getDefaultCPUGenerator(); // a shared handle
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(rng.cpu()); // states are CPU tensors, whatever the archive was mapped to
        if (scaler) {
            at::Tensor s;
            if (archive.try_read("scaler", s))
                scaler->loadState(s);
        }
        // Checkpoints from CPU runs (and from before CUDA states were kept) have none.
        if (const int device = cudaDeviceOf(model); device >= 0) {
            at::Tensor cudaRng;
            if (archive.try_read("rng.cuda", cudaRng))
                cuda::setRngState(device, cudaRng.cpu());
        }
    } catch (const c10::Error &e) {
        throw CheckpointError("checkpoint " + source
                              + " does not fit this model and optimizer: " + e.what_without_backtrace());
    }
}

void loadModelWeights(const std::string &payload, const std::string &source, torch::nn::Module &model)
{
    try {
        std::istringstream in(payload);
        torch::serialize::InputArchive archive, modelArchive;
        // A GPU run's checkpoint opens on a CPU-only build too (export, inspect).
        archive.load_from(in, deviceOf(model));
        archive.read("model", modelArchive);
        loadModelState(modelArchive, model, source);
    } catch (const c10::Error &e) {
        throw CheckpointError("checkpoint " + source + " does not fit this model: " + e.what_without_backtrace());
    }
}

} // namespace seekbench::engine
