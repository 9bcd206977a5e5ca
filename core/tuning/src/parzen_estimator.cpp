#include "parzen_estimator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace seekbench::tuning::detail {
namespace {

constexpr double kEps = 1e-12;
constexpr double kPriorWeight = 1.0;
constexpr double kSigma0Magnitude = 0.2;
const double kSqrt2 = std::sqrt(2.0);
const double kLogSqrt2Pi = 0.5 * std::log(2.0 * M_PI);

// P(a < Z < b) for a standard normal Z, accurate in both tails.
double normalMass(double a, double b)
{
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

// Optuna's default_weights: flat for the newest 25, a linear ramp below them.
std::vector<double> rampWeights(std::size_t n)
{
    std::vector<double> w(n, 1.0);
    if (n >= 25) {
        const std::size_t ramp = n - 25;
        for (std::size_t i = 0; i < ramp; ++i) // numpy.linspace(1/n, 1, ramp)
            w[i] = ramp == 1 ? 1.0 / n
                             : 1.0 / n + (1.0 - 1.0 / n) * static_cast<double>(i) / static_cast<double>(ramp - 1);
    }
    return w;
}

} // namespace

ParzenDimension ParzenDimension::of(const ParamSpec &spec)
{
    ParzenDimension d;
    switch (spec.kind) {
    case ParamKind::Choice:
        d.categorical = true;
        d.choices = static_cast<int>(spec.choices.size());
        break;
    case ParamKind::Uniform: d.low = spec.low, d.high = spec.high; break;
    case ParamKind::LogUniform: d.low = std::log(spec.low), d.high = std::log(spec.high); break;
    case ParamKind::Int:
        if (spec.log) {
            d.low = std::log(spec.low - 0.5), d.high = std::log(spec.high + 0.5);
        } else {
            d.step = spec.step;
            d.low = spec.low - 0.5 * spec.step, d.high = spec.high + 0.5 * spec.step;
        }
        break;
    }
    return d;
}

ParzenEstimator::ParzenEstimator(std::vector<ParzenDimension> dims,
                                 const std::vector<std::vector<double>> &observations, bool multivariate)
    : m_dims(std::move(dims)), m_numeric(m_dims.size()), m_categorical(m_dims.size())
{
    const std::size_t n = observations.size();
    m_kernels = n + 1; // the prior is always considered: Optuna's consider_prior=True
    std::vector<double> w = rampWeights(n);
    w.push_back(kPriorWeight);
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    double running = 0;
    for (double v : w) {
        m_logWeights.push_back(std::log(v / total));
        m_cumulative.push_back(running += v / total);
    }

    const double sigma0 = kSigma0Magnitude * std::pow(std::max<double>(n, 1), -1.0 / (m_dims.size() + 4));
    for (std::size_t d = 0; d < m_dims.size(); ++d) {
        const ParzenDimension &dim = m_dims[d];
        if (dim.categorical) {
            auto &c = m_categorical[d];
            const double v = kPriorWeight / static_cast<double>(n + 1);
            const double rowSum = 1.0 + v * dim.choices;
            c.logHit = std::log((1.0 + v) / rowSum);
            c.logMiss = std::log(v / rowSum);
            c.logPrior = -std::log(static_cast<double>(dim.choices));
            for (const auto &o : observations)
                c.observed.push_back(static_cast<int>(o[d]));
            c.observed.push_back(-1);
            continue;
        }
        auto &k = m_numeric[d];
        const double range = dim.high - dim.low;
        for (const auto &o : observations)
            k.mu.push_back(o[d]);
        k.mu.push_back(0.5 * (dim.low + dim.high));
        k.sigma.assign(m_kernels, sigma0 * range);
        if (!multivariate) {
            // Distance to the farther neighbour among the sorted means and the bounds; the
            // outermost ones use their inner neighbour only (consider_endpoints=False).
            std::vector<std::size_t> order(m_kernels);
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return k.mu[a] < k.mu[b]; });
            std::vector<double> s(m_kernels + 2);
            s[0] = dim.low;
            for (std::size_t i = 0; i < m_kernels; ++i)
                s[i + 1] = k.mu[order[i]];
            s[m_kernels + 1] = dim.high;
            std::vector<double> sorted(m_kernels);
            for (std::size_t i = 0; i < m_kernels; ++i)
                sorted[i] = std::max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
            if (s.size() >= 4) {
                sorted[0] = s[2] - s[1];
                sorted[m_kernels - 1] = s[m_kernels] - s[m_kernels - 1];
            }
            for (std::size_t i = 0; i < m_kernels; ++i)
                k.sigma[order[i]] = sorted[i];
        }
        // Optuna's magic clip, then the prior's own bandwidth.
        const double minSigma = range / std::min(100.0, 1.0 + static_cast<double>(m_kernels));
        for (double &sigma : k.sigma)
            sigma = std::clamp(sigma, minSigma, range);
        k.sigma[n] = range;
        std::map<std::pair<double, double>, std::size_t> unique;
        for (std::size_t i = 0; i < m_kernels; ++i) {
            const double mass = normalMass((dim.low - k.mu[i]) / k.sigma[i], (dim.high - k.mu[i]) / k.sigma[i]);
            k.logNorm.push_back(-std::log(k.sigma[i]) - kLogSqrt2Pi - std::log(mass + kEps));
            if (dim.step > 0) {
                const auto [it, added] = unique.emplace(std::make_pair(k.mu[i], k.sigma[i]), k.uniqueMu.size());
                if (added) {
                    k.uniqueMu.push_back(k.mu[i]);
                    k.uniqueSigma.push_back(k.sigma[i]);
                    k.uniqueLogMass.push_back(std::log(mass + kEps));
                }
                k.uniqueOf.push_back(it->second);
            }
        }
    }
}

