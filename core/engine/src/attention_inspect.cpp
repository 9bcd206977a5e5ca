#include "seekbench/engine/attention_inspect.h"

#include "attention_capture.h"
#include "checkpoint.h"
#include "crossmodal_data.h"
#include "crossmodal_model.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/formats/checkpoint_file.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace seekbench {
namespace {

using engine::CrossModalModel;
using engine::objectShares;

struct LoadedModel
{
    RunConfig config;
    std::int64_t step = 0;
    CrossModalModel model{nullptr};
};

LoadedModel loadModel(const std::filesystem::path &checkpoint, const std::filesystem::path &dataDir)
{
    const CheckpointContents contents = readCheckpointFile(checkpoint);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(contents.info.headerJson);
    } catch (const nlohmann::json::exception &e) {
        throw CheckpointError("checkpoint " + checkpoint.string() + ": unreadable header: " + e.what());
    }
    const ConfigLoad load = parseRunConfig(header.value("config_yaml", std::string()));
    if (!load.issues.empty())
        throw CheckpointError("checkpoint " + checkpoint.string()
                              + ": its config does not load: " + describe(load.issues.front()));
    LoadedModel m;
    m.config = load.config;
    if (m.config.data.kind != "fashion_mnist_pairs")
        throw std::invalid_argument("checkpoint " + checkpoint.string() + " is a '" + m.config.data.kind
                                    + "' run; attention inspection needs a fashion_mnist_pairs run");
    if (!dataDir.empty())
        m.config.crossmodal.data_dir = dataDir.string();
    m.step = contents.info.step;
    m.model = CrossModalModel(m.config);
    engine::loadModelWeights(contents.payload, checkpoint.string(), *m.model);
    m.model->eval();
    return m;
}

} // namespace

struct AttentionSession::State
{
    std::filesystem::path checkpoint, dataDir;
    LoadedModel m;
    engine::FashionPairs test; // test split only, grown on demand
};

AttentionSession::AttentionSession(const std::filesystem::path &checkpoint, const std::filesystem::path &dataDir)
    : d(std::make_unique<State>())
{
    d->checkpoint = checkpoint;
    d->dataDir = dataDir;
    d->m = loadModel(checkpoint, dataDir);
    RunConfig dataConfig = d->m.config;
    dataConfig.data.eval_samples = std::max(1, d->m.config.data.eval_samples);
    d->test = engine::loadFashionPairs(dataConfig, false);
}

AttentionSession::~AttentionSession() = default;

std::int64_t AttentionSession::step() const { return d->m.step; }

std::int64_t AttentionSession::testSamples() const { return d->test.test.count(); }

AttentionInspection AttentionSession::inspect(const InspectRequest &request)
{
    if (request.split != "test" && request.split != "train")
        throw std::invalid_argument("split '" + request.split + "' is not test or train");
    const bool train = request.split == "train";
    if (request.sample < 0)
        throw std::invalid_argument("sample " + std::to_string(request.sample) + " is negative");
    engine::FashionPairs loaded;
    if (train || request.sample >= d->test.test.count()) {
        RunConfig dataConfig = d->m.config;
        dataConfig.data.train_samples = train ? int(request.sample + 1) : 1;
        dataConfig.data.eval_samples = train ? 1 : int(request.sample + 1);
        loaded = engine::loadFashionPairs(dataConfig, train);
    }
    const engine::FashionPairs &data = (train || request.sample >= d->test.test.count()) ? loaded : d->test;
    const engine::FashionSplit &split = train ? data.train : data.test;
    if (request.sample >= split.count())
        throw std::invalid_argument("sample " + std::to_string(request.sample) + " is outside the " + request.split
                                    + " split (" + std::to_string(split.count()) + " images)");
    if (request.captionClass < -1 || request.captionClass >= kFashionClasses)
        throw std::invalid_argument("caption class " + std::to_string(request.captionClass) + " is not 0..9");

    return captureAttention(d->m.model, split, request.split, data.vocabulary, d->m.config.crossmodal,
                            {request.sample, request.captionClass, request.templateCaption, request.gradients},
                            d->checkpoint.string(), d->m.step);
}

AttentionExamples AttentionSession::examples(const std::string &split)
{
    if (split != "validation" && split != "test")
        throw std::invalid_argument("split '" + split + "' is not validation or test");
    torch::NoGradGuard noGrad;
    if (split == "test")
        return engine::attentionExamples(d->m.model, d->test.test, split, d->test.vocabulary, d->m.config.crossmodal,
                                         d->checkpoint.string(), d->m.step);
    RunConfig dataConfig = d->m.config;
    dataConfig.data.train_samples = 1; // the validation split is held out of the file whatever this is
    const engine::FashionPairs data = engine::loadFashionPairs(dataConfig, true);
    return engine::attentionExamples(d->m.model, data.validation, split, data.vocabulary, d->m.config.crossmodal,
                                     d->checkpoint.string(), d->m.step);
}

