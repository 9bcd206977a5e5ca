// The AML graph model as a TorchScript file (aml_export.h): aml_task.cpp's nodeStates()
// and score() written once more as TorchScript source over plain input tensors, with the
// sequence blocks from the shared TorchScriptBuilder. The module's class is private to
// aml_task.cpp, so its parts are found by their registered names (edge_proj, message.N,
// layers.N, ...), each checked for its type.

#include "aml_export.h"

#include "torchscript_builder.h"

#include "seekbench/config/estimates.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <sstream>
#include <stdexcept>

namespace seekbench::engine {
namespace {

template<typename Impl>
std::shared_ptr<Impl> part(torch::nn::Module &module, const std::string &name)
{
    for (const auto &item : module.named_modules("", /*include_self=*/false))
        if (item.key() == name) {
            if (auto p = std::dynamic_pointer_cast<Impl>(item.value()))
                return p;
            break;
        }
    throw std::invalid_argument("the AML graph model has no part '" + name + "' of the expected type");
}

class AmlScript
{
public:
    AmlScript(torch::nn::Module &module, const RunConfig &config, bool int8, Int8Kind kind)
        : m_module(module), m_config(config), m_b(config.model, int8, kind)
    {
        m_code.precision(17);
    }

    std::string bytes()
    {
        JitModule root = m_b.make("");
        const std::int64_t K = m_config.aml.sequence_length, F = kAmlEdgeFeatures, NF = kAmlNodeFeatures;
        std::ostringstream &src = m_code;
        src << "def forward(self, edge_features: Tensor, node_features: Tensor, edge_src: Tensor, edge_dst: Tensor, "
               "seq_index: Tensor, seq_extra: Tensor, seq_peer: Tensor, rows: Tensor) -> Tensor:\n";
        // Every input checked by name: shape, kind of number, index ranges.
        auto check = [&](const std::string &condition, const std::string &message) {
            src << "    assert " << condition << ", '" << message << "'\n";
        };
        check("edge_features.dim() == 2 and edge_features.size(1) == " + std::to_string(F)
                  + " and edge_features.is_floating_point()",
              "edge_features must be float [transactions, " + std::to_string(F) + "]");
        check("node_features.dim() == 3 and node_features.size(2) == " + std::to_string(NF)
                  + " and node_features.is_floating_point()",
              "node_features must be float [windows, accounts, " + std::to_string(NF) + "]");
        src << "    T = edge_features.size(0)\n    W = node_features.size(0)\n    A = node_features.size(1)\n"
            << "    N = W * A\n";
        for (const char *name : {"edge_src", "edge_dst"}) {
            const std::string n = name;
            check(n + ".dim() == 1 and " + n + ".size(0) == T and not " + n + ".is_floating_point()",
                  n + " must be int64 [transactions], as many as edge_features has rows");
            check("bool((" + n + " >= 0).all()) and bool((" + n + " < N).all())",
                  n + " must hold window * accounts + account, each in [0, windows * accounts)");
        }
        check("seq_index.dim() == 2 and seq_index.size(1) == " + std::to_string(K)
                  + " and not seq_index.is_floating_point()",
              "seq_index must be int64 [scored, " + std::to_string(K) + "] (aml.sequence_length)");
        src << "    B = seq_index.size(0)\n";
        check("bool((seq_index >= -1).all()) and bool((seq_index < T).all())",
              "seq_index must hold transaction indices in [0, transactions), -1 for padding");
        check("seq_extra.dim() == 3 and seq_extra.size(0) == B and seq_extra.size(1) == " + std::to_string(K)
                  + " and seq_extra.size(2) == 3 and seq_extra.is_floating_point()",
              "seq_extra must be float [scored, " + std::to_string(K) + ", 3]");
        check("seq_peer.dim() == 2 and seq_peer.size(0) == B and seq_peer.size(1) == " + std::to_string(K)
                  + " and not seq_peer.is_floating_point()",
              "seq_peer must be int64 [scored, " + std::to_string(K) + "]");
        check("bool((seq_peer >= 0).all()) and bool((seq_peer < N).all())",
              "seq_peer must hold window * accounts + account, each in [0, windows * accounts)");
        check("rows.dim() == 1 and rows.size(0) == B and not rows.is_floating_point()",
              "rows must be int64 [scored], one per seq_index row");
        check("bool((rows >= 0).all()) and bool((rows < T).all())",
              "rows must hold transaction indices in [0, transactions)");
        nodeStates(root);
        src << "    states = self.run_node_states(edge_features, node_features.reshape(N, " << NF
            << "), edge_src, edge_dst, W, A)\n";
        score(root);
        root.define(m_b.source().str() + m_code.str(), std::make_shared<ExportResolver>());
        root.eval();
        std::ostringstream out;
        root.save(out);
        return out.str();
    }

private:
    torch::nn::Linear linear(const std::string &name)
    {
        return torch::nn::Linear(part<torch::nn::LinearImpl>(m_module, name));
    }

    // A linear part registered on the root under `path` (dots become underscores).
    std::string apply(JitModule &root, const std::string &x, const std::string &name, bool quantize = true)
    {
        std::string path = name;
        for (char &c : path)
            if (c == '.')
                c = '_';
        torch::nn::Linear l = linear(name);
        if (!m_registered.count(path)) {
            root.register_module(path, m_b.linear(path, l, quantize));
            m_registered.insert(path);
        }
        return m_b.apply(x, path, l->bias.defined());
    }

