#include "attention_core.h"

#include "batched_gemm.h"
#include "fused_kernels.h"
#include "fused_ops.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace seekbench::engine {

namespace F = torch::nn::functional;

namespace {

using kernels::rowGrain;

// The loop only takes the attention-sized products it was measured on (cross-modal: 16
// patches, head size 16, up to 16 keys). For contiguous products without autograd, BLAS is
// already faster at 16^3 (1.8-2.4 us against 2.9-3.3 us per matrix here) and 3x faster at
// 64^3, so larger products (the text model's longer sequences) stay with torch::matmul.
constexpr int64_t kSmallMatmulMacs = 16 * 16 * 16;
// Work per parallel chunk, so that tiny batches stay on one thread.
constexpr int64_t kMacsPerChunk = 1 << 15;

// c[n] = a[n] · b[n]; a has any strides, b's rows are contiguous, c is contiguous and zeroed.
// The inner loop runs along b's and c's rows, so the compiler vectorises it.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("arch=x86-64-v3", "default"), optimize("O3")))
#endif
void smallMatmulLoop(const float *a, const float *b, float *c, int64_t begin, int64_t end, int64_t m, int64_t k,
                     int64_t n, int64_t sa0, int64_t sa1, int64_t sa2, int64_t sb0, int64_t sb1)
{
    for (int64_t x = begin; x < end; ++x) {
        const float *A = a + x * sa0;
        const float *B = b + x * sb0;
        float *C = c + x * m * n;
        for (int64_t i = 0; i < m; ++i) {
            float *__restrict row = C + i * n;
            for (int64_t kk = 0; kk < k; ++kk) {
                const float aik = A[i * sa1 + kk * sa2];
                const float *__restrict brow = B + kk * sb1;
                for (int64_t j = 0; j < n; ++j)
                    row[j] += aik * brow[j];
            }
        }
    }
}

at::Tensor smallMatmul(const at::Tensor &a, const at::Tensor &bIn)
{
    const auto b = bIn.stride(2) == 1 ? bIn : bIn.contiguous();
    const int64_t N = a.size(0), m = a.size(1), k = a.size(2), n = b.size(2);
    auto c = torch::zeros({N, m, n}, a.options());
    const float *ap = a.data_ptr<float>();
    const float *bp = b.data_ptr<float>();
    float *cp = c.data_ptr<float>();
    const int64_t sa0 = a.stride(0), sa1 = a.stride(1), sa2 = a.stride(2), sb0 = b.stride(0), sb1 = b.stride(1);
    const int64_t grain = std::max<int64_t>(1, kMacsPerChunk / std::max<int64_t>(1, m * k * n));
    at::parallel_for(0, N, grain, [&](int64_t begin, int64_t end) {
        smallMatmulLoop(ap, bp, cp, begin, end, m, k, n, sa0, sa1, sa2, sb0, sb1);
    });
    return c;
}

struct SmallMatmul : public torch::autograd::Function<SmallMatmul>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &a, const at::Tensor &b)
    {
        ctx->save_for_backward({a, b});
        return smallMatmul(a, b);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &a = saved[0], &b = saved[1];
        const auto g = grads[0].contiguous();
        at::Tensor ga, gb;
        if (ctx->needs_input_grad(0))
            ga = batchedMatmul(g, b.transpose(1, 2));
        if (ctx->needs_input_grad(1))
            gb = batchedMatmul(a.transpose(1, 2), g);
        return {ga, gb};
    }
};

// Softmax over the last dim of scores [B, H, Tq, Tk] with the causal and key masks in one
// pass each way, instead of building the causal mask, two masked_fill copies and LibTorch's
// softmax (and their three backward passes). keep is the key mask as [B, Tk] floats, 1 or 0,
// or empty for none.
struct MaskedSoftmaxFn : public torch::autograd::Function<MaskedSoftmaxFn>
{
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &scoresIn, const at::Tensor &keep,
                              bool causal)
    {
        const auto scores = scoresIn.contiguous();
        const int64_t H = scores.size(1), Tq = scores.size(2), Tk = scores.size(3), rows = scores.numel() / Tk;
        auto probs = torch::empty_like(scores);
        const float *sp = scores.data_ptr<float>(), *kp = keep.numel() > 0 ? keep.data_ptr<float>() : nullptr;
        float *pp = probs.data_ptr<float>();
        at::parallel_for(0, rows, rowGrain(Tk), [&](int64_t begin, int64_t end) {
            kernels::maskedSoftmaxForward(sp, kp, pp, begin, end, Tq, Tk, H * Tq, causal);
        });
        ctx->save_for_backward({probs, keep});
        ctx->saved_data["causal"] = causal;
        return probs;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &probs = saved[0], &keep = saved[1];
        const bool causal = ctx->saved_data["causal"].toBool();
        const auto g = grads[0].contiguous();
        const int64_t H = probs.size(1), Tq = probs.size(2), Tk = probs.size(3), rows = probs.numel() / Tk;
        auto ds = torch::empty_like(probs);
        const float *pp = probs.data_ptr<float>(), *gp = g.data_ptr<float>();
        const float *kp = keep.numel() > 0 ? keep.data_ptr<float>() : nullptr;
        float *dp = ds.data_ptr<float>();
        at::parallel_for(0, rows, rowGrain(Tk), [&](int64_t begin, int64_t end) {
            kernels::maskedSoftmaxBackward(pp, gp, kp, dp, begin, end, Tq, Tk, H * Tq, causal);
        });
        return {ds, at::Tensor(), at::Tensor()};
    }
};

} // namespace

