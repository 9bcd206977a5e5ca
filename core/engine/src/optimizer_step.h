#pragma once

// The end of one training step, after the micro-batches' backward passes: unscale the
// gradients (with fp16's loss scaler), clip, and step the optimizer, or skip the step.
// The trainer calls exactly this, so the loss scaler's skip-and-back-off path is tested
// on CPU tensors although fp16 training itself needs CUDA.

#include <ATen/core/Tensor.h>

#include <functional>
#include <vector>

namespace seekbench::engine {

class GradScaler;

enum class StepDecision {
    Stepped,          // the optimizer stepped
    SkippedOverflow,  // the loss scaler found inf/NaN gradients: no step, the scale backs off
    SkippedNonFinite, // a non-finite loss or gradient norm, training.on_nonfinite: skip
    Diverged,         // a non-finite loss or gradient norm, training.on_nonfinite: stop
};

struct StepOutcome
{
    StepDecision decision = StepDecision::Stepped;
    double gradNorm = 0.0; // before clipping; 0 when the scaler found an overflow
};

// The gradients between steps, instead of the optimizer's zero_grad(): release() drops them
// before the micro-batches' backward passes, so the first backward hands its gradient
// buffers over (LibTorch's AccumulateGrad takes them) instead of adding them into zeros,
// which saves a fill and an add over every parameter (issue 29). restoreMissing() then
// gives zeros to the parameters that had a gradient before and got none this step (an MoE
// expert no token was routed to), so the optimizer sees exactly what zero_grad() and
// accumulation would have given it.
class GradientBuffers
{
public:
    explicit GradientBuffers(std::vector<at::Tensor> params);
    void release();
    void restoreMissing();

private:
    std::vector<at::Tensor> m_params;
    std::vector<char> m_had; // per parameter: a gradient before release()
};

// scaler may be null (no loss scaling); clip <= 0 disables clipping. applyStep runs the
// optimizer (and ZeRO's parameter exchange) when the step is taken. The scaler's update()
// runs after every step but a divergence, which ends the run.
StepOutcome finishStep(GradScaler *scaler, const std::vector<at::Tensor> &params, double loss, double clip,
                       bool stopOnNonFinite, const std::function<void()> &applyStep);

} // namespace seekbench::engine
