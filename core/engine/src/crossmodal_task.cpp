#include "crossmodal_task.h"

#include "attention_capture.h"
#include "autocast.h"
#include "checkpoint.h"
#include "crossmodal_data.h"
#include "crossmodal_model.h"

#include "seekbench/formats/atomic_file.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <random>

namespace seekbench::engine {
namespace {

std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9e3779b97f4a7c15ull + (b << 6) + (b >> 2);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

class CrossModalTask final : public TrainingTask
{
public:
    // Without `withTrain` the task only scores the test split (scoreCrossModalTest).
    CrossModalTask(const RunConfig &config, int rank, int worldSize, bool withTrain = true)
        : m_cfg(config), m_rank(rank), m_worldSize(worldSize), m_data(loadFashionPairs(config, withTrain)),
          m_model(config)
    {
        if (withTrain)
            shuffle();
    }

    torch::nn::Module &module() override { return *m_model; }
    std::uint64_t dataFingerprint() const override { return m_data.fingerprint; }

    MicroStep trainMicroStep(const StepContext &ctx) override
    {
        const int B = m_cfg.training.batch_size;
        const std::int64_t n = m_data.train.count();
        if (m_cursor + std::int64_t(B) * m_worldSize > n) {
            ++m_epoch;
            m_cursor = 0;
            shuffle();
        }
        const auto idx = m_order.slice(0, m_cursor + std::int64_t(m_rank) * B, m_cursor + std::int64_t(m_rank + 1) * B);
        const std::int64_t start = m_cursor;
        m_cursor += std::int64_t(B) * m_worldSize;

        auto images = m_data.train.images.index_select(0, idx);
        std::vector<bool> mirrored(static_cast<std::size_t>(B), false);
        if (m_cfg.crossmodal.augment_flip) {
            for (int i = 0; i < B; ++i) {
                auto rng = imageRng(kMirrorStream, start, i);
                mirrored[std::size_t(i)] = std::uniform_int_distribution<int>(0, 1)(rng) == 1;
            }
            images = mirrorImages(images, mirrored);
        }
        if (const int s = m_cfg.crossmodal.augment_shift; s > 0) {
            // The captions do not change with the shift.
            std::vector<std::array<int, 2>> offsets(static_cast<std::size_t>(B));
            for (int i = 0; i < B; ++i) {
                auto rng = imageRng(kShiftStream, start, i);
                std::uniform_int_distribution<int> d(-s, s);
                offsets[std::size_t(i)] = {d(rng), d(rng)};
            }
            images = shiftImages(images, offsets);
        }
        images = images.to(ctx.device);
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        if (m_model->imageOnly()) {
            const auto labels = labelsOf(m_data.train, idx).to(ctx.device);
            const auto out = m_model->classify(images);
            const auto loss = torch::cross_entropy_loss(out.logits.to(torch::kFloat), labels);
            return {loss + out.auxLoss, loss.item<double>(), out.auxLoss.item<double>()};
        }
        std::vector<std::vector<std::string>> captions;
        const auto idxA = idx.accessor<std::int64_t, 1>();
        for (int i = 0; i < B; ++i) {
            auto rng = imageRng(kCaptionStream, start, i);
            const auto s = std::size_t(idxA[i]);
            const auto &attributes = mirrored[std::size_t(i)] ? m_data.train.mirroredAttributes[s]
                                                              : m_data.train.attributes[s];
            auto c = candidateCaptions(m_cfg.crossmodal, m_data.train.labels[s], attributes, rng);
            captions.insert(captions.end(), c.begin(), c.end());
        }
        auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(ctx.device));
        const auto img = m_model->encodeImage(images, aux);
        const auto loss = pairLoss(img, captions, aux, ctx).loss;
        auto total = loss.first;
        const auto labels = labelsOf(m_data.train, idx).to(ctx.device);
        if (m_cfg.crossmodal.image_loss_weight > 0) {
            total = total
                    + m_cfg.crossmodal.image_loss_weight
                          * torch::cross_entropy_loss(m_model->imageClassLogits(img).to(torch::kFloat), labels);
        }
        const double w = m_cfg.crossmodal.template_loss_weight;
        if (w > 0) {
            // Evaluation classifies by scoring against the ten class templates; train
            // that decision directly, on the same image encoding.
            // On the first share of the (shuffled) batch only, when template_loss_share < 1.
            const auto scored
                = std::clamp<std::int64_t>(std::int64_t(std::ceil(m_cfg.crossmodal.template_loss_share * B - 1e-9)), 0,
                                           B);
            if (scored > 0) {
                const auto logits = classScores(img.slice(0, 0, scored), templatesOn(ctx.device), aux);
                total = total + w * torch::cross_entropy_loss(logits, labels.slice(0, 0, scored));
            }
        }
        return {total + aux, total.item<double>(), aux.item<double>()};
    }

