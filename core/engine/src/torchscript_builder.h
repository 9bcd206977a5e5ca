#pragma once

// What the TorchScript exports share (issue 23): each part of a DeepSeek-style block written
// once more as TorchScript source, with the trained weights registered into submodules
// named for their place. torchscript_export.cpp builds the transformer from it,
// crossmodal_torchscript.cpp the cross-modal model. Engine-internal (torch headers).

#include "model.h"
#include "quantization.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/native/quantized/PackedParams.h>

#include <torch/csrc/jit/frontend/resolver.h>
#include <torch/csrc/jit/frontend/sugared_value.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>
#include <string>

namespace seekbench::engine {

using JitModule = torch::jit::Module;

// LibTorch's native resolver knows `torch` (aten ops); INT8 code also calls the quantized
// ops, which it resolves here as `quantized.linear_dynamic` (saved, the file reads
// ops.quantized.linear_dynamic, which any TorchScript loader knows).
struct ExportResolver : torch::jit::Resolver
{
    std::shared_ptr<torch::jit::SugaredValue> resolveValue(const std::string &name, torch::jit::GraphFunction &,
                                                           const torch::jit::SourceRange &) override
    {
        if (name == "torch")
            return std::make_shared<torch::jit::BuiltinModule>("aten");
        if (name == "quantized")
            return std::make_shared<torch::jit::BuiltinModule>("quantized");
        return nullptr;
    }
    c10::TypePtr resolveType(const std::string &, const torch::jit::SourceRange &) override { return nullptr; }
};

// The weights sit in submodules named for their place, so the state dict reads like the
// C++ module's (layer_0.self_attn.q_proj.weight; layers.N and experts.E become layer_N and
// expert_E, as TorchScript names must be identifiers). The code is one method of the root
// per part, named by the same path (layer_0_self_attn), reaching the weights through the
// submodules: the root's code cannot call methods defined on submodules built from C++.
// Methods are prefixed run_, so no method shadows a submodule of the same path.
class TorchScriptBuilder
{
public:
    TorchScriptBuilder(const ModelConfig &config, bool int8, Int8Kind kind)
        : m_config(config), m_int8(int8), m_kind(kind)
    {
        m_src.precision(17);
    }

    JitModule make(const std::string &path)
    {
        std::string cls = "Part_" + method(path.empty() ? "root" : path).substr(4);
        return JitModule(c10::QualifiedName("__torch__.seekbench." + cls), m_unit, /*shouldMangle=*/true);
    }

    // "layer_0.self_attn" -> "run_layer_0_self_attn" (a name no submodule has)
    static std::string method(const std::string &path)
    {
        std::string name = "run_" + path;
        for (char &ch : name)
            if (ch == '.')
                ch = '_';
        return name;
    }

    // x @ W^T (+ b) with the weights of the linear layer at `path`: torch.matmul, the
    // kernels LibTorch's Linear uses; for an INT8 layer, LibTorch's dynamic quantized
    // linear (activations quantized per call, packed weights with the bias inside).
    // reduce_range is true: activations use 7 bits. x86 processors without VNNI multiply
    // u8 x s8 pairs into a saturating int16 (vpmaddubsw), so full 8-bit activations
    // overflow there: a logit off by 10 % on AVX2 instead of 2 % (tests/benchmarks/README.md).
    // The file is portable, so it must be right on whichever processor loads it.
    std::string apply(const std::string &x, const std::string &path, bool bias) const
    {
        if (m_quantized.count(path) && m_kind == Int8Kind::Dynamic)
            return "quantized.linear_dynamic(" + x + ", self." + path + ".packed, True)";
        if (m_quantized.count(path)) { // weight-only: int8 weights widened with their per-row scales
            std::string s = "torch.matmul(" + x + ", (self." + path + ".weight_int8.float() * self." + path
                            + ".weight_scale).t())";
            return bias ? "(" + s + " + self." + path + ".bias)" : s;
        }
        std::string s = "torch.matmul(" + x + ", self." + path + ".weight.t())";
        return bias ? "(" + s + " + self." + path + ".bias)" : s;
    }

