#include "optimizer_step.h"

#include "grad_scaler.h"

#include <torch/types.h>
// clip_grad.h needs torch::Tensor declared first.
#include <torch/nn/utils/clip_grad.h>

#include <cmath>
#include <limits>
#include <utility>

namespace seekbench::engine {

GradientBuffers::GradientBuffers(std::vector<at::Tensor> params)
    : m_params(std::move(params)), m_had(m_params.size(), 0)
{}

void GradientBuffers::release()
{
    for (size_t i = 0; i < m_params.size(); ++i) {
        auto &g = m_params[i].mutable_grad();
        m_had[i] = g.defined() ? 1 : 0;
        g = at::Tensor();
    }
}

void GradientBuffers::restoreMissing()
{
    for (size_t i = 0; i < m_params.size(); ++i)
        if (m_had[i] && !m_params[i].grad().defined())
            m_params[i].mutable_grad() = torch::zeros_like(m_params[i]);
}

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
