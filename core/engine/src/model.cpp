#include "model.h"

#include "fused_ops.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdint>

namespace seekbench::engine {

RMSNormImpl::RMSNormImpl(int64_t dim, double eps) : m_eps(eps)
{
    weight = register_parameter("weight", torch::ones({dim}));
}

// In fp32 whatever autocast does around it, as the reference implementation does.
at::Tensor RMSNormImpl::forward(const at::Tensor &x) { return rmsNorm(x, weight, m_eps); }

SwiGluMlpImpl::SwiGluMlpImpl(int64_t hidden, int64_t inner)
{
    gate_proj = register_module("gate_proj", torch::nn::Linear(torch::nn::LinearOptions(hidden, inner).bias(false)));
    up_proj = register_module("up_proj", torch::nn::Linear(torch::nn::LinearOptions(hidden, inner).bias(false)));
    down_proj = register_module("down_proj", torch::nn::Linear(torch::nn::LinearOptions(inner, hidden).bias(false)));
}

at::Tensor SwiGluMlpImpl::forward(const at::Tensor &x) { return down_proj(swiGlu(gate_proj(x), up_proj(x))); }

AttentionImpl::AttentionImpl(const ModelConfig &c)
    : m_heads(c.num_attention_heads), m_kvHeads(c.num_key_value_heads), m_headDim(c.headDim()),
      m_dropout(c.attention_dropout), m_causal(c.causal)
{
    const int64_t h = c.hidden_size;
    const bool bias = c.attention_bias;
    q_proj = register_module("q_proj", torch::nn::Linear(torch::nn::LinearOptions(h, m_heads * m_headDim).bias(bias)));
    k_proj = register_module("k_proj", torch::nn::Linear(torch::nn::LinearOptions(h, m_kvHeads * m_headDim).bias(bias)));
    v_proj = register_module("v_proj", torch::nn::Linear(torch::nn::LinearOptions(h, m_kvHeads * m_headDim).bias(bias)));
    o_proj = register_module("o_proj", torch::nn::Linear(torch::nn::LinearOptions(m_heads * m_headDim, h).bias(bias)));
}

at::Tensor AttentionImpl::forward(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin,
                                  const at::Tensor &keyMask)
{
    const int64_t B = x.size(0), T = x.size(1);
    // Rotary embeddings on the [B, T, heads, D] projections, then heads first.
    auto q = rotary(q_proj(x).view({B, T, m_heads, m_headDim}), cos, sin).transpose(1, 2);
    auto k = rotary(k_proj(x).view({B, T, m_kvHeads, m_headDim}), cos, sin).transpose(1, 2);
    auto v = v_proj(x).view({B, T, m_kvHeads, m_headDim}).transpose(1, 2);

    if (m_kvHeads != m_heads) {
        k = k.repeat_interleave(m_heads / m_kvHeads, 1);
        v = v.repeat_interleave(m_heads / m_kvHeads, 1);
    }
    const auto context = softmaxAttention(q, k, v, {m_causal, keyMask}, m_dropout, is_training(), *this)
                             .transpose(1, 2)
                             .reshape({B, T, m_heads * m_headDim});
    return o_proj(context);
}

MoeImpl::MoeImpl(const ModelConfig &c)
    : m_experts(c.n_routed_experts), m_topK(c.num_experts_per_tok), m_normTopK(c.norm_topk_prob),
      m_sigmoid(c.scoring_func == "sigmoid"), m_auxAlpha(c.aux_loss_alpha)
{
    gate = register_module("gate", torch::nn::Linear(torch::nn::LinearOptions(c.hidden_size, m_experts).bias(false)));
    experts = register_module("experts", torch::nn::ModuleList());
    for (int64_t e = 0; e < m_experts; ++e)
        experts->push_back(SwiGluMlp(c.hidden_size, c.moe_intermediate_size));
    if (c.n_shared_experts > 0)
        shared_experts = register_module("shared_experts", SwiGluMlp(c.hidden_size, int64_t(c.moe_intermediate_size)
                                                                                        * c.n_shared_experts));
}

at::Tensor MoeImpl::forward(const at::Tensor &x, at::Tensor &auxLoss)
{
    const auto shape = x.sizes().vec();
    const auto flat = x.reshape({-1, x.size(-1)});
    const int64_t N = flat.size(0);

    const auto logits = gate(flat).to(torch::kFloat);
    const auto scores = m_sigmoid ? torch::sigmoid(logits) : torch::softmax(logits, -1);
    auto [topW, topIdx] = scores.topk(m_topK, -1);
    if (m_normTopK && m_topK > 1)
        topW = topW / (topW.sum(-1, true) + 1e-20);

    // Dispatch: sort the (token, slot) pairs by expert, run each expert on its slice.
    const auto flatIdx = topIdx.reshape({-1});
    const auto order = flatIdx.argsort();
    const auto tokenOf = order.div(m_topK, "floor");
    const auto weights = topW.reshape({-1}).index_select(0, order);
    const auto counts = torch::bincount(flatIdx, {}, m_experts);
    lastExpertCounts = counts.detach().cpu();
    const auto countsAcc = lastExpertCounts.accessor<int64_t, 1>();

    const auto routed = flat.index_select(0, tokenOf);
    std::vector<at::Tensor> outputs;
    outputs.reserve(size_t(m_experts));
    int64_t start = 0;
    for (int64_t e = 0; e < m_experts; ++e) {
        const int64_t n = countsAcc[e];
        if (n == 0)
            continue; // this expert gets no gradient this step
        outputs.push_back(experts[e]->as<SwiGluMlp>()->forward(routed.slice(0, start, start + n)));
        start += n;
    }
    const auto expertOut = torch::cat(outputs, 0) * weights.unsqueeze(1);
    auto out = torch::zeros({N, flat.size(1)}, expertOut.options()).index_add(0, tokenOf, expertOut);
    if (shared_experts)
        out = out + shared_experts(flat);

    if (is_training() && m_auxAlpha > 0) {
        // DeepSeekMoE balance loss: alpha * sum_i f_i * P_i, f_i the fraction of routed
        // slots (scaled by E) and P_i the mean routing probability of expert i.
        const auto fraction = counts.to(torch::kFloat) / double(N * m_topK) * double(m_experts);
        const auto meanProb = (m_sigmoid ? scores / scores.sum(-1, true) : scores).mean(0);
        auxLoss = auxLoss + (fraction * meanProb).sum() * m_auxAlpha;
    }
    return out.view(shape);
}

DecoderLayerImpl::DecoderLayerImpl(const ModelConfig &c, int layerIndex)
{
    input_layernorm = register_module("input_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    self_attn = register_module("self_attn", Attention(c));
    post_attention_layernorm = register_module("post_attention_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    if (c.isMoeLayer(layerIndex))
        moe = register_module("mlp", Moe(c));
    else
        mlp = register_module("mlp", SwiGluMlp(c.hidden_size, c.intermediate_size));
}

at::Tensor DecoderLayerImpl::forward(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin,
                                     at::Tensor &auxLoss, const at::Tensor &keyMask)
{
    auto h = x + self_attn->forward(input_layernorm(x), cos, sin, keyMask);
    const auto normed = post_attention_layernorm(h);
    return h + (moe ? moe->forward(normed, auxLoss) : mlp(normed));
}

DeepSeekModelImpl::DeepSeekModelImpl(const ModelConfig &c) : m_config(c)
{
    embed_tokens = register_module("embed_tokens", torch::nn::Embedding(c.vocab_size, c.hidden_size));
    torch::nn::init::normal_(embed_tokens->weight, 0.0, 0.02);
    layers = register_module("layers", torch::nn::ModuleList());
    for (int i = 0; i < c.num_hidden_layers; ++i)
        layers->push_back(DecoderLayer(c, i));
    norm = register_module("norm", RMSNorm(c.hidden_size, c.rms_norm_eps));
    if (c.head == "causal_lm") {
        if (!c.tie_word_embeddings)
            head = register_module("lm_head", torch::nn::Linear(
                                                  torch::nn::LinearOptions(c.hidden_size, c.vocab_size).bias(false)));
    } else {
        head = register_module("score", torch::nn::Linear(c.hidden_size, c.num_labels));
    }

    // Rotary tables are derived from the config, so they are plain members, not state.
    const int64_t hd = c.headDim();
    const auto invFreq = 1.0 / torch::pow(c.rope_theta, torch::arange(0, hd, 2, torch::kDouble) / double(hd));
    const auto t = torch::arange(c.max_position_embeddings, torch::kDouble);
    const auto freqs = torch::outer(t, invFreq);
    const auto emb = torch::cat({freqs, freqs}, -1);
    m_cos = emb.cos().to(torch::kFloat);
    m_sin = emb.sin().to(torch::kFloat);
}

ModelOutput DeepSeekModelImpl::forward(const at::Tensor &inputIds)
{
    if (m_cos.device() != inputIds.device()) {
        m_cos = m_cos.to(inputIds.device());
        m_sin = m_sin.to(inputIds.device());
    }
    auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(inputIds.device()));
    auto h = embed_tokens(inputIds);
    for (const auto &layer : *layers)
        h = layer->as<DecoderLayer>()->forward(h, m_cos, m_sin, aux);
    h = norm(h);

    ModelOutput out;
    out.auxLoss = aux;
    if (m_config.head == "causal_lm") {
        out.logits = head ? head(h) : torch::matmul(h, embed_tokens->weight.t());
    } else if (m_config.head == "token_classification") {
        out.logits = head(h);
    } else {
        const auto pooled = m_config.pooling == "last" ? h.select(1, h.size(1) - 1) : h.mean(1);
        out.logits = head(pooled);
    }
    return out;
}

int64_t parameterCount(torch::nn::Module &module)
{
    int64_t n = 0;
    for (const auto &p : module.parameters())
        n += p.numel();
    return n;
}

} // namespace seekbench::engine
