#pragma once

// A knowledge-graph corpus as the NER + RE model reads it: every sentence's words with
// their hashed n-gram buckets and shapes, BIO tags, gold entities as word spans and the
// entity pairs the relation head is trained on; and the batches built from them.

#include "seekbench/config/run_config.h"
#include "seekbench/kg/corpus.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace seekbench::engine {

struct KgWordSpan
{
    int begin = 0, end = 0; // word indices, [begin, end)
    int type = 0;           // ConceptType
};

struct KgSentence
{
    const kg::Sentence *source = nullptr;
    kg::Split split = kg::Split::Train;
    std::vector<kg::Word> words; // at most max_position_embeddings
    std::vector<std::int64_t> buckets;
    std::vector<std::int64_t> bucketStart; // per word, into buckets; size words + 1
    std::vector<std::int64_t> shapes;
    std::vector<std::int64_t> tags;
    std::vector<KgWordSpan> entities; // gold, word spans (entities cut by the length cap dropped)
    std::vector<int> entityOfGold;    // gold entity index -> index in `entities`, or -1
    // Gold relation type between entities i and j (ordered), 0 = none: [entities^2].
    std::vector<std::uint8_t> relation;
};

struct KgPrepared
{
    std::vector<KgSentence> sentences;
    std::uint64_t fingerprint = 0;
    std::int64_t truncated = 0; // sentences cut at the length cap
};

KgPrepared prepareKgCorpus(const kg::Corpus &corpus, const RunConfig &config);

// Entities (from any source) of the sentences of one batch, as the relation head sees them.
struct KgBatchSpans
{
    std::vector<std::int64_t> row, begin, end, type; // per entity; row = position in the batch
};

// Ordered entity pairs (indices into KgBatchSpans) whose types fit a relation signature.
struct KgPairs
{
    std::vector<std::int64_t> head, tail, label;
};

struct KgBatch
{
    at::Tensor buckets, offsets; // EmbeddingBag input over [B * T] words (padding: empty bags)
    at::Tensor shapes;           // [B, T]
    at::Tensor mask;             // [B, T] bool, true = a word
    at::Tensor tags;             // [B, T], -100 on padding
    std::int64_t rows = 0, length = 0;
};

KgBatch makeKgBatch(const KgPrepared &data, const std::vector<std::int64_t> &rows, const c10::Device &device);

// Pairs of `spans` within each row whose types fit a signature; labels from the gold
// relations when `gold` spans are the sentences' own (else 0). At most maxPairs a row,
// related pairs first, the rest in a seeded order.
KgPairs kgPairs(const KgPrepared &data, const std::vector<std::int64_t> &rows, const KgBatchSpans &spans, bool labelled,
                int maxPairs, std::uint64_t seed);

// The gold spans of the rows.
KgBatchSpans goldSpans(const KgPrepared &data, const std::vector<std::int64_t> &rows);

} // namespace seekbench::engine
