#pragma once

// Dynamic loss scaling for fp16. On CUDA the fused kernels of LibTorch do the work
// (_amp_foreach_non_finite_check_and_unscale_, _amp_update_scale_; 1.13 has them for
// CUDA only); elsewhere the same arithmetic runs as plain ops, which CPU tests exercise.

#include <ATen/core/Tensor.h>

#include <vector>

namespace seekbench::engine {

class GradScaler
{
public:
    struct Options
    {
        double initScale = 65536.0;
        double growthFactor = 2.0;
        double backoffFactor = 0.5;
        int growthInterval = 2000;
        bool useFusedKernels = true; // only taken on CUDA tensors
    };

    explicit GradScaler(Options options);
    GradScaler() : GradScaler(Options{}) {}

    at::Tensor scale(const at::Tensor &loss);
    // Divides the gradients by the scale in place; returns true if any was inf or NaN.
    bool unscale(const std::vector<at::Tensor> &params);
    // Grows or backs off the scale after a step (or a skipped one).
    void update();

    double currentScale() const;
    at::Tensor state() const; // [scale, growth tracker], for checkpoints
    void loadState(const at::Tensor &s);

private:
    Options m_options;
    at::Tensor m_scale;         // float [1]
    at::Tensor m_growthTracker; // int [1]
    at::Tensor m_foundInf;      // float [1]
};

} // namespace seekbench::engine
