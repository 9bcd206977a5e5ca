#include "kg_task.h"

#include "autocast.h"
#include "kg_model.h"
#include "kg_prepared.h"
#include "row_sampler.h"

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/kg_dataset.h"
#include "seekbench/kg/word_features.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace seekbench::engine {
namespace {

namespace F = torch::nn::functional;

class KgTask final : public TrainingTask
{
public:
    KgTask(const RunConfig &cfg, int rank, int worldSize, const kg::KgDataset &d)
        : m_cfg(cfg), m_corpus(d.corpus), m_data(prepareKgCorpus(*d.corpus, cfg)), m_model(cfg)
    {
        for (std::size_t i = 0; i < m_data.sentences.size(); ++i)
            (m_data.sentences[i].split == kg::Split::Train        ? m_train
             : m_data.sentences[i].split == kg::Split::Validation ? m_validation
                                                                  : m_test)
                .push_back(std::int64_t(i));
        if (m_train.empty())
            throw std::invalid_argument(d.origin + " has no training sentences");
        if (m_validation.empty())
            throw std::invalid_argument(d.origin
                                        + " has no validation sentences: generate it with a validation share, or "
                                          "import a validation part (kg import --split validation)");
        std::vector<float> w(kg::kRelationTypes, 1.0f);
        w[0] = float(cfg.kg.none_weight);
        m_relationWeight = torch::tensor(w);
        m_sampler.emplace(m_train, cfg.training.seed, rank, worldSize);
        double words = 0;
        for (const auto &s : m_data.sentences)
            words += double(s.words.size());
        m_wordsPerSentence = words / double(m_data.sentences.size());
    }

    torch::nn::Module &module() override { return *m_model; }
    std::uint64_t dataFingerprint() const override { return m_data.fingerprint; }
    double tokensPerSample() const override { return m_wordsPerSentence; }

    MicroStep trainMicroStep(const StepContext &ctx) override
    {
        const std::vector<std::int64_t> rows = m_sampler->next(m_cfg.training.batch_size);
        AutocastGuard autocast(ctx.autocast, ctx.device.is_cuda(), ctx.autocastDtype);
        const at::Tensor loss = lossOf(rows, ctx.device);
        return {loss, loss.item<double>(), 0};
    }

    std::int64_t epoch() const override { return m_sampler->epoch(); }
    std::int64_t cursor() const override { return m_sampler->cursor(); }
    void seek(std::int64_t epoch, std::int64_t cursor) override { m_sampler->seek(epoch, cursor); }
    double epochProgress() const override { return m_sampler->progress(); }

    // The validation documents end to end: entities from the tags, relations between them.
    std::map<std::string, double> evaluate(const StepContext &ctx, const ReduceSum &) override
    {
        double loss = 0;
        std::vector<kg::Sentence> gold;
        std::vector<kg::SentencePrediction> predicted;
        for (std::size_t at = 0; at < m_validation.size(); at += kEvalBatch) {
            const std::vector<std::int64_t> rows(m_validation.begin() + std::ptrdiff_t(at),
                                                 m_validation.begin()
                                                     + std::ptrdiff_t(std::min(m_validation.size(), at + kEvalBatch)));
            loss += lossOf(rows, ctx.device).item<double>() * double(rows.size());
            auto p = decode(rows, ctx.device, false);
            for (std::size_t r = 0; r < rows.size(); ++r) {
                gold.push_back(*m_data.sentences[std::size_t(rows[r])].source);
                predicted.push_back(std::move(p[r]));
            }
        }
        const kg::ExtractionScores s = kg::scoreExtraction(gold, predicted);
        return {{"eval/loss", loss / double(m_validation.size())},
                {"eval/entity_f1", s.entities_strict.f1()},
                {"eval/entity_f1_lenient", s.entities_lenient.f1()},
                {"eval/relation_f1", s.relations.f1()},
                {"eval/f1", (s.entities_strict.f1() + s.relations.f1()) / 2}};
    }