    // run_node_states: AmlGraphModelImpl::nodeStates, [windows * accounts, hidden].
    void nodeStates(JitModule &root)
    {
        std::ostringstream body;
        body << "def run_node_states(self, edge_features: Tensor, node: Tensor, src: Tensor, dst: Tensor, W: int, "
                "A: int) -> Tensor:\n"
             << "    e = " << apply(root, "edge_features", "edge_proj") << "\n"
             << "    start = " << apply(root, "node", "node_proj") << "\n"
             << "    s = start\n"
             << "    ones = torch.ones_like(e[:, :1])\n"
             << "    in_deg = torch.zeros_like(s[:, :1]).index_add(0, dst, ones).clamp_min(1.0)\n"
             << "    out_deg = torch.zeros_like(s[:, :1]).index_add(0, src, ones).clamp_min(1.0)\n";
        for (int l = 0; l < m_config.aml.message_layers; ++l) {
            auto at = [&](int k) { return "message." + std::to_string(6 * l + k); };
            const std::string normPath = "message_" + std::to_string(6 * l + 5);
            RMSNorm norm(part<RMSNormImpl>(m_module, at(5)));
            root.register_module(normPath, m_b.norm(normPath, norm));
            body << "    m_in = torch.silu(" << apply(root, "s", at(0)) << ".index_select(0, src) + "
                 << apply(root, "e", at(1)) << ")\n"
                 << "    m_out = torch.silu(" << apply(root, "s", at(2)) << ".index_select(0, dst) + "
                 << apply(root, "e", at(3)) << ")\n"
                 << "    agg_in = torch.zeros_like(s).index_add(0, dst, m_in) / in_deg\n"
                 << "    agg_out = torch.zeros_like(s).index_add(0, src, m_out) / out_deg\n"
                 << "    s = self." << TorchScriptBuilder::method(normPath) << "(s + "
                 << apply(root, "torch.cat([agg_in, agg_out], -1)", at(4)) << ")\n";
        }
        // The running mean of the windows before each window, on the states at its start.
        body << "    s3 = s.view([W, A, -1])\n"
             << "    count = torch.arange(1, W + 1).to(s.dtype).view([W, 1, 1])\n"
             << "    mean = s3.cumsum(0) / count\n"
             << "    before = torch.cat([torch.zeros_like(mean[:1]), mean[:W - 1]], 0)\n"
             << "    return (start.view([W, A, -1]) + before).view([W * A, -1])\n";
        m_b.source() << body.str(); // after the parts' own methods, before forward
    }

    // The rest of forward: AmlGraphModelImpl::score on the given sequences -> logits [B].
    void score(JitModule &root)
    {
        const std::int64_t K = m_config.aml.sequence_length, F = kAmlEdgeFeatures;
        const auto [cos, sin] = amlRotaryTables(m_config.model);
        root.register_buffer("rope_cos", cos);
        root.register_buffer("rope_sin", sin);
        std::ostringstream &src = m_code;
        src << "    pad = seq_index < 0\n"
            << "    feats = edge_features.index_select(0, seq_index.clamp_min(0).reshape(-1)).view([B, " << K << ", "
            << F << "])\n"
            << "    tok = torch.cat([feats.masked_fill(pad.unsqueeze(-1), 0.0), seq_extra], -1)\n"
            << "    peers = states.index_select(0, seq_peer.reshape(-1)).view([B, " << K << ", states.size(1)])\n"
            << "    h = " << apply(root, "tok", "token_proj")
            << " + peers * torch.logical_not(pad).unsqueeze(-1).to(states.dtype)\n";
        for (int i = 0; i < m_config.model.num_hidden_layers; ++i) {
            const std::string path = "layer_" + std::to_string(i);
            DecoderLayer layer(part<DecoderLayerImpl>(m_module, "layers." + std::to_string(i)));
            root.register_module(path, m_b.layer(path, layer));
            src << "    h = self." << TorchScriptBuilder::method(path) << "(h, self.rope_cos, self.rope_sin)\n";
        }
        RMSNorm norm(part<RMSNormImpl>(m_module, "norm"));
        root.register_module("norm", m_b.norm("norm", norm));
        src << "    h = self.run_norm(h)[:, " << K - 1 << "]\n"
            << "    s_state = states.index_select(0, edge_src.index_select(0, rows))\n"
            << "    r_state = states.index_select(0, edge_dst.index_select(0, rows))\n"
            << "    hidden = torch.silu(" << apply(root, "torch.cat([h.float(), s_state, r_state], -1)", "head1")
            << ")\n"
            // One output: kept fp32, it is the score itself.
            << "    return " << apply(root, "hidden", "head2", false) << ".squeeze(-1)\n";
    }

    torch::nn::Module &m_module;
    const RunConfig &m_config;
    TorchScriptBuilder m_b;
    std::set<std::string> m_registered;
    std::ostringstream m_code;
};

} // namespace

std::string amlTorchScriptBytes(torch::nn::Module &module, const RunConfig &config, bool int8)
{
    torch::NoGradGuard noGrad;
    const Int8Kind kind = int8 ? chooseInt8Kind() : Int8Kind::Dynamic;
    if (int8 && kind == Int8Kind::Dynamic)
        selectQuantizedEngine(); // the packed weights are laid out for the engine in use
    return AmlScript(module, config, int8, kind).bytes();
}

} // namespace seekbench::engine
