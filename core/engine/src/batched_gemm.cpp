#include "batched_gemm.h"

#include "fused_ops.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <dlfcn.h>

#include <cstdint>

namespace seekbench::engine {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

// CBLAS's enums (cblas.h), so that no BLAS header is needed to build.
constexpr int kRowMajor = 101, kNoTrans = 111, kTrans = 112;
using SgemmFn = void (*)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *,
                         int);

SgemmFn sgemm()
{
    static const SgemmFn fn = reinterpret_cast<SgemmFn>(dlsym(RTLD_DEFAULT, "cblas_sgemm"));
    return fn;
}

// One operand's matrices as BLAS sees them: transposed or not, and the leading dimension.
struct Operand
{
    at::Tensor t; // 4-D; the last two dims have one unit stride
    int trans = kNoTrans;
    int64_t ld = 0;
};

Operand operand(const at::Tensor &in)
{
    const int64_t r = in.size(2), c = in.size(3);
    auto layout = [&](const at::Tensor &t) -> Operand {
        const int64_t s0 = t.stride(2), s1 = t.stride(3);
        if (s1 == 1 || c == 1)
            return {t, kNoTrans, std::max<int64_t>({s0, c, 1})};
        if (s0 == 1 || r == 1)
            return {t, kTrans, std::max<int64_t>({s1, r, 1})};
        return {};
    };
    Operand o = layout(in);
    if (!o.t.defined())
        o = layout(in.contiguous());
    return o;
}

// c = alpha · a · b into c [B, H, m, n], whose last two dims have one unit stride: rows
// (ldc = stride 2) or columns (ldc = stride 3; then cᵀ = bᵀ · aᵀ is what BLAS writes).
void gemmInto(const at::Tensor &aIn, const at::Tensor &bIn, float alpha, at::Tensor &c)
{
    const Operand a = operand(aIn), b = operand(bIn);
    const int64_t H = aIn.size(1), m = aIn.size(2), k = aIn.size(3), n = bIn.size(3);
    const bool rowMajor = c.stride(3) == 1 || n == 1;
    const int64_t ldc = std::max<int64_t>({rowMajor ? c.stride(2) : c.stride(3), rowMajor ? n : m, 1});
    const float *ap = a.t.data_ptr<float>(), *bp = b.t.data_ptr<float>();
    float *cp = c.data_ptr<float>();
    const int64_t as0 = a.t.stride(0), as1 = a.t.stride(1), bs0 = b.t.stride(0), bs1 = b.t.stride(1);
    const int64_t cs0 = c.stride(0), cs1 = c.stride(1);
    const auto flip = [](int trans) { return trans == kNoTrans ? kTrans : kNoTrans; };
    const SgemmFn fn = sgemm();
    at::parallel_for(0, aIn.size(0) * H, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const int64_t bi = i / H, hi = i % H;
            const float *ai = ap + bi * as0 + hi * as1, *bi_ = bp + bi * bs0 + hi * bs1;
            float *ci = cp + bi * cs0 + hi * cs1;
            if (rowMajor)
                fn(kRowMajor, a.trans, b.trans, int(m), int(n), int(k), alpha, ai, int(a.ld), bi_, int(b.ld), 0.0f, ci,
                   int(ldc));
            else
                fn(kRowMajor, flip(b.trans), flip(a.trans), int(n), int(m), int(k), alpha, bi_, int(b.ld), ai,
                   int(a.ld), 0.0f, ci, int(ldc));
        }
    });
}

at::Tensor gemmBatched(const at::Tensor &a, const at::Tensor &b, float alpha, bool tokenMajor)
{
    const int64_t B = a.size(0), H = a.size(1), m = a.size(2), n = b.size(3);
    // [B, H, m, n], or [B, m, H, n] in memory for the token-major context.
    auto c = tokenMajor ? torch::empty({B, m, H, n}, a.options()).transpose(1, 2)
                        : torch::empty({B, H, m, n}, a.options());
    gemmInto(a, b, alpha, c);
    return c;
}

// An uninitialised tensor shaped like t, in t's memory layout when that is dense and has a
// unit stride in one of its last two dims (the projections' [B, T, H, D] seen as
// [B, H, T, D], or its transpose), else contiguous. A gradient in its operand's layout
// reaches the projection's backward without a copy.
at::Tensor emptyInLayout(const at::Tensor &t)
{
    if (t.is_non_overlapping_and_dense() && (t.stride(3) == 1 || t.stride(2) == 1))
        return at::empty_strided(t.sizes(), t.strides(), t.options());
    return at::empty(t.sizes(), t.options());
}

struct StridedBatchedMatmul : public torch::autograd::Function<StridedBatchedMatmul>
{
    static at::Tensor forward(AutogradContext *ctx, const at::Tensor &a, const at::Tensor &b, double alpha,
                              bool tokenMajor)
    {
        ctx->save_for_backward({a, b});
        ctx->saved_data["alpha"] = alpha;
        return gemmBatched(a, b, float(alpha), tokenMajor);
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &a = saved[0], &b = saved[1];
        const float alpha = float(ctx->saved_data["alpha"].toDouble());
        const auto &g = grads[0];
        at::Tensor ga, gb;
        if (ctx->needs_input_grad(0)) {
            ga = emptyInLayout(a);
            gemmInto(g, b.transpose(2, 3), alpha, ga);
        }
        if (ctx->needs_input_grad(1)) {
            gb = emptyInLayout(b);
            gemmInto(a.transpose(2, 3), g, alpha, gb);
        }
        return {ga, gb, at::Tensor(), at::Tensor()};
    }
};

} // namespace

bool usesStridedBatchedGemm(const at::Tensor &a, const at::Tensor &b)
{
    return fusedKernelsEnabled() && sgemm() != nullptr && a.dim() == 4 && b.dim() == 4 && a.device().is_cpu()
           && b.device().is_cpu() && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat
           && a.size(0) == b.size(0) && a.size(1) == b.size(1) && a.size(3) == b.size(2) && a.numel() > 0
           && b.numel() > 0 && a.size(2) < (int64_t(1) << 31) && b.size(3) < (int64_t(1) << 31)
           && a.size(3) < (int64_t(1) << 31);
}

at::Tensor stridedBatchedMatmul(const at::Tensor &a, const at::Tensor &b, double alpha, bool tokenMajor)
{
    TORCH_CHECK(usesStridedBatchedGemm(a, b), "stridedBatchedMatmul: cannot multiply ", a.sizes(), " by ", b.sizes(),
                " (4-D fp32 CPU tensors with matching batch dims and inner sizes, and a process BLAS)");
    if (a.requires_grad() || b.requires_grad())
        return StridedBatchedMatmul::apply(a, b, alpha, tokenMajor);
    return gemmBatched(a, b, float(alpha), tokenMajor);
}

} // namespace seekbench::engine
