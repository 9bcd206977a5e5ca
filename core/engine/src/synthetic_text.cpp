#include "synthetic_text.h"

#include <torch/torch.h>

#include <cstdint>
#include <random>

namespace seekbench::engine {
namespace {

constexpr int kMotifsPerClass = 4;
constexpr int kTokensPerClass = 8;

double labelNoise(const DataConfig &d) { return 0.1 * d.difficulty; }

TextSplit generateSplit(const DataConfig &d, int vocab, int count, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    const int C = d.num_classes, T = d.seq_len;
    const int noiseBase = 1 + kTokensPerClass * C;
    std::uniform_int_distribution<int> noiseTok(noiseBase, vocab - 1);
    std::uniform_int_distribution<int> classDist(0, C - 1);
    std::uniform_int_distribution<int> motifDist(0, kMotifsPerClass - 1);
    std::uniform_int_distribution<int> posDist(0, T - 2);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    // Motif m of class c is the bigram (a, b) from c's reserved tokens.
    auto motif = [&](int c, int m) {
        const int base = 1 + kTokensPerClass * c;
        return std::pair<int, int>(base + m, base + (m + 1 + m % 3) % kTokensPerClass);
    };

    auto ids = torch::empty({count, T}, torch::kLong);
    auto tokenLabels = torch::zeros({count, T}, torch::kLong);
    auto labels = torch::empty({count}, torch::kLong);
    auto targets = torch::empty({count}, torch::kFloat);
    auto idsA = ids.accessor<int64_t, 2>();
    auto tokA = tokenLabels.accessor<int64_t, 2>();
    auto labA = labels.accessor<int64_t, 1>();
    auto tgtA = targets.accessor<float, 1>();

    const int planted = std::max(2, T / 10);
    const int distractors = static_cast<int>(d.difficulty * (planted - 1));
    for (int i = 0; i < count; ++i) {
        const int c = classDist(rng);
        for (int t = 0; t < T; ++t)
            idsA[i][t] = noiseTok(rng);
        auto plant = [&](int cls) {
            const auto [a, b] = motif(cls, motifDist(rng));
            const int p = posDist(rng);
            // Corruption: with difficulty, one token of the motif turns to noise.
            const bool corrupt = unit(rng) < 0.3 * d.difficulty;
            idsA[i][p] = a;
            idsA[i][p + 1] = corrupt ? noiseTok(rng) : b;
            tokA[i][p] = 1 + cls;
            tokA[i][p + 1] = corrupt ? 0 : 1 + cls;
        };
        for (int k = 0; k < distractors; ++k) {
            int other = classDist(rng);
            if (other == c)
                other = (other + 1) % C;
            plant(other);
        }
        for (int k = 0; k < planted; ++k)
            plant(c);
        int label = c;
        if (unit(rng) < labelNoise(d))
            label = classDist(rng);
        labA[i] = label;
        tgtA[i] = C > 1 ? float(label) / float(C - 1) : 0.0f;
    }
    return {ids, labels, tokenLabels, targets};
}

void fnv(std::uint64_t &h, const at::Tensor &t)
{
    const auto c = t.contiguous();
    const auto *p = static_cast<const unsigned char *>(c.data_ptr());
    const auto n = c.numel() * c.element_size();
    for (int64_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
}

} // namespace

TextDataset generateSyntheticText(const DataConfig &d, int vocabSize)
{
    TextDataset ds;
    ds.train = generateSplit(d, vocabSize, d.train_samples, d.seed);
    ds.eval = generateSplit(d, vocabSize, d.eval_samples, d.seed ^ 0x9E3779B97F4A7C15ull);
    std::uint64_t h = 1469598103934665603ull;
    for (const auto *split : {&ds.train, &ds.eval}) {
        fnv(h, split->inputIds);
        fnv(h, split->labels);
    }
    ds.fingerprint = h;
    return ds;
}

double syntheticTextAccuracyCeiling(const DataConfig &d)
{
    const double p = labelNoise(d);
    // A flipped label still lands on the true class with probability 1/C.
    return (1.0 - p) + p / d.num_classes;
}

} // namespace seekbench::engine
