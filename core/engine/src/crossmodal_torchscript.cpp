// The cross-modal model as a TorchScript image classifier (crossmodal_export.h): the parts
// of CrossModalModelImpl written once more as TorchScript source, as torchscript_export.cpp
// does for the transformer, with the image encoder's DecoderLayers from the shared
// TorchScriptBuilder and the cross blocks, patching, stem and heads here.

#include "crossmodal_export.h"

#include "crossmodal_data.h"
#include "torchscript_builder.h"

#include "seekbench/formats/fashion_captions.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <sstream>

namespace seekbench::engine {

TemplateEncoding templateEncoding(CrossModalModelImpl &model)
{
    if (model.imageOnly())
        throw std::invalid_argument("the image_only model has no caption encoder, so no template encoding");
    torch::NoGradGuard noGrad;
    const bool training = model.is_training();
    model.eval();
    const EncodedCaptions all = encodeCaptions(CaptionVocabulary(), classTemplates());
    // Trailing columns no template uses are dropped (the engine's evaluation does the same).
    const std::int64_t T = all.mask.sum(1).max().item<std::int64_t>();
    const at::Tensor ids = all.ids.slice(1, 0, T).contiguous(), mask = all.mask.slice(1, 0, T).contiguous();
    const auto device = model.patch_embed->weight.device();
    auto aux = torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(device));
    TemplateEncoding e;
    e.states = model.encodeText(ids.to(device), mask.to(device), aux).to(torch::kCPU, torch::kFloat).contiguous();
    e.mask = mask;
    model.train(training);
    return e;
}

namespace {

bool hasBias(const torch::nn::Linear &l) { return l->bias.defined(); }

class CrossModalScript
{
public:
    CrossModalScript(CrossModalModelImpl &model, bool int8, Int8Kind kind)
        : m_model(model), m_blocks(crossModalBlockConfig(model.config())), m_b(m_blocks, int8, kind)
    {
        m_code.precision(17);
    }

    std::string bytes()
    {
        const CrossModalConfig &x = m_model.config().crossmodal;
        JitModule root = m_b.make("");
        std::ostringstream &src = m_code;
        encoder(root);
        if (!m_model.classifier.is_empty()) // kept fp32: it decides the class directly
            root.register_module("classifier", m_b.linear("classifier", m_model.classifier, false));
        src << "def forward(self, image: Tensor) -> Tensor:\n"
            << "    assert image.dim() == 4 and image.size(1) == 1 and image.size(2) == 28 and image.size(3) == 28, "
               "'image must be float [batch, 1, 28, 28], normalised as Fashion-MNIST: (pixel / 255 - 0.2860) / "
               "0.3530'\n"
            << "    img = self.run_encode_image(image)\n";
        if (m_model.imageOnly()) {
            src << "    return " << m_b.apply("img.mean(1)", "classifier", true) << "\n";
        } else {
            heads(root, int(x.cross_layers));
            if (x.decision == "fused")
                src << "    return torch.log_softmax(scores, -1) + torch.log_softmax("
                    << m_b.apply("img.mean(1)", "classifier", true) << ", -1)\n";
            else
                src << "    return scores\n";
        }
        // The parts' methods (each written whole as its part was built), then encode_image and forward.
        root.define(m_b.source().str() + m_code.str(), std::make_shared<ExportResolver>());
        root.eval();
        std::ostringstream out;
        root.save(out);
        return out.str();
    }

private:
    JitModule weights(const std::string &path, const torch::nn::Conv2d &conv)
    {
        JitModule m = m_b.make(path);
        m.register_parameter("weight", conv->weight.detach().clone(), false);
        m.register_parameter("bias", conv->bias.detach().clone(), false);
        return m;
    }

