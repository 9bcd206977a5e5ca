#include "kg_prepared.h"

#include "seekbench/kg/word_features.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace seekbench::engine {

namespace {

bool pairFits(std::int64_t head, std::int64_t tail)
{
    for (const kg::RelationSignature &s : kg::kRelationSignatures) {
        if (std::int64_t(s.head) == head && std::int64_t(s.tail) == tail)
            return true;
    }
    return false;
}

} // namespace

KgPrepared prepareKgCorpus(const kg::Corpus &corpus, const RunConfig &config)
{
    KgPrepared out;
    const int cap = config.model.max_position_embeddings;
    const int buckets = config.kg.ngram_buckets;
    std::uint64_t fp = kg::fnv1a64("kg_corpus");
    for (const kg::Document &doc : corpus.documents) {
        for (const kg::Sentence &s : doc.sentences) {
            KgSentence k;
            k.source = &s;
            k.split = doc.split;
            k.words = kg::tokenize(s.text);
            if (k.words.size() > std::size_t(cap)) {
                k.words.resize(std::size_t(cap));
                ++out.truncated;
            }
            if (k.words.empty())
                continue;
            k.bucketStart.push_back(0);
            for (const kg::Word &w : k.words) {
                const std::string_view text = std::string_view(s.text).substr(std::size_t(w.begin),
                                                                              std::size_t(w.end - w.begin));
                kg::wordBuckets(text, buckets, k.buckets);
                k.bucketStart.push_back(std::int64_t(k.buckets.size()));
                k.shapes.push_back(kg::wordShape(text));
            }
            const std::vector<int> tags = kg::bioTags(s, k.words);
            k.tags.assign(tags.begin(), tags.end());
            // Gold entities as word spans: a span's first word starts at or after its begin.
            k.entityOfGold.assign(s.entities.size(), -1);
            for (std::size_t g = 0; g < s.entities.size(); ++g) {
                const kg::EntitySpan &e = s.entities[g];
                int b = -1, en = -1;
                for (std::size_t w = 0; w < k.words.size(); ++w) {
                    if (b < 0 && k.words[w].begin >= e.begin && k.words[w].end <= e.end)
                        b = int(w);
                    if (k.words[w].begin >= e.begin && k.words[w].end <= e.end)
                        en = int(w) + 1;
                }
                if (b < 0)
                    continue; // beyond the length cap
                k.entityOfGold[g] = int(k.entities.size());
                k.entities.push_back({b, en, int(e.type)});
            }
            const std::size_t n = k.entities.size();
            k.relation.assign(n * n, 0);
            for (const kg::RelationMention &r : s.relations) {
                if (r.head < 0 || r.tail < 0 || std::size_t(r.head) >= s.entities.size()
                    || std::size_t(r.tail) >= s.entities.size())
                    continue; // readCorpus has checked this; a hand-built corpus may not have
                const int h = k.entityOfGold[std::size_t(r.head)], t = k.entityOfGold[std::size_t(r.tail)];
                if (h >= 0 && t >= 0)
                    k.relation[std::size_t(h) * n + std::size_t(t)] = std::uint8_t(r.type);
            }
            fp = kg::fnv1a64(s.text, fp);
            for (const std::int64_t t : k.tags)
                fp = kg::fnv1a64(std::string_view(reinterpret_cast<const char *>(&t), sizeof t), fp);
            for (const std::uint8_t r : k.relation)
                fp = kg::fnv1a64(std::string_view(reinterpret_cast<const char *>(&r), 1), fp);
            fp = kg::fnv1a64(kg::splitName(k.split), fp);
            out.sentences.push_back(std::move(k));
        }
    }
    out.fingerprint = fp;
    return out;
}

