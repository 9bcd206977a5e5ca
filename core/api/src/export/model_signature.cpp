#include "seekbench/export/model_signature.h"

#include "seekbench/config/estimates.h"
#include "seekbench/export/model_files.h"
#include "seekbench/formats/fashion_captions.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace seekbench {

namespace {
constexpr std::int64_t kImageSide = 28; // Fashion-MNIST images are 28 x 28

// One transaction graph (aml_task.h; core/engine/src/aml_export.h builds these tensors
// from transactions as the training task does).
ModelSignature amlSignature(const RunConfig &config)
{
    const std::int64_t K = config.aml.sequence_length, F = kAmlEdgeFeatures, NF = kAmlNodeFeatures;
    const std::string window = std::to_string(config.aml.window_days);
    ModelSignature s;
    s.batched = false;
    s.inputs
        = {{"edge_features",
            "FP32",
            {-1, F},
            0,
            "per transaction (in time order), its " + std::to_string(F)
                + " engineered features (seekbench/aml/features.h), each normalised with the training months' mean and "
                  "standard deviation"},
           {"node_features",
            "FP32",
            {-1, -1, NF},
            0,
            "per " + window
                + "-day window (aml.window_days, from the first transaction) and account, what was known of "
                  "the account when the window began: business, log1p(sent count) / 4, log1p(received count) / 4, "
                  "log((received + 1) / (sent + 1)) / 4, log1p(received + sent amount) / 10, foreign country"},
           {"edge_src",
            "INT64",
            {-1},
            0,
            "per transaction, window * accounts + sender (its window's row of node_features)"},
           {"edge_dst", "INT64", {-1}, 0, "per transaction, window * accounts + receiver"},
           {"seq_index",
            "INT64",
            {-1, K},
            0,
            "per scored transaction, the sender's last " + std::to_string(K)
                + " transactions (aml.sequence_length; indices into edge_features, oldest first, ending with the scored "
                  "one; strictly earlier ones only), -1 padding on the left"},
           {"seq_extra",
            "FP32",
            {-1, K, 3},
            0,
            "per sequence slot: outgoing (1) or incoming (0), log1p(hours before the scored transaction) / 5, padding "
            "(1)"},
           {"seq_peer",
            "INT64",
            {-1, K},
            0,
            "per sequence slot, window * accounts + the counterparty, in the window of that slot's transaction (0 for "
            "padding)"},
           {"rows", "INT64", {-1}, 0, "the scored transactions (indices into edge_features), one per seq_index row"}};
    s.outputs = {{"logits",
                  "FP32",
                  {-1},
                  0,
                  "per scored transaction, its laundering logit; sigmoid(logit) is the engine's risk score"}};
    return s;
}

} // namespace

ModelSignature modelSignature(const RunConfig &config)
{
    if (!torchScriptCovers(config.data.kind))
        throw std::invalid_argument("serving covers the DeepSeek-style transformer, the cross-modal model and the AML "
                                    "graph model; this run's model (data.kind '"
                                    + config.data.kind + "') has no servable signature");
    if (config.data.kind == "aml_transactions")
        return amlSignature(config);
    ModelSignature s;
    if (config.data.kind == "fashion_mnist_pairs") {
        // The cross-modal model (either architecture) serves as an image classifier.
        s.inputs.push_back({"image",
                            "FP32",
                            {1, kImageSide, kImageSide},
                            0,
                            "Fashion-MNIST images, each pixel normalised as (pixel / 255 - 0.2860) / 0.3530"});
        s.outputs.push_back(
            {"logits", "FP32", {kFashionClasses}, 0, "the class scores before softmax (argmax is the class)"});
        return s;
    }
    const ModelConfig &m = config.model;
    s.vocabSize = m.vocab_size;
    s.inputs.push_back({"input_ids",
                        "INT64",
                        {-1},
                        m.max_position_embeddings,
                        "token ids, each in [0, " + std::to_string(m.vocab_size) + ")"});
    TensorSpec logits{"logits",
                      "FP32",
                      {},
                      0,
                      "the model's scores before softmax (per label, or per token and label/vocabulary entry)"};
    if (m.head == "causal_lm")
        logits.dims = {-1, m.vocab_size};
    else if (m.head == "token_classification")
        logits.dims = {-1, m.num_labels};
    else
        logits.dims = {m.num_labels};
    if (logits.dims.front() == -1)
        logits.maxDim = m.max_position_embeddings;
    s.outputs.push_back(logits);
    return s;
}

std::string signatureJson(const ModelSignature &signature)
{
    auto tensors = [](const std::vector<TensorSpec> &list) {
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const TensorSpec &t : list) {
            nlohmann::ordered_json j = {{"name", t.name}, {"datatype", t.datatype}, {"dims", t.dims}};
            if (t.maxDim > 0)
                j["max_dim"] = t.maxDim;
            if (!t.meaning.empty())
                j["meaning"] = t.meaning;
            a.push_back(j);
        }
        return a;
    };
    nlohmann::ordered_json j;
    j["batched"] = signature.batched;
    j["inputs"] = tensors(signature.inputs);
    j["outputs"] = tensors(signature.outputs);
    return j.dump();
}

std::string dimsText(const std::vector<std::int64_t> &dims)
{
    std::string t = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        t += (i ? ", " : "") + std::to_string(dims[i]);
    return t + "]";
}

} // namespace seekbench