std::vector<std::vector<double>> ParzenEstimator::sample(std::mt19937_64 &rng, int count) const
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<std::vector<double>> out(static_cast<std::size_t>(std::max(count, 0)),
                                         std::vector<double>(m_dims.size()));
    for (auto &x : out) {
        // One kernel for all dimensions: the joint (multivariate) kernel.
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), unit(rng) * m_cumulative.back());
        const auto k = std::min<std::size_t>(it - m_cumulative.begin(), m_kernels - 1);
        for (std::size_t d = 0; d < m_dims.size(); ++d) {
            const ParzenDimension &dim = m_dims[d];
            if (dim.categorical) {
                const int observed = m_categorical[d].observed[k];
                if (observed < 0) {
                    x[d] = std::uniform_int_distribution<int>(0, dim.choices - 1)(rng);
                    continue;
                }
                // Categorical kernel: the observed choice with probability exp(logHit), else uniform over the rest.
                const double u = unit(rng);
                const double hit = std::exp(m_categorical[d].logHit);
                if (u < hit || dim.choices == 1) {
                    x[d] = observed;
                } else {
                    int other = std::uniform_int_distribution<int>(0, dim.choices - 2)(rng);
                    x[d] = other >= observed ? other + 1 : other;
                }
                continue;
            }
            const auto &num = m_numeric[d];
            const double mu = num.mu[k], sigma = num.sigma[k];
            double v = mu + sigma * truncatedNormal(rng, (dim.low - mu) / sigma, (dim.high - mu) / sigma);
            if (dim.step > 0) {
                const double first = dim.low + 0.5 * dim.step, last = dim.high - 0.5 * dim.step;
                v = std::clamp(first + std::round((v - first) / dim.step) * dim.step, first, last);
            }
            x[d] = v;
        }
    }
    return out;
}

std::vector<double> ParzenEstimator::logPdf(const std::vector<std::vector<double>> &samples) const
{
    std::vector<double> out;
    out.reserve(samples.size());
    std::vector<double> acc(m_kernels), uniqueLog;
    for (const auto &x : samples) {
        std::copy(m_logWeights.begin(), m_logWeights.end(), acc.begin());
        for (std::size_t d = 0; d < m_dims.size(); ++d) {
            const ParzenDimension &dim = m_dims[d];
            if (dim.categorical) {
                const auto &c = m_categorical[d];
                const int xi = static_cast<int>(x[d]);
                for (std::size_t k = 0; k < m_kernels; ++k)
                    acc[k] += c.observed[k] < 0 ? c.logPrior : (c.observed[k] == xi ? c.logHit : c.logMiss);
                continue;
            }
            const auto &num = m_numeric[d];
            if (dim.step > 0) {
                // Probability of the step's cell, normalised by the kernel's mass in the bounds.
                const double lo = std::max(x[d] - 0.5 * dim.step, dim.low),
                             hi = std::min(x[d] + 0.5 * dim.step, dim.high);
                uniqueLog.resize(num.uniqueMu.size());
                for (std::size_t u = 0; u < uniqueLog.size(); ++u) {
                    const double mu = num.uniqueMu[u], sigma = num.uniqueSigma[u];
                    uniqueLog[u] = std::log(normalMass((lo - mu) / sigma, (hi - mu) / sigma) + kEps)
                                   - num.uniqueLogMass[u];
                }
                for (std::size_t k = 0; k < m_kernels; ++k)
                    acc[k] += uniqueLog[num.uniqueOf[k]];
                continue;
            }
            for (std::size_t k = 0; k < m_kernels; ++k) {
                const double z = (x[d] - num.mu[k]) / num.sigma[k];
                acc[k] += num.logNorm[k] - 0.5 * z * z;
            }
        }
        const double top = *std::max_element(acc.begin(), acc.end());
        double sum = 0;
        for (double a : acc)
            sum += std::exp(a - top);
        out.push_back(top + std::log(sum));
    }
    return out;
}

} // namespace seekbench::tuning::detail
