#include "seekbench/export/model_signature.h"

#include "seekbench/export/model_files.h"

#include <cstdint>
#include <stdexcept>

namespace seekbench {

ModelSignature modelSignature(const RunConfig &config)
{
    if (!torchScriptCovers(config.data.kind))
        throw std::invalid_argument("serving covers the DeepSeek-style transformer so far; this run's model (data.kind '"
                                    + config.data.kind + "') has no servable signature");
    const ModelConfig &m = config.model;
    ModelSignature s;
    s.vocabSize = m.vocab_size;
    s.inputs.push_back({"input_ids", "INT64", {-1}, m.max_position_embeddings});
    TensorSpec logits{"logits", "FP32", {}, 0};
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

std::string dimsText(const std::vector<std::int64_t> &dims)
{
    std::string t = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        t += (i ? ", " : "") + std::to_string(dims[i]);
    return t + "]";
}

} // namespace seekbench
