#pragma once

// The cross-modal image-text model (issue 7). A ViT-style patch encoder (linear patch
// embedding plus learned position embeddings, then DeepSeek-style blocks without rotary;
// optionally a convolutional stem whose features, max-pooled within each patch, are added
// to the patch's embedding, crossmodal.stem_channels)
// and a caption encoder built from the same DecoderLayer blocks (bidirectional, rotary
// positions, padding masked). Cross-attention layers then run in both directions: text
// queries over image patches and image queries over caption tokens. A learned per-sample
// gate weights the pooled text and image features before the joint head, which scores
// how well the caption matches the image.
//
// Every attention (self and cross) is the same explicit softmax path; setCapture(true)
// only keeps a detached copy of the probabilities, so outputs are bit-identical with the
// capture on or off. architecture "image_only" is the ViT baseline: patch encoder and a
// 10-class head.

#include "model.h"

#include "seekbench/config/run_config.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::engine {

class CrossAttentionImpl : public torch::nn::Module, public AttentionCapture
{
public:
    explicit CrossAttentionImpl(const ModelConfig &config);
    // queries [B, Tq, H] over context [B, Tk, H]; contextMask [B, Tk] bool (true = attend), optional.
    // With pair indices, queries [X, Tq, H] and context [C, Tk, H] hold distinct items and pair n
    // is (queries[queryOf[n]], context[contextOf[n]]): the projections run once per item.
    at::Tensor forward(const at::Tensor &queries, const at::Tensor &context, const at::Tensor &contextMask = {},
                       const at::Tensor &queryOf = {}, const at::Tensor &contextOf = {});

    torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

private:
    int64_t m_heads, m_headDim;
    double m_dropout;
};
TORCH_MODULE(CrossAttention);

// Pre-norm cross-attention block: x + attn(norm(x), norm(context)), then x + mlp(norm(x)).
class CrossBlockImpl : public torch::nn::Module
{
public:
    explicit CrossBlockImpl(const ModelConfig &config);
    // Pair indices as in CrossAttention: the result is per pair, [N, Tq, H].
    at::Tensor forward(const at::Tensor &x, const at::Tensor &context, const at::Tensor &contextMask = {},
                       const at::Tensor &queryOf = {}, const at::Tensor &contextOf = {});

    RMSNorm query_norm{nullptr}, context_norm{nullptr}, post_norm{nullptr};
    CrossAttention attn{nullptr};
    SwiGluMlp mlp{nullptr};
};
TORCH_MODULE(CrossBlock);

struct CrossModalOutput
{
    at::Tensor logits;  // crossmodal: [N] match logit per pair; image_only: [B, 10]
    at::Tensor gate;    // [N, 2]: weight of the text and of the image features (crossmodal)
    at::Tensor auxLoss; // scalar (MoE balance), zero for dense blocks
};

// One attention map of the last forward with capture on.
struct CapturedAttention
{
    std::string kind; // image_self | text_self | text_to_image | image_to_text
    int layer = 0;
    at::Tensor weights; // [N, heads, queries, keys], fp32
};

class CrossModalModelImpl : public torch::nn::Module
{
public:
    explicit CrossModalModelImpl(const RunConfig &config);

    // images [B, 1, 28, 28] (normalised) -> patch states [B, P, H] (not yet normed).
    at::Tensor encodeImage(const at::Tensor &images, at::Tensor &auxLoss);
    // ids [N, T] long, mask [N, T] bool -> token states [N, T, H].
    at::Tensor encodeText(const at::Tensor &ids, const at::Tensor &mask, at::Tensor &auxLoss);
    // Pairs: image states [N, P, H] and caption states [N, T, H] of the same pairs.
    CrossModalOutput match(const at::Tensor &imageStates, const at::Tensor &textStates, const at::Tensor &textMask,
                           at::Tensor auxLoss);
    // Pairs by index: image imageOf[n] of imageStates [B, P, H] with caption textOf[n] of
    // textStates [M, T, H] (mask [M, T]). The same scores as match() on the gathered states,
    // but what depends on one side only (norms and projections of the first cross layer)
    // runs once per image and caption, not once per pair: each image meets 4 captions in
    // matching and 10 templates in classification.
    CrossModalOutput matchPairs(const at::Tensor &imageStates, const at::Tensor &textStates, const at::Tensor &textMask,
                                const at::Tensor &imageOf, const at::Tensor &textOf, at::Tensor auxLoss);
    // Every image [B, P, H] against every caption [C, T, H] (mask [C, T]): match logits
    // [B, C], image-major; `auxLoss` receives the pass's MoE balance loss. How the test split
    // is classified (C = the ten class templates).
    at::Tensor scoreAll(const at::Tensor &imageStates, const at::Tensor &textStates, const at::Tensor &textMask,
                        at::Tensor &auxLoss);
    // Convenience: one caption per image.
    CrossModalOutput forward(const at::Tensor &images, const at::Tensor &ids, const at::Tensor &mask);
    // image_only: class logits [B, 10].
    CrossModalOutput classify(const at::Tensor &images);
    // The ten-class head on encoded images [B, P, H] -> [B, 10]: the ViT's output, and the
    // cross-modal model's auxiliary training head when crossmodal.image_loss_weight > 0.
    at::Tensor imageClassLogits(const at::Tensor &imageStates);
    // The class decision for encoded images, given their template scores [B, 10]: the
    // template scores themselves, or for crossmodal.decision "fused" the template and head
    // log-probabilities added. Its argmax is the predicted class everywhere (evaluation,
    // test split, inspector).
    at::Tensor decide(const at::Tensor &imageStates, const at::Tensor &templateScores);
    // The fused decision's scores: template and head log-probabilities added ([B, 10]).
    static at::Tensor fuse(const at::Tensor &templateScores, const at::Tensor &headLogits);

    void setCapture(bool on);
    std::vector<CapturedAttention> captured();

    const RunConfig &config() const { return m_config; }
    bool imageOnly() const { return m_imageOnly; }
    int64_t patches() const { return m_patches; }

    torch::nn::Conv2d stem_in{nullptr}, stem_out{nullptr}; // crossmodal.stem_channels > 0
    torch::nn::Linear patch_embed{nullptr}, stem_embed{nullptr};
    at::Tensor pos_embed; // [P, H]
    torch::nn::ModuleList image_layers, text_layers, cross_text, cross_image;
    RMSNorm image_norm{nullptr}, text_norm{nullptr}, joint_norm{nullptr};
    torch::nn::Embedding embed_tokens{nullptr};
    torch::nn::Linear gate{nullptr}, joint_up{nullptr}, joint_out{nullptr}, classifier{nullptr};

private:
    RunConfig m_config;
    bool m_imageOnly;
    int64_t m_patch, m_grid, m_patches;
    at::Tensor m_imageCos, m_imageSin, m_textCos, m_textSin;
};
TORCH_MODULE(CrossModalModel);

// The block config the encoders use: `model` with bidirectional attention.
ModelConfig crossModalBlockConfig(const RunConfig &config);

} // namespace seekbench::engine
