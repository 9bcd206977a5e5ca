#include "crossmodal_data.h"

#include <torch/torch.h>

#include <algorithm>
#include <stdexcept>

namespace seekbench::engine {
namespace {

constexpr double kMean = 0.2860, kStd = 0.3530; // Fashion-MNIST pixel statistics

FashionSplit makeSplit(const LabelledImages &all, std::int64_t count, const AttributeThresholds &thresholds)
{
    FashionSplit s;
    count = std::min<std::int64_t>(count, all.count);
    const std::size_t px = std::size_t(all.rows) * std::size_t(all.cols);
    s.pixels.assign(all.pixels.begin(), all.pixels.begin() + std::ptrdiff_t(count * std::int64_t(px)));
    s.labels.assign(all.labels.begin(), all.labels.begin() + count);
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

std::uint64_t fnv(std::uint64_t h, const std::uint8_t *p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

} // namespace

FashionPairs loadFashionPairs(const RunConfig &config, bool withTrain)
{
    const auto &dir = config.crossmodal.data_dir;
    FashionPairs d;
    const LabelledImages train = readFashionMnist(dir, "train");
    d.thresholds = AttributeThresholds::fit(train);
    if (withTrain)
        d.train = makeSplit(train, config.data.train_samples, d.thresholds);
    d.test = makeSplit(readFashionMnist(dir, "test"), config.data.eval_samples, d.thresholds);
    std::uint64_t h = 1469598103934665603ull;
    for (const auto *s : {&d.train, &d.test}) {
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
