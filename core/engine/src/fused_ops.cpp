#include "fused_ops.h"

#include "fused_kernels.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace seekbench::engine {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

bool fusedKernelsEnabled()
{
    static const bool on = [] {
        const char *v = std::getenv("SEEKBENCH_FUSED_KERNELS");
        return !(v && std::strcmp(v, "0") == 0);
    }();
    return on;
}

namespace {

using kernels::kElementsPerChunk;

bool fusable(const at::Tensor &t) { return t.defined() && t.device().is_cpu() && t.scalar_type() == at::kFloat; }

using kernels::rowGrain;

// ------------------------------------------------------------------------------ RMSNorm

struct RmsNormFn : public torch::autograd::Function<RmsNormFn>
{
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &xIn, const at::Tensor &weightIn, double eps)
    {
        const auto x = xIn.contiguous();
        const auto w = weightIn.contiguous();
        const int64_t D = x.size(-1), rows = x.numel() / std::max<int64_t>(1, D);
        auto y = torch::empty_like(x);
        auto inv = torch::empty({rows}, x.options());
        const float *xp = x.data_ptr<float>(), *wp = w.data_ptr<float>();
        float *yp = y.data_ptr<float>(), *ip = inv.data_ptr<float>();
        at::parallel_for(0, rows, rowGrain(D), [&](int64_t begin, int64_t end) {
            kernels::rmsNormForward(xp, wp, float(eps), yp, ip, begin, end, D);
        });
        ctx->save_for_backward({x, w, inv});
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &w = saved[1], &inv = saved[2];
        const auto dy = grads[0].contiguous();
        const int64_t D = x.size(-1), rows = x.numel() / std::max<int64_t>(1, D);
        auto dx = torch::empty_like(x);
        // The weight's gradient sums over rows: each fixed block of rows adds into its own
        // partial row, and the partials are added in block order, so the result does not
        // depend on the number of threads.
        const int64_t blocks = (rows + kernels::kRmsNormRowsPerBlock - 1) / kernels::kRmsNormRowsPerBlock;
        std::vector<float> partial(size_t(blocks * D), 0.0f);
        const float *xp = x.data_ptr<float>(), *wp = w.data_ptr<float>(), *ip = inv.data_ptr<float>();
        const float *gp = dy.data_ptr<float>();
        float *dxp = dx.data_ptr<float>();
        at::parallel_for(0, blocks, 1, [&](int64_t begin, int64_t end) {
            for (int64_t b = begin; b < end; ++b)
                kernels::rmsNormBackward(xp, wp, ip, gp, dxp, partial.data() + b * D, b * kernels::kRmsNormRowsPerBlock,
                                         std::min(rows, (b + 1) * kernels::kRmsNormRowsPerBlock), D);
        });
        auto dw = torch::zeros({D}, x.options());
        float *dwp = dw.data_ptr<float>();
        for (int64_t b = 0; b < blocks; ++b)
            kernels::addRow(dwp, partial.data() + b * D, D);
        return {dx, dw, at::Tensor()};
    }
};

// ------------------------------------------------------------------------------- SwiGLU

struct SwiGluFn : public torch::autograd::Function<SwiGluFn>
{
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &gateIn, const at::Tensor &upIn)
    {
        const auto gate = gateIn.contiguous(), up = upIn.contiguous();
        auto out = torch::empty_like(gate);
        const float *g = gate.data_ptr<float>(), *u = up.data_ptr<float>();
        float *o = out.data_ptr<float>();
        at::parallel_for(0, gate.numel(), kElementsPerChunk,
                         [&](int64_t begin, int64_t end) { kernels::swiGluForward(g, u, o, begin, end); });
        ctx->save_for_backward({gate, up});
        return out;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &gate = saved[0], &up = saved[1];
        const auto dy = grads[0].contiguous();
        auto dg = torch::empty_like(gate), du = torch::empty_like(up);
        const float *g = gate.data_ptr<float>(), *u = up.data_ptr<float>(), *d = dy.data_ptr<float>();
        float *dgp = dg.data_ptr<float>(), *dup = du.data_ptr<float>();
        at::parallel_for(0, gate.numel(), kElementsPerChunk,
                         [&](int64_t begin, int64_t end) { kernels::swiGluBackward(g, u, d, dgp, dup, begin, end); });
        return {dg, du};
    }
};

// ------------------------------------------------------------------------------- Rotary

// sign = +1 applies the rotation, -1 its transpose (the backward pass).
at::Tensor rotaryApply(const at::Tensor &xIn, const at::Tensor &cos, const at::Tensor &sin, float sign)
{
    const auto x = xIn.contiguous();
    const int64_t T = x.size(1), H = x.size(2), D = x.size(3);
    const auto c = cos.slice(0, 0, T).contiguous(), s = sin.slice(0, 0, T).contiguous();
    auto y = torch::empty_like(x);
    const float *xp = x.data_ptr<float>(), *cp = c.data_ptr<float>(), *sp = s.data_ptr<float>();
    float *yp = y.data_ptr<float>();
    const int64_t rows = x.numel() / D;
    at::parallel_for(0, rows, rowGrain(D), [&](int64_t begin, int64_t end) {
        kernels::rotaryRows(xp, cp, sp, yp, begin, end, T, H, D, sign);
    });
    return y;
}

struct RotaryFn : public torch::autograd::Function<RotaryFn>
{
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin)
    {
        ctx->save_for_backward({cos, sin});
        return rotaryApply(x, cos, sin, 1.0f);
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        return {rotaryApply(grads[0], saved[0], saved[1], -1.0f), at::Tensor(), at::Tensor()};
    }
};

at::Tensor rotateHalf(const at::Tensor &x)
{
    const int64_t half = x.size(-1) / 2;
    return torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);
}

} // namespace

at::Tensor rmsNormReference(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    // In fp32 whatever autocast does around it, as the reference implementation does.
    const auto xf = x.to(torch::kFloat);
    const auto inv = torch::rsqrt(xf.pow(2).mean(-1, /*keepdim=*/true) + eps);
    return weight * (xf * inv);
}

at::Tensor swiGluReference(const at::Tensor &gate, const at::Tensor &up) { return torch::silu(gate) * up; }

at::Tensor rotaryReference(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin)
{
    const int64_t T = x.size(1);
    const auto c = cos.slice(0, 0, T).to(x.scalar_type()).unsqueeze(1);
    const auto s = sin.slice(0, 0, T).to(x.scalar_type()).unsqueeze(1);
    return x * c + rotateHalf(x) * s;
}

at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    if (!fusedKernelsEnabled() || !fusable(x) || !fusable(weight) || x.dim() < 1 || weight.dim() != 1
        || weight.size(0) != x.size(-1) || x.numel() == 0)
        return rmsNormReference(x, weight, eps);
    return RmsNormFn::apply(x, weight, eps);
}

at::Tensor swiGlu(const at::Tensor &gate, const at::Tensor &up)
{
    if (!fusedKernelsEnabled() || !fusable(gate) || !fusable(up) || gate.sizes() != up.sizes())
        return swiGluReference(gate, up);
    return SwiGluFn::apply(gate, up);
}

at::Tensor rotary(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin)
{
    if (!fusedKernelsEnabled() || !fusable(x) || !fusable(cos) || !fusable(sin) || x.dim() != 4 || x.size(3) % 2 != 0
        || cos.dim() != 2 || cos.size(0) < x.size(1) || cos.size(1) != x.size(3) || sin.sizes() != cos.sizes())
        return rotaryReference(x, cos, sin);
    return RotaryFn::apply(x, cos, sin);
}

} // namespace seekbench::engine
