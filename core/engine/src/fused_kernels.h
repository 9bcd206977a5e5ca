#pragma once

// The loops behind fused_ops.cpp and FusedAdamW, torch-free: plain float arrays, one call
// per parallel chunk. Each is compiled for AVX-512, AVX2+FMA and baseline x86-64 and
// picked at load time for the processor it runs on.

#include <cstdint>

namespace seekbench::engine::kernels {

// Elements per parallel chunk of the callers' at::parallel_for: enough work that a chunk
// outweighs the fork.
constexpr int64_t kElementsPerChunk = 1 << 15;
// Rows of `width` elements per parallel chunk: about kElementsPerChunk, at least one row.
constexpr int64_t rowGrain(int64_t width)
{
    const int64_t rows = kElementsPerChunk / (width > 1 ? width : 1);
    return rows > 1 ? rows : 1;
}

// Rows per block of the RMSNorm weight-gradient partial sums (fixed, so the sum's order
// does not depend on the thread count).
constexpr int64_t kRmsNormRowsPerBlock = 32;

// y = w · x · inv per row of D, inv[r] = 1 / sqrt(mean(x_r²) + eps); rows [begin, end).
void rmsNormForward(const float *x, const float *w, float eps, float *y, float *inv, int64_t begin, int64_t end,
                    int64_t D);
// dx for rows [begin, end) and their weight-gradient contribution added into dwPartial [D].
void rmsNormBackward(const float *x, const float *w, const float *inv, const float *dy, float *dx, float *dwPartial,
                     int64_t begin, int64_t end, int64_t D);
// acc[j] += row[j].
void addRow(float *acc, const float *row, int64_t D);

// out = silu(g) · u; and its gradients, for elements [begin, end).
void swiGluForward(const float *g, const float *u, float *out, int64_t begin, int64_t end);
void swiGluBackward(const float *g, const float *u, const float *dy, float *dg, float *du, int64_t begin, int64_t end);

// Rotary embedding of rows [begin, end) of x [B, T, H, D] with tables [T, D]; sign -1
// applies the transpose (the gradient).
void rotaryRows(const float *x, const float *cos, const float *sin, float *y, int64_t begin, int64_t end, int64_t T,
                int64_t H, int64_t D, float sign);

// Softmax over rows [begin, end) of scores [rows, Tk] (row r is query r % Tq of batch
// r / rowsPerBatch) with the attention masks applied: with causal, key j > query i is
// masked; with keep ([batch, Tk], 1 or 0; null for none), keys whose keep is 0 are. Masked
// probabilities are 0; a row with every key masked is NaN, as LibTorch's softmax gives.
void maskedSoftmaxForward(const float *s, const float *keep, float *p, int64_t begin, int64_t end, int64_t Tq,
                          int64_t Tk, int64_t rowsPerBatch, bool causal);
// Its gradient: ds = p · (g - Σ g·p) per row, 0 at masked keys.
void maskedSoftmaxBackward(const float *p, const float *g, const float *keep, float *ds, int64_t begin, int64_t end,
                           int64_t Tq, int64_t Tk, int64_t rowsPerBatch, bool causal);

// One AdamW update of elements [begin, end), LibTorch's arithmetic in one pass:
// p *= decay; m = b1·m + (1-b1)·g; v = b2·v + (1-b2)·g²; p -= stepSize · m / (sqrt(v)/sqrtBc2 + eps).
struct AdamWScalars
{
    float decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, sqrtBc2, eps, negStepSize;
};
void adamW(float *p, const float *g, float *m, float *v, const AdamWScalars &s, int64_t begin, int64_t end);

} // namespace seekbench::engine::kernels
