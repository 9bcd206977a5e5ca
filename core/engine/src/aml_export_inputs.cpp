// The AML graph model's exported inputs from transactions (aml_export.h): the tensors
// prepareAml() builds for training and scoring (aml_prepared.h), laid out as the exported
// forward takes them.

#include "aml_export.h"
#include "aml_prepared.h"

#include "seekbench/config/estimates.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdint>

namespace seekbench::engine {
std::vector<c10::IValue> AmlGraphInputs::values() const
{
    std::vector<c10::IValue> v;
    for (const at::Tensor &t : tensors())
        v.emplace_back(t);
    return v;
}

std::vector<at::Tensor> AmlGraphInputs::tensors() const
{
    return {edgeFeatures, nodeFeatures, edgeSrc, edgeDst, seqIndex, seqExtra, seqPeer, rows};
}

std::pair<at::Tensor, at::Tensor> amlRotaryTables(const ModelConfig &model)
{
    const int64_t hd = model.headDim();
    const auto invFreq = 1.0 / torch::pow(model.rope_theta, torch::arange(0, hd, 2, torch::kDouble) / double(hd));
    const auto t = torch::arange(model.max_position_embeddings, torch::kDouble);
    const auto emb = torch::cat({torch::outer(t, invFreq), torch::outer(t, invFreq)}, -1);
    return {emb.cos().to(torch::kFloat), emb.sin().to(torch::kFloat)};
}

AmlGraphInputs amlGraphInputs(const RunConfig &cfg, const aml::AmlData &data)
{
    const AmlPrepared p = prepareAml(cfg, data); // what training and scoring read
    AmlGraphInputs in;
    in.edgeFeatures = p.edge;
    in.nodeFeatures = p.node.view({p.windows, p.accounts, kAmlNodeFeatures});
    in.edgeSrc = p.src;
    in.edgeDst = p.dst;
    in.seqIndex = p.seqIdx;
    in.seqExtra = p.seqExtra;
    in.seqPeer = p.seqPeer;
    in.rows = torch::arange(p.rows, torch::kLong);
    return in;
}

nlohmann::json amlInputsJson(const RunConfig &cfg, const aml::AmlData &data)
{
    const AmlPrepared p = prepareAml(cfg, data); // the very statistics training normalised with
    return {{"feature_names", p.featureNames},
            {"feature_mean", p.stats.mean},
            {"feature_stddev", p.stats.stddev},
            {"normalisation", "edge_features = (feature - feature_mean) / feature_stddev, per column; the "
                              "statistics are the training months' transactions'"},
            {"window_days", std::max(1, cfg.aml.window_days)},
            {"window_origin", p.origin},
            {"windows", "window = floor((time - window_origin) / (window_days * 86400)), times in unix seconds"},
            {"sequence_length", p.seqLen},
            {"training_until", p.periods.validationStart},
            {"transactions", p.rows},
            {"data_fingerprint", p.fingerprint}};
}

} // namespace seekbench::engine
