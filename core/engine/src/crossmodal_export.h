#pragma once

// The cross-modal Fashion-MNIST model as a servable image classifier (issue 23): what a
// user serves it for is the class decision, so every exported form (TorchScript here, ONNX
// through seekbench/onnx/onnx_model.h) computes
//
//     forward(image: float32 [B, 1, 28, 28]) -> logits: float32 [B, 10]
//
// with the image normalised as the engine's Fashion-MNIST splits are ((pixel / 255 -
// 0.2860) / 0.3530, crossmodal_data.cpp), and logits equal to the engine's own decision
// (CrossModalModelImpl::decide; its argmax is the predicted class):
// - architecture "crossmodal": the image scored against the ten class-template captions
//   (CrossModalModelImpl::scoreAll), then decide (the template scores, or for decision
//   "fused" the template and head log-probabilities added);
// - architecture "image_only": the ViT's ten-class head (CrossModalModelImpl::classify).
//
// The ten template captions are fixed, so the text encoder's output for them does not
// depend on the image: it is computed once at export time (templateEncoding) and stored in
// the exported model as constants (template_states [10, T, H], template_mask [10, T]);
// the caption encoder itself (embed_tokens, text_layers, text_norm) is not exported.

#include "crossmodal_model.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace seekbench::engine {

// The ten class templates through the caption encoder, class 0 first: states [10, T, H]
// (fp32) and mask [10, T] (bool), T the longest template (trailing all-padding columns
// dropped; masked keys get zero attention, so the scores do not change).
struct TemplateEncoding
{
    at::Tensor states;
    at::Tensor mask;
};
TemplateEncoding templateEncoding(CrossModalModelImpl &model);

// The model file's bytes (TorchScript, as torchscript_export.h writes the transformer's):
// forward(image) -> logits as above. `int8`: every linear layer of the encoders and cross
// blocks through LibTorch's dynamic INT8 linear (or weight-only INT8, quantization.h); the
// convolutional stem, the modality gate, the joint output and the class head stay fp32
// (a few hundred weights that decide the scores directly), as does every MoE router.
std::string crossModalTorchScriptBytes(CrossModalModelImpl &model, bool int8 = false);

} // namespace seekbench::engine
