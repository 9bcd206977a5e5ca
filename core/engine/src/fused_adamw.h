#pragma once

// LibTorch's AdamW with its per-parameter update in one pass (issue 29). The state, the
// options, checkpoints and ZeRO-1's sharding are AdamW's own; only step() differs: for an
// fp32 CPU parameter the eight elementwise operators of AdamW::step (and their
// temporaries) become one parallel loop over the parameter, its gradient and its two
// moments. Anything else (amsgrad, CUDA, other dtypes, SEEKBENCH_FUSED_KERNELS=0) runs
// LibTorch's step.

#include <torch/optim/adamw.h>

namespace seekbench::engine {

class FusedAdamW : public torch::optim::AdamW
{
public:
    using torch::optim::AdamW::AdamW;

    at::Tensor step(LossClosure closure = nullptr) override;
};

} // namespace seekbench::engine
