#pragma once

// The DeepSeek-style transformer: RMSNorm, rotary embeddings, grouped-query attention,
// SwiGLU MLP and the DeepSeekMoE layer (shared + top-k routed experts, auxiliary
// load-balancing loss), with heads for sequence classification, token classification,
// regression and causal language modelling. Pure torch::nn modules, no signalling.

#include "attention_core.h"

#include "seekbench/config/run_config.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>

namespace seekbench::engine {

class RMSNormImpl : public torch::nn::Module
{
public:
    RMSNormImpl(int64_t dim, double eps);
    at::Tensor forward(const at::Tensor &x);

    at::Tensor weight;

private:
    double m_eps;
};
TORCH_MODULE(RMSNorm);

class SwiGluMlpImpl : public torch::nn::Module
{
public:
    SwiGluMlpImpl(int64_t hidden, int64_t inner);
    at::Tensor forward(const at::Tensor &x);

    torch::nn::Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(SwiGluMlp);

class AttentionImpl : public torch::nn::Module, public AttentionCapture
{
public:
    explicit AttentionImpl(const ModelConfig &config);
    // keyMask (optional, [batch, keys] bool, true = attend) hides padding keys.
    at::Tensor forward(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin,
                       const at::Tensor &keyMask = {});

    torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};

private:
    int64_t m_heads, m_kvHeads, m_headDim;
    double m_dropout;
    bool m_causal;
};
TORCH_MODULE(Attention);

class MoeImpl : public torch::nn::Module
{
public:
    explicit MoeImpl(const ModelConfig &config);
    // Returns the layer output; adds the auxiliary loss (training only) to auxLoss.
    at::Tensor forward(const at::Tensor &x, at::Tensor &auxLoss);

    torch::nn::Linear gate{nullptr};
    torch::nn::ModuleList experts;
    SwiGluMlp shared_experts{nullptr};
    at::Tensor lastExpertCounts; // tokens routed to each expert in the last forward

private:
    int64_t m_experts, m_topK;
    bool m_normTopK, m_sigmoid;
    double m_auxAlpha;
};
TORCH_MODULE(Moe);

class DecoderLayerImpl : public torch::nn::Module
{
public:
    DecoderLayerImpl(const ModelConfig &config, int layerIndex);
    at::Tensor forward(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin, at::Tensor &auxLoss,
                       const at::Tensor &keyMask = {});

    RMSNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
    Attention self_attn{nullptr};
    SwiGluMlp mlp{nullptr};
    Moe moe{nullptr};
};
TORCH_MODULE(DecoderLayer);

struct ModelOutput
{
    at::Tensor logits;  // [B, labels] sequence heads; [B, T, labels|vocab] token heads
    at::Tensor auxLoss; // scalar, zero for dense models and in eval mode
};

class DeepSeekModelImpl : public torch::nn::Module
{
public:
    explicit DeepSeekModelImpl(const ModelConfig &config);
    ModelOutput forward(const at::Tensor &inputIds);

    const ModelConfig &config() const { return m_config; }
    // The rotary tables [max_positions, head_dim] (export writes them into TorchScript).
    const at::Tensor &ropeCos() const { return m_cos; }
    const at::Tensor &ropeSin() const { return m_sin; }

    torch::nn::Embedding embed_tokens{nullptr};
    torch::nn::ModuleList layers;
    RMSNorm norm{nullptr};
    torch::nn::Linear head{nullptr}; // null when the LM head is tied to the embedding

private:
    ModelConfig m_config;
    at::Tensor m_cos, m_sin; // rotary tables [max_positions, head_dim]
};
TORCH_MODULE(DeepSeekModel);

// Sum of the number of elements of all parameters.
int64_t parameterCount(torch::nn::Module &module);

} // namespace seekbench::engine
