#include "transformer_graph.h"

#include "seekbench/export/model_files.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace seekbench::onnx_export {
namespace {

std::string dimsText(const Dims &d)
{
    std::string t = "[";
    for (std::size_t i = 0; i < d.size(); ++i)
        t += (i ? ", " : "") + std::to_string(d[i]);
    return t + "]";
}

const Dims kHeadsFirst{0, 2, 1, 3}; // [B, T, heads, D] <-> [B, heads, T, D]

} // namespace

TransformerGraph::TransformerGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights)
    : TransformerGraph(g, config, config.model, weights)
{}

TransformerGraph::TransformerGraph(GraphWriter &g, const RunConfig &config, const ModelConfig &blocks,
                                   const OnnxWeights &weights)
    : m_g(g), m_run(config), m_c(blocks), m_weights(weights)
{}

std::string TransformerGraph::param(const std::string &name, const Dims &shape)
{
    if (const auto it = m_params.find(name); it != m_params.end())
        return it->second;
    const auto w = m_weights.find(name);
    if (w == m_weights.end() || !w->second.data)
        throw std::invalid_argument("ONNX export: the model has no tensor '" + name + "'");
    if (w->second.shape != shape)
        throw std::invalid_argument("ONNX export: tensor '" + name + "' has shape " + dimsText(w->second.shape)
                                    + ", the config gives " + dimsText(shape));
    const std::string exported = name.rfind("rope_", 0) == 0 ? name : exportedTensorName(name, m_run);
    return m_params[name] = m_g.weight(exported, shape, w->second.data);
}

// x @ W^T (+ b), as torch::nn::Linear.
std::string TransformerGraph::linear(const std::string &x, const std::string &path, std::int64_t out, std::int64_t in,
                                     bool bias)
{
    const std::string w = param(path + ".weight", {out, in});
    const std::string wt = m_g.op("Transpose", {w}, path + ".weight_t", {Attr::list("perm", {1, 0})});
    std::string y = m_g.op("MatMul", {x, wt}, path + ".matmul");
    if (bias)
        y = m_g.op("Add", {y, param(path + ".bias", {out})}, path + ".out");
    return y;
}

// weight * (x * rsqrt(mean(x^2) + eps)), in fp32.
std::string TransformerGraph::norm(const std::string &x, const std::string &path)
{
    const std::string sq = m_g.op("Mul", {x, x}, path + ".square");
    const std::string mean = m_g.op("ReduceMean", {sq}, path + ".mean",
                                    {Attr::list("axes", {-1}), Attr::integer("keepdims", 1)});
    const std::string var = m_g.op("Add", {mean, m_g.floatScalar(float(m_c.rms_norm_eps))}, path + ".plus_eps");
    const std::string inv = m_g.op("Reciprocal", {m_g.op("Sqrt", {var}, path + ".sqrt")}, path + ".rsqrt");
    const std::string normed = m_g.op("Mul", {x, inv}, path + ".normed");
    return m_g.op("Mul", {param(path + ".weight", {m_c.hidden_size}), normed}, path + ".out");
}

// down(silu(gate(x)) * up(x)), silu written as g * sigmoid(g).
std::string TransformerGraph::swiglu(const std::string &x, const std::string &path, std::int64_t inner)
{
    const std::int64_t h = m_c.hidden_size;
    const std::string g = linear(x, path + ".gate_proj", inner, h, false);
    const std::string silu = m_g.op("Mul", {g, m_g.op("Sigmoid", {g}, path + ".sigmoid")}, path + ".silu");
    const std::string up = linear(x, path + ".up_proj", inner, h, false);
    return linear(m_g.op("Mul", {silu, up}, path + ".gated"), path + ".down_proj", h, inner, false);
}

// cat(-x[..., D/2:], x[..., :D/2])
std::string TransformerGraph::rotateHalf(const std::string &x, const std::string &hint)
{
    const std::int64_t half = m_c.headDim() / 2;
    const std::string axes = m_g.ints({-1});
    const std::string second = m_g.op("Slice", {x, m_g.ints({half}), m_g.ints({2 * half}), axes}, hint + ".second");
    const std::string first = m_g.op("Slice", {x, m_g.ints({0}), m_g.ints({half}), axes}, hint + ".first");
    return m_g.op("Concat", {m_g.op("Neg", {second}, hint + ".neg"), first}, hint + ".rotated",
                  {Attr::integer("axis", -1)});
}

// proj(x).view(B, T, n, D).transpose(1, 2)
std::string TransformerGraph::heads(const std::string &x, const std::string &path, std::int64_t n, std::int64_t out)
{
    const std::string y = linear(x, path, out, m_c.hidden_size, m_c.attention_bias);
    const std::string split = m_g.op("Reshape", {y, m_g.ints({0, 0, n, m_c.headDim()})}, path + ".split");
    return m_g.op("Transpose", {split}, path + ".heads", {Attr::list("perm", kHeadsFirst)});
}

