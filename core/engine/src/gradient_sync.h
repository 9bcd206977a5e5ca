#pragma once

// Data-parallel gradient averaging over c10d collectives, in buckets: after backward,
// each bucket's gradients are flattened and all-reduced asynchronously (all buckets in
// flight at once), then averaged and copied back. Gradients that are undefined (an MoE
// expert that got no tokens on this rank) are zero-filled first, so every rank sends
// the same layout. The c10d Reducer is an internal API whose constructor changes
// between versions; this is ours.

#include "process_group.h"

#include <ATen/core/Tensor.h>

#include <vector>

namespace seekbench::engine {

class GradientSync
{
public:
    GradientSync(ProcessGroup &group, std::vector<at::Tensor> params, std::size_t bucketBytes = 25u << 20);

    // Averages the gradients over ranks. Returns the seconds spent communicating.
    double synchronize();

    std::size_t bucketCount() const { return m_buckets.size(); }

    // Rank 0's parameters and buffers to every rank: identical starting weights.
    static void broadcastFromRankZero(ProcessGroup &group, const std::vector<at::Tensor> &tensors);

private:
    ProcessGroup &m_group;
    std::vector<at::Tensor> m_params;
    std::vector<std::vector<std::size_t>> m_buckets; // indices into m_params
};

} // namespace seekbench::engine