    // Every sentence's predictions with the entities' embeddings, and the prototypes.
    void writeExamples(const std::filesystem::path &outDir, std::int64_t step) override
    {
        torch::NoGradGuard noGrad;
        m_model->eval();
        const auto device = m_model->parameters().front().device();
        kg::ExtractionOutputs o;
        // The trainer checkpoints the final state before it asks for the examples.
        char checkpoint[64];
        std::snprintf(checkpoint, sizeof checkpoint, "checkpoints/step-%08lld.sbckpt", static_cast<long long>(step));
        o.checkpoint = checkpoint;
        o.dim = m_cfg.model.hidden_size;
        std::vector<std::int64_t> all(m_data.sentences.size());
        std::iota(all.begin(), all.end(), 0);
        for (std::size_t at = 0; at < all.size(); at += kEvalBatch) {
            const std::vector<std::int64_t> rows(all.begin() + std::ptrdiff_t(at),
                                                 all.begin() + std::ptrdiff_t(std::min(all.size(), at + kEvalBatch)));
            for (auto &p : decode(rows, device, true))
                o.sentences.push_back(std::move(p));
        }
        prototypes(device, o);
        std::filesystem::create_directories((outDir / kg::kExtractionOutputsFile).parent_path());
        std::string error;
        if (!kg::writeExtractionOutputs((outDir / kg::kExtractionOutputsFile).string(), o, error))
            throw std::runtime_error(error);
    }

private:
    static constexpr std::size_t kEvalBatch = 64;

    at::Tensor lossOf(const std::vector<std::int64_t> &rows, const c10::Device &device)
    {
        const KgBatch b = makeKgBatch(m_data, rows, device);
        at::Tensor aux;
        const auto states = m_model->encode(b, aux);
        const auto tagLogits = m_model->tag_head(states).to(torch::kFloat);
        auto loss = F::cross_entropy(tagLogits.view({-1, kg::kBioTags}), b.tags.view({-1}),
                                     F::CrossEntropyFuncOptions().ignore_index(-100));
        const KgBatchSpans spans = goldSpans(m_data, rows);
        const KgPairs pairs = kgPairs(m_data, rows, spans, true, m_cfg.kg.max_pairs,
                                      m_cfg.training.seed * 1000003 + std::uint64_t(m_sampler->epoch()) * 7919
                                          + std::uint64_t(m_sampler->cursor()));
        if (!pairs.head.empty() && m_cfg.kg.relation_weight > 0) {
            const auto logits = m_model->relations(states, spans, pairs, device);
            const auto labels = torch::tensor(pairs.label, torch::TensorOptions().dtype(torch::kLong)).to(device);
            loss = loss
                   + m_cfg.kg.relation_weight
                         * F::cross_entropy(logits, labels,
                                            F::CrossEntropyFuncOptions().weight(m_relationWeight.to(device)));
        }
        if (aux.defined())
            loss = loss + aux;
        return loss;
    }

    std::vector<kg::SentencePrediction> decode(const std::vector<std::int64_t> &rows, const c10::Device &device,
                                               bool embeddings);
    void prototypes(const c10::Device &device, kg::ExtractionOutputs &o);