std::string TransformerGraph::attention(const std::string &x, const std::string &path)
{
    const std::int64_t H = m_c.num_attention_heads, KV = m_c.num_key_value_heads, D = m_c.headDim();
    std::string q = heads(x, path + ".q_proj", H, H * D);
    std::string k = heads(x, path + ".k_proj", KV, KV * D);
    std::string v = heads(x, path + ".v_proj", KV, KV * D);
    auto rotary = [&](const std::string &t, const std::string &hint) {
        const std::string a = m_g.op("Mul", {t, m_cos}, hint + ".cos");
        const std::string b = m_g.op("Mul", {rotateHalf(t, hint), m_sin}, hint + ".sin");
        return m_g.op("Add", {a, b}, hint + ".rotary");
    };
    if (!m_cos.empty()) {
        q = rotary(q, path + ".q");
        k = rotary(k, path + ".k");
    }
    if (KV != H) { // repeat_interleave(H / KV, 1): [B, KV, T, D] -> [B, KV, r, T, D] -> [B, H, T, D]
        auto repeat = [&](const std::string &t, const std::string &hint) {
            const std::string u = m_g.op("Unsqueeze", {t, m_g.ints({2})}, hint + ".unsqueeze");
            const std::string e = m_g.op("Expand", {u, m_g.ints({1, 1, H / KV, 1, 1})}, hint + ".expand");
            return m_g.op("Reshape", {e, m_g.ints({0, H, -1, D})}, hint + ".repeated");
        };
        k = repeat(k, path + ".k");
        v = repeat(v, path + ".v");
    }
    const std::string kt = m_g.op("Transpose", {k}, path + ".k_t", {Attr::list("perm", {0, 1, 3, 2})});
    std::string scores = m_g.op("MatMul", {q, kt}, path + ".qk");
    scores = m_g.op("Mul", {scores, m_g.floatScalar(float(1.0 / std::sqrt(double(D))))}, path + ".scores");
    if (m_c.causal)
        scores = m_g.op("Where", {m_mask, m_g.floatScalar(-std::numeric_limits<float>::infinity()), scores},
                        path + ".masked");
    const std::string probs = m_g.op("Softmax", {scores}, path + ".probs", {Attr::integer("axis", -1)});
    const std::string context = m_g.op("MatMul", {probs, v}, path + ".context");
    const std::string merged = m_g.op("Transpose", {context}, path + ".context_t", {Attr::list("perm", kHeadsFirst)});
    const std::string flat = m_g.op("Reshape", {merged, m_g.ints({0, 0, H * D})}, path + ".merged");
    return linear(flat, path + ".o_proj", m_c.hidden_size, H * D, m_c.attention_bias);
}

// Routing as MoeImpl::forward (gate -> softmax or sigmoid -> top-k -> optional
// normalisation), then every routed expert on every token, weighted by the scattered
// [tokens, experts] routing matrix and added in expert order, plus the shared experts.
std::string TransformerGraph::moe(const std::string &x, const std::string &path)
{
    const std::int64_t E = m_c.n_routed_experts, K = m_c.num_experts_per_tok, h = m_c.hidden_size;
    const std::string flat = m_g.op("Reshape", {x, m_g.ints({-1, h})}, path + ".flat");
    const std::string logits = linear(flat, path + ".gate", E, h, false);
    const std::string scores = m_c.scoring_func == "sigmoid"
                                   ? m_g.op("Sigmoid", {logits}, path + ".scores")
                                   : m_g.op("Softmax", {logits}, path + ".scores", {Attr::integer("axis", -1)});
    const auto top = m_g.ops("TopK", {scores, m_g.ints({K})}, path + ".top", 2, {Attr::integer("axis", -1)});
    std::string weights = top[0];
    if (m_c.norm_topk_prob && K > 1) {
        const std::string sum = m_g.op("ReduceSum", {weights, m_g.ints({-1})}, path + ".top_sum",
                                       {Attr::integer("keepdims", 1)});
        const std::string denom = m_g.op("Add", {sum, m_g.floatScalar(1e-20f)}, path + ".top_denominator");
        weights = m_g.op("Div", {weights, denom}, path + ".top_normalised");
    }
    const std::string zeros = m_g.op("ConstantOfShape", {m_g.op("Shape", {scores}, path + ".scores_shape")},
                                     path + ".zeros", {Attr::fill("value", 0.0f)});
    const std::string routing = m_g.op("ScatterElements", {zeros, top[1], weights}, path + ".routing",
                                       {Attr::integer("axis", 1)});
    std::string out;
    for (std::int64_t e = 0; e < E; ++e) {
        const std::string expert = path + ".experts." + std::to_string(e);
        const std::string y = swiglu(flat, expert, m_c.moe_intermediate_size);
        const std::string w = m_g.op("Slice", {routing, m_g.ints({e}), m_g.ints({e + 1}), m_g.ints({1})},
                                     expert + ".routing_weight");
        const std::string weighted = m_g.op("Mul", {y, w}, expert + ".weighted");
        out = out.empty() ? weighted : m_g.op("Add", {out, weighted}, expert + ".sum");
    }
    if (m_c.n_shared_experts > 0)
        out = m_g.op("Add",
                     {out, swiglu(flat, path + ".shared_experts",
                                  std::int64_t(m_c.moe_intermediate_size) * m_c.n_shared_experts)},
                     path + ".with_shared");
    return m_g.op("Reshape", {out, m_g.op("Shape", {x}, path + ".in_shape")}, path + ".out");
}

