#pragma once

// The one attention computation every attention layer runs (the foundation's self-attention,
// the cross-modal encoders and both cross-attention directions): explicit softmax over
// q·kᵀ, never a fused attention kernel, so the probabilities exist as a tensor and the
// inspection capture can keep them without changing the outputs.

#include <ATen/core/Tensor.h>

namespace seekbench::engine {

// What an attention layer keeps for the inspector. Off by default; with it on, the layer
// stores a detached copy of the probabilities it used anyway, so outputs are bit-identical
// with the capture on or off.
struct AttentionCapture
{
    // Set by the caller to keep the attention probabilities of the last forward.
    bool captureAttention = false;
    at::Tensor lastAttention; // [batch, heads, queries, keys], fp32
    // Inspection only (with captureAttention): keep the live probabilities, graph included,
    // so the inspector can take d(score)/d(attention) for the Chefer et al. relevance.
    bool keepAttentionGraph = false;
    at::Tensor liveAttention;
};

struct AttentionMasks
{
    bool causal = false; // queries do not see later keys (self-attention only)
    at::Tensor keyMask;  // [batch, keys] bool, true = attend; optional
};

// softmax(scores + masks) over the last dim of scores [B, h, Tq, Tk], in fp32, masked keys
// exactly 0. fp32 CPU scores take one fused pass each way; others (bf16, CUDA,
// SEEKBENCH_FUSED_KERNELS=0) the composite form: masked_fill, then LibTorch's softmax.
at::Tensor maskedSoftmax(const at::Tensor &scores, const AttentionMasks &masks);
at::Tensor maskedSoftmaxReference(const at::Tensor &scores, const AttentionMasks &masks);

// softmax(q·kᵀ/√d + masks)·v for q [B, h, Tq, d] and k, v [B, h, Tk, d] -> [B, h, Tq, d].
at::Tensor softmaxAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const AttentionMasks &masks,
                            double dropout, bool training, AttentionCapture &capture);

// a [N, m, k] · b [N, k, n] -> [N, m, n], differentiable. Attention multiplies thousands of
// small matrices (16x16 per head and pair in the cross-modal model); LibTorch's CPU bmm calls
// BLAS once per matrix for those, and the call overhead dominated the cross-modal step.
// Small fp32 CPU products therefore run in one parallel loop here; anything else (large
// matrices, other dtypes, CUDA) goes to torch::matmul.
at::Tensor batchedMatmul(const at::Tensor &a, const at::Tensor &b);

// Whether batchedMatmul takes the loop for these shapes and options (for tests).
bool usesSmallMatmulKernel(const at::Tensor &a, const at::Tensor &b);

} // namespace seekbench::engine
