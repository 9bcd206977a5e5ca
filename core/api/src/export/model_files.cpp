#include "seekbench/export/model_files.h"

#include "seekbench/export/model_signature.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace seekbench {

std::string formatName(ModelExportFormat format)
{
    switch (format) {
    case ModelExportFormat::Safetensors: return "safetensors";
    case ModelExportFormat::TorchScript: return "torchscript";
    case ModelExportFormat::Triton: return "triton";
    case ModelExportFormat::Onnx: return "onnx";
    }
    return "?";
}

ModelExportFormat parseModelExportFormat(const std::string &text)
{
    for (ModelExportFormat f : {ModelExportFormat::Safetensors, ModelExportFormat::TorchScript,
                                ModelExportFormat::Triton, ModelExportFormat::Onnx})
        if (text == formatName(f))
            return f;
    throw std::invalid_argument("unknown export format '" + text
                                + "' (expected safetensors, torchscript, triton or onnx)");
}

bool hasHuggingFaceNaming(const RunConfig &config) { return config.data.kind == "synthetic_text"; }

bool torchScriptCovers(const std::string &dataKind)
{
    return dataKind == "synthetic_text" || dataKind == "fashion_mnist_pairs" || dataKind == "aml_transactions";
}

bool onnxCovers(const std::string &dataKind) { return torchScriptCovers(dataKind); }

std::string modelFamilyName(const std::string &dataKind)
{
    if (dataKind == "synthetic_text")
        return "the DeepSeek-style transformer";
    if (dataKind == "fashion_mnist_pairs")
        return "the cross-modal image-caption model";
    if (dataKind == "aml_transactions")
        return "the AML graph model";
    return "an unknown model";
}

std::string onnxRefusal(const std::string &dataKind)
{
    return "ONNX export covers the DeepSeek-style transformer, the cross-modal model and the AML graph model; this "
           "run's model is "
           + modelFamilyName(dataKind) + " (data.kind '" + dataKind + "'), which exports as safetensors";
}

std::string exportedTensorName(const std::string &moduleName, const RunConfig &config)
{
    if (!hasHuggingFaceNaming(config))
        return moduleName;
    // The heads sit beside the model in Hugging Face's classes; everything else inside it.
    if (moduleName.rfind("lm_head.", 0) == 0 || moduleName.rfind("score.", 0) == 0)
        return moduleName;
    return "model." + moduleName;
}

namespace {

nlohmann::ordered_json deepseekFields(const RunConfig &config)
{
    const ModelConfig &m = config.model;
    nlohmann::ordered_json j;
    const bool lm = m.head == "causal_lm";
    // A dense causal LM is, tensor for tensor, the Llama layout that DeepSeek LLM's own
    // Hugging Face checkpoints declare (deepseek-llm-7b-base: LlamaForCausalLM, model_type
    // llama), so transformers loads it as is (scripts/gpu-check compares its logits).
    const bool llama = lm && m.n_routed_experts == 0;
    // Hugging Face's classes pool a sequence at its last token; a mean-pooled head has no
    // Hugging Face class, so it is named for Seekbench (the tensors still follow the naming).
    std::string architecture = "DeepseekForCausalLM";
    if (m.head == "token_classification")
        architecture = "DeepseekForTokenClassification";
    else if (!lm)
        architecture = m.pooling == "last" ? "DeepseekForSequenceClassification"
                                           : "SeekbenchDeepseekForMeanPooledSequenceClassification";
    if (llama)
        architecture = "LlamaForCausalLM";
    j["architectures"] = {architecture};
    j["model_type"] = llama ? "llama" : "deepseek";
    j["vocab_size"] = m.vocab_size;
    j["hidden_size"] = m.hidden_size;
    j["intermediate_size"] = m.intermediate_size;
    j["num_hidden_layers"] = m.num_hidden_layers;
    j["num_attention_heads"] = m.num_attention_heads;
    j["num_key_value_heads"] = m.num_key_value_heads;
    j["hidden_act"] = m.hidden_act;
    j["max_position_embeddings"] = m.max_position_embeddings;
    j["rms_norm_eps"] = m.rms_norm_eps;
    j["rope_theta"] = m.rope_theta;
    j["rope_scaling"] = nullptr;
    if (llama) { // transformers 5 reads the rope from rope_parameters; head_dim and mlp_bias as Llama has them
        j["rope_parameters"] = {{"rope_type", "default"}, {"rope_theta", m.rope_theta}};
        j["head_dim"] = m.headDim();
        j["mlp_bias"] = false;
    }
    j["attention_bias"] = m.attention_bias;
    j["attention_dropout"] = m.attention_dropout;
    j["tie_word_embeddings"] = m.tie_word_embeddings;
    if (m.n_routed_experts > 0) {
        j["n_routed_experts"] = m.n_routed_experts;
        j["n_shared_experts"] = m.n_shared_experts > 0 ? nlohmann::ordered_json(m.n_shared_experts) : nullptr;
        j["num_experts_per_tok"] = m.num_experts_per_tok;
        j["moe_intermediate_size"] = m.moe_intermediate_size;
        j["first_k_dense_replace"] = m.first_k_dense_replace;
        j["moe_layer_freq"] = m.moe_layer_freq;
        j["norm_topk_prob"] = m.norm_topk_prob;
        j["scoring_func"] = m.scoring_func;
        j["aux_loss_alpha"] = m.aux_loss_alpha;
        j["seq_aux"] = true;
    } else {
        j["n_routed_experts"] = nullptr;
    }
    if (!lm) {
        j["num_labels"] = m.num_labels;
        if (m.head == "regression")
            j["problem_type"] = "regression";
        else if (m.head == "sequence_classification")
            j["problem_type"] = "single_label_classification";
    }
    j["torch_dtype"] = "float32";
    return j;
}

} // namespace

std::string exportedConfigJson(const RunConfig &config, const std::string &configYaml, std::int64_t step)
{
    nlohmann::ordered_json j;
    if (hasHuggingFaceNaming(config))
        j = deepseekFields(config);
    else
        j["model_type"] = config.data.kind == "fashion_mnist_pairs" ? "seekbench_crossmodal" : "seekbench_aml_graph";
    nlohmann::ordered_json s;
    s["data_kind"] = config.data.kind;
    s["head"] = config.model.head;
    s["pooling"] = config.model.pooling;
    s["causal"] = config.model.causal;
    s["step"] = step;
    if (torchScriptCovers(config.data.kind)) // what model.pt and model.onnx take and give
        s["signature"] = nlohmann::ordered_json::parse(signatureJson(modelSignature(config)));
    s["config_yaml"] = configYaml;
    j["seekbench"] = s;
    return j.dump(2) + "\n";
}

} // namespace seekbench
