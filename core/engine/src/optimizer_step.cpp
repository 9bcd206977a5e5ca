#include "optimizer_step.h"

#include "grad_scaler.h"

#include <torch/types.h>
// clip_grad.h needs torch::Tensor declared first.
#include <torch/nn/utils/clip_grad.h>

#include <cmath>
#include <limits>

namespace seekbench::engine {

StepOutcome finishStep(GradScaler *scaler, const std::vector<at::Tensor> &params, double loss, double clip,
                       bool stopOnNonFinite, const std::function<void()> &applyStep)
{
    StepOutcome out;
    const bool overflow = scaler && scaler->unscale(params);
    if (!overflow)
        out.gradNorm = torch::nn::utils::clip_grad_norm_(params,
                                                         clip > 0 ? clip : std::numeric_limits<double>::infinity());
    const bool finite = std::isfinite(loss) && std::isfinite(out.gradNorm);
    if (!finite && !overflow && stopOnNonFinite) {
        out.decision = StepDecision::Diverged;
        return out;
    }
    if (overflow) {
        out.decision = StepDecision::SkippedOverflow;
    } else if (!finite) {
        out.decision = StepDecision::SkippedNonFinite;
    } else {
        applyStep();
        out.decision = StepDecision::Stepped;
    }
    if (scaler)
        scaler->update();
    return out;
}

} // namespace seekbench::engine