    // `quantize` false keeps a layer in fp32 under INT8 (the MoE router: its top-k choice
    // is discrete, and the gate is a sliver of the weights).
    JitModule linear(const std::string &path, torch::nn::Linear &l, bool quantize = true)
    {
        JitModule m = make(path);
        if (m_int8 && quantize && m_kind == Int8Kind::Dynamic) {
            m.register_attribute("packed", c10::getCustomClassType<c10::intrusive_ptr<LinearPackedParamsBase>>(),
                                 packInt8(l));
            m_quantized.insert(path);
            return m;
        }
        if (m_int8 && quantize) {
            const at::Tensor w = l->weight.detach().to(torch::kFloat);
            const at::Tensor scale = (w.abs().amax(1, /*keepdim=*/true) / 127.0).clamp_min(1e-12);
            m.register_buffer("weight_int8", (w / scale).round().clamp(-127, 127).to(torch::kChar));
            m.register_buffer("weight_scale", scale.contiguous());
            if (l->bias.defined())
                m.register_parameter("bias", l->bias.detach().clone(), false);
            m_quantized.insert(path);
            return m;
        }
        m.register_parameter("weight", l->weight.detach().clone(), false);
        if (l->bias.defined())
            m.register_parameter("bias", l->bias.detach().clone(), false);
        return m;
    }

    JitModule norm(const std::string &path, RMSNorm &n)
    {
        JitModule m = make(path);
        m.register_parameter("weight", n->weight.detach().clone(), false);
        m_src << "def " << method(path) << "(self, x: Tensor) -> Tensor:\n"
              << "    xf = x.float()\n"
              << "    return self." << path << ".weight * (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + "
              << m_config.rms_norm_eps << "))\n";
        return m;
    }

    JitModule swiglu(const std::string &path, SwiGluMlp &mlp)
    {
        JitModule m = make(path);
        m.register_module("gate_proj", linear(path + ".gate_proj", mlp->gate_proj));
        m.register_module("up_proj", linear(path + ".up_proj", mlp->up_proj));
        m.register_module("down_proj", linear(path + ".down_proj", mlp->down_proj));
        m_src << "def " << method(path) << "(self, x: Tensor) -> Tensor:\n"
              << "    g = " << apply("x", path + ".gate_proj", false) << "\n"
              << "    return "
              << apply("g * torch.sigmoid(g) * " + apply("x", path + ".up_proj", false), path + ".down_proj", false)
              << "\n";
        return m;
    }

    JitModule attention(const std::string &path, Attention &a)
    {
        const int64_t H = m_config.num_attention_heads, KV = m_config.num_key_value_heads, D = m_config.headDim();
        const bool bias = m_config.attention_bias;
        JitModule m = make(path);
        m.register_module("q_proj", linear(path + ".q_proj", a->q_proj));
        m.register_module("k_proj", linear(path + ".k_proj", a->k_proj));
        m.register_module("v_proj", linear(path + ".v_proj", a->v_proj));
        m.register_module("o_proj", linear(path + ".o_proj", a->o_proj));
        auto heads = [&](const char *name, int64_t n) {
            m_src << "    " << name << " = " << apply("x", path + "." + name + "_proj", bias) << ".view(B, T, " << n
                  << ", " << D << ").transpose(1, 2)\n";
        };
        m_src << "def " << method(path) << "(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:\n"
              << "    B = x.size(0)\n    T = x.size(1)\n";
        heads("q", H);
        heads("k", KV);
        heads("v", KV);
        m_src << "    c = cos[:T].to(q.dtype)\n    s = sin[:T].to(q.dtype)\n"
              << "    q = q * c + torch.cat([-q[..., " << D / 2 << ":], q[..., :" << D / 2 << "]], -1) * s\n"
              << "    k = k * c + torch.cat([-k[..., " << D / 2 << ":], k[..., :" << D / 2 << "]], -1) * s\n";
        if (KV != H)
            m_src << "    k = k.repeat_interleave(" << H / KV << ", 1)\n    v = v.repeat_interleave(" << H / KV
                  << ", 1)\n";
        m_src << "    scores = torch.matmul(q, k.transpose(-2, -1)) * " << 1.0 / std::sqrt(double(D)) << "\n";
        if (m_config.causal)
            m_src << "    mask = torch.triu(torch.ones_like(scores[0, 0]), 1) > 0\n"
                  << "    scores = scores.masked_fill(mask, float('-inf'))\n";
        m_src << "    probs = torch.softmax(scores.float(), -1).to(q.dtype)\n"
              << "    context = torch.matmul(probs, v).transpose(1, 2).reshape(B, T, " << H * D << ")\n"
              << "    return " << apply("context", path + ".o_proj", bias) << "\n";
        return m;
    }