    std::int64_t epoch() const override { return m_epoch; }
    std::int64_t cursor() const override { return m_cursor; }
    void seek(std::int64_t epoch, std::int64_t cursor) override
    {
        m_epoch = epoch;
        m_cursor = cursor;
        shuffle();
    }

    // Training evaluates the validation split (held out of the training images): eval/*,
    // early stopping and keep-best never see the test split.
    void writeExamples(const std::filesystem::path &outDir, std::int64_t step) override
    {
        torch::NoGradGuard noGrad;
        const auto examples = attentionExamples(m_model, m_data.validation, "validation", m_data.vocabulary,
                                                m_cfg.crossmodal, {}, step);
        std::filesystem::create_directories((outDir / kAttentionExamplesFile).parent_path());
        AtomicFile file(outDir / kAttentionExamplesFile, "attention examples");
        file.write(toJson(examples) + "\n");
        file.commit();
    }

    std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &reduceSum) override
    {
        return evaluateSplit(m_data.validation, m_cfg.training.eval_batches, "eval/", ctx, reduceSum);
    }

    // The test split, every batch, as test/*: scored once, on the final or kept-best model.
    std::map<std::string, double> evaluateTest(const StepContext &ctx)
    {
        return evaluateSplit(m_data.test, 0, "test/", ctx, [](std::vector<double> v) { return v; });
    }

    std::int64_t testSamples() const { return m_data.test.count(); }

