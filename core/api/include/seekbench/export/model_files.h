#pragma once

// What an exported model folder says about itself, torch-free: the tensor names and the
// config.json that make it read like a Hugging Face checkpoint.
//
// The DeepSeek-style transformer (data.kind synthetic_text) follows Hugging Face's
// DeepSeekMoE naming (model_type "deepseek": model.embed_tokens, model.layers.N.self_attn.
// {q,k,v,o}_proj, mlp.{gate,up,down}_proj, and for a MoE layer mlp.gate, mlp.experts.E.*,
// mlp.shared_experts.*; model.norm; lm_head). DeepSeek-V2/V3 name their MoE layers the
// same way but replace the attention with multi-head latent attention (q_a_proj,
// kv_a_proj_with_mqa, ...), which this model does not have, so its attention keeps the
// grouped-query names. The cross-modal and AML graph models have no Hugging Face
// architecture: their tensors keep Seekbench's module names.

#include "seekbench/config/run_config.h"

#include <cstdint>
#include <string>

namespace seekbench {

// Triton: a Triton model repository around the TorchScript (or ONNX) file
// (triton_repository.h), with Kubernetes manifests (k8s_manifests.h). Onnx: model.onnx
// (seekbench/onnx/onnx_model.h).
enum class ModelExportFormat { Safetensors, TorchScript, Triton, Onnx };

// "safetensors", "torchscript", "triton", "onnx".
std::string formatName(ModelExportFormat format);
// Throws std::invalid_argument listing the formats for anything else.
ModelExportFormat parseModelExportFormat(const std::string &text);

// Whether the run's model is the DeepSeek-style transformer (Hugging Face naming).
bool hasHuggingFaceNaming(const RunConfig &config);
// Whether --format torchscript covers the model of a run of this data.kind (the
// transformer, and the cross-modal model as an image classifier).
bool torchScriptCovers(const std::string &dataKind);
// Whether --format onnx covers it (the same families).
bool onnxCovers(const std::string &dataKind);
// The model family of a data.kind in the user's words ("the cross-modal image-caption model").
std::string modelFamilyName(const std::string &dataKind);
// The refusal of --format onnx for a model it does not cover, naming the family.
std::string onnxRefusal(const std::string &dataKind);

// A parameter's name in the exported files, from its module name
// ("layers.0.mlp.experts.3.up_proj.weight" -> "model.layers.0.mlp.experts.3.up_proj.weight").
// Unchanged for models without Hugging Face naming.
std::string exportedTensorName(const std::string &moduleName, const RunConfig &config);

// The config.json beside the weights: for the transformer, Hugging Face's DeepSeekMoE
// fields (architectures, model_type, sizes, experts, rope, labels, problem_type); for
// every model, a "seekbench" object with the head, pooling, the checkpoint's step and the
// run's whole config (YAML), so nothing needed to rebuild the model is lost.
std::string exportedConfigJson(const RunConfig &config, const std::string &configYaml, std::int64_t step);

} // namespace seekbench
