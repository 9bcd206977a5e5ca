#pragma once

// The ONNX file of a trained DeepSeek-style transformer or cross-modal Fashion-MNIST model
// (issue 23), torch-free: the graph
// is written from the run's config and the model's weights as plain float arrays, so only
// the engine, which reads the checkpoint, touches torch.
//
// The graph: input `input_ids` int64 [batch, sequence] and output `logits` float32
// ([batch, num_labels] for the pooled sequence heads, [batch, sequence, num_labels |
// vocab_size] for token classification and causal_lm), batch and sequence dynamic (dim
// params "batch", "sequence"), ONNX opset 13 (kOnnxOpset). It mirrors
// core/engine/src/model.cpp in fp32: RMSNorm, rotary tables of max_position_embeddings
// rows sliced to the run-time sequence length, grouped-query attention by
// repeat-interleave, a causal mask built from the run-time sequence length, SwiGLU, and
// the MoE layer with every routed expert computed densely and weighted by a scattered
// [tokens, experts] routing matrix (zero for experts a token is not routed to). Every
// initializer has the tensor's exported (Hugging Face) name and the checkpoint's shape;
// linear layers multiply by a Transpose of their weight, which runtimes fold at load.
//
// The cross-modal model (data.kind fashion_mnist_pairs, both architectures) is exported as
// the image classifier it is served as: input `image` float32 [batch, 1, 28, 28], output
// `logits` float32 [batch, 10] (core/onnx/src/crossmodal_graph.h). Its weights are the
// module's parameters plus "template_states" [10, T, hidden] and "template_mask" [10, T]
// (1 on real tokens): the ten class templates' caption encoding, fixed, so computed once
// at export time.
//
// The AML graph model (data.kind aml_transactions) takes one transaction graph: inputs
// edge_features float32 [transactions, 27], node_features float32 [windows, accounts, 6],
// edge_src and edge_dst int64 [transactions], seq_index int64 [scored, K], seq_extra
// float32 [scored, K, 3], seq_peer int64 [scored, K], rows int64 [scored] (K:
// aml.sequence_length; transactions, windows, accounts and scored dynamic), output `logits`
// float32 [scored] (model_signature.h says what each holds), at opset 16 (kOnnxAmlOpset).
// Its weights are the module's parameters plus "rope_cos" and "rope_sin".
//
// The model is checked with onnx::checker::check_model and strict shape inference before
// the bytes are returned; a failed check throws and nothing is written.

#include "seekbench/config/run_config.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace seekbench {

constexpr int kOnnxOpset = 13;
// The AML graph model's: its message passing sums messages into nodes with ScatterND's
// reduction "add", which opset 16 introduced (core/onnx/src/aml_graph.h says why).
constexpr int kOnnxAmlOpset = 16;

struct OnnxWeight
{
    std::vector<std::int64_t> shape;
    const float *data = nullptr; // row-major, shape's element count; outlives the call
};

// By the C++ module's parameter name ("embed_tokens.weight", "layers.0.self_attn.q_proj.
// weight", "layers.1.mlp.experts.3.up_proj.weight", "score.bias", ...), plus the rotary
// tables "rope_cos" and "rope_sin" [max_position_embeddings, head_dim] (the transformer), or
// "template_states" and "template_mask" (the cross-modal model).
using OnnxWeights = std::map<std::string, OnnxWeight>;

// ONNX's external data: when the weights pass `externalAbove` bytes (1 GiB by default, well
// under protobuf's 2 GiB limit on one message), every initializer of 1 KiB or more is
// stored in kOnnxExternalDataFile beside model.onnx (its TensorProto says EXTERNAL, with
// location, offset and length; 64-byte aligned), so models of any size export; runtimes
// and onnx.checker read the pair from its folder.
inline constexpr const char *kOnnxExternalDataFile = "model.onnx.data";
inline constexpr std::uint64_t kOnnxExternalDataAbove = std::uint64_t(1) << 30;

struct OnnxFiles
{
    std::string model;        // model.onnx
    std::string externalData; // model.onnx.data; empty when every weight is inside the model
};

// Throws std::invalid_argument for a model ONNX export does not cover (naming its family),
// or a weight that is missing or of another shape than the config gives; std::runtime_error
// when the ONNX checker rejects the graph.
OnnxFiles onnxModelFiles(const RunConfig &config, const OnnxWeights &weights, std::int64_t step,
                         std::uint64_t externalAbove = kOnnxExternalDataAbove);

} // namespace seekbench
