#include "crossmodal_graph.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace seekbench::onnx_export {
namespace {

constexpr std::int64_t kSide = 28, kClasses = 10;

ModelConfig blockConfig(const RunConfig &config)
{
    ModelConfig m = config.model; // as crossModalBlockConfig: the encoders attend both ways
    m.causal = false;
    return m;
}

} // namespace

CrossModalGraph::CrossModalGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights)
    : m_g(g), m_run(config), m_c(blockConfig(config)), m_weights(weights), m_blocks(g, config, m_c, weights)
{}

std::string CrossModalGraph::silu(const std::string &x, const std::string &hint)
{
    return m_g.op("Mul", {x, m_g.op("Sigmoid", {x}, hint + ".sigmoid")}, hint + ".silu");
}

// CrossModalModelImpl::encodeImage: patches -> patch_embed + pos_embed (+ the stem's pooled
// features) -> the image layers -> image_norm. [B, 1, 28, 28] -> [B, P, H].
std::string CrossModalGraph::encodeImage(const std::string &image)
{
    const CrossModalConfig &x = m_run.crossmodal;
    const std::int64_t p = x.patch_size, G = kSide / p, P = G * G, H = m_c.hidden_size;
    const std::string grid = m_g.op("Reshape", {image, m_g.ints({-1, G, p, G, p})}, "patches.grid");
    const std::string moved = m_g.op("Transpose", {grid}, "patches.moved", {Attr::list("perm", {0, 1, 3, 2, 4})});
    const std::string patches = m_g.op("Reshape", {moved, m_g.ints({-1, P, p * p})}, "patches");
    std::string h
        = m_g.op("Add", {m_blocks.linear(patches, "patch_embed", H, p * p, true), m_blocks.param("pos_embed", {P, H})},
                 "patch_embed.positioned");
    if (const std::int64_t s = x.stem_channels; s > 0) {
        const std::int64_t mid = x.stemHiddenChannels(), w = x.stemPoolWindow(), side = x.stemPoolSide();
        auto conv = [&](const std::string &in, const std::string &path, std::int64_t out, std::int64_t channels) {
            const std::string y = m_g.op("Conv",
                                         {in, m_blocks.param(path + ".weight", {out, channels, 3, 3}),
                                          m_blocks.param(path + ".bias", {out})},
                                         path + ".conv",
                                         {Attr::list("kernel_shape", {3, 3}), Attr::list("pads", {1, 1, 1, 1})});
            return silu(y, path);
        };
        const std::string features = conv(conv(image, "stem_in", mid, 1), "stem_out", s, mid); // [B, s, 28, 28]
        // Each patch's own maps [B*P, s, p, p], max-pooled to [B*P, s, side, side].
        const std::string split = m_g.op("Reshape", {features, m_g.ints({-1, s, G, p, G, p})}, "stem.split");
        const std::string perPatch
            = m_g.op("Reshape",
                     {m_g.op("Transpose", {split}, "stem.moved", {Attr::list("perm", {0, 2, 4, 1, 3, 5})}),
                      m_g.ints({-1, s, p, p})},
                     "stem.per_patch");
        const std::string pooled = m_g.op("MaxPool", {perPatch}, "stem.pooled",
                                          {Attr::list("kernel_shape", {w, w}), Attr::list("strides", {2, 2})});
        const std::string flat = m_g.op("Reshape", {pooled, m_g.ints({-1, P, s * side * side})}, "stem.flat");
        h = m_g.op("Add", {h, m_blocks.linear(flat, "stem_embed", H, s * side * side, false)}, "stem.added");
    }
    for (int i = 0; i < x.image_layers; ++i)
        h = m_blocks.layer(h, "image_layers." + std::to_string(i), i);
    return m_blocks.norm(h, "image_norm");
}

// CrossModalModelImpl::imageClassLogits: classifier(mean over patches).
std::string CrossModalGraph::classHead(const std::string &img)
{
    const std::string pooled = m_g.op("ReduceMean", {img}, "classifier.pooled",
                                      {Attr::list("axes", {1}), Attr::integer("keepdims", 0)});
    return m_blocks.linear(pooled, "classifier", kClasses, m_c.hidden_size, true);
}

