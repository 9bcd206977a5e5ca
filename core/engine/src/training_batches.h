#pragma once

// Deterministic batching: each epoch's order is a permutation derived from (seed, epoch)
// alone, so the data position (epoch, cursor) is all a checkpoint needs to resume on the
// exact same batches. The last partial batch of an epoch is dropped.

#include "synthetic_text.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::engine {

struct Batch
{
    at::Tensor inputIds;
    at::Tensor target; // what the head's loss compares against
};

// The head's target tensor for a split.
at::Tensor targetsFor(const TextSplit &split, const std::string &head);

class BatchStream
{
public:
    // With several ranks, each step's global batch (batchSize x worldSize samples of the
    // shared permutation) is split without overlap: rank r takes the r-th slice. One
    // rank at batch B*W sees exactly the samples that W ranks at batch B see together.
    BatchStream(const TextSplit &split, const std::string &head, int batchSize, std::uint64_t seed, int rank = 0,
                int worldSize = 1);

    Batch next();
    std::int64_t epoch() const { return m_epoch; }
    std::int64_t cursor() const { return m_cursor; }
    void seek(std::int64_t epoch, std::int64_t cursor);

private:
    void shuffle();

    at::Tensor m_inputs, m_targets;
    int m_batchSize;
    std::uint64_t m_seed;
    int m_rank = 0;
    int m_worldSize = 1;
    std::int64_t m_epoch = 0;
    std::int64_t m_cursor = 0;
    at::Tensor m_order;
};

} // namespace seekbench::engine
