#include "crossmodal_data.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>

namespace seekbench::engine {
namespace {

constexpr double kMean = 0.2860, kStd = 0.3530; // Fashion-MNIST pixel statistics

// The images of `all` at `indices`, in that order.
LabelledImages subset(const LabelledImages &all, const std::vector<std::int64_t> &indices)
{
    LabelledImages out;
    out.rows = all.rows;
    out.cols = all.cols;
    out.count = std::int64_t(indices.size());
    const std::size_t px = std::size_t(all.rows) * std::size_t(all.cols);
    out.pixels.reserve(indices.size() * px);
    out.labels.reserve(indices.size());
    for (const std::int64_t i : indices) {
        const auto from = all.pixels.begin() + std::ptrdiff_t(std::size_t(i) * px);
        out.pixels.insert(out.pixels.end(), from, from + std::ptrdiff_t(px));
        out.labels.push_back(all.labels[std::size_t(i)]);
    }
    return out;
}

// The first `count` images of `all`; fileIndex[i] is the index of image i in its file.
FashionSplit makeSplit(const LabelledImages &all, std::int64_t count, const AttributeThresholds &thresholds,
                       const std::vector<std::int64_t> &fileIndex)
{
    FashionSplit s;
    count = std::min<std::int64_t>(count, all.count);
    const std::size_t px = std::size_t(all.rows) * std::size_t(all.cols);
    s.pixels.assign(all.pixels.begin(), all.pixels.begin() + std::ptrdiff_t(count * std::int64_t(px)));
    s.labels.assign(all.labels.begin(), all.labels.begin() + count);
    s.fileIndex.assign(fileIndex.begin(), fileIndex.begin() + count);
    s.attributes.reserve(std::size_t(count));
    s.mirroredAttributes.reserve(std::size_t(count));
    for (std::int64_t i = 0; i < count; ++i) {
        const int cls = s.labels[std::size_t(i)];
        ImageMeasures m = measureImage(s.pixels.data() + std::size_t(i) * px, all.rows, all.cols);
        s.attributes.push_back(thresholds.describe(m, cls));
        m.leftRight = -m.leftRight; // the mirror swaps the left and right halves' mass
        s.mirroredAttributes.push_back(thresholds.describe(m, cls));
    }
    s.images = torch::from_blob(s.pixels.data(), {count, 1, all.rows, all.cols}, torch::kUInt8)
                   .to(torch::kFloat)
                   .div_(255.0)
                   .sub_(kMean)
                   .div_(kStd);
    return s;
}

std::vector<std::int64_t> allIndices(std::int64_t n)
{
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

std::uint64_t fnv(std::uint64_t h, const std::uint8_t *p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

} // namespace

std::vector<std::int64_t> validationIndices(const std::vector<std::uint8_t> &labels, std::int64_t count,
                                            std::uint64_t seed)
{
    const auto n = std::int64_t(labels.size());
    count = std::clamp<std::int64_t>(count, 0, n);
    std::vector<std::vector<std::int64_t>> byClass;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::size_t c = labels[std::size_t(i)];
        if (byClass.size() <= c)
            byClass.resize(c + 1);
        byClass[c].push_back(i);
    }
    // Largest remainders: each class's exact share floored, the rest to the largest
    // fractions (the lower class first on ties).
    std::vector<std::int64_t> quota(byClass.size());
    std::vector<std::pair<std::int64_t, std::size_t>> fractions; // (-remainder numerator, class)
    std::int64_t given = 0;
    for (std::size_t c = 0; c < byClass.size(); ++c) {
        const std::int64_t exact = count * std::int64_t(byClass[c].size());
        quota[c] = n > 0 ? exact / n : 0;
        given += quota[c];
        fractions.push_back({n > 0 ? -(exact % n) : 0, c});
    }
    std::sort(fractions.begin(), fractions.end());
    for (std::size_t k = 0; given < count && k < fractions.size(); ++k, ++given)
        ++quota[fractions[k].second];
    std::mt19937_64 rng(seed ^ 0x56414c4944ull); // "VALID": apart from the other streams of data.seed
    std::vector<std::int64_t> out;
    out.reserve(std::size_t(count));
    for (std::size_t c = 0; c < byClass.size(); ++c) {
        auto members = byClass[c];
        std::shuffle(members.begin(), members.end(), rng);
        out.insert(out.end(), members.begin(), members.begin() + std::ptrdiff_t(quota[c]));
    }
    std::sort(out.begin(), out.end());
    return out;
}

FashionPairs loadFashionPairs(const RunConfig &config, bool withTrain)
{
    const auto &dir = config.crossmodal.data_dir;
    FashionPairs d;
    const LabelledImages file = readFashionMnist(dir, "train");
    const std::int64_t held = config.data.validation_samples;
    if (held < 1 || held >= file.count)
        throw std::invalid_argument("data.validation_samples: " + std::to_string(held)
                                    + " must be at least 1 and leave training images (the training split in " + dir
                                    + " has " + std::to_string(file.count) + ")");
    const auto validation = validationIndices(file.labels, held, config.data.seed);
    std::vector<std::int64_t> training;
    training.reserve(std::size_t(file.count - held));
    for (std::int64_t i = 0, v = 0; i < file.count; ++i) {
        if (v < std::int64_t(validation.size()) && validation[std::size_t(v)] == i)
            ++v;
        else
            training.push_back(i);
    }
    const LabelledImages trainImages = subset(file, training);
    d.thresholds = AttributeThresholds::fit(trainImages);
    if (withTrain) {
        d.train = makeSplit(trainImages, config.data.train_samples, d.thresholds, training);
        d.validation = makeSplit(subset(file, validation), held, d.thresholds, validation);
    }
    const LabelledImages test = readFashionMnist(dir, "test");
    d.test = makeSplit(test, config.data.eval_samples, d.thresholds, allIndices(test.count));
    std::uint64_t h = 1469598103934665603ull;
    for (const auto *s : {&d.train, &d.validation, &d.test}) {
        h = fnv(h, s->pixels.data(), s->pixels.size());
        h = fnv(h, s->labels.data(), s->labels.size());
    }
    d.fingerprint = h;
    return d;
}

at::Tensor shiftImages(const at::Tensor &images, const std::vector<std::array<int, 2>> &offsets)
{
    const std::int64_t n = images.size(0), rows = images.size(2), cols = images.size(3);
    if (std::int64_t(offsets.size()) != n)
        throw std::invalid_argument("shiftImages: one offset per image");
    int pad = 0;
    for (const auto &o : offsets)
        pad = std::max({pad, std::abs(o[0]), std::abs(o[1])});
    if (pad == 0)
        return images;
    const double background = (0.0 - kMean) / kStd;
    const auto padded = torch::constant_pad_nd(images, {pad, pad, pad, pad}, background);
    auto out = torch::empty_like(images);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto &o = offsets[std::size_t(i)];
        // Content moves by +dx, so the window starts dx to the left of the original.
        out[i].copy_(padded[i].slice(1, pad - o[1], pad - o[1] + rows).slice(2, pad - o[0], pad - o[0] + cols));
    }
    return out;
}

at::Tensor mirrorImages(const at::Tensor &images, const std::vector<bool> &mirrored)
{
    const std::int64_t n = images.size(0);
    if (std::int64_t(mirrored.size()) != n)
        throw std::invalid_argument("mirrorImages: one flag per image");
    auto flags = torch::zeros({n, 1, 1, 1}, torch::kBool);
    auto *f = flags.data_ptr<bool>();
    for (std::int64_t i = 0; i < n; ++i)
        f[i] = mirrored[std::size_t(i)];
    return torch::where(flags.to(images.device()), images.flip({3}), images);
}

EncodedCaptions encodeCaptions(const CaptionVocabulary &vocabulary,
                               const std::vector<std::vector<std::string>> &captions)
{
    const auto n = std::int64_t(captions.size());
    auto ids = torch::zeros({n, kCaptionTokens}, torch::kLong);
    auto mask = torch::zeros({n, kCaptionTokens}, torch::kBool);
    auto idsA = ids.accessor<std::int64_t, 2>();
    auto maskA = mask.accessor<bool, 2>();
    for (std::int64_t i = 0; i < n; ++i) {
        int len = 0;
        const auto enc = vocabulary.encode(captions[std::size_t(i)], &len);
        for (int t = 0; t < kCaptionTokens; ++t) {
            idsA[i][t] = enc[std::size_t(t)];
            maskA[i][t] = t < len;
        }
    }
    return {ids, mask};
}

std::vector<std::vector<std::string>> candidateCaptions(const CrossModalConfig &config, int cls,
                                                        const CaptionAttributes &attributes, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const bool useTemplate = u(rng) < config.template_share;
    const CaptionAttributes *a = useTemplate ? nullptr : &attributes;
    std::vector<std::vector<std::string>> out{CaptionVocabulary::caption(cls, a)};

    int remaining = config.negatives;
    if (!useTemplate && config.attribute_negative && remaining > 0) {
        // Same class, one attribute changed: matching must read the image, not only the class.
        CaptionAttributes changed = attributes;
        const int which = int(rng() % 3);
        if (which == 0)
            changed.size = (changed.size + 1 + int(rng() % 2)) % 3;
        else if (which == 1)
            changed.brightness = (changed.brightness + 1 + int(rng() % 2)) % 3;
        else
            changed.side = (changed.side + 1 + int(rng() % 3)) % 4;
        out.push_back(CaptionVocabulary::caption(cls, &changed));
        --remaining;
    }
    std::vector<int> used{cls};
    auto unused = [&](int c) { return std::find(used.begin(), used.end(), c) == used.end(); };
    for (; remaining > 0; --remaining) {
        std::vector<int> pool;
        if (u(rng) < config.hard_negative_share)
            for (int c : similarClasses(cls))
                if (unused(c))
                    pool.push_back(c);
        if (pool.empty())
            for (int c = 0; c < kFashionClasses; ++c)
                if (unused(c))
                    pool.push_back(c);
        if (pool.empty()) // more negatives than classes: repeat
            for (int c = 0; c < kFashionClasses; ++c)
                if (c != cls)
                    pool.push_back(c);
        const int neg = pool[rng() % pool.size()];
        used.push_back(neg);
        out.push_back(CaptionVocabulary::caption(neg, a));
    }
    return out;
}

std::vector<std::vector<std::string>> classTemplates()
{
    std::vector<std::vector<std::string>> out;
    for (int c = 0; c < kFashionClasses; ++c)
        out.push_back(CaptionVocabulary::caption(c, nullptr));
    return out;
}

} // namespace seekbench::engine
