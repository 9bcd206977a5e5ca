#pragma once

// The AML graph model (data.kind aml_transactions, aml_task.h) as exported files (issue 23).
// The exported forward takes the transaction graph as plain tensors a deployment builds
// from its transactions and accounts, as the engine's training task builds them
// (model_signature.h documents each one):
//
//   edge_features float [transactions, 27]  the engineered features (aml/features.h),
//                                           normalised with the training months' mean and sd
//   node_features float [windows, accounts, 6] what was known of each account when each
//                                           window (aml.window_days) began
//   edge_src, edge_dst int64 [transactions] window * accounts + sender / receiver
//   seq_index int64 [scored, K]             the sender's last K transactions (indices into
//                                           the transactions, oldest first, ending with the
//                                           scored one; -1 pads on the left)
//   seq_extra float [scored, K, 3]          outgoing?, log1p(hours before) / 5, padding?
//   seq_peer int64 [scored, K]              window * accounts + counterparty (0 for padding)
//   rows int64 [scored]                     the scored transactions
//   -> logits float [scored]                laundering logits; sigmoid gives the engine's score
//
// Engine-internal (torch headers).

#include "seekbench/aml/data.h"
#include "seekbench/config/run_config.h"

#include <ATen/core/Tensor.h>
#include <ATen/core/ivalue.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace seekbench::engine {

struct AmlGraphInputs
{
    at::Tensor edgeFeatures, nodeFeatures, edgeSrc, edgeDst, seqIndex, seqExtra, seqPeer, rows;

    // In the exported forward's order.
    std::vector<c10::IValue> values() const;
    std::vector<at::Tensor> tensors() const;
};

// The exported forward's inputs for every transaction of `data` (rows 0..n-1): prepareAml()'s
// tensors, which training and scoring read. Throws std::invalid_argument for data the task
// would refuse.
AmlGraphInputs amlGraphInputs(const RunConfig &config, const aml::AmlData &data);

// The rotary tables [max_position_embeddings, head_dim] of the model's sequence blocks, as
// the AML model computes them (cos, sin).
std::pair<at::Tensor, at::Tensor> amlRotaryTables(const ModelConfig &model);

// The model built by makeAmlGraphModule (weights loaded) as a TorchScript file's bytes.
// `int8`: every linear layer but the last head (one output) in INT8 (quantization.h).
std::string amlTorchScriptBytes(torch::nn::Module &module, const RunConfig &config, bool int8 = false);

// config.json's seekbench.aml_inputs for the run's transactions: what a deployment needs to
// build edge_features and the windows as training did. {"feature_names" [27],
// "feature_mean" [27], "feature_stddev" [27] (edge_features = (feature - mean) / stddev, the
// statistics over the training months' transactions), "window_days", "window_origin" (unix
// seconds: the first transaction's time; window = floor((time - origin) / window_days days)),
// "sequence_length", "training_until" (unix seconds), "transactions", "data_fingerprint"}.
// The figures are prepareAml()'s own (aml_prepared.h).
nlohmann::json amlInputsJson(const RunConfig &config, const aml::AmlData &data);

// int8_report.h's comparison for the AML model: PR-AUC of the scores, sizes and latency. On
// the run's test months (aml.test_months, the rows labelled 0/1) of `data`, the run's own
// transactions from its project; without them (nullptr) on transactions generated for the
// report, and "data" says which.
nlohmann::json compareInt8Aml(const RunConfig &config, const std::string &fp32Bytes, const std::string &int8Bytes,
                              const aml::AmlData *data = nullptr);

} // namespace seekbench::engine
