#include "training_batches.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>

namespace seekbench::engine {

at::Tensor targetsFor(const TextSplit &split, const std::string &head)
{
    if (head == "token_classification")
        return split.tokenLabels;
    if (head == "regression")
        return split.targets;
    if (head == "causal_lm")
        return split.inputIds;
    return split.labels;
}

BatchStream::BatchStream(const TextSplit &split, const std::string &head, int batchSize, std::uint64_t seed, int rank,
                         int worldSize)
    : m_inputs(split.inputIds), m_targets(targetsFor(split, head)), m_batchSize(batchSize), m_seed(seed), m_rank(rank),
      m_worldSize(worldSize)
{
    shuffle();
}

void BatchStream::shuffle()
{
    const auto n = m_inputs.size(0);
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(m_seed + 0x632BE59BD9B4E019ull * static_cast<std::uint64_t>(m_epoch + 1));
    // Fisher-Yates by hand: std::shuffle's algorithm is up to the library.
    for (size_t i = order.size(); i > 1; --i) {
        std::uniform_int_distribution<size_t> pick(0, i - 1);
        std::swap(order[i - 1], order[pick(rng)]);
    }
    m_order = torch::tensor(order, torch::kLong);
}

void BatchStream::seek(std::int64_t epoch, std::int64_t cursor)
{
    m_epoch = epoch;
    m_cursor = cursor;
    shuffle();
}

Batch BatchStream::next()
{
    const int64_t global = int64_t(m_batchSize) * m_worldSize;
    if (m_cursor + global > m_order.size(0)) {
        ++m_epoch;
        m_cursor = 0;
        shuffle();
    }
    const int64_t begin = m_cursor + int64_t(m_rank) * m_batchSize;
    const auto idx = m_order.slice(0, begin, begin + m_batchSize);
    m_cursor += global;
    return {m_inputs.index_select(0, idx), m_targets.index_select(0, idx)};
}

} // namespace seekbench::engine
