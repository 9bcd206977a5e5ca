#include "normal_distribution.h"

#include <algorithm>
#include <cmath>

namespace seekbench::tuning::detail {
namespace {

const double kSqrt2 = std::sqrt(2.0);

} // namespace

// P(a < Z < b) for a standard normal Z, accurate in both tails.
double normalMass(double a, double b)
{
    // One bound far out: one erfc instead of two (most kernels sit away from one bound).
    if (a < -8.5)
        return 0.5 * std::erfc(-b / kSqrt2);
    if (b > 8.5)
        return 0.5 * std::erfc(a / kSqrt2);
    if (a > 0)
        return 0.5 * (std::erfc(a / kSqrt2) - std::erfc(b / kSqrt2));
    return 0.5 * (std::erfc(-b / kSqrt2) - std::erfc(-a / kSqrt2));
}

// Acklam's rational approximation of the normal quantile, with one Halley step.
double normalQuantile(double p)
{
    if (p <= 0)
        return -INFINITY;
    if (p >= 1)
        return INFINITY;
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                               1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    double x;
    if (p < 0.02425 || p > 1 - 0.02425) {
        const double q = std::sqrt(-2 * std::log(p < 0.5 ? p : 1 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        if (p > 0.5)
            x = -x;
    } else {
        const double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    const double e = 0.5 * std::erfc(-x / kSqrt2) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

// A standard normal truncated to [a, b], by inversion on the lower tail where the CDF is exact.
double truncatedNormal(std::mt19937_64 &rng, double a, double b)
{
    if (a > 0)
        return -truncatedNormal(rng, -b, -a);
    const double pa = 0.5 * std::erfc(-a / kSqrt2), pb = 0.5 * std::erfc(-b / kSqrt2);
    const double u = pa + std::uniform_real_distribution<double>(0.0, 1.0)(rng) * (pb - pa);
    return std::clamp(normalQuantile(u), a, b);
}

} // namespace seekbench::tuning::detail
