#include "grad_scaler.h"

#include <torch/torch.h>

namespace seekbench::engine {

GradScaler::GradScaler(Options options) : m_options(options)
{
    m_scale = torch::full({1}, options.initScale, torch::kFloat);
    m_growthTracker = torch::zeros({1}, torch::kInt);
    m_foundInf = torch::zeros({1}, torch::kFloat);
}

at::Tensor GradScaler::scale(const at::Tensor &loss)
{
    if (m_scale.device() != loss.device()) {
        m_scale = m_scale.to(loss.device());
        m_growthTracker = m_growthTracker.to(loss.device());
        m_foundInf = m_foundInf.to(loss.device());
    }
    return loss * m_scale.to(loss.scalar_type());
}

bool GradScaler::unscale(const std::vector<at::Tensor> &params)
{
    std::vector<at::Tensor> grads;
    for (const auto &p : params)
        if (p.grad().defined())
            grads.push_back(p.grad());
    m_foundInf.zero_();
    if (grads.empty())
        return false;
    const auto invScale = m_scale.reciprocal();
    if (m_options.useFusedKernels && grads.front().is_cuda()) {
        at::_amp_foreach_non_finite_check_and_unscale_(grads, m_foundInf, invScale);
    } else {
        for (auto &g : grads) {
            // Checked before scaling: inf * 0 would hide nothing, but NaN must be seen as is.
            m_foundInf.add_(torch::logical_not(torch::isfinite(g)).any().to(torch::kFloat));
            g.mul_(invScale.to(g.scalar_type()));
        }
        m_foundInf.clamp_max_(1.0);
    }
    return m_foundInf.item<float>() > 0;
}

void GradScaler::update()
{
    if (m_options.useFusedKernels && m_scale.is_cuda()) {
        at::_amp_update_scale_(m_scale, m_growthTracker, m_foundInf, m_options.growthFactor, m_options.backoffFactor,
                               m_options.growthInterval);
        return;
    }
    if (m_foundInf.item<float>() > 0) {
        m_scale.mul_(m_options.backoffFactor);
        m_growthTracker.zero_();
        return;
    }
    m_growthTracker.add_(1);
    if (m_growthTracker.item<int>() >= m_options.growthInterval) {
        m_scale.mul_(m_options.growthFactor);
        m_growthTracker.zero_();
    }
}

double GradScaler::currentScale() const { return m_scale.item<float>(); }

at::Tensor GradScaler::state() const
{
    return torch::stack(
        {m_scale.cpu().to(torch::kDouble).squeeze(), m_growthTracker.cpu().to(torch::kDouble).squeeze()});
}

void GradScaler::loadState(const at::Tensor &s)
{
    const auto cpu = s.to(torch::kDouble).cpu();
    m_scale.fill_(cpu[0].item<double>());
    m_growthTracker.fill_(static_cast<int>(cpu[1].item<double>()));
}

} // namespace seekbench::engine
