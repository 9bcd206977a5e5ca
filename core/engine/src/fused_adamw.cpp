#include "fused_adamw.h"

#include "fused_kernels.h"
#include "fused_ops.h"
#include "optimizer_state_key.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <memory>

namespace seekbench::engine {

namespace {

bool fusable(const at::Tensor &p, const at::Tensor &g, const torch::optim::AdamWOptions &o)
{
    return !o.amsgrad() && p.device().is_cpu() && p.scalar_type() == at::kFloat && g.scalar_type() == at::kFloat
           && !g.is_sparse() && p.is_contiguous() && g.is_contiguous();
}

} // namespace

at::Tensor FusedAdamW::step(LossClosure closure)
{
    if (!fusedKernelsEnabled())
        return torch::optim::AdamW::step(std::move(closure));
    for (const auto &group : param_groups())
        for (const auto &p : group.params())
            if (p.grad().defined()
                && !fusable(p, p.grad(), static_cast<const torch::optim::AdamWOptions &>(group.options())))
                return torch::optim::AdamW::step(std::move(closure)); // one rule for the whole step

    torch::NoGradGuard noGrad;
    at::Tensor loss;
    if (closure) {
        at::AutoGradMode enableGrad(true);
        loss = closure();
    }
    auto &states = state();
    for (auto &group : param_groups()) {
        const auto &o = static_cast<const torch::optim::AdamWOptions &>(group.options());
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            auto &slot = states[optimizerStateKey(p)];
            if (!slot) { // what AdamW::step creates on a parameter's first step
                auto s = std::make_unique<torch::optim::AdamWParamState>();
                s->step(0);
                s->exp_avg(torch::zeros_like(p, at::MemoryFormat::Preserve));
                s->exp_avg_sq(torch::zeros_like(p, at::MemoryFormat::Preserve));
                slot = std::move(s);
            }
            auto &s = static_cast<torch::optim::AdamWParamState &>(*slot);
            if (!s.exp_avg().is_contiguous())
                s.exp_avg(s.exp_avg().contiguous());
            if (!s.exp_avg_sq().is_contiguous())
                s.exp_avg_sq(s.exp_avg_sq().contiguous());
            s.step(s.step() + 1);
            const auto [beta1, beta2] = o.betas();
            const double bc1 = 1 - std::pow(beta1, double(s.step()));
            const double bc2 = 1 - std::pow(beta2, double(s.step()));
            const kernels::AdamWScalars k{float(1 - o.lr() * o.weight_decay()),
                                          float(beta1),
                                          float(1 - beta1),
                                          float(beta2),
                                          float(1 - beta2),
                                          float(std::sqrt(bc2)),
                                          float(o.eps()),
                                          float(-(o.lr() / bc1))};
            float *pp = p.data_ptr<float>();
            const float *gp = p.grad().data_ptr<float>();
            float *mp = s.exp_avg().data_ptr<float>();
            float *vp = s.exp_avg_sq().data_ptr<float>();
            at::parallel_for(0, p.numel(), kernels::kElementsPerChunk,
                             [&](int64_t begin, int64_t end) { kernels::adamW(pp, gp, mp, vp, k, begin, end); });
        }
    }
    return loss;
}

} // namespace seekbench::engine
