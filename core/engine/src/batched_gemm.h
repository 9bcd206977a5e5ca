#pragma once

// Attention's per-head products (q·kᵀ and p·v, [batch, heads, tokens, head size]) as one
// BLAS sgemm per head, run in parallel over the heads, straight on the strided views the
// projections produce (issue 29). LibTorch's CPU bmm instead copies [B, H, T, D] views to
// contiguous batches, then calls BLAS once per matrix, one after another, through
// select() (about 10,000 operator calls per `small` step); and the context it returns
// needs another copy back to [B, T, H·D].
//
// The BLAS is the process's own (cblas_sgemm, found at run time as blas_kernels.cpp finds
// OpenBLAS); without one (a LibTorch that links its BLAS privately), CUDA, or other dtypes,
// the caller keeps torch::matmul.

#include <ATen/core/Tensor.h>

namespace seekbench::engine {

// True when stridedBatchedMatmul can take a [B, H, m, k] x [B, H, k, n] product of these.
bool usesStridedBatchedGemm(const at::Tensor &a, const at::Tensor &b);

// alpha · a · b for a [B, H, m, k] and b [B, H, k, n], any strides whose last two dims have
// one unit stride (else they are made contiguous). Differentiable (first order). With
// tokenMajor the result's memory is [B, m, H, n] (returned as the [B, H, m, n] view), so
// that attention's context needs no copy to become [B, T, H·D].
at::Tensor stridedBatchedMatmul(const at::Tensor &a, const at::Tensor &b, double alpha = 1.0, bool tokenMajor = false);

} // namespace seekbench::engine