    const RunConfig m_cfg;
    std::shared_ptr<const kg::Corpus> m_corpus; // the sentences m_data points into
    KgPrepared m_data;
    KgModel m_model;
    at::Tensor m_relationWeight;
    std::vector<std::int64_t> m_train, m_validation, m_test;
    std::optional<RowSampler> m_sampler;
    double m_wordsPerSentence = 0;
};

std::vector<kg::SentencePrediction> KgTask::decode(const std::vector<std::int64_t> &rows, const c10::Device &device,
                                                   bool embeddings)
{
    const KgBatch b = makeKgBatch(m_data, rows, device);
    at::Tensor aux;
    const auto states = m_model->encode(b, aux);
    const auto probs = torch::softmax(m_model->tag_head(states).to(torch::kFloat), -1);
    const auto [best, tagsT] = probs.max(-1);
    const auto bestC = best.cpu().contiguous(), tagsC = tagsT.cpu().contiguous();
    const float *bp = bestC.data_ptr<float>();
    const std::int64_t *tp = tagsC.data_ptr<std::int64_t>();
    std::vector<kg::SentencePrediction> out(rows.size());
    KgBatchSpans spans;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const KgSentence &s = m_data.sentences[std::size_t(rows[r])];
        const std::size_t n = s.words.size(), base = r * std::size_t(b.length);
        const std::vector<int> tags(tp + base, tp + base + n);
        out[r].sentence_id = s.source->id;
        for (const kg::EntitySpan &e : kg::spansFromTags(tags, s.words)) {
            std::size_t w0 = n, w1 = 0;
            double conf = 0;
            for (std::size_t w = 0; w < n; ++w) {
                if (s.words[w].begin >= e.begin && s.words[w].end <= e.end) {
                    w0 = std::min(w0, w);
                    w1 = w + 1;
                    conf += bp[base + w];
                }
            }
            if (w0 >= w1)
                continue;
            kg::PredictedEntity p;
            p.begin = e.begin;
            p.end = e.end;
            p.type = e.type;
            p.confidence = float(conf / double(w1 - w0));
            out[r].entities.push_back(std::move(p));
            spans.row.push_back(std::int64_t(r));
            spans.begin.push_back(std::int64_t(w0));
            spans.end.push_back(std::int64_t(w1));
            spans.type.push_back(std::int64_t(e.type));
        }
    }
    if (spans.row.empty())
        return out;
    // Where each span sits in its sentence's entity list.
    std::vector<std::size_t> local(spans.row.size());
    for (std::size_t i = 0, k = 0; i < spans.row.size(); ++i) {
        k = (i > 0 && spans.row[i] == spans.row[i - 1]) ? k + 1 : 0;
        local[i] = k;
    }
    if (embeddings) {
        const std::int64_t T = states.size(1), H = states.size(2);
        const auto sums
            = torch::cat({torch::zeros({states.size(0), 1, H}, states.options()), states.cumsum(1)}, 1).view({-1, H});
        auto longs = [&](const std::vector<std::int64_t> &v) {
            return torch::tensor(v, torch::TensorOptions().dtype(torch::kLong)).to(device);
        };
        const auto reps
            = KgModelImpl::spanMeans(sums, T, longs(spans.row), longs(spans.begin), longs(spans.end)).cpu().contiguous();
        const float *rp = reps.data_ptr<float>();
        for (std::size_t i = 0; i < spans.row.size(); ++i)
            out[std::size_t(spans.row[i])].entities[local[i]].embedding.assign(rp + std::int64_t(i) * H,
                                                                               rp + std::int64_t(i + 1) * H);
    }
    const KgPairs pairs = kgPairs(m_data, rows, spans, false, 1 << 30, 0);
    if (pairs.head.empty())
        return out;
    // Each pair chooses between "none" and the relations its types allow.
    auto logits = m_model->relations(states, spans, pairs, device).cpu();
    std::vector<float> allowed(pairs.head.size() * kg::kRelationTypes, 0.0f);
    for (std::size_t p = 0; p < pairs.head.size(); ++p) {
        for (int t = 1; t < kg::kRelationTypes; ++t) {
            if (!kg::relationAllowed(kg::RelationType(t), kg::ConceptType(spans.type[std::size_t(pairs.head[p])]),
                                     kg::ConceptType(spans.type[std::size_t(pairs.tail[p])])))
                allowed[p * kg::kRelationTypes + std::size_t(t)] = -1e9f;
        }
    }
    const auto mask = torch::from_blob(allowed.data(), {std::int64_t(pairs.head.size()), kg::kRelationTypes});
    const auto rp = torch::softmax(logits + mask, -1).contiguous();
    const float *pp = rp.data_ptr<float>();
    for (std::size_t p = 0; p < pairs.head.size(); ++p) {
        const float *row = pp + p * kg::kRelationTypes;
        const int t = int(std::max_element(row, row + kg::kRelationTypes) - row);
        if (t == 0)
            continue;
        const auto h = std::size_t(pairs.head[p]), tl = std::size_t(pairs.tail[p]);
        out[std::size_t(spans.row[h])].relations.push_back({int(local[h]), int(local[tl]), kg::RelationType(t), row[t]});
    }
    return out;
}