KgBatch makeKgBatch(const KgPrepared &data, const std::vector<std::int64_t> &rows, const c10::Device &device)
{
    KgBatch b;
    b.rows = std::int64_t(rows.size());
    for (const auto r : rows)
        b.length = std::max<std::int64_t>(b.length, std::int64_t(data.sentences[std::size_t(r)].words.size()));
    const std::int64_t B = b.rows, T = b.length;
    std::vector<std::int64_t> buckets, offsets, shapes(std::size_t(B * T), 0), tags(std::size_t(B * T), -100);
    std::vector<std::uint8_t> mask(std::size_t(B * T), 0);
    offsets.reserve(std::size_t(B * T));
    for (std::int64_t i = 0; i < B; ++i) {
        const KgSentence &s = data.sentences[std::size_t(rows[std::size_t(i)])];
        const auto n = std::int64_t(s.words.size());
        for (std::int64_t w = 0; w < T; ++w) {
            offsets.push_back(std::int64_t(buckets.size()));
            if (w >= n)
                continue; // an empty bag: a zero vector
            buckets.insert(buckets.end(), s.buckets.begin() + s.bucketStart[std::size_t(w)],
                           s.buckets.begin() + s.bucketStart[std::size_t(w) + 1]);
            const auto at = std::size_t(i * T + w);
            shapes[at] = s.shapes[std::size_t(w)];
            tags[at] = s.tags[std::size_t(w)];
            mask[at] = 1;
        }
    }
    const auto longs = torch::TensorOptions().dtype(torch::kLong);
    auto tensor = [&](std::vector<std::int64_t> &v, at::IntArrayRef shape) {
        return torch::from_blob(v.data(), shape, longs).clone().to(device);
    };
    b.buckets = tensor(buckets, {std::int64_t(buckets.size())});
    b.offsets = tensor(offsets, {B * T});
    b.shapes = tensor(shapes, {B, T});
    b.tags = tensor(tags, {B, T});
    b.mask = torch::from_blob(mask.data(), {B, T}, torch::TensorOptions().dtype(torch::kUInt8))
                 .to(torch::kBool)
                 .clone()
                 .to(device);
    return b;
}

KgBatchSpans goldSpans(const KgPrepared &data, const std::vector<std::int64_t> &rows)
{
    KgBatchSpans s;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (const KgWordSpan &e : data.sentences[std::size_t(rows[i])].entities) {
            s.row.push_back(std::int64_t(i));
            s.begin.push_back(e.begin);
            s.end.push_back(e.end);
            s.type.push_back(e.type);
        }
    }
    return s;
}

KgPairs kgPairs(const KgPrepared &data, const std::vector<std::int64_t> &rows, const KgBatchSpans &spans, bool labelled,
                int maxPairs, std::uint64_t seed)
{
    KgPairs p;
    std::mt19937_64 rng(seed);
    std::size_t first = 0; // the first span of the current row
    while (first < spans.row.size()) {
        std::size_t last = first;
        while (last < spans.row.size() && spans.row[last] == spans.row[first])
            ++last;
        const KgSentence &s = data.sentences[std::size_t(rows[std::size_t(spans.row[first])])];
        const std::size_t n = last - first;
        std::vector<std::array<std::int64_t, 3>> related, other;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                if (i == j || !pairFits(spans.type[first + i], spans.type[first + j]))
                    continue;
                const std::int64_t label = labelled ? s.relation[i * n + j] : 0;
                (label != 0 ? related : other).push_back({std::int64_t(first + i), std::int64_t(first + j), label});
            }
        }
        if (labelled && int(related.size() + other.size()) > maxPairs) {
            // Keep every related pair (up to the cap) and a seeded sample of the rest.
            for (std::size_t k = other.size(); k > 1; --k)
                std::swap(other[k - 1], other[rng() % k]);
            other.resize(std::size_t(std::max<std::int64_t>(0, maxPairs - std::int64_t(related.size()))));
            if (related.size() > std::size_t(maxPairs))
                related.resize(std::size_t(maxPairs));
        }
        for (const auto *list : {&related, &other}) {
            for (const auto &q : *list) {
                p.head.push_back(q[0]);
                p.tail.push_back(q[1]);
                p.label.push_back(q[2]);
            }
        }
        first = last;
    }
    return p;
}

} // namespace seekbench::engine