    JitModule moe(const std::string &path, Moe &moe)
    {
        const int64_t E = m_config.n_routed_experts, K = m_config.num_experts_per_tok;
        JitModule m = make(path);
        m.register_module("gate", linear(path + ".gate", moe->gate, false));
        for (int64_t e = 0; e < E; ++e) {
            SwiGluMlp expert(std::dynamic_pointer_cast<SwiGluMlpImpl>(moe->experts->ptr(size_t(e))));
            m.register_module("expert_" + std::to_string(e), swiglu(path + ".expert_" + std::to_string(e), expert));
        }
        if (moe->shared_experts)
            m.register_module("shared_experts", swiglu(path + ".shared_experts", moe->shared_experts));
        // Each expert on the tokens routed to it, weighted, added in expert order: the C++
        // module's dispatch, without its sort.
        m_src << "def " << method(path) << "(self, x: Tensor) -> Tensor:\n"
              << "    shape = x.size()\n    flat = x.reshape(-1, x.size(-1))\n"
              << "    logits = " << apply("flat", path + ".gate", false) << ".float()\n"
              << "    scores = "
              << (m_config.scoring_func == "sigmoid" ? "torch.sigmoid(logits)" : "torch.softmax(logits, -1)")
              << "\n    top = torch.topk(scores, " << K << ", -1)\n    weights = top[0]\n    index = top[1]\n";
        if (m_config.norm_topk_prob && K > 1)
            m_src << "    weights = weights / (weights.sum(-1, keepdim=True) + 1e-20)\n";
        m_src << "    out = torch.zeros_like(flat)\n";
        for (int64_t e = 0; e < E; ++e)
            m_src << "    hit = index == " << e << "\n"
                  << "    rows = torch.nonzero(hit.any(-1)).squeeze(1)\n"
                  << "    if rows.numel() > 0:\n"
                  << "        w = (weights * hit.to(weights.dtype)).sum(-1).index_select(0, rows)\n"
                  << "        out = out.index_add(0, rows, self." << method(path + ".expert_" + std::to_string(e))
                  << "(flat.index_select(0, rows)) * w.unsqueeze(1))\n";
        if (moe->shared_experts)
            m_src << "    out = out + self." << method(path + ".shared_experts") << "(flat)\n";
        m_src << "    return out.view(shape)\n";
        return m;
    }

    JitModule layer(const std::string &path, DecoderLayer &l)
    {
        JitModule m = make(path);
        m.register_module("input_layernorm", norm(path + ".input_layernorm", l->input_layernorm));
        m.register_module("self_attn", attention(path + ".self_attn", l->self_attn));
        m.register_module("post_attention_layernorm",
                          norm(path + ".post_attention_layernorm", l->post_attention_layernorm));
        if (l->moe)
            m.register_module("mlp", moe(path + ".mlp", l->moe));
        else
            m.register_module("mlp", swiglu(path + ".mlp", l->mlp));
        const std::string p = method(path);
        m_src << "def " << p << "(self, x: Tensor, cos: Tensor, sin: Tensor) -> Tensor:\n"
              << "    h = x + self." << p << "_self_attn(self." << p << "_input_layernorm(x), cos, sin)\n"
              << "    return h + self." << p << "_mlp(self." << p << "_post_attention_layernorm(h))\n";
        return m;
    }

    std::ostringstream &source() { return m_src; }

private:
    // Symmetric per-output-channel INT8 weights (scale = max |w| / 127, zero point 0),
    // packed by LibTorch's quantized engine for linear_dynamic.
    static c10::IValue packInt8(torch::nn::Linear &l)
    {
        const at::Tensor w = l->weight.detach().to(torch::kFloat).contiguous();
        const at::Tensor scales = (w.abs().amax(1) / 127.0).clamp_min(1e-12).to(torch::kDouble);
        const at::Tensor zeros = torch::zeros({w.size(0)}, torch::kLong);
        const at::Tensor q = at::quantize_per_channel(w, scales, zeros, 0, at::kQInt8);
        c10::optional<at::Tensor> bias;
        if (l->bias.defined())
            bias = l->bias.detach().to(torch::kFloat).contiguous();
        static const auto prepack
            = c10::Dispatcher::singleton()
                  .findSchemaOrThrow("quantized::linear_prepack", "")
                  .typed<c10::intrusive_ptr<LinearPackedParamsBase>(at::Tensor, c10::optional<at::Tensor>)>();
        return c10::IValue(prepack.call(q, bias));
    }

    const ModelConfig &m_config;
    bool m_int8 = false;
    Int8Kind m_kind = Int8Kind::Dynamic;
    std::set<std::string> m_quantized;
    std::shared_ptr<torch::jit::CompilationUnit> m_unit = std::make_shared<torch::jit::CompilationUnit>();
    std::ostringstream m_src;
};

} // namespace seekbench::engine