    // eval/loss, eval/accuracy, ... over the first `maxBatches` batches of `split` (all for 0).
    std::map<std::string, double> evaluateSplit(const FashionSplit &split, std::int64_t maxBatches,
                                                const std::string &prefix, const StepContext &ctx,
                                                const ReduceSum &reduceSum)
    {
        const auto &t = m_cfg.training;
        const std::int64_t n = split.count();
        std::int64_t batches = (n + t.batch_size - 1) / t.batch_size;
        if (maxBatches > 0)
            batches = std::min<std::int64_t>(batches, maxBatches);
        double lossSum = 0, samples = 0, classCorrect = 0 /* ViT head or templates */, matched = 0, gateImage = 0,
               headCorrect = 0, fusedCorrect = 0;
        const bool head = m_cfg.crossmodal.image_loss_weight > 0;
        const bool fused = !m_model->imageOnly() && m_cfg.crossmodal.decision == "fused";
        const EncodedCaptions &templates = templatesOn(ctx.device);
        // The confusion matrix of the prediction <prefix>accuracy scores, flattened
        // [true * C + predicted] and counted on the device.
        constexpr std::int64_t C = kFashionClasses;
        auto confusion = torch::zeros({C * C}, torch::TensorOptions().dtype(torch::kLong).device(ctx.device));
        const auto countPredictions = [&](const at::Tensor &labels, const at::Tensor &predicted) {
            const auto cell = labels * C + predicted;
            confusion.index_add_(0, cell, torch::ones_like(cell));
        };
        for (std::int64_t b = m_rank; b < batches; b += m_worldSize) {
            const std::int64_t lo = b * t.batch_size, hi = std::min(n, lo + t.batch_size);
            const auto idx = torch::arange(lo, hi, torch::kLong);
            const auto images = split.images.slice(0, lo, hi).to(ctx.device);
            const auto labels = labelsOf(split, idx).to(ctx.device);
            AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
            samples += double(hi - lo);
            if (m_model->imageOnly()) {
                const auto logits = m_model->classify(images).logits.to(torch::kFloat);
                lossSum += torch::cross_entropy_loss(logits, labels).item<double>() * double(hi - lo);
                const auto predicted = logits.argmax(1);
                classCorrect += predicted.eq(labels).sum().item<double>(); // the ViT head
                countPredictions(labels, predicted);
                continue;
            }
            // Matching: fixed negatives per image (seeded by data.seed and its index in the split).
            std::vector<std::vector<std::string>> captions;
            for (std::int64_t i = lo; i < hi; ++i) {
                std::mt19937_64 rng(mix(m_cfg.data.seed, std::uint64_t(i)));
                auto c = candidateCaptions(m_cfg.crossmodal, split.labels[std::size_t(i)],
                                           split.attributes[std::size_t(i)], rng);
                captions.insert(captions.end(), c.begin(), c.end());
            }
            auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(ctx.device));
            const auto img = m_model->encodeImage(images, aux);
            const auto pair = pairLoss(img, captions, aux, ctx);
            lossSum += pair.loss.first.item<double>() * double(hi - lo);
            matched += pair.logits.argmax(1).eq(0).sum().item<double>();
            gateImage += pair.gateImage;
            // Classification: every image against the ten class templates, or (decision
            // "fused") the templates' and the auxiliary head's log-probabilities added.
            const auto templateScores = classScores(img, templates, aux);
            const auto templatePredicted = templateScores.argmax(1);
            classCorrect += templatePredicted.eq(labels).sum().item<double>();
            at::Tensor fusedPredicted;
            if (head) {
                // The auxiliary head's own answer, to show what the template scoring adds or loses.
                const auto headLogits = m_model->imageClassLogits(img).to(torch::kFloat);
                headCorrect += headLogits.argmax(1).eq(labels).sum().item<double>();
                fusedPredicted = CrossModalModelImpl::fuse(templateScores, headLogits).argmax(1);
                fusedCorrect += fusedPredicted.eq(labels).sum().item<double>();
            }
            countPredictions(labels, fused && fusedPredicted.defined() ? fusedPredicted : templatePredicted);
        }
        std::vector<double> figures{lossSum, samples, classCorrect, matched, gateImage, headCorrect, fusedCorrect};
        {
            // Summed over ranks with the other figures (exact: counts stay far below 2^53).
            const auto host = confusion.cpu();
            const auto counts = host.accessor<std::int64_t, 1>();
            for (std::int64_t i = 0; i < C * C; ++i)
                figures.push_back(double(counts[i]));
        }
        const auto totals = reduceSum(std::move(figures));
        ConfusionMatrix matrix;
        matrix.split = prefix == "test/" ? "test" : "validation";
        matrix.classes.assign(fashionClassNames().begin(), fashionClassNames().end());
        matrix.counts.assign(std::size_t(C), std::vector<std::int64_t>(std::size_t(C), 0));
        for (std::int64_t truth = 0; truth < C; ++truth)
            for (std::int64_t guess = 0; guess < C; ++guess)
                matrix.counts[std::size_t(truth)][std::size_t(guess)] = std::llround(
                    totals[std::size_t(7 + truth * C + guess)]);
        m_lastConfusion = std::move(matrix);
        const double count = std::max(1.0, totals[1]);
        std::map<std::string, double> metrics{{prefix + "loss", totals[0] / count},
                                              {prefix + "accuracy", (fused ? totals[6] : totals[2]) / count}};
        if (!m_model->imageOnly()) {
            metrics[prefix + "match_accuracy"] = totals[3] / count;
            metrics[prefix + "gate_image"] = totals[4] / count;
            metrics[prefix + "template_accuracy"] = totals[2] / count;
            if (head) {
                metrics[prefix + "image_head_accuracy"] = totals[5] / count;
                metrics[prefix + "fused_accuracy"] = totals[6] / count;
            }
        }
        return metrics;
    }

    std::optional<ConfusionMatrix> lastConfusion() const override { return m_lastConfusion; }

    bool hasAuxLoss() const override { return m_cfg.model.n_routed_experts > 0; }

    void writeArtifacts(const std::filesystem::path &outDir) const override
    {
        if (m_model->imageOnly())
            return;
        std::filesystem::create_directories(outDir);
        std::ofstream out(outDir / "vocab.json", std::ios::binary | std::ios::trunc);
        out << m_data.vocabulary.toJson(m_data.thresholds) << "\n";
        if (!out)
            throw std::runtime_error("cannot write " + (outDir / "vocab.json").string());
    }