// The composite form: the masks by masked_fill, then LibTorch's softmax in fp32.
at::Tensor maskedSoftmaxReference(const at::Tensor &scoresIn, const AttentionMasks &masks)
{
    const int64_t B = scoresIn.size(0), Tq = scoresIn.size(2), Tk = scoresIn.size(3);
    constexpr float kBlocked = -std::numeric_limits<float>::infinity();
    auto scores = scoresIn;
    if (masks.causal) {
        const auto mask
            = torch::ones({Tq, Tk}, torch::TensorOptions().dtype(torch::kBool).device(scores.device())).triu(1);
        scores = scores.masked_fill(mask, kBlocked);
    }
    if (masks.keyMask.defined())
        scores = scores.masked_fill(masks.keyMask.logical_not().view({B, 1, 1, Tk}), kBlocked);
    return torch::softmax(scores, -1, torch::kFloat).to(scoresIn.scalar_type());
}

at::Tensor maskedSoftmax(const at::Tensor &scores, const AttentionMasks &masks)
{
    const bool fused = fusedKernelsEnabled() && scores.dim() == 4 && scores.device().is_cpu()
                       && scores.scalar_type() == at::kFloat && scores.numel() > 0
                       && (!masks.keyMask.defined() || masks.keyMask.numel() == scores.size(0) * scores.size(3));
    if (!fused)
        return maskedSoftmaxReference(scores, masks);
    const auto keep
        = masks.keyMask.defined()
              ? masks.keyMask.to(scores.device(), torch::kFloat).reshape({scores.size(0), scores.size(3)}).contiguous()
              : at::empty({0}, scores.options()); // no key mask (apply takes no undefined tensor)
    return MaskedSoftmaxFn::apply(scores, keep, masks.causal);
}

bool usesSmallMatmulKernel(const at::Tensor &a, const at::Tensor &b)
{
    return a.dim() == 3 && b.dim() == 3 && a.device().is_cpu() && b.device().is_cpu() && a.scalar_type() == at::kFloat
           && b.scalar_type() == at::kFloat && a.size(0) == b.size(0) && a.size(2) == b.size(1)
           && a.size(1) * a.size(2) * b.size(2) <= kSmallMatmulMacs;
}

at::Tensor batchedMatmul(const at::Tensor &a, const at::Tensor &b)
{
    if (!usesSmallMatmulKernel(a, b))
        return torch::matmul(a, b);
    if (a.requires_grad() || b.requires_grad())
        return SmallMatmul::apply(a, b);
    return smallMatmul(a, b);
}

at::Tensor softmaxAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const AttentionMasks &masks,
                            double dropout, bool training, AttentionCapture &capture)
{
    const int64_t B = q.size(0), H = q.size(1), Tq = q.size(2), Tk = k.size(2), D = q.size(3);
    const auto flat = [](const at::Tensor &t) { return t.reshape({-1, t.size(-2), t.size(-1)}); };
    const auto kT = k.transpose(2, 3);
    const double scale = 1.0 / std::sqrt(double(D));
    // Products too small for BLAS (the cross-modal model's) take the loop; larger fp32 CPU
    // ones one sgemm per head on the strided views; anything else torch::matmul. Decided
    // from the sizes: flattening the [B, H, T, D] views would copy them.
    const bool strided = Tq * D * Tk > kSmallMatmulMacs && usesStridedBatchedGemm(q, kT) && v.dim() == 4
                         && v.device().is_cpu() && v.scalar_type() == at::kFloat && v.size(0) == B && v.size(1) == H
                         && v.size(2) == Tk;
    auto scores = strided ? stridedBatchedMatmul(q, kT, scale)
                          : batchedMatmul(flat(q), flat(kT)).view({B, H, Tq, Tk}) * scale;
    auto probs = maskedSoftmax(scores, masks).to(q.scalar_type());
#ifndef SEEKBENCH_NO_ATTENTION_CAPTURE // benchmark-only builds compile the capture out
    if (capture.captureAttention) {
        capture.lastAttention = probs.detach().to(torch::kFloat);
        if (capture.keepAttentionGraph)
            capture.liveAttention = probs;
    }
#else
    (void)capture;
#endif
    if (dropout > 0 && training)
        probs = F::dropout(probs, F::DropoutFuncOptions().p(dropout).training(true));
    // Token-major: the caller's transpose(1, 2) to [B, Tq, H, D] is then free.
    if (strided)
        return stridedBatchedMatmul(probs, v, 1.0, /*tokenMajor=*/true);
    return batchedMatmul(flat(probs), flat(v)).view({B, H, Tq, v.size(3)});
}

} // namespace seekbench::engine