    // run_encode_image: CrossModalModelImpl::encodeImage.
    void encoder(JitModule &root)
    {
        CrossModalModelImpl &m = m_model;
        const CrossModalConfig &x = m.config().crossmodal;
        const std::int64_t p = x.patch_size, G = 28 / p, P = m.patches();
        std::ostringstream &src = m_code;
        root.register_module("patch_embed", m_b.linear("patch_embed", m.patch_embed));
        root.register_parameter("pos_embed", m.pos_embed.detach().clone(), false);
        // The patches' rotary tables are the identity (learned absolute positions instead).
        root.register_buffer("image_cos", torch::ones({P, m_blocks.headDim()}));
        root.register_buffer("image_sin", torch::zeros({P, m_blocks.headDim()}));
        src << "def run_encode_image(self, image: Tensor) -> Tensor:\n"
            << "    B = image.size(0)\n"
            << "    patches = image.reshape(B, " << G << ", " << p << ", " << G << ", " << p
            << ").permute(0, 1, 3, 2, 4).reshape(B, " << P << ", " << p * p << ")\n"
            << "    h = " << m_b.apply("patches", "patch_embed", true) << " + self.pos_embed\n";
        if (!m.stem_in.is_empty()) {
            root.register_module("stem_in", weights("stem_in", m.stem_in));
            root.register_module("stem_out", weights("stem_out", m.stem_out));
            root.register_module("stem_embed", m_b.linear("stem_embed", m.stem_embed));
            const int w = x.stemPoolWindow();
            src << "    f = torch.silu(torch.conv2d(image, self.stem_in.weight, self.stem_in.bias, [1, 1], [1, 1]))\n"
                << "    f = torch.silu(torch.conv2d(f, self.stem_out.weight, self.stem_out.bias, [1, 1], [1, 1]))\n"
                << "    C = f.size(1)\n"
                << "    per = f.reshape(B, C, " << G << ", " << p << ", " << G << ", " << p
                << ").permute(0, 2, 4, 1, 3, 5).reshape(B * " << P << ", C, " << p << ", " << p << ")\n"
                << "    pooled = torch.max_pool2d(per, [" << w << ", " << w << "], [2, 2]).reshape(B, " << P
                << ", -1)\n"
                << "    h = h + " << m_b.apply("pooled", "stem_embed", false) << "\n";
        }
        for (std::size_t i = 0; i < m.image_layers->size(); ++i) {
            const std::string path = "image_layer_" + std::to_string(i);
            DecoderLayer layer(std::dynamic_pointer_cast<DecoderLayerImpl>(m.image_layers->ptr(i)));
            root.register_module(path, m_b.layer(path, layer));
            src << "    h = self." << TorchScriptBuilder::method(path) << "(h, self.image_cos, self.image_sin)\n";
        }
        root.register_module("image_norm", m_b.norm("image_norm", m.image_norm));
        src << "    return self." << TorchScriptBuilder::method("image_norm") << "(h)\n";
    }

    // run_<path>: CrossBlockImpl::forward on pairs already gathered (CrossAttention's
    // softmax path; `masked`: the context's padding keys are hidden).
    JitModule crossBlock(const std::string &path, CrossBlock &block, bool masked)
    {
        const std::int64_t H = m_blocks.num_attention_heads, D = m_blocks.headDim();
        JitModule m = m_b.make(path);
        m.register_module("query_norm", m_b.norm(path + ".query_norm", block->query_norm));
        m.register_module("context_norm", m_b.norm(path + ".context_norm", block->context_norm));
        JitModule attn = m_b.make(path + ".attn");
        CrossAttention &a = block->attn;
        for (auto [name, l] : {std::pair<const char *, torch::nn::Linear &>{"q_proj", a->q_proj},
                               {"k_proj", a->k_proj},
                               {"v_proj", a->v_proj},
                               {"o_proj", a->o_proj}})
            attn.register_module(name, m_b.linear(path + ".attn." + name, l));
        m.register_module("attn", attn);
        m.register_module("post_norm", m_b.norm(path + ".post_norm", block->post_norm));
        m.register_module("mlp", m_b.swiglu(path + ".mlp", block->mlp));
        const std::string p = TorchScriptBuilder::method(path), at = path + ".attn.";
        const bool bias = hasBias(a->q_proj);
        std::ostringstream &src = m_b.source();
        src << "def " << p << "(self, x: Tensor, context: Tensor" << (masked ? ", mask: Tensor" : "")
            << ") -> Tensor:\n"
            << "    N = x.size(0)\n    Tq = x.size(1)\n    Tk = context.size(1)\n"
            << "    xq = self." << p << "_query_norm(x)\n"
            << "    xc = self." << p << "_context_norm(context)\n"
            << "    q = " << m_b.apply("xq", at + "q_proj", bias) << ".view(N, Tq, " << H << ", " << D
            << ").transpose(1, 2)\n"
            << "    k = " << m_b.apply("xc", at + "k_proj", bias) << ".view(N, Tk, " << H << ", " << D
            << ").transpose(1, 2)\n"
            << "    v = " << m_b.apply("xc", at + "v_proj", bias) << ".view(N, Tk, " << H << ", " << D
            << ").transpose(1, 2)\n"
            << "    scores = torch.matmul(q, k.transpose(-2, -1)) * " << 1.0 / std::sqrt(double(D)) << "\n";
        if (masked)
            src << "    scores = scores.masked_fill(torch.logical_not(mask).view(N, 1, 1, Tk), float('-inf'))\n";
        src << "    probs = torch.softmax(scores.float(), -1).to(q.dtype)\n"
            << "    attended = torch.matmul(probs, v).transpose(1, 2).reshape(N, Tq, " << H * D << ")\n"
            << "    h = x + " << m_b.apply("attended", at + "o_proj", bias) << "\n"
            << "    return h + self." << p << "_mlp(self." << p << "_post_norm(h))\n";
        return m;
    }