std::string TransformerGraph::layer(const std::string &x, const std::string &path, int index)
{
    const std::string a = attention(norm(x, path + ".input_layernorm"), path + ".self_attn");
    const std::string h = m_g.op("Add", {x, a}, path + ".attention_residual");
    const std::string normed = norm(h, path + ".post_attention_layernorm");
    const std::string m = m_c.isMoeLayer(index) ? moe(normed, path + ".mlp")
                                                : swiglu(normed, path + ".mlp", m_c.intermediate_size);
    return m_g.op("Add", {h, m}, path + ".out");
}

void TransformerGraph::useSequence(const std::string &cos, const std::string &sin, const std::string &causalMask)
{
    m_cos = cos;
    m_sin = sin;
    m_mask = causalMask;
}

std::string TransformerGraph::head(const std::string &h)
{
    const std::int64_t hidden = m_c.hidden_size;
    if (m_c.head == "causal_lm") {
        if (!m_c.tie_word_embeddings)
            return linear(h, "lm_head", m_c.vocab_size, hidden, false);
        const std::string wt = m_g.op("Transpose", {param("embed_tokens.weight", {m_c.vocab_size, hidden})},
                                      "embed_tokens.weight_t", {Attr::list("perm", {1, 0})});
        return m_g.op("MatMul", {h, wt}, "lm_head.tied");
    }
    if (m_c.head == "token_classification")
        return linear(h, "score", m_c.num_labels, hidden, true);
    const std::string pooled = m_c.pooling == "last"
                                   ? m_g.op("Gather", {h, m_g.intScalar(-1)}, "pooled", {Attr::integer("axis", 1)})
                                   : m_g.op("ReduceMean", {h}, "pooled",
                                            {Attr::list("axes", {1}), Attr::integer("keepdims", 0)});
    return linear(pooled, "score", m_c.num_labels, hidden, true);
}

void TransformerGraph::build()
{
    using Dim = GraphWriter::Dim;
    const Dim batch{0, "batch"}, sequence{0, "sequence"};
    m_g.input("input_ids", onnx::TensorProto::INT64, {batch, sequence});

    // The sequence length at run time: the rotary tables' rows and the causal mask follow it.
    const std::string shape = m_g.op("Shape", {"input_ids"}, "input_shape");
    const std::string length = m_g.op("Gather", {shape, m_g.ints({1})}, "sequence_length");
    const Dims table{m_c.max_position_embeddings, m_c.headDim()};
    const std::string zero = m_g.ints({0});
    m_cos = m_g.op("Slice", {param("rope_cos", table), zero, length, zero}, "rope_cos.rows");
    m_sin = m_g.op("Slice", {param("rope_sin", table), zero, length, zero}, "rope_sin.rows");
    if (m_c.causal) {
        const std::string n = m_g.op("Gather", {shape, m_g.intScalar(1)}, "sequence_length_scalar");
        const std::string positions = m_g.op("Range", {m_g.intScalar(0), n, m_g.intScalar(1)}, "positions");
        const std::string rows = m_g.op("Unsqueeze", {positions, m_g.ints({1})}, "query_positions");
        const std::string cols = m_g.op("Unsqueeze", {positions, m_g.ints({0})}, "key_positions");
        m_mask = m_g.op("Greater", {cols, rows}, "causal_mask"); // torch.triu(ones, 1)
    }

    std::string h = m_g.op("Gather", {param("embed_tokens.weight", {m_c.vocab_size, m_c.hidden_size}), "input_ids"},
                           "embed_tokens.out", {Attr::integer("axis", 0)});
    for (int i = 0; i < m_c.num_hidden_layers; ++i)
        h = layer(h, "layers." + std::to_string(i), i);
    h = norm(h, "norm");
    m_g.op("Identity", {head(h)}, "logits");

    const bool perToken = m_c.head == "causal_lm" || m_c.head == "token_classification";
    const Dim classes{m_c.head == "causal_lm" ? std::int64_t(m_c.vocab_size) : std::int64_t(m_c.num_labels), {}};
    if (perToken)
        m_g.output("logits", onnx::TensorProto::FLOAT, {batch, sequence, classes});
    else
        m_g.output("logits", onnx::TensorProto::FLOAT, {batch, classes});
}

} // namespace seekbench::onnx_export