std::string CrossModalGraph::crossBlock(const std::string &x, const std::string &context, const std::string &blocked,
                                        const std::string &path)
{
    const std::int64_t H = m_c.num_attention_heads, D = m_c.headDim(), hidden = m_c.hidden_size;
    const bool bias = m_c.attention_bias;
    const std::string xq = m_blocks.norm(x, path + ".query_norm");
    const std::string xc = m_blocks.norm(context, path + ".context_norm");
    auto heads = [&](const std::string &in, const std::string &name) {
        const std::string proj = path + ".attn." + name;
        const std::string y = m_blocks.linear(in, proj, H * D, hidden, bias);
        const std::string split = m_g.op("Reshape", {y, m_g.ints({0, 0, H, D})}, proj + ".split");
        return m_g.op("Transpose", {split}, proj + ".heads", {Attr::list("perm", {0, 2, 1, 3})});
    };
    const std::string q = heads(xq, "q_proj"), k = heads(xc, "k_proj"), v = heads(xc, "v_proj");
    const std::string kt = m_g.op("Transpose", {k}, path + ".attn.k_t", {Attr::list("perm", {0, 1, 3, 2})});
    std::string scores = m_g.op("Mul",
                                {m_g.op("MatMul", {q, kt}, path + ".attn.qk"),
                                 m_g.floatScalar(float(1.0 / std::sqrt(double(D))))},
                                path + ".attn.scores");
    if (!blocked.empty())
        scores = m_g.op("Where", {blocked, m_g.floatScalar(-std::numeric_limits<float>::infinity()), scores},
                        path + ".attn.masked");
    const std::string probs = m_g.op("Softmax", {scores}, path + ".attn.probs", {Attr::integer("axis", -1)});
    const std::string attended = m_g.op("MatMul", {probs, v}, path + ".attn.context");
    const std::string merged
        = m_g.op("Reshape",
                 {m_g.op("Transpose", {attended}, path + ".attn.context_t", {Attr::list("perm", {0, 2, 1, 3})}),
                  m_g.ints({0, 0, H * D})},
                 path + ".attn.merged");
    const std::string h = m_g.op("Add", {x, m_blocks.linear(merged, path + ".attn.o_proj", hidden, H * D, bias)},
                                 path + ".attention_residual");
    const std::string mlp = m_blocks.swiglu(m_blocks.norm(h, path + ".post_norm"), path + ".mlp", m_c.intermediate_size);
    return m_g.op("Add", {h, mlp}, path + ".out");
}

