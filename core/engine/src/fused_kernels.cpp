#include "fused_kernels.h"

#include <cstdint>

// Without trapping math GCC if-converts the clamps, and without errno (-fno-math-errno,
// which CMake sets on this file: as a pragma it does not reach sqrt) it vectorises sqrt;
// nothing here relies on floating-point traps or errno. As a pragma (after the includes)
// rather than a function attribute: the attribute leaves the inlined helpers out, and the
// loops calling them then do not vectorise. For the same reason the loops use GCC's
// builtins, not <cmath> and <bit>, whose functions were compiled before the pragma.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O3", "no-trapping-math")
#endif

namespace seekbench::engine::kernels {

// Compiled three times and dispatched by the processor at load time (ifunc), as
// attention_core.cpp's loop. Sanitizer builds take the one baseline version.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define SEEKBENCH_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SEEKBENCH_KERNEL
#endif

namespace {

// exp(x) for x <= 0, branch-free so that the loops around it vectorise (the libm call does
// not): Cephes' expf range reduction and degree-6 polynomial, within 2 ulp down to -87.3;
// below that it returns about 1e-38 instead of a denormal or 0 (the exponent is clamped as
// an integer: one vpmaxsd, where clamping x as a float cost a compare and blend that GCC
// turned into a 3x slower loop). NaN and -inf give NaN.
inline float expNonPositive(float x)
{
    // Round to nearest by the 1.5·2^23 trick (SSE2 has no floor instruction).
    constexpr float kRound = 12582912.0f;
    const float n = (x * 1.44269504088896341f + kRound) - kRound;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t k = static_cast<int32_t>(n);
    k = k < -126 ? -126 : k;
    return p * __builtin_bit_cast(float, (k + 127) << 23);
}

// 1 / (1 + exp(-x)) from exp(-|x|), which cannot overflow. ±inf give NaN (the composite
// operators give NaN for silu(-inf) too); any finite x gives a value in [0, 1].
inline float sigmoid(float x)
{
    const float e = expNonPositive(-__builtin_fabsf(x));
    const float r = 1.0f / (1.0f + e);
    return x >= 0.0f ? r : e * r;
}

} // namespace

SEEKBENCH_KERNEL
void rmsNormForward(const float *x, const float *w, float eps, float *y, float *inv, int64_t begin, int64_t end,
                    int64_t D)
{
    for (int64_t r = begin; r < end; ++r) {
        const float *__restrict xr = x + r * D;
        float *__restrict yr = y + r * D;
        float acc[16] = {};
        int64_t j = 0;
        for (; j + 16 <= D; j += 16)
            for (int l = 0; l < 16; ++l)
                acc[l] += xr[j + l] * xr[j + l];
        float sum = 0.0f;
        for (float a : acc)
            sum += a;
        for (; j < D; ++j)
            sum += xr[j] * xr[j];
        const float iv = 1.0f / __builtin_sqrtf(sum / float(D) + eps);
        inv[r] = iv;
        for (int64_t k = 0; k < D; ++k)
            yr[k] = w[k] * (xr[k] * iv);
    }
}

SEEKBENCH_KERNEL
void rmsNormBackward(const float *x, const float *w, const float *inv, const float *dy, float *dx, float *dwPartial,
                     int64_t begin, int64_t end, int64_t D)
{
    for (int64_t r = begin; r < end; ++r) {
        const float *__restrict xr = x + r * D;
        const float *__restrict gr = dy + r * D;
        float *__restrict dxr = dx + r * D;
        float *__restrict dwr = dwPartial;
        const float iv = inv[r];
        float acc[16] = {};
        int64_t j = 0;
        for (; j + 16 <= D; j += 16)
            for (int l = 0; l < 16; ++l)
                acc[l] += gr[j + l] * w[j + l] * xr[j + l];
        float dot = 0.0f;
        for (float a : acc)
            dot += a;
        for (; j < D; ++j)
            dot += gr[j] * w[j] * xr[j];
        const float coef = iv * iv * iv * dot / float(D);
        for (int64_t k = 0; k < D; ++k) {
            dxr[k] = iv * (gr[k] * w[k]) - xr[k] * coef;
            dwr[k] += gr[k] * (xr[k] * iv);
        }
    }
}

SEEKBENCH_KERNEL
void addRow(float *acc, const float *row, int64_t D)
{
    for (int64_t j = 0; j < D; ++j)
        acc[j] += row[j];
}

SEEKBENCH_KERNEL
void swiGluForward(const float *__restrict g, const float *__restrict u, float *__restrict out, int64_t begin,
                   int64_t end)
{
    for (int64_t i = begin; i < end; ++i)
        out[i] = g[i] * sigmoid(g[i]) * u[i];
}

SEEKBENCH_KERNEL
void swiGluBackward(const float *__restrict g, const float *__restrict u, const float *__restrict dy,
                    float *__restrict dg, float *__restrict du, int64_t begin, int64_t end)
{
    for (int64_t i = begin; i < end; ++i) {
        const float s = sigmoid(g[i]);
        const float silu = g[i] * s;
        du[i] = dy[i] * silu;
        dg[i] = dy[i] * u[i] * (s * (1.0f + g[i] * (1.0f - s)));
    }
}

SEEKBENCH_KERNEL
void rotaryRows(const float *x, const float *cos, const float *sin, float *y, int64_t begin, int64_t end, int64_t T,
                int64_t H, int64_t D, float sign)
{
    const int64_t half = D / 2;
    for (int64_t r = begin; r < end; ++r) {
        const int64_t t = (r / H) % T;
        const float *__restrict xr = x + r * D;
        const float *__restrict c = cos + t * D;
        const float *__restrict s = sin + t * D;
        float *__restrict yr = y + r * D;
        if (sign > 0) { // y = x·c + rotate_half(x)·s, rotate_half(x) = [-x2, x1]
            for (int64_t k = 0; k < half; ++k)
                yr[k] = xr[k] * c[k] - xr[k + half] * s[k];
            for (int64_t k = half; k < D; ++k)
                yr[k] = xr[k] * c[k] + xr[k - half] * s[k];
        } else { // the transpose: dx = dy·c + [dy2·s2, -dy1·s1]
            for (int64_t k = 0; k < half; ++k)
                yr[k] = xr[k] * c[k] + xr[k + half] * s[k + half];
            for (int64_t k = half; k < D; ++k)
                yr[k] = xr[k] * c[k] - xr[k - half] * s[k - half];
        }
    }
}

SEEKBENCH_KERNEL
void maskedSoftmaxForward(const float *s, const float *keep, float *p, int64_t begin, int64_t end, int64_t Tq,
                          int64_t Tk, int64_t rowsPerBatch, bool causal)
{
    constexpr float kNegInf = -__builtin_inff();
    for (int64_t r = begin; r < end; ++r) {
        const float *__restrict sr = s + r * Tk;
        const float *__restrict kr = keep ? keep + (r / rowsPerBatch) * Tk : nullptr;
        float *__restrict pr = p + r * Tk;
        const int64_t i = r % Tq;
        const int64_t lim = causal ? (i + 1 < Tk ? i + 1 : Tk) : Tk;
        float m = kNegInf;
        if (kr) {
            for (int64_t j = 0; j < lim; ++j)
                m = __builtin_fmaxf(m, kr[j] != 0.0f ? sr[j] : kNegInf);
        } else {
            for (int64_t j = 0; j < lim; ++j)
                m = __builtin_fmaxf(m, sr[j]);
        }
        if (m == kNegInf) { // every key masked: NaN, as softmax over a row of -inf gives
            for (int64_t j = 0; j < Tk; ++j)
                pr[j] = __builtin_nanf("");
            continue;
        }
        float sum = 0.0f;
        for (int64_t j = 0; j < lim; ++j) {
            const float e = (kr && kr[j] == 0.0f) ? 0.0f : expNonPositive(sr[j] - m);
            pr[j] = e;
            sum += e;
        }
        const float inv = 1.0f / sum;
        for (int64_t j = 0; j < lim; ++j)
            pr[j] *= inv;
        for (int64_t j = lim; j < Tk; ++j)
            pr[j] = 0.0f;
    }
}

SEEKBENCH_KERNEL
void maskedSoftmaxBackward(const float *p, const float *g, const float *keep, float *ds, int64_t begin, int64_t end,
                           int64_t Tq, int64_t Tk, int64_t rowsPerBatch, bool causal)
{
    for (int64_t r = begin; r < end; ++r) {
        const float *__restrict pr = p + r * Tk;
        const float *__restrict gr = g + r * Tk;
        const float *__restrict kr = keep ? keep + (r / rowsPerBatch) * Tk : nullptr;
        float *__restrict dr = ds + r * Tk;
        const int64_t i = r % Tq;
        const int64_t lim = causal ? (i + 1 < Tk ? i + 1 : Tk) : Tk;
        float dot = 0.0f;
        for (int64_t j = 0; j < lim; ++j)
            dot += (kr && kr[j] == 0.0f) ? 0.0f : gr[j] * pr[j];
        // Masked scores get a zero gradient whatever arrives there (as masked_fill's backward).
        for (int64_t j = 0; j < lim; ++j)
            dr[j] = (kr && kr[j] == 0.0f) ? 0.0f : pr[j] * (gr[j] - dot);
        for (int64_t j = lim; j < Tk; ++j)
            dr[j] = 0.0f;
    }
}

SEEKBENCH_KERNEL
void adamW(float *__restrict p, const float *__restrict g, float *__restrict m, float *__restrict v,
           const AdamWScalars &s, int64_t begin, int64_t end)
{
    const AdamWScalars k = s; // by value: no aliasing with the arrays
    for (int64_t i = begin; i < end; ++i) {
        const float gi = g[i];
        const float mi = m[i] * k.beta1 + gi * k.oneMinusBeta1;
        const float vi = v[i] * k.beta2 + gi * gi * k.oneMinusBeta2;
        m[i] = mi;
        v[i] = vi;
        const float denom = __builtin_sqrtf(vi) / k.sqrtBc2 + k.eps;
        p[i] = p[i] * k.decay + k.negStepSize * (mi / denom);
    }
}

} // namespace seekbench::engine::kernels