private:
    // Random streams per training image: its captions, its shift and its mirroring.
    static constexpr std::uint64_t kCaptionStream = 0, kShiftStream = 0x5348494654ull,
                                   kMirrorStream = 0x4d4952524f52ull;

    // A pure function of (seed, stream, epoch, position in the epoch's order), so a resumed
    // run draws exactly what the uninterrupted run drew.
    std::mt19937_64 imageRng(std::uint64_t stream, std::int64_t start, int i) const
    {
        const std::int64_t position = start + std::int64_t(m_rank) * m_cfg.training.batch_size + i;
        return std::mt19937_64(mix(mix(m_cfg.training.seed ^ stream, std::uint64_t(m_epoch)), std::uint64_t(position)));
    }

    struct PairResult
    {
        std::pair<at::Tensor, at::Tensor> loss; // task loss, aux loss
        at::Tensor logits;                      // [B, K]
        double gateImage = 0;                   // summed over the matched pairs
    };

    // `img` is the encoded batch; `aux` collects the MoE balance loss of every pass.
    PairResult pairLoss(const at::Tensor &img, const std::vector<std::vector<std::string>> &captions, at::Tensor &aux,
                        const StepContext &ctx)
    {
        const std::int64_t B = img.size(0), K = std::int64_t(captions.size()) / B;
        const auto enc = withoutPaddingColumns(encodeCaptions(m_data.vocabulary, captions));
        const auto ids = enc.ids.to(ctx.device), mask = enc.mask.to(ctx.device);
        const auto txt = m_model->encodeText(ids, mask, aux);
        const auto pairImage
            = torch::arange(B, torch::TensorOptions().dtype(torch::kLong).device(ctx.device)).repeat_interleave(K);
        const auto pairText = torch::arange(B * K, pairImage.options());
        const auto out = m_model->matchPairs(img, txt, mask, pairImage, pairText, aux);
        const auto logits = out.logits.to(torch::kFloat).view({B, K});
        const auto target = torch::zeros({B}, torch::TensorOptions().dtype(torch::kLong).device(ctx.device));
        PairResult r;
        aux = out.auxLoss;
        r.loss = {torch::cross_entropy_loss(logits, target), out.auxLoss};
        r.logits = logits.detach();
        r.gateImage = out.gate.view({B, K, 2}).select(1, 0).select(1, 1).to(torch::kFloat).sum().item<double>();
        return r;
    }

    // Match logits of every encoded image against the ten class templates: [B, 10].
    at::Tensor classScores(const at::Tensor &img, const EncodedCaptions &templates, at::Tensor &aux)
    {
        const auto txt = m_model->encodeText(templates.ids, templates.mask, aux);
        return m_model->scoreAll(img, txt, templates.mask, aux).to(torch::kFloat);
    }

    const EncodedCaptions &templatesOn(const torch::Device &device)
    {
        if (!m_templates.ids.defined() || m_templates.ids.device() != device) {
            m_templates = withoutPaddingColumns(encodeCaptions(m_data.vocabulary, classTemplates()));
            m_templates.ids = m_templates.ids.to(device);
            m_templates.mask = m_templates.mask.to(device);
        }
        return m_templates;
    }

    // Drops the trailing columns that are padding in every caption: padded positions are
    // masked out of every attention and of the pooling, so the scores are the same, and the
    // cross layers (which run per pair) skip the work. Templates are 5 tokens, not 8.
    static EncodedCaptions withoutPaddingColumns(EncodedCaptions enc)
    {
        const std::int64_t longest = enc.mask.sum(1).max().item<std::int64_t>();
        if (longest > 0 && longest < enc.ids.size(1)) {
            enc.ids = enc.ids.slice(1, 0, longest).contiguous();
            enc.mask = enc.mask.slice(1, 0, longest).contiguous();
        }
        return enc;
    }

    static at::Tensor labelsOf(const FashionSplit &split, const at::Tensor &idx)
    {
        auto labels = torch::empty({idx.size(0)}, torch::kLong);
        const auto idxA = idx.accessor<std::int64_t, 1>();
        auto out = labels.accessor<std::int64_t, 1>();
        for (std::int64_t i = 0; i < idx.size(0); ++i)
            out[i] = split.labels[std::size_t(idxA[i])];
        return labels;
    }

    void shuffle()
    {
        std::vector<std::int64_t> order(std::size_t(m_data.train.count()));
        std::iota(order.begin(), order.end(), 0);
        std::mt19937_64 rng(mix(m_cfg.training.seed, std::uint64_t(m_epoch) + 1));
        std::shuffle(order.begin(), order.end(), rng);
        m_order = torch::tensor(order, torch::kLong);
    }

    const RunConfig m_cfg;
    int m_rank, m_worldSize;
    FashionPairs m_data;
    CrossModalModel m_model;
    std::int64_t m_epoch = 0, m_cursor = 0;
    at::Tensor m_order;
    EncodedCaptions m_templates; // the ten class templates, encoded once
    std::optional<ConfusionMatrix> m_lastConfusion;
};

} // namespace

std::unique_ptr<TrainingTask> makeCrossModalTask(const RunConfig &config, int rank, int worldSize)
{
    return std::make_unique<CrossModalTask>(config, rank, worldSize);
}

std::map<std::string, double> scoreCrossModalTest(const RunConfig &config, const std::string &payload,
                                                  const std::string &source, const StepContext &ctx,
                                                  std::int64_t *samples)
{
    CrossModalTask task(config, 0, 1, /*withTrain=*/false);
    if (samples)
        *samples = task.testSamples();
    loadModelWeights(payload, source, task.module());
    task.module().to(ctx.device);
    task.module().eval();
    torch::NoGradGuard noGrad;
    return task.evaluateTest(ctx);
}

} // namespace seekbench::engine
