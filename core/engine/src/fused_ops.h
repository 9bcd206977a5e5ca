#pragma once

// The elementwise parts of the transformer step as single-pass CPU kernels (issue 29):
// RMSNorm, SwiGLU's silu(gate)·up and rotary embeddings, each forward and backward in one
// pass over its tensors instead of the five to ten LibTorch operators (and their
// temporaries) the composite form runs. The matmuls stay with BLAS; these are what the
// step spends around them.
//
// Each function takes the fused path for fp32 CPU tensors and otherwise (CUDA, bf16 under
// autocast, SEEKBENCH_FUSED_KERNELS=0) runs the composite LibTorch form it replaces, which
// tests compare it against. Both are differentiable (first order).

#include <ATen/core/Tensor.h>

namespace seekbench::engine {

// False when SEEKBENCH_FUSED_KERNELS=0 (read once): every function below then runs its
// composite form, and FusedAdamW LibTorch's own step. For A/B measurements.
bool fusedKernelsEnabled();

// weight · x / sqrt(mean(x², -1) + eps), in fp32 whatever the input's dtype.
at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps);

// silu(gate) · up, elementwise.
at::Tensor swiGlu(const at::Tensor &gate, const at::Tensor &up);

// Rotary position embedding on x [B, T, heads, D] with tables cos, sin [T, D] (the
// rotate-half convention): x·cos + rotate_half(x)·sin.
at::Tensor rotary(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin);

// The composite LibTorch forms, which the functions above fall back to (tests and the
// benchmark compare against them).
at::Tensor rmsNormReference(const at::Tensor &x, const at::Tensor &weight, double eps);
at::Tensor swiGluReference(const at::Tensor &gate, const at::Tensor &up);
at::Tensor rotaryReference(const at::Tensor &x, const at::Tensor &cos, const at::Tensor &sin);

} // namespace seekbench::engine
