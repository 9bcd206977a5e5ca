#include "crossmodal_model.h"

#include "seekbench/formats/fashion_captions.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdint>

namespace seekbench::engine {

namespace F = torch::nn::functional;

namespace {

constexpr int kImageSide = 28;

torch::nn::Linear linear(int64_t in, int64_t out, bool bias)
{
    return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

} // namespace

ModelConfig crossModalBlockConfig(const RunConfig &config)
{
    ModelConfig m = config.model;
    m.causal = false;
    return m;
}

CrossAttentionImpl::CrossAttentionImpl(const ModelConfig &c)
    : m_heads(c.num_attention_heads), m_headDim(c.headDim()), m_dropout(c.attention_dropout)
{
    const int64_t h = c.hidden_size, inner = m_heads * m_headDim;
    q_proj = register_module("q_proj", linear(h, inner, c.attention_bias));
    k_proj = register_module("k_proj", linear(h, inner, c.attention_bias));
    v_proj = register_module("v_proj", linear(h, inner, c.attention_bias));
    o_proj = register_module("o_proj", linear(inner, h, c.attention_bias));
}

namespace {

at::Tensor pairsOf(const at::Tensor &t, const at::Tensor &index)
{
    return t.defined() && index.defined() ? t.index_select(0, index) : t;
}

} // namespace

at::Tensor CrossAttentionImpl::forward(const at::Tensor &x, const at::Tensor &context, const at::Tensor &contextMask,
                                       const at::Tensor &queryOf, const at::Tensor &contextOf)
{
    const int64_t X = x.size(0), C = context.size(0), Tq = x.size(1), Tk = context.size(1);
    const auto q = pairsOf(q_proj(x).view({X, Tq, m_heads, m_headDim}).transpose(1, 2), queryOf);
    const auto k = pairsOf(k_proj(context).view({C, Tk, m_heads, m_headDim}).transpose(1, 2), contextOf);
    const auto v = pairsOf(v_proj(context).view({C, Tk, m_heads, m_headDim}).transpose(1, 2), contextOf);
    const int64_t N = q.size(0);
    const auto attended = softmaxAttention(q, k, v, {false, pairsOf(contextMask, contextOf)}, m_dropout, is_training(),
                                           *this);
    return o_proj(attended.transpose(1, 2).reshape({N, Tq, m_heads * m_headDim}));
}

CrossBlockImpl::CrossBlockImpl(const ModelConfig &c)
{
    query_norm = register_module("query_norm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    context_norm = register_module("context_norm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    attn = register_module("attn", CrossAttention(c));
    post_norm = register_module("post_norm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    mlp = register_module("mlp", SwiGluMlp(c.hidden_size, c.intermediate_size));
}

at::Tensor CrossBlockImpl::forward(const at::Tensor &x, const at::Tensor &context, const at::Tensor &contextMask,
                                   const at::Tensor &queryOf, const at::Tensor &contextOf)
{
    const auto h = pairsOf(x, queryOf)
                   + attn->forward(query_norm(x), context_norm(context), contextMask, queryOf, contextOf);
    return h + mlp(post_norm(h));
}

CrossModalModelImpl::CrossModalModelImpl(const RunConfig &config)
    : m_config(config), m_imageOnly(config.crossmodal.architecture == "image_only"),
      m_patch(config.crossmodal.patch_size), m_grid(kImageSide / config.crossmodal.patch_size),
      m_patches(m_grid * m_grid)
{
    const ModelConfig c = crossModalBlockConfig(config);
    const auto &x = config.crossmodal;
    const int64_t h = c.hidden_size;

    patch_embed = register_module("patch_embed", linear(m_patch * m_patch, h, true));
    if (const int s = x.stem_channels; s > 0) {
        namespace nn = torch::nn;
        const int mid = x.stemHiddenChannels(), side = x.stemPoolSide();
        stem_in = register_module("stem_in", nn::Conv2d(nn::Conv2dOptions(1, mid, 3).padding(1)));
        stem_out = register_module("stem_out", nn::Conv2d(nn::Conv2dOptions(mid, s, 3).padding(1)));
        stem_embed = register_module("stem_embed", linear(int64_t(side) * side * s, h, false));
    }
    pos_embed = register_parameter("pos_embed", torch::randn({m_patches, h}) * 0.02);
    image_layers = register_module("image_layers", torch::nn::ModuleList());
    for (int i = 0; i < x.image_layers; ++i)
        image_layers->push_back(DecoderLayer(c, i));
    image_norm = register_module("image_norm", RMSNorm(h, c.rms_norm_eps));
    if (m_imageOnly || x.image_loss_weight > 0)
        classifier = register_module("classifier", linear(h, kFashionClasses, true));
    if (!m_imageOnly) {
        embed_tokens = register_module("embed_tokens", torch::nn::Embedding(c.vocab_size, h));
        torch::nn::init::normal_(embed_tokens->weight, 0.0, 0.02);
        text_layers = register_module("text_layers", torch::nn::ModuleList());
        for (int i = 0; i < x.text_layers; ++i)
            text_layers->push_back(DecoderLayer(c, i));
        text_norm = register_module("text_norm", RMSNorm(h, c.rms_norm_eps));
        cross_text = register_module("cross_text", torch::nn::ModuleList());
        cross_image = register_module("cross_image", torch::nn::ModuleList());
        for (int i = 0; i < x.cross_layers; ++i) {
            cross_text->push_back(CrossBlock(c));
            cross_image->push_back(CrossBlock(c));
        }
        gate = register_module("gate", linear(2 * h, 2, true));
        joint_norm = register_module("joint_norm", RMSNorm(h, c.rms_norm_eps));
        joint_up = register_module("joint_up", linear(h, h, true));
        joint_out = register_module("joint_out", linear(h, 1, true));
    }

    // Patches carry learned absolute positions, so their rotary tables are the identity;
    // caption tokens use rotary positions as the text model does.
    const int64_t hd = c.headDim();
    m_imageCos = torch::ones({m_patches, hd});
    m_imageSin = torch::zeros({m_patches, hd});
    const auto invFreq = 1.0 / torch::pow(c.rope_theta, torch::arange(0, hd, 2, torch::kDouble) / double(hd));
    const auto freqs = torch::outer(torch::arange(kCaptionTokens, torch::kDouble), invFreq);
    const auto emb = torch::cat({freqs, freqs}, -1);
    m_textCos = emb.cos().to(torch::kFloat);
    m_textSin = emb.sin().to(torch::kFloat);
}

at::Tensor CrossModalModelImpl::encodeImage(const at::Tensor &images, at::Tensor &auxLoss)
{
    if (m_imageCos.device() != images.device()) {
        m_imageCos = m_imageCos.to(images.device());
        m_imageSin = m_imageSin.to(images.device());
        m_textCos = m_textCos.to(images.device());
        m_textSin = m_textSin.to(images.device());
    }
    const int64_t B = images.size(0);
    // [B, 1, 28, 28] -> [B, grid, grid, p, p] -> [B, P, p*p]
    const auto patches = images.reshape({B, m_grid, m_patch, m_grid, m_patch})
                             .permute({0, 1, 3, 2, 4})
                             .reshape({B, m_patches, m_patch * m_patch});
    auto h = patch_embed(patches) + pos_embed;
    if (!stem_in.is_empty()) {
        const auto features = F::silu(stem_out(F::silu(stem_in(images)))); // [B, C, 28, 28]
        const int64_t C = features.size(1);
        // Each patch's own maps, [B*P, C, p, p], pooled to [B*P, C, side, side].
        const auto perPatch = features.reshape({B, C, m_grid, m_patch, m_grid, m_patch})
                                  .permute({0, 2, 4, 1, 3, 5})
                                  .reshape({B * m_patches, C, m_patch, m_patch});
        const int window = m_config.crossmodal.stemPoolWindow();
        const auto pooled = F::max_pool2d(perPatch, F::MaxPool2dFuncOptions(window).stride(2));
        h = h + stem_embed(pooled.reshape({B, m_patches, -1}));
    }
    for (const auto &layer : *image_layers)
        h = layer->as<DecoderLayer>()->forward(h, m_imageCos, m_imageSin, auxLoss);
    return image_norm(h);
}

at::Tensor CrossModalModelImpl::encodeText(const at::Tensor &ids, const at::Tensor &mask, at::Tensor &auxLoss)
{
    if (m_textCos.device() != ids.device()) {
        m_textCos = m_textCos.to(ids.device());
        m_textSin = m_textSin.to(ids.device());
    }
    auto h = embed_tokens(ids);
    for (const auto &layer : *text_layers)
        h = layer->as<DecoderLayer>()->forward(h, m_textCos, m_textSin, auxLoss, mask);
    return text_norm(h);
}

CrossModalOutput CrossModalModelImpl::match(const at::Tensor &imageStates, const at::Tensor &textStates,
                                            const at::Tensor &textMask, at::Tensor auxLoss)
{
    return matchPairs(imageStates, textStates, textMask, {}, {}, auxLoss);
}

CrossModalOutput CrossModalModelImpl::matchPairs(const at::Tensor &imageStates, const at::Tensor &textStates,
                                                 const at::Tensor &textMask, const at::Tensor &imageOf,
                                                 const at::Tensor &textOf, at::Tensor auxLoss)
{
    TORCH_CHECK(imageOf.defined() == textOf.defined(), "matchPairs: give both pair indices or neither");
    auto img = imageStates, txt = textStates;
    auto mask = textMask;
    at::Tensor imageIndex = imageOf, textIndex = textOf; // distinct items until the first layer pairs them
    for (size_t i = 0; i < cross_text->size(); ++i) {
        // Both directions read the states of the layer below.
        auto nextTxt = cross_text[i]->as<CrossBlock>()->forward(txt, img, {}, textIndex, imageIndex);
        auto nextImg = cross_image[i]->as<CrossBlock>()->forward(img, txt, mask, imageIndex, textIndex);
        txt = nextTxt;
        img = nextImg;
        mask = pairsOf(mask, textIndex);
        imageIndex = textIndex = at::Tensor();
    }
    if (imageIndex.defined()) { // no cross layers: pair the pooled features directly
        img = img.index_select(0, imageIndex);
        txt = txt.index_select(0, textIndex);
        mask = mask.index_select(0, textIndex);
    }
    const auto m = mask.to(txt.scalar_type()).unsqueeze(-1);
    const auto textPooled = (txt * m).sum(1) / m.sum(1).clamp_min(1);
    const auto imagePooled = img.mean(1);
    // Dynamic feature weighting: a per-sample softmax gate over the two modalities.
    const auto g = torch::softmax(gate(torch::cat({textPooled, imagePooled}, -1)), -1, torch::kFloat)
                       .to(textPooled.scalar_type());
    const auto joint = g.select(1, 0).unsqueeze(1) * textPooled + g.select(1, 1).unsqueeze(1) * imagePooled;
    CrossModalOutput out;
    out.logits = joint_out(F::silu(joint_up(joint_norm(joint)))).squeeze(-1);
    out.gate = g;
    out.auxLoss = auxLoss;
    return out;
}

at::Tensor CrossModalModelImpl::scoreAll(const at::Tensor &imageStates, const at::Tensor &textStates,
                                         const at::Tensor &textMask, at::Tensor &auxLoss)
{
    const int64_t B = imageStates.size(0), C = textStates.size(0);
    const auto opts = torch::TensorOptions().dtype(torch::kLong).device(imageStates.device());
    const auto out = matchPairs(imageStates, textStates, textMask, torch::arange(B, opts).repeat_interleave(C),
                                torch::arange(C, opts).repeat({B}), auxLoss);
    auxLoss = out.auxLoss;
    return out.logits.view({B, C});
}

CrossModalOutput CrossModalModelImpl::forward(const at::Tensor &images, const at::Tensor &ids, const at::Tensor &mask)
{
    auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(images.device()));
    const auto img = encodeImage(images, aux);
    const auto txt = encodeText(ids, mask, aux);
    return match(img, txt, mask, aux);
}

CrossModalOutput CrossModalModelImpl::classify(const at::Tensor &images)
{
    auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(images.device()));
    const auto img = encodeImage(images, aux);
    CrossModalOutput out;
    out.logits = imageClassLogits(img);
    out.auxLoss = aux;
    return out;
}

at::Tensor CrossModalModelImpl::imageClassLogits(const at::Tensor &imageStates)
{
    TORCH_CHECK(!classifier.is_empty(), "this model has no image class head (crossmodal.image_loss_weight is 0)");
    return classifier(imageStates.mean(1));
}

at::Tensor CrossModalModelImpl::decide(const at::Tensor &imageStates, const at::Tensor &templateScores)
{
    if (m_config.crossmodal.decision != "fused")
        return templateScores;
    return fuse(templateScores, imageClassLogits(imageStates));
}

at::Tensor CrossModalModelImpl::fuse(const at::Tensor &templateScores, const at::Tensor &headLogits)
{
    return torch::log_softmax(templateScores.to(torch::kFloat), -1)
           + torch::log_softmax(headLogits.to(torch::kFloat), -1);
}

void CrossModalModelImpl::setCapture(bool on)
{
    for (auto &module : modules(/*include_self=*/false)) {
        if (auto *a = module->as<AttentionImpl>())
            a->captureAttention = on;
        if (auto *a = module->as<CrossAttentionImpl>())
            a->captureAttention = on;
    }
}

std::vector<CapturedAttention> CrossModalModelImpl::captured()
{
    std::vector<CapturedAttention> out;
    int i = 0;
    for (const auto &layer : *image_layers)
        out.push_back({"image_self", i++, layer->as<DecoderLayer>()->self_attn->lastAttention});
    if (m_imageOnly)
        return out;
    i = 0;
    for (const auto &layer : *text_layers)
        out.push_back({"text_self", i++, layer->as<DecoderLayer>()->self_attn->lastAttention});
    for (size_t l = 0; l < cross_text->size(); ++l) {
        out.push_back({"text_to_image", int(l), cross_text->ptr(l)->as<CrossBlock>()->attn->lastAttention});
        out.push_back({"image_to_text", int(l), cross_image->ptr(l)->as<CrossBlock>()->attn->lastAttention});
    }
    return out;
}

} // namespace seekbench::engine