    // The rest of forward: every image against the ten precomputed templates
    // (CrossModalModelImpl::scoreAll, image-major pairs), the pooled features, the gate and
    // the joint head -> `scores` [B, 10].
    void heads(JitModule &root, int crossLayers)
    {
        CrossModalModelImpl &m = m_model;
        // Computed here, once: the templates never change, so neither does their encoding.
        const TemplateEncoding t = templateEncoding(m);
        root.register_buffer("template_states", t.states);
        root.register_buffer("template_mask", t.mask);
        std::ostringstream &src = m_code;
        src << "    B = img.size(0)\n"
            << "    C = self.template_states.size(0)\n"
            << "    pairs = img.repeat_interleave(C, 0)\n"
            << "    txt = self.template_states.to(img.dtype).repeat(B, 1, 1)\n"
            << "    mask = self.template_mask.repeat(B, 1)\n";
        for (int i = 0; i < crossLayers; ++i) {
            const std::string ct = "cross_text_" + std::to_string(i), ci = "cross_image_" + std::to_string(i);
            CrossBlock text(std::dynamic_pointer_cast<CrossBlockImpl>(m.cross_text->ptr(std::size_t(i))));
            CrossBlock image(std::dynamic_pointer_cast<CrossBlockImpl>(m.cross_image->ptr(std::size_t(i))));
            root.register_module(ct, crossBlock(ct, text, false));
            root.register_module(ci, crossBlock(ci, image, true));
            // Both directions read the states of the layer below.
            src << "    next_txt = self." << TorchScriptBuilder::method(ct) << "(txt, pairs)\n"
                << "    pairs = self." << TorchScriptBuilder::method(ci) << "(pairs, txt, mask)\n"
                << "    txt = next_txt\n";
        }
        // The modality gate and the joint output are kept fp32 (2 and 1 outputs).
        root.register_module("gate", m_b.linear("gate", m.gate, false));
        root.register_module("joint_norm", m_b.norm("joint_norm", m.joint_norm));
        root.register_module("joint_up", m_b.linear("joint_up", m.joint_up));
        root.register_module("joint_out", m_b.linear("joint_out", m.joint_out, false));
        src << "    m = mask.to(txt.dtype).unsqueeze(-1)\n"
            << "    text_pooled = (txt * m).sum(1) / m.sum(1).clamp_min(1)\n"
            << "    image_pooled = pairs.mean(1)\n"
            << "    g = torch.softmax("
            << m_b.apply("torch.cat([text_pooled, image_pooled], -1)", "gate", hasBias(m.gate)) << ".float(), -1)\n"
            << "    joint = g[:, 0:1] * text_pooled + g[:, 1:2] * image_pooled\n"
            << "    up = torch.silu(" << m_b.apply("self.run_joint_norm(joint)", "joint_up", hasBias(m.joint_up))
            << ")\n"
            << "    scores = " << m_b.apply("up", "joint_out", hasBias(m.joint_out)) << ".view(B, C)\n";
    }

    CrossModalModelImpl &m_model;
    const ModelConfig m_blocks; // the encoders' block config (bidirectional)
    TorchScriptBuilder m_b;
    // run_encode_image and forward, written while their parts are built: the parts' own
    // methods go to the builder's source, so the two never interleave.
    std::ostringstream m_code;
};

} // namespace

std::string crossModalTorchScriptBytes(CrossModalModelImpl &model, bool int8)
{
    torch::NoGradGuard noGrad;
    const Int8Kind kind = int8 ? chooseInt8Kind() : Int8Kind::Dynamic;
    if (int8 && kind == Int8Kind::Dynamic)
        selectQuantizedEngine(); // the packed weights are laid out for the engine in use
    return CrossModalScript(model, int8, kind).bytes();
}

} // namespace seekbench::engine
