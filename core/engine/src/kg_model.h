#pragma once

// The NER + RE model of the knowledge graph task (kg_task.h says what it does).

#include "kg_prepared.h"
#include "model.h"

#include "seekbench/kg/word_features.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/modules/embedding.h>
#include <torch/torch.h>

namespace seekbench::engine {

class KgModelImpl : public torch::nn::Module
{
public:
    explicit KgModelImpl(const RunConfig &cfg) : m_cfg(cfg.model)
    {
        const int64_t h = cfg.model.hidden_size;
        words = register_module("words",
                                torch::nn::EmbeddingBag(
                                    torch::nn::EmbeddingBagOptions(cfg.kg.ngram_buckets, h).mode(torch::kMean)));
        shapes = register_module("shapes", torch::nn::Embedding(kg::kWordShapes, h));
        layers = register_module("layers", torch::nn::ModuleList());
        for (int i = 0; i < cfg.model.num_hidden_layers; ++i)
            layers->push_back(DecoderLayer(cfg.model, i));
        norm = register_module("norm", RMSNorm(h, cfg.model.rms_norm_eps));
        tag_head = register_module("tag_head", torch::nn::Linear(h, kg::kBioTags));
        head_type = register_module("head_type", torch::nn::Embedding(kg::kConceptTypes, h));
        tail_type = register_module("tail_type", torch::nn::Embedding(kg::kConceptTypes, h));
        rel1 = register_module("rel1", torch::nn::Linear(5 * h, h));
        rel2 = register_module("rel2", torch::nn::Linear(h, kg::kRelationTypes));
        const int64_t hd = cfg.model.headDim();
        const auto invFreq = 1.0
                             / torch::pow(cfg.model.rope_theta, torch::arange(0, hd, 2, torch::kDouble) / double(hd));
        const auto t = torch::arange(cfg.model.max_position_embeddings, torch::kDouble);
        const auto emb = torch::cat({torch::outer(t, invFreq), torch::outer(t, invFreq)}, -1);
        m_cos = emb.cos().to(torch::kFloat);
        m_sin = emb.sin().to(torch::kFloat);
    }

    // The words' contextual states [B, T, H], after the final norm.
    at::Tensor encode(const KgBatch &b, at::Tensor &aux)
    {
        if (m_cos.device() != b.shapes.device()) {
            m_cos = m_cos.to(b.shapes.device());
            m_sin = m_sin.to(b.shapes.device());
        }
        auto h = words(b.buckets, b.offsets).view({b.rows, b.length, -1}) + shapes(b.shapes);
        for (const auto &layer : *layers)
            h = layer->as<DecoderLayer>()->forward(h, m_cos, m_sin, aux, b.mask);
        return norm(h).to(torch::kFloat);
    }

    // Span means [E, H] from states [B, T, H] (span i of row[i] covers words [begin, end)),
    // through a running sum so that every span costs two lookups.
    static at::Tensor spanMeans(const at::Tensor &sums, std::int64_t T, const at::Tensor &row, const at::Tensor &begin,
                                const at::Tensor &end)
    {
        const auto base = row * (T + 1);
        const auto len = (end - begin).clamp_min(1).to(torch::kFloat).unsqueeze(1);
        return (sums.index_select(0, base + end) - sums.index_select(0, base + begin)) / len;
    }

    // Relation logits [P, kRelationTypes] for pairs of spans.
    at::Tensor relations(const at::Tensor &states, const KgBatchSpans &spans, const KgPairs &pairs,
                         const c10::Device &device)
    {
        const std::int64_t T = states.size(1), H = states.size(2);
        const auto sums
            = torch::cat({torch::zeros({states.size(0), 1, H}, states.options()), states.cumsum(1)}, 1).view({-1, H});
        auto longs = [&](const std::vector<std::int64_t> &v) {
            return torch::tensor(v, torch::TensorOptions().dtype(torch::kLong)).to(device);
        };
        const auto row = longs(spans.row), begin = longs(spans.begin), end = longs(spans.end), type = longs(spans.type);
        const auto reps = spanMeans(sums, T, row, begin, end);
        const auto hi = longs(pairs.head), ti = longs(pairs.tail);
        const auto hb = begin.index_select(0, hi), he = end.index_select(0, hi);
        const auto tb = begin.index_select(0, ti), te = end.index_select(0, ti);
        // The words between the two spans (none when they touch).
        const auto gapBegin = torch::minimum(he, te), gapEnd = torch::maximum(hb, tb);
        const auto between = spanMeans(sums, T, row.index_select(0, hi), gapBegin, torch::maximum(gapBegin, gapEnd))
                             * gapEnd.gt(gapBegin).to(torch::kFloat).unsqueeze(1);
        const auto h = reps.index_select(0, hi), t = reps.index_select(0, ti);
        const auto x = torch::cat({h, t, h * t, between,
                                   head_type(type.index_select(0, hi)) + tail_type(type.index_select(0, ti))},
                                  1);
        return rel2(torch::nn::functional::silu(rel1(x)));
    }

    torch::nn::EmbeddingBag words{nullptr};
    torch::nn::Embedding shapes{nullptr}, head_type{nullptr}, tail_type{nullptr};
    torch::nn::ModuleList layers;
    RMSNorm norm{nullptr};
    torch::nn::Linear tag_head{nullptr}, rel1{nullptr}, rel2{nullptr};

private:
    ModelConfig m_cfg;
    at::Tensor m_cos, m_sin;
};
TORCH_MODULE(KgModel);

} // namespace seekbench::engine