// CrossModalModelImpl::scoreAll against the ten precomputed templates: image-major pairs
// [B*10, ...], the cross blocks, the pooled and gated features, the joint head -> [B, 10].
std::string CrossModalGraph::templateScores(const std::string &img, const std::string &image)
{
    const std::int64_t P = m_run.crossmodal.patch_size > 0
                               ? (kSide / m_run.crossmodal.patch_size) * (kSide / m_run.crossmodal.patch_size)
                               : 0;
    const std::int64_t H = m_c.hidden_size;
    const auto states = m_weights.find("template_states");
    if (states == m_weights.end() || states->second.shape.size() != 3)
        throw std::invalid_argument("ONNX export: the cross-modal model needs its template encoding "
                                    "'template_states' [10, tokens, hidden]");
    const std::int64_t T = states->second.shape[1];
    const std::string batch = m_g.op("Slice", {m_g.op("Shape", {image}, "image_shape"), m_g.ints({0}), m_g.ints({1})},
                                     "batch");
    std::string pairs
        = m_g.op("Reshape",
                 {m_g.op("Expand",
                         {m_g.op("Unsqueeze", {img, m_g.ints({1})}, "pairs.unsqueeze"), m_g.ints({1, kClasses, 1, 1})},
                         "pairs.expand"),
                  m_g.ints({-1, P, H})},
                 "pairs.image");
    auto perPair = [&](const std::string &t, const Dims &rest, const std::string &hint) {
        Dims ones(rest.size() + 1, 1);
        const std::string shape = m_g.op("Concat", {batch, m_g.ints(ones)}, hint + ".shape", {Attr::integer("axis", 0)});
        const std::string e = m_g.op("Expand", {m_g.op("Unsqueeze", {t, m_g.ints({0})}, hint + ".unsqueeze"), shape},
                                     hint + ".expand");
        Dims flat{-1};
        flat.insert(flat.end(), rest.begin(), rest.end());
        return m_g.op("Reshape", {e, m_g.ints(flat)}, hint);
    };
    std::string txt = perPair(m_blocks.param("template_states", {kClasses, T, H}), {T, H}, "pairs.text");
    const std::string mask = perPair(m_blocks.param("template_mask", {kClasses, T}), {T}, "pairs.mask"); // [N, T]
    const std::string blocked
        = m_g.op("Reshape", {m_g.op("Equal", {mask, m_g.floatScalar(0.0f)}, "pairs.padding"), m_g.ints({-1, 1, 1, T})},
                 "pairs.blocked");
    for (int i = 0; i < m_run.crossmodal.cross_layers; ++i) { // both directions read the layer below
        const std::string nextTxt = crossBlock(txt, pairs, "", "cross_text." + std::to_string(i));
        pairs = crossBlock(pairs, txt, blocked, "cross_image." + std::to_string(i));
        txt = nextTxt;
    }
    const std::string m = m_g.op("Unsqueeze", {mask, m_g.ints({-1})}, "pool.mask");
    const std::string counts
        = m_g.op("Max",
                 {m_g.op("ReduceSum", {m, m_g.ints({1})}, "pool.count", {Attr::integer("keepdims", 0)}),
                  m_g.floatScalar(1.0f)},
                 "pool.count_at_least_1");
    const std::string textPooled = m_g.op("Div",
                                          {m_g.op("ReduceSum",
                                                  {m_g.op("Mul", {txt, m}, "pool.text_masked"), m_g.ints({1})},
                                                  "pool.text_sum", {Attr::integer("keepdims", 0)}),
                                           counts},
                                          "pool.text");
    const std::string imagePooled = m_g.op("ReduceMean", {pairs}, "pool.image",
                                           {Attr::list("axes", {1}), Attr::integer("keepdims", 0)});
    const std::string both = m_g.op("Concat", {textPooled, imagePooled}, "gate.in", {Attr::integer("axis", -1)});
    const std::string g = m_g.op("Softmax", {m_blocks.linear(both, "gate", 2, 2 * H, true)}, "gate.weights",
                                 {Attr::integer("axis", -1)});
    const std::string gText = m_g.op("Slice", {g, m_g.ints({0}), m_g.ints({1}), m_g.ints({1})}, "gate.text");
    const std::string gImage = m_g.op("Slice", {g, m_g.ints({1}), m_g.ints({2}), m_g.ints({1})}, "gate.image");
    const std::string joint = m_g.op("Add",
                                     {m_g.op("Mul", {gText, textPooled}, "joint.text"),
                                      m_g.op("Mul", {gImage, imagePooled}, "joint.image")},
                                     "joint");
    const std::string up = silu(m_blocks.linear(m_blocks.norm(joint, "joint_norm"), "joint_up", H, H, true), "joint_up");
    return m_g.op("Reshape", {m_blocks.linear(up, "joint_out", 1, H, true), m_g.ints({-1, kClasses})},
                  "template_scores");
}

void CrossModalGraph::build()
{
    using Dim = GraphWriter::Dim;
    const Dim batch{0, "batch"};
    m_g.input("image", onnx::TensorProto::FLOAT, {batch, {1, {}}, {kSide, {}}, {kSide, {}}});
    const std::string img = encodeImage("image");
    std::string logits;
    if (m_run.crossmodal.architecture == "image_only") {
        logits = classHead(img);
    } else {
        logits = templateScores(img, "image");
        if (m_run.crossmodal.decision == "fused") // CrossModalModelImpl::fuse
            logits = m_g.op("Add",
                            {m_g.op("LogSoftmax", {logits}, "fused.templates", {Attr::integer("axis", -1)}),
                             m_g.op("LogSoftmax", {classHead(img)}, "fused.head", {Attr::integer("axis", -1)})},
                            "fused");
    }
    m_g.op("Identity", {logits}, "logits");
    m_g.output("logits", onnx::TensorProto::FLOAT, {batch, {kClasses, {}}});
}

} // namespace seekbench::onnx_export
