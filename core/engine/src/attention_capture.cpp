#include "attention_capture.h"

#include "seekbench/formats/fashion_captions.h"

#include <torch/torch.h>

#include <cstdint>
#include <optional>

namespace seekbench::engine {
namespace {

c10::Device deviceOf(CrossModalModel &model)
{
    const auto params = model->parameters();
    return params.empty() ? c10::Device(c10::kCPU) : params.front().device();
}

} // namespace

std::vector<float> objectShares(const std::uint8_t *pixels, int rows, int cols, int patch)
{
    const int gr = rows / patch, gc = cols / patch;
    std::vector<float> out(std::size_t(gr * gc), 0.0f);
    for (int r = 0; r < gr * patch; ++r)
        for (int c = 0; c < gc * patch; ++c)
            if (pixels[r * cols + c] >= kObjectPixelThreshold)
                out[std::size_t((r / patch) * gc + c / patch)] += 1.0f / float(patch * patch);
    return out;
}

namespace {

AttentionMap toMap(const engine::CapturedAttention &c, int textLength)
{
    // Trim the caption axes to the real tokens (padding has zero weight).
    at::Tensor w = c.weights.select(0, 0);
    if (c.kind == "text_self" || c.kind == "text_to_image")
        w = w.slice(1, 0, textLength);
    if (c.kind == "text_self" || c.kind == "image_to_text")
        w = w.slice(2, 0, textLength);
    w = w.to(torch::kCPU, torch::kFloat).contiguous();
    AttentionMap m;
    m.kind = c.kind;
    m.layer = c.layer;
    m.heads = int(w.size(0));
    m.queries = int(w.size(1));
    m.keys = int(w.size(2));
    m.weights.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
    return m;
}

// The class decision for one image [1, 28, 28] as CrossModalModelImpl::decide makes it: [10].
at::Tensor classDecision(CrossModalModel &model, const at::Tensor &image, const CaptionVocabulary &vocabulary)
{
    const auto t = engine::encodeCaptions(vocabulary, engine::classTemplates());
    const std::int64_t C = t.ids.size(0);
    const auto ids = t.ids.to(image.device()), mask = t.mask.to(image.device());
    auto aux = torch::zeros({});
    const auto encoded = model->encodeImage(image, aux);
    const auto txt = model->encodeText(ids, mask, aux);
    const auto scores = model->match(encoded.expand({C, -1, -1}), txt, mask, aux).logits.view({1, C});
    return model->decide(encoded, scores).view({C});
}

// The live attention probabilities in the order of CrossModalModelImpl::captured().
std::vector<at::Tensor> liveAttentions(CrossModalModel &model)
{
    std::vector<at::Tensor> out;
    for (const auto &layer : *model->image_layers)
        out.push_back(layer->as<engine::DecoderLayer>()->self_attn->liveAttention);
    if (model->imageOnly())
        return out;
    for (const auto &layer : *model->text_layers)
        out.push_back(layer->as<engine::DecoderLayer>()->self_attn->liveAttention);
    for (size_t l = 0; l < model->cross_text->size(); ++l) {
        out.push_back(model->cross_text->ptr(l)->as<engine::CrossBlock>()->attn->liveAttention);
        out.push_back(model->cross_image->ptr(l)->as<engine::CrossBlock>()->attn->liveAttention);
    }
    return out;
}

void keepAttentionGraph(CrossModalModel &model, bool on)
{
    for (auto &module : model->modules(/*include_self=*/false)) {
        if (auto *a = module->as<engine::AttentionImpl>()) {
            a->keepAttentionGraph = on;
            a->liveAttention = at::Tensor();
        }
        if (auto *a = module->as<engine::CrossAttentionImpl>()) {
            a->keepAttentionGraph = on;
            a->liveAttention = at::Tensor();
        }
    }
}

// Trims a gradient like toMap trims the weights.
std::vector<float> trimmedGradient(at::Tensor g, const std::string &kind, int textLength)
{
    g = g.select(0, 0);
    if (kind == "text_self" || kind == "text_to_image")
        g = g.slice(1, 0, textLength);
    if (kind == "text_self" || kind == "image_to_text")
        g = g.slice(2, 0, textLength);
    g = g.to(torch::kCPU, torch::kFloat).contiguous();
    return {g.data_ptr<float>(), g.data_ptr<float>() + g.numel()};
}

} // namespace

AttentionInspection captureAttention(CrossModalModel &model, const FashionSplit &split, const std::string &splitName,
                                     const CaptionVocabulary &vocabulary, const CrossModalConfig &cm,
                                     const CaptureWhat &what, const std::string &checkpoint, std::int64_t step)
{
    const auto s = std::size_t(what.sample);
    const int label = split.labels[s];
    AttentionInspection a;
    a.checkpoint = checkpoint;
    a.step = step;
    a.architecture = cm.architecture;
    a.split = splitName;
    a.index = what.sample;
    a.label = label;
    a.className = fashionClassNames()[std::size_t(label)];
    a.rows = a.cols = 28;
    a.pixels.assign(split.pixels.begin() + std::ptrdiff_t(s * 784),
                    split.pixels.begin() + std::ptrdiff_t((s + 1) * 784));
    a.patchSize = cm.patch_size;
    a.gridRows = a.gridCols = 28 / cm.patch_size;
    a.objectShare = objectShares(a.pixels.data(), 28, 28, cm.patch_size);

    const auto image = split.images.slice(0, what.sample, what.sample + 1).to(deviceOf(model));
    if (model->imageOnly()) {
        torch::NoGradGuard noGrad;
        model->setCapture(true);
        const auto logits = model->classify(image).logits.select(0, 0).to(torch::kCPU, torch::kDouble).contiguous();
        model->setCapture(false);
        a.classLogits.assign(logits.data_ptr<double>(), logits.data_ptr<double>() + logits.numel());
        a.predictedClass = int(logits.argmax().item<std::int64_t>());
        for (const auto &c : model->captured())
            a.maps.push_back(toMap(c, 0));
        return a;
    }

    {
        torch::NoGradGuard noGrad;
        const auto scores = classDecision(model, image, vocabulary).to(torch::kCPU, torch::kDouble).contiguous();
        a.classLogits.assign(scores.data_ptr<double>(), scores.data_ptr<double>() + scores.numel());
        a.predictedClass = int(scores.argmax().item<std::int64_t>());
    }

    const int cls = what.captionClass >= 0 ? what.captionClass : label;
    a.templateCaption = what.templateCaption;
    a.tokens = CaptionVocabulary::caption(cls, what.templateCaption ? nullptr : &split.attributes[s]);
    for (const auto &w : a.tokens)
        a.caption += (a.caption.empty() ? "" : " ") + w;
    a.classToken = CaptionVocabulary::classTokenIndex(what.templateCaption);
    const auto enc = engine::encodeCaptions(vocabulary, {a.tokens});
    // With gradients the forward pass keeps its graph (the parameters require grad), and
    // autograd::grad takes d(match logit)/d(probabilities) without touching parameter grads.
    std::optional<torch::NoGradGuard> noGrad;
    if (!what.gradients)
        noGrad.emplace();
    model->setCapture(true);
    keepAttentionGraph(model, what.gradients);
    const auto out = model->forward(image, enc.ids.to(image.device()), enc.mask.to(image.device()));
    model->setCapture(false);
    a.matchLogit = out.logits.item<double>();
    a.gateText = out.gate[0][0].item<double>();
    a.gateImage = out.gate[0][1].item<double>();
    const auto captured = model->captured();
    for (const auto &c : captured)
        a.maps.push_back(toMap(c, int(a.tokens.size())));
    if (what.gradients) {
        const std::vector<at::Tensor> live = liveAttentions(model);
        const auto grads = torch::autograd::grad({out.logits.sum()}, live, {}, /*retain_graph=*/false,
                                                 /*create_graph=*/false, /*allow_unused=*/true);
        for (std::size_t i = 0; i < grads.size() && i < a.maps.size(); ++i)
            a.maps[i].gradients = grads[i].defined() ? trimmedGradient(grads[i], a.maps[i].kind, int(a.tokens.size()))
                                                     : std::vector<float>(a.maps[i].weights.size(), 0.0f);
    }
    keepAttentionGraph(model, false);
    return a;
}

std::vector<std::int64_t> exampleSamples(const FashionSplit &split)
{
    std::vector<std::int64_t> out;
    std::vector<bool> seen(std::size_t(kFashionClasses), false);
    for (std::int64_t i = 0; i < split.count() && int(out.size()) < kFashionClasses; ++i) {
        const int label = split.labels[std::size_t(i)];
        if (label >= 0 && label < kFashionClasses && !seen[std::size_t(label)]) {
            seen[std::size_t(label)] = true;
            out.push_back(i);
        }
    }
    return out;
}

AttentionExamples attentionExamples(CrossModalModel &model, const FashionSplit &split, const std::string &splitName,
                                    const CaptionVocabulary &vocabulary, const CrossModalConfig &cm,
                                    const std::string &checkpoint, std::int64_t step)
{
    const bool wasTraining = model->is_training();
    model->eval();
    AttentionExamples out;
    out.step = step;
    out.split = splitName;
    for (const std::int64_t i : exampleSamples(split))
        out.examples.push_back(
            keepReportedMap(captureAttention(model, split, splitName, vocabulary, cm, {i}, checkpoint, step)));
    model->train(wasTraining);
    return out;
}

} // namespace seekbench::engine
