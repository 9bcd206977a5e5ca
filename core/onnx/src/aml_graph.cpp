#include "aml_graph.h"

#include "seekbench/config/estimates.h"

namespace seekbench::onnx_export {

AmlGraph::AmlGraph(GraphWriter &g, const RunConfig &config, const OnnxWeights &weights)
    : m_g(g), m_config(config), m_t(g, config, weights)
{}

// x * sigmoid(x), torch.silu
std::string AmlGraph::silu(const std::string &x, const std::string &hint)
{
    return m_g.op("Mul", {x, m_g.op("Sigmoid", {x}, hint + ".sigmoid")}, hint + ".silu");
}

std::string AmlGraph::indexAdd(const std::string &zeros, const std::string &index, const std::string &updates,
                               const std::string &hint)
{
    return m_g.op("ScatterND", {zeros, index, updates}, hint, {Attr::text("reduction", "add")});
}

// AmlGraphModelImpl::nodeStates: [windows * accounts, hidden].
std::string AmlGraph::nodeStates()
{
    const std::int64_t H = m_config.model.hidden_size;
    const std::string node = m_g.op("Reshape", {"node_features", m_g.ints({-1, kAmlNodeFeatures})}, "node_rows");
    const std::string e = m_t.linear("edge_features", "edge_proj", H, kAmlEdgeFeatures, true);
    const std::string start = m_t.linear(node, "node_proj", H, kAmlNodeFeatures, true);
    m_src = m_g.op("Unsqueeze", {"edge_src", m_g.ints({1})}, "edge_src_index");
    m_dst = m_g.op("Unsqueeze", {"edge_dst", m_g.ints({1})}, "edge_dst_index");

    // Degrees, at least 1: [nodes, 1].
    const std::string one = m_g.ints({1});
    const std::string nodes = m_g.op("Slice", {m_g.op("Shape", {node}, "node_rows_shape"), m_g.ints({0}), one}, "nodes");
    const std::string edges = m_g.op("Slice", {m_g.op("Shape", {"edge_src"}, "edge_shape"), m_g.ints({0}), one},
                                     "edges");
    const std::string zeros = m_g.op("ConstantOfShape",
                                     {m_g.op("Concat", {nodes, one}, "degree_shape", {Attr::integer("axis", 0)})},
                                     "degree_zeros", {Attr::fill("value", 0.0f)});
    const std::string ones = m_g.op("ConstantOfShape",
                                    {m_g.op("Concat", {edges, one}, "edge_ones_shape", {Attr::integer("axis", 0)})},
                                    "edge_ones", {Attr::fill("value", 1.0f)});
    const std::string floor = m_g.floatScalar(1.0f);
    const std::string inDeg = m_g.op("Max", {indexAdd(zeros, m_dst, ones, "in_degree_sum"), floor}, "in_degree");
    const std::string outDeg = m_g.op("Max", {indexAdd(zeros, m_src, ones, "out_degree_sum"), floor}, "out_degree");

    std::string s = start;
    for (int l = 0; l < m_config.aml.message_layers; ++l) {
        auto at = [&](int k) { return "message." + std::to_string(6 * l + k); };
        const std::string hint = "message_layer_" + std::to_string(l);
        const std::string fromSender = m_g.op("Gather", {m_t.linear(s, at(0), H, H, true), "edge_src"},
                                              hint + ".sender_state", {Attr::integer("axis", 0)});
        const std::string mIn = silu(m_g.op("Add", {fromSender, m_t.linear(e, at(1), H, H, false)}, hint + ".in_pre"),
                                     hint + ".in");
        const std::string fromReceiver = m_g.op("Gather", {m_t.linear(s, at(2), H, H, true), "edge_dst"},
                                                hint + ".receiver_state", {Attr::integer("axis", 0)});
        const std::string mOut
            = silu(m_g.op("Add", {fromReceiver, m_t.linear(e, at(3), H, H, false)}, hint + ".out_pre"), hint + ".out");
        const std::string zerosNH = m_g.op("ConstantOfShape", {m_g.op("Shape", {s}, hint + ".state_shape")},
                                           hint + ".zeros", {Attr::fill("value", 0.0f)});
        const std::string aggIn = m_g.op("Div", {indexAdd(zerosNH, m_dst, mIn, hint + ".in_sum"), inDeg},
                                         hint + ".in_mean");
        const std::string aggOut = m_g.op("Div", {indexAdd(zerosNH, m_src, mOut, hint + ".out_sum"), outDeg},
                                          hint + ".out_mean");
        const std::string both = m_g.op("Concat", {aggIn, aggOut}, hint + ".aggregate", {Attr::integer("axis", -1)});
        const std::string updated = m_g.op("Add", {s, m_t.linear(both, at(4), H, 2 * H, true)}, hint + ".residual");
        s = m_t.norm(updated, at(5));
    }

    // The running mean of the windows before each window, on the states at its start.
    const std::string nodeShape = m_g.op("Shape", {"node_features"}, "node_features_shape");
    const std::string byWindow = m_g.op("Concat",
                                        {m_g.op("Slice", {nodeShape, m_g.ints({0}), m_g.ints({2})}, "windows_accounts"),
                                         m_g.ints({-1})},
                                        "by_window_shape", {Attr::integer("axis", 0)});
    const std::string s3 = m_g.op("Reshape", {s, byWindow}, "window_states");
    const std::string sum = m_g.op("CumSum", {s3, m_g.intScalar(0)}, "window_states_cumsum");
    const std::string windows = m_g.op("Gather", {nodeShape, m_g.intScalar(0)}, "windows");
    const std::string counts = m_g.op("Range",
                                      {m_g.intScalar(1), m_g.op("Add", {windows, m_g.intScalar(1)}, "windows_plus_one"),
                                       m_g.intScalar(1)},
                                      "window_counts");
    const std::string count
        = m_g.op("Reshape",
                 {m_g.op("Cast", {counts}, "window_counts_float", {Attr::integer("to", onnx::TensorProto::FLOAT)}),
                  m_g.ints({-1, 1, 1})},
                 "window_count");
    const std::string mean = m_g.op("Div", {sum, count}, "running_mean");
    // cat(zeros of one window, mean[:windows - 1]): the windows before each
    const std::string earlier = m_g.op("Slice", {mean, m_g.ints({0}), m_g.ints({-1}), m_g.ints({0})},
                                       "running_mean_earlier");
    const std::string before = m_g.op("Pad", {earlier, m_g.ints({1, 0, 0, 0, 0, 0})}, "running_mean_before");
    const std::string dynamic = m_g.op("Add", {m_g.op("Reshape", {start, byWindow}, "window_start"), before},
                                       "window_dynamic_states");
    return m_g.op("Reshape", {dynamic, m_g.ints({-1, H})}, "states");
}

// AmlGraphModelImpl::score on the given sequences: logits [scored].
std::string AmlGraph::score(const std::string &states)
{
    const std::int64_t H = m_config.model.hidden_size, K = m_config.aml.sequence_length, F = kAmlEdgeFeatures;
    const std::string pad = m_g.op("Less", {"seq_index", m_g.intScalar(0)}, "padding");
    const std::string padTail = m_g.op("Unsqueeze", {pad, m_g.ints({2})}, "padding_column");
    const std::string clamped = m_g.op("Max", {"seq_index", m_g.intScalar(0)}, "seq_index_clamped");
    const std::string feats
        = m_g.op("Reshape",
                 {m_g.op("Gather", {"edge_features", m_g.op("Reshape", {clamped, m_g.ints({-1})}, "seq_index_flat")},
                         "seq_features_flat", {Attr::integer("axis", 0)}),
                  m_g.ints({-1, K, F})},
                 "seq_features");
    const std::string masked = m_g.op("Where", {padTail, m_g.floatScalar(0.0f), feats}, "seq_features_masked");
    const std::string tok = m_g.op("Concat", {masked, "seq_extra"}, "tokens", {Attr::integer("axis", -1)});
    const std::string peers = m_g.op("Reshape",
                                     {m_g.op("Gather",
                                             {states, m_g.op("Reshape", {"seq_peer", m_g.ints({-1})}, "seq_peer_flat")},
                                             "peer_states_flat", {Attr::integer("axis", 0)}),
                                      m_g.ints({-1, K, H})},
                                     "peer_states");
    const std::string real = m_g.op("Cast", {m_g.op("Not", {padTail}, "real_column")}, "real_weight",
                                    {Attr::integer("to", onnx::TensorProto::FLOAT)});
    std::string h = m_g.op("Add",
                           {m_t.linear(tok, "token_proj", H, F + 3, true),
                            m_g.op("Mul", {peers, real}, "peer_states_real")},
                           "sequence_in");

    // The blocks' rotary rows and causal mask for sequences of K.
    const ModelConfig &m = m_config.model;
    const Dims table{m.max_position_embeddings, m.headDim()};
    const std::string zero = m_g.ints({0}), length = m_g.ints({K});
    const std::string cos = m_g.op("Slice", {m_t.param("rope_cos", table), zero, length, zero}, "rope_cos.rows");
    const std::string sin = m_g.op("Slice", {m_t.param("rope_sin", table), zero, length, zero}, "rope_sin.rows");
    std::string mask;
    if (m.causal) {
        const std::string positions = m_g.op("Range", {m_g.intScalar(0), m_g.intScalar(K), m_g.intScalar(1)},
                                             "positions");
        mask = m_g.op("Greater",
                      {m_g.op("Unsqueeze", {positions, m_g.ints({0})}, "key_positions"),
                       m_g.op("Unsqueeze", {positions, m_g.ints({1})}, "query_positions")},
                      "causal_mask");
    }
    m_t.useSequence(cos, sin, mask);
    for (int i = 0; i < m.num_hidden_layers; ++i)
        h = m_t.layer(h, "layers." + std::to_string(i), i);
    h = m_t.norm(h, "norm");
    const std::string last = m_g.op("Gather", {h, m_g.intScalar(K - 1)}, "sequence_state", {Attr::integer("axis", 1)});
    auto endState = [&](const char *edge, const std::string &hint) {
        const std::string node = m_g.op("Gather", {edge, "rows"}, hint + "_node", {Attr::integer("axis", 0)});
        return m_g.op("Gather", {states, node}, hint + "_state", {Attr::integer("axis", 0)});
    };
    const std::string joined = m_g.op("Concat",
                                      {last, endState("edge_src", "sender"), endState("edge_dst", "receiver")},
                                      "head_in", {Attr::integer("axis", -1)});
    const std::string hidden = silu(m_t.linear(joined, "head1", H, 3 * H, true), "head1");
    return m_g.op("Squeeze", {m_t.linear(hidden, "head2", 1, H, true), m_g.ints({-1})}, "logit");
}

void AmlGraph::build()
{
    using Dim = GraphWriter::Dim;
    const Dim transactions{0, "transactions"}, windows{0, "windows"}, accounts{0, "accounts"}, scored{0, "scored"};
    const std::int64_t K = m_config.aml.sequence_length;
    m_g.input("edge_features", onnx::TensorProto::FLOAT, {transactions, {kAmlEdgeFeatures, {}}});
    m_g.input("node_features", onnx::TensorProto::FLOAT, {windows, accounts, {kAmlNodeFeatures, {}}});
    m_g.input("edge_src", onnx::TensorProto::INT64, {transactions});
    m_g.input("edge_dst", onnx::TensorProto::INT64, {transactions});
    m_g.input("seq_index", onnx::TensorProto::INT64, {scored, {K, {}}});
    m_g.input("seq_extra", onnx::TensorProto::FLOAT, {scored, {K, {}}, {3, {}}});
    m_g.input("seq_peer", onnx::TensorProto::INT64, {scored, {K, {}}});
    m_g.input("rows", onnx::TensorProto::INT64, {scored});
    m_g.op("Identity", {score(nodeStates())}, "logits");
    m_g.output("logits", onnx::TensorProto::FLOAT, {scored});
}

} // namespace seekbench::onnx_export