// Each concept's prototype: the mean embedding of its gold mentions in the training documents.
void KgTask::prototypes(const c10::Device &device, kg::ExtractionOutputs &o)
{
    std::map<std::string, std::pair<std::vector<double>, int>> sum;
    const auto H = std::size_t(m_cfg.model.hidden_size);
    for (std::size_t at = 0; at < m_train.size(); at += kEvalBatch) {
        const std::vector<std::int64_t> rows(m_train.begin() + std::ptrdiff_t(at),
                                             m_train.begin()
                                                 + std::ptrdiff_t(std::min(m_train.size(), at + kEvalBatch)));
        const KgBatchSpans spans = goldSpans(m_data, rows);
        if (spans.row.empty())
            continue;
        const KgBatch b = makeKgBatch(m_data, rows, device);
        at::Tensor aux;
        const auto states = m_model->encode(b, aux);
        const std::int64_t T = states.size(1);
        const auto sums
            = torch::cat({torch::zeros({states.size(0), 1, states.size(2)}, states.options()), states.cumsum(1)}, 1)
                  .view({-1, states.size(2)});
        auto longs = [&](const std::vector<std::int64_t> &v) {
            return torch::tensor(v, torch::TensorOptions().dtype(torch::kLong)).to(device);
        };
        const auto reps
            = KgModelImpl::spanMeans(sums, T, longs(spans.row), longs(spans.begin), longs(spans.end)).cpu().contiguous();
        const float *rp = reps.data_ptr<float>();
        std::size_t i = 0;
        for (const auto row : rows) {
            const KgSentence &s = m_data.sentences[std::size_t(row)];
            std::vector<const std::string *> ids(s.entities.size(), nullptr);
            for (std::size_t g = 0; g < s.entityOfGold.size(); ++g) {
                if (s.entityOfGold[g] >= 0)
                    ids[std::size_t(s.entityOfGold[g])] = &s.source->entities[g].concept_id;
            }
            for (std::size_t e = 0; e < s.entities.size(); ++e, ++i) {
                if (!ids[e] || ids[e]->empty())
                    continue;
                auto &[v, count] = sum[*ids[e]];
                v.resize(H, 0.0);
                for (std::size_t k = 0; k < H; ++k)
                    v[k] += rp[i * H + k];
                ++count;
            }
        }
    }
    for (const auto &[id, acc] : sum) {
        o.prototype_ids.push_back(id);
        o.prototype_counts.push_back(acc.second);
        for (const double x : acc.first)
            o.prototypes.push_back(float(x / acc.second));
    }
}

const kg::KgDataset &datasetOf(const std::shared_ptr<const DatasetSource> &dataset)
{
    const auto *d = dynamic_cast<const kg::KgDataset *>(dataset.get());
    if (!d || !d->corpus)
        throw std::invalid_argument("data.kind 'kg_corpus' trains on a corpus of a project: start it with "
                                    "seekbench-cli kg train --project DIR --config FILE");
    return *d;
}

} // namespace

std::unique_ptr<TrainingTask> makeKgTask(const RunConfig &config, int rank, int worldSize,
                                         std::shared_ptr<const DatasetSource> dataset)
{
    return std::make_unique<KgTask>(config, rank, worldSize, datasetOf(dataset));
}

} // namespace seekbench::engine
