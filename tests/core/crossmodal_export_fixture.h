#pragma once

// What the cross-modal export tests share (issue 23): the model variants they export, a
// model whose weights no initialiser would give, fixed images, and the engine's own class
// decision to compare the exported files with. Include after <torch/torch.h> and before Qt.

#include "crossmodal_data.h"
#include "crossmodal_model.h"
#include "export_fixture.h"

#include "seekbench/formats/fashion_captions.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace seekbench::export_fixture {

// "templates": crossmodal_tiny.yaml as bundled (template decision, one layer of each kind).
// "fused": every optional part: a convolutional stem, the auxiliary head with the fused
//          decision, grouped-query attention, a MoE image layer (top-2 of 4, a shared
//          expert), attention biases, two cross layers.
// "vit":   crossmodal_vit.yaml, the image_only ViT with its stem.
inline RunConfig crossModalConfig(const std::string &variant)
{
    if (variant == "vit")
        return configNamed("crossmodal_vit.yaml");
    RunConfig c = configNamed("crossmodal_tiny.yaml");
    if (variant == "fused") {
        c.crossmodal.stem_channels = 4;
        c.crossmodal.image_loss_weight = 1.0;
        c.crossmodal.decision = "fused";
        c.crossmodal.image_layers = 2;
        c.crossmodal.cross_layers = 2;
        c.model.num_key_value_heads = 1;
        c.model.attention_bias = true;
        c.model.n_routed_experts = 4;
        c.model.num_experts_per_tok = 2;
        c.model.n_shared_experts = 1;
        c.model.moe_intermediate_size = 32;
        c.model.first_k_dense_replace = 1;
    }
    return c;
}

// In eval mode, every weight moved by seeded noise of 0.05.
inline engine::CrossModalModel perturbedCrossModal(const RunConfig &c, std::uint64_t seed)
{
    torch::manual_seed(seed);
    engine::CrossModalModel model(c);
    {
        torch::NoGradGuard noGrad;
        for (auto &p : model->parameters())
            p.add_(torch::randn_like(p) * 0.05);
    }
    model->eval();
    return model;
}

// `n` images [n, 1, 28, 28] on the scale of normalised Fashion-MNIST (mean 0, sd 1).
inline at::Tensor fixedImages(std::int64_t n, std::uint64_t seed)
{
    torch::manual_seed(seed);
    return torch::randn({n, 1, 28, 28});
}

// The engine's class decision [B, 10] as evaluation and the inspector make it: the ViT's
// head, or every image scored against the ten class templates, then decide().
inline at::Tensor engineDecision(engine::CrossModalModel &model, const at::Tensor &images)
{
    torch::NoGradGuard noGrad;
    if (model->imageOnly())
        return model->classify(images).logits;
    auto aux = torch::zeros({});
    const auto img = model->encodeImage(images, aux);
    const auto t = engine::encodeCaptions(CaptionVocabulary(), engine::classTemplates());
    const auto txt = model->encodeText(t.ids, t.mask, aux);
    return model->decide(img, model->scoreAll(img, txt, t.mask, aux));
}

} // namespace seekbench::export_fixture
