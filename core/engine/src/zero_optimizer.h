#pragma once

// ZeRO stage 1 over c10d (training.zero_stage: 1): each rank keeps and updates the AdamW
// (or SGD momentum) state of its own shard of the parameters only. Gloo in LibTorch 1.13
// has neither reduce_scatter nor _allgather_base, so gradients are still all-reduced
// whole (GradientSync); then each rank steps only the parameters it owns (the others'
// gradients are dropped, so the optimizer neither creates nor updates their state), and
// every owner broadcasts its updated parameters, one flattened broadcast per owner.
// The arithmetic per element is the optimizer's own, on the same averaged gradients, so
// the weights stay equal to plain data parallel.
//
// Checkpoints stay single files that resume anywhere (2 ranks with or without ZeRO, or
// 1 rank): before a save every rank joins gatherState() (the owners broadcast their
// state), rank 0 writes the whole optimizer, then releaseForeignState() drops the rest
// again. After a resume, releaseForeignState() keeps only the shard.

#include "process_group.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace torch::optim {
class Optimizer;
}

namespace seekbench::engine {

class ZeroOptimizer
{
public:
    // `params` in the optimizer's order; the shards are contiguous runs of parameters
    // with about equal element counts.
    ZeroOptimizer(ProcessGroup &group, std::vector<at::Tensor> params);

    int owner(std::size_t param) const { return m_owner[param]; }
    std::int64_t ownedElements(int rank) const;

    // Before optimizer.step(): the gradients of parameters owned elsewhere become
    // undefined, so step() leaves them (and their state) alone.
    void dropForeignGradients();
    // After optimizer.step(): every owner's parameters to every rank. Collective.
    // Returns the seconds it took.
    double broadcastParameters();
    // Collective: the whole optimizer state on every rank (for a checkpoint).
    void gatherState(torch::optim::Optimizer &optimizer);
    // Drops the state of parameters owned elsewhere.
    void releaseForeignState(torch::optim::Optimizer &optimizer);

    // Bytes of every tensor in the optimizer's state on this rank.
    static std::int64_t stateBytes(const torch::optim::Optimizer &optimizer);

private:
    ProcessGroup &m_group;
    std::vector<at::Tensor> m_params;
    std::vector<int> m_owner;
};

} // namespace seekbench::engine