TestSetSummary AttentionSession::testSet(int samples, int perClass, std::int64_t offset)
{
    torch::NoGradGuard noGrad;
    CrossModalModel &model = d->m.model;
    if (model->imageOnly())
        throw std::invalid_argument("the test-set pass needs a crossmodal run, not image_only");
    const auto &split = d->test.test;
    const std::int64_t first = std::clamp<std::int64_t>(offset, 0, split.count());
    const std::int64_t n = std::min<std::int64_t>(first + samples, split.count());
    TestSetSummary r;
    r.checkpoint = d->checkpoint.string();
    r.step = d->m.step;
    for (const auto &name : fashionClassNames())
        r.classes.push_back(name);
    const auto templ = engine::encodeCaptions(d->test.vocabulary, engine::classTemplates());
    const std::int64_t batch = 128;
    auto aux = torch::zeros({});
    const auto templText = model->encodeText(templ.ids, templ.mask, aux);
    std::vector<int> galleryCount(std::size_t(kFashionClasses), 0);
    for (std::int64_t lo = first; lo < n; lo += batch) {
        const std::int64_t hi = std::min(n, lo + batch);
        const auto images = split.images.slice(0, lo, hi);
        const auto img = model->encodeImage(images, aux);
        // Every image against the ten templates: [B*C] pairs, image-major.
        const auto scores = model->decide(img, model->scoreAll(img, templText, templ.mask, aux)).argmax(1).contiguous();
        std::vector<std::vector<std::string>> captions;
        for (std::int64_t i = lo; i < hi; ++i)
            captions.push_back(
                CaptionVocabulary::caption(split.labels[std::size_t(i)], &split.attributes[std::size_t(i)]));
        const auto enc = engine::encodeCaptions(d->test.vocabulary, captions);
        const auto gate = model->match(img, model->encodeText(enc.ids, enc.mask, aux), enc.mask, aux)
                              .gate.to(torch::kDouble)
                              .contiguous();
        const auto pred = scores.accessor<std::int64_t, 1>();
        const auto g = gate.accessor<double, 2>();
        for (std::int64_t i = lo; i < hi; ++i) {
            TestSample t;
            t.index = i;
            t.label = split.labels[std::size_t(i)];
            t.predicted = int(pred[i - lo]);
            t.gateText = g[i - lo][0];
            t.gateImage = g[i - lo][1];
            r.samples.push_back(t);
            if (galleryCount[std::size_t(t.label)]++ < perClass)
                r.gallery.push_back(
                    {i, std::vector<std::uint8_t>(split.pixels.begin() + std::ptrdiff_t(i * 784),
                                                  split.pixels.begin() + std::ptrdiff_t((i + 1) * 784))});
        }
    }
    return r;
}

AttentionInspection inspectAttention(const InspectRequest &request)
{
    AttentionSession session(request.checkpoint, request.dataDir);
    return session.inspect(request);
}

AttentionSanity measureAttentionSanity(const std::filesystem::path &checkpoint, int samples,
                                       const std::filesystem::path &dataDir)
{
    torch::NoGradGuard noGrad;
    LoadedModel m = loadModel(checkpoint, dataDir);
    if (m.model->imageOnly() || m.config.crossmodal.cross_layers < 1)
        throw std::invalid_argument("attention sanity needs a crossmodal run with at least one cross layer");
    RunConfig dataConfig = m.config;
    dataConfig.data.eval_samples = samples;
    const engine::FashionPairs data = engine::loadFashionPairs(dataConfig, false);
    const auto &split = data.test;
    const int patch = m.config.crossmodal.patch_size;
    AttentionSanity r;
    r.samples = int(split.count());
    m.model->setCapture(true);
    for (bool templ : {false, true}) {
        double share = 0, uniform = 0;
        const std::int64_t batch = 256;
        for (std::int64_t lo = 0; lo < split.count(); lo += batch) {
            const std::int64_t hi = std::min(split.count(), lo + batch);
            std::vector<std::vector<std::string>> captions;
            for (std::int64_t i = lo; i < hi; ++i)
                captions.push_back(CaptionVocabulary::caption(split.labels[std::size_t(i)],
                                                              templ ? nullptr : &split.attributes[std::size_t(i)]));
            const auto enc = engine::encodeCaptions(data.vocabulary, captions);
            m.model->forward(split.images.slice(0, lo, hi), enc.ids, enc.mask);
            at::Tensor last;
            for (const auto &c : m.model->captured())
                if (c.kind == "text_to_image")
                    last = c.weights;
            // [N, heads, T, P] -> class token row, mean over heads -> [N, P]
            const auto rows = last.select(2, CaptionVocabulary::classTokenIndex(templ)).mean(1).contiguous();
            const auto acc = rows.accessor<float, 2>();
            for (std::int64_t i = lo; i < hi; ++i) {
                const auto shares = objectShares(split.pixels.data() + std::size_t(i) * 784, 28, 28, patch);
                int objectPatches = 0;
                for (std::size_t p = 0; p < shares.size(); ++p) {
                    if (shares[p] >= 0.5f) {
                        share += acc[i - lo][std::int64_t(p)];
                        ++objectPatches;
                    }
                }
                uniform += double(objectPatches) / double(shares.size());
            }
        }
        (templ ? r.templateObjectShare : r.objectShare) = share / double(r.samples);
        r.uniformShare = uniform / double(r.samples);
    }
    m.model->setCapture(false);
    return r;
}

} // namespace seekbench
