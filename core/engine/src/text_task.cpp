#include "text_task.h"

#include "autocast.h"
#include "model.h"
#include "synthetic_text.h"
#include "task_loss.h"
#include "training_batches.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench::engine {
namespace {

class TextTask final : public TrainingTask
{
public:
    TextTask(const RunConfig &config, int rank, int worldSize)
        : m_cfg(config), m_rank(rank), m_worldSize(worldSize),
          m_data(generateSyntheticText(config.data, config.model.vocab_size)), m_model(config.model),
          m_batches(m_data.train, config.model.head, config.training.batch_size, config.training.seed, rank, worldSize)
    {}

    torch::nn::Module &module() override { return *m_model; }
    std::uint64_t dataFingerprint() const override { return m_data.fingerprint; }

    MicroStep trainMicroStep(const StepContext &ctx) override
    {
        const Batch batch = m_batches.next();
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        const auto out = m_model->forward(batch.inputIds.to(ctx.device));
        const auto tl = taskLoss(m_cfg.model.head, out.logits, batch.target.to(ctx.device));
        return {tl.loss + out.auxLoss, tl.loss.item<double>(), out.auxLoss.item<double>()};
    }

    std::int64_t epoch() const override { return m_batches.epoch(); }
    std::int64_t cursor() const override { return m_batches.cursor(); }
    void seek(std::int64_t epoch, std::int64_t cursor) override { m_batches.seek(epoch, cursor); }
    double epochProgress() const override
    {
        const auto n = m_data.train.inputIds.size(0);
        return static_cast<double>(m_batches.epoch())
               + (n > 0 ? static_cast<double>(m_batches.cursor()) / static_cast<double>(n) : 0.0);
    }

    std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &reduceSum) override
    {
        const auto &t = m_cfg.training;
        const auto &split = m_data.eval;
        const auto targets = targetsFor(split, m_cfg.model.head);
        const int64_t n = split.inputIds.size(0);
        int64_t batches = (n + t.batch_size - 1) / t.batch_size;
        if (t.eval_batches > 0)
            batches = std::min<int64_t>(batches, t.eval_batches);
        double lossSum = 0, correct = 0, counted = 0, samples = 0;
        // The confusion matrix of sequence classification, counted where the logits are
        // (flattened [true * C + predicted]): one small copy to the host per evaluation.
        const bool classify = m_cfg.model.head == "sequence_classification";
        const std::int64_t C = m_cfg.model.num_labels;
        at::Tensor confusion;
        if (classify)
            confusion = torch::zeros({C * C}, torch::TensorOptions().dtype(torch::kLong).device(ctx.device));
        // Ranks split the evaluation batches and sum their figures.
        for (int64_t b = m_rank; b < batches; b += m_worldSize) {
            const int64_t lo = b * t.batch_size, hi = std::min(n, lo + t.batch_size);
            const auto x = split.inputIds.slice(0, lo, hi).to(ctx.device);
            const auto y = targets.slice(0, lo, hi).to(ctx.device);
            AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
            const auto out = m_model->forward(x);
            const auto tl = taskLoss(m_cfg.model.head, out.logits, y);
            lossSum += tl.loss.item<double>() * double(hi - lo);
            samples += double(hi - lo);
            if (tl.correct.defined()) {
                correct += tl.correct.item<double>();
                counted += double(tl.counted);
            }
            if (classify) {
                const auto cell = y.to(torch::kLong) * C + out.logits.argmax(-1);
                confusion.index_add_(0, cell, torch::ones_like(cell));
            }
        }
        std::vector<double> figures{lossSum, samples, correct, counted};
        if (classify) {
            // Summed over ranks with the other figures (exact: counts stay far below 2^53).
            const auto host = confusion.cpu();
            const auto counts = host.accessor<std::int64_t, 1>();
            for (std::int64_t i = 0; i < C * C; ++i)
                figures.push_back(double(counts[i]));
        }
        const auto totals = reduceSum(std::move(figures));
        std::map<std::string, double> metrics{{"eval/loss", totals[0] / std::max(1.0, totals[1])}};
        if (totals[3] > 0)
            metrics["eval/accuracy"] = totals[2] / totals[3];
        if (classify) {
            ConfusionMatrix m = ConfusionMatrix::zeros(int(C));
            m.split = "eval";
            for (std::int64_t truth = 0; truth < C; ++truth)
                for (std::int64_t guess = 0; guess < C; ++guess)
                    m.counts[std::size_t(truth)][std::size_t(guess)] = std::llround(
                        totals[std::size_t(4 + truth * C + guess)]);
            m_lastConfusion = std::move(m);
        }
        return metrics;
    }

    std::optional<ConfusionMatrix> lastConfusion() const override { return m_lastConfusion; }

    bool hasAuxLoss() const override { return m_cfg.model.n_routed_experts > 0; }
    double tokensPerSample() const override { return m_cfg.data.seq_len; }

private:
    const RunConfig m_cfg;
    int m_rank, m_worldSize;
    TextDataset m_data;
    DeepSeekModel m_model;
    BatchStream m_batches;
    std::optional<ConfusionMatrix> m_lastConfusion;
};

} // namespace

std::unique_ptr<TrainingTask> makeTextTask(const RunConfig &config, int rank, int worldSize)
{
    return std::make_unique<TextTask>(config, rank, worldSize);
}

} // namespace seekbench::engine
