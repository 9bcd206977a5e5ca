#include "parzen_estimator.h"

#include "normal_distribution.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <tuple>

namespace seekbench::tuning::detail {
namespace {

constexpr double kEps = 1e-12;
constexpr double kPriorWeight = 1.0;
constexpr double kSigma0Magnitude = 0.2;
const double kLogSqrt2Pi = 0.5 * std::log(2.0 * M_PI);

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

// Sorts (value, weight) pairs by value, stably: an LSD radix sort over the values' bits
// (8 passes of 8 bits, skipping passes where every key has the same byte), several times
// faster than a comparison sort at thousands of observations, which every 1-D estimator
// of a long sweep sorts on every suggest.
template<typename Second>
void sortByValue(std::vector<std::pair<double, Second>> &items)
{
    if (items.size() < 256) {
        std::stable_sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        return;
    }
    // Order-preserving map of a double's bits to an unsigned key (negatives reversed).
    const auto keyOf = [](double v) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &v, sizeof bits);
        return (bits & 0x8000000000000000ULL) ? ~bits : bits | 0x8000000000000000ULL;
    };
    const std::size_t n = items.size();
    std::vector<std::uint64_t> keys(n), keysOut(n);
    std::vector<std::pair<double, Second>> out(n);
    for (std::size_t i = 0; i < n; ++i)
        keys[i] = keyOf(items[i].first);
    for (int shift = 0; shift < 64; shift += 8) {
        std::size_t count[257] = {};
        for (std::uint64_t k : keys)
            ++count[((k >> shift) & 0xff) + 1];
        if (std::any_of(count + 1, count + 257, [n](std::size_t c) { return c == n; }))
            continue; // every key has this byte: the pass would not move anything
        for (int b = 0; b < 256; ++b)
            count[b + 1] += count[b];
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t to = count[(keys[i] >> shift) & 0xff]++;
            keysOut[to] = keys[i];
            out[to] = items[i];
        }
        keys.swap(keysOut);
        items.swap(out);
    }
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
            d.logInt = true;
            d.low = std::log(spec.low - 0.5), d.high = std::log(spec.high + 0.5);
        } else {
            d.step = spec.step;
            d.low = spec.low - 0.5 * spec.step, d.high = spec.high + 0.5 * spec.step;
        }
        break;
    }
    return d;
}

ParzenEstimator::ParzenEstimator(std::vector<ParzenDimension> dims, const std::vector<double> &input, bool multivariate)
    : m_dims(std::move(dims)), m_numeric(m_dims.size()), m_categorical(m_dims.size())
{
    const std::size_t stride = m_dims.size();
    const std::size_t n = stride ? input.size() / stride : 0;
    m_kernels = n + 1; // the prior is always considered: Optuna's consider_prior=True
    std::vector<double> w = rampWeights(n);
    // One numeric dimension: kernels in order of their means, each with its own weight (the
    // same mixture), so the bandwidths' sort is cheap and logPdf can look near x only.
    std::vector<double> observations = input;
    if (stride == 1 && !m_dims[0].categorical && n > 1) {
        std::vector<std::pair<double, double>> byValue(n);
        for (std::size_t i = 0; i < n; ++i)
            byValue[i] = {input[i], w[i]};
        sortByValue(byValue);
        for (std::size_t i = 0; i < n; ++i)
            std::tie(observations[i], w[i]) = byValue[i];
        m_sorted = true;
    }
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
            for (std::size_t i = 0; i < n; ++i)
                c.observed.push_back(static_cast<int>(observations[i * stride + d]));
            c.observed.push_back(-1);
            continue;
        }
        auto &k = m_numeric[d];
        const double range = dim.high - dim.low;
        for (std::size_t i = 0; i < n; ++i)
            k.mu.push_back(observations[i * stride + d]);
        k.mu.push_back(0.5 * (dim.low + dim.high));
        k.sigma.assign(m_kernels, sigma0 * range);
        if (!multivariate) {
            // Distance to the farther neighbour among the sorted means and the bounds; the
            // outermost ones use their inner neighbour only (consider_endpoints=False).
            std::vector<std::pair<double, std::size_t>> byMu(m_kernels);
            for (std::size_t i = 0; i < m_kernels; ++i)
                byMu[i] = {k.mu[i], i};
            if (m_sorted) // only the prior, last, is out of place
                std::inplace_merge(byMu.begin(), byMu.begin() + static_cast<std::ptrdiff_t>(n), byMu.end());
            else
                std::sort(byMu.begin(), byMu.end());
            std::vector<double> s(m_kernels + 2);
            s[0] = dim.low;
            for (std::size_t i = 0; i < m_kernels; ++i)
                s[i + 1] = byMu[i].first;
            s[m_kernels + 1] = dim.high;
            std::vector<double> sorted(m_kernels);
            for (std::size_t i = 0; i < m_kernels; ++i)
                sorted[i] = std::max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
            if (s.size() >= 4) {
                sorted[0] = s[2] - s[1];
                sorted[m_kernels - 1] = s[m_kernels] - s[m_kernels - 1];
            }
            for (std::size_t i = 0; i < m_kernels; ++i)
                k.sigma[byMu[i].second] = sorted[i];
        }
        // Optuna's magic clip, then the prior's own bandwidth.
        const double minSigma = range / std::min(100.0, 1.0 + static_cast<double>(m_kernels));
        for (double &sigma : k.sigma)
            sigma = std::clamp(sigma, minSigma, range);
        k.sigma[n] = range;
        std::vector<double> logMass(m_kernels, 0.0);
        // Bandwidths repeat (all equal but the prior's in the multivariate case, the clip's
        // floor for most in the univariate one): one log per run of equal bandwidths.
        double lastSigma = NAN, logSigma = 0;
        for (std::size_t i = 0; i < m_kernels; ++i) {
            if (k.sigma[i] != lastSigma)
                logSigma = std::log(lastSigma = k.sigma[i]);
            const double a = (dim.low - k.mu[i]) / k.sigma[i], b = (dim.high - k.mu[i]) / k.sigma[i];
            // Past 8.5 sigmas from both bounds the mass is 1 to double precision; skip the erfc.
            if (a > -8.5 || b < 8.5)
                logMass[i] = std::log(normalMass(a, b) + kEps);
            k.logNorm.push_back(-logSigma - kLogSqrt2Pi - logMass[i]);
            k.inverseSigma.push_back(1.0 / k.sigma[i]);
        }
        if (dim.step > 0) {
            // Kernels in order of mean (already so for one dimension, the prior aside); within
            // a run of equal means only a few bandwidths occur, so a short scan finds the entry.
            std::vector<std::pair<double, std::size_t>> order(m_kernels);
            for (std::size_t i = 0; i < m_kernels; ++i)
                order[i] = {k.mu[i], i};
            if (!m_sorted)
                sortByValue(order);
            k.uniqueOf.resize(m_kernels);
            std::size_t runStart = 0;
            for (std::size_t j = 0; j < m_kernels; ++j) {
                const std::size_t i = order[j].second;
                if (j == 0 || order[j].first != order[j - 1].first)
                    runStart = k.uniqueMu.size();
                std::size_t u = runStart;
                while (u < k.uniqueMu.size() && (k.uniqueMu[u] != k.mu[i] || k.uniqueSigma[u] != k.sigma[i]))
                    ++u;
                if (u == k.uniqueMu.size()) {
                    k.uniqueMu.push_back(k.mu[i]);
                    k.uniqueSigma.push_back(k.sigma[i]);
                    k.uniqueLogMass.push_back(logMass[i]);
                }
                k.uniqueOf[i] = u;
            }
        }
    }
    if (m_dims.size() == 1)
        mergeEqualKernels();
    // Per kernel, the terms that do not depend on x: its weight and the continuous
    // dimensions' normalisers.
    m_kernelConstant = m_logWeights;
    for (std::size_t d = 0; d < m_dims.size(); ++d)
        if (!m_dims[d].categorical && m_dims[d].step <= 0)
            for (std::size_t k = 0; k < m_kernels; ++k)
                m_kernelConstant[k] += m_numeric[d].logNorm[k];
}

void ParzenEstimator::mergeEqualKernels()
{
    // In one dimension, kernels with equal parameters (the same choice; the same int value
    // and bandwidth) are one kernel with their summed weight: the same mixture, and at
    // 5,000 trials a handful of kernels to evaluate instead of thousands. Continuous
    // dimensions seldom repeat a value and are left as they are.
    const bool categorical = m_dims[0].categorical;
    if (!categorical && m_dims[0].step <= 0) {
        windowContinuousKernels();
        return;
    }
    auto &num = m_numeric[0];
    auto &cat = m_categorical[0];
    // Group ids: the choice (the prior last) or the distinct (mu, sigma) of the kernel.
    const std::size_t groups = categorical ? static_cast<std::size_t>(m_dims[0].choices) + 1 : num.uniqueMu.size();
    auto groupOf = [&](std::size_t k) {
        return categorical ? (cat.observed[k] < 0 ? groups - 1 : static_cast<std::size_t>(cat.observed[k]))
                           : num.uniqueOf[k];
    };
    std::vector<double> weight(groups, 0.0);
    std::vector<std::size_t> first(groups, m_kernels);
    for (std::size_t k = 0; k < m_kernels; ++k) {
        const std::size_t g = groupOf(k);
        weight[g] += std::exp(m_logWeights[k]);
        first[g] = std::min(first[g], k);
    }
    std::vector<std::size_t> keep;
    std::vector<double> keptWeight;
    for (std::size_t g = 0; g < groups; ++g)
        if (first[g] < m_kernels) {
            keep.push_back(first[g]);
            keptWeight.push_back(weight[g]);
        }
    auto pick = [&](auto &values) {
        if (values.empty())
            return;
        std::remove_reference_t<decltype(values)> out;
        for (std::size_t k : keep)
            out.push_back(values[k]);
        values = std::move(out);
    };
    pick(num.mu), pick(num.sigma), pick(num.logNorm), pick(num.inverseSigma), pick(num.uniqueOf), pick(cat.observed);
    m_kernels = keep.size();
    m_logWeights.clear();
    m_cumulative.clear();
    double running = 0;
    for (double w : keptWeight) {
        m_logWeights.push_back(std::log(w));
        m_cumulative.push_back(running += w);
    }
}

void ParzenEstimator::windowContinuousKernels()
{
    // Kernels [0, n) are sorted by mean (see the constructor); the prior, last, is wide.
    const auto &num = m_numeric[0];
    if (!m_sorted || m_kernels < 64)
        return;
    const std::size_t n = m_kernels - 1;
    // Narrow: up to twice the smallest bandwidth (the magic clip's floor, once trials are many).
    const double threshold = 2
                             * *std::min_element(num.sigma.begin(), num.sigma.begin() + static_cast<std::ptrdiff_t>(n));
    m_isWide.assign(m_kernels, 1);
    m_wide.clear();
    double narrowest = 0;
    for (std::size_t i = 0; i < m_kernels; ++i) {
        if (i < n && num.sigma[i] <= threshold) {
            m_isWide[i] = 0;
            narrowest = std::max(narrowest, num.sigma[i]);
        } else {
            m_wide.push_back(i);
        }
    }
    m_halfWindow = 9 * narrowest;
    m_windowed = m_wide.size() * 4 < m_kernels;
}

double ParzenEstimator::logPdfWindowed(double x) const
{
    const auto &num = m_numeric[0];
    thread_local std::vector<double> terms;
    terms.clear();
    auto term = [&](std::size_t k) {
        const double z = (x - num.mu[k]) * num.inverseSigma[k];
        terms.push_back(m_logWeights[k] + num.logNorm[k] - 0.5 * z * z);
    };
    for (std::size_t k : m_wide)
        term(k);
    const auto end = num.mu.end() - 1; // the prior is not in order
    const auto from = std::lower_bound(num.mu.begin(), end, x - m_halfWindow) - num.mu.begin();
    const auto to = std::upper_bound(num.mu.begin(), end, x + m_halfWindow) - num.mu.begin();
    for (auto k = static_cast<std::size_t>(from); k < static_cast<std::size_t>(to); ++k)
        if (!m_isWide[k])
            term(k);
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0;
    for (double t : terms)
        if (t > top - 40)
            sum += std::exp(t - top);
    return top + std::log(sum);
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
            } else if (dim.logInt) {
                // The integer the candidate stands for, back in log space (low and high are
                // log(low - 0.5) and log(high + 0.5)).
                v = std::log(std::clamp(std::round(std::exp(v)), std::exp(dim.low) + 0.5, std::exp(dim.high) - 0.5));
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
    std::vector<double> acc(m_kernels), uniqueLog, choiceTerm;
    for (const auto &x : samples) {
        if (m_windowed) {
            out.push_back(logPdfWindowed(x[0]));
            continue;
        }
        std::copy(m_kernelConstant.begin(), m_kernelConstant.end(), acc.begin());
        for (std::size_t d = 0; d < m_dims.size(); ++d) {
            const ParzenDimension &dim = m_dims[d];
            if (dim.categorical) {
                // The kernel's term by its observed choice (-1, the prior, first): no branch per kernel.
                const auto &c = m_categorical[d];
                const int xi = static_cast<int>(x[d]);
                choiceTerm.assign(static_cast<std::size_t>(dim.choices) + 1, c.logMiss);
                choiceTerm[0] = c.logPrior;
                if (xi >= 0 && xi < dim.choices)
                    choiceTerm[static_cast<std::size_t>(xi) + 1] = c.logHit;
                for (std::size_t k = 0; k < m_kernels; ++k)
                    acc[k] += choiceTerm[static_cast<std::size_t>(c.observed[k] + 1)];
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
            // logNorm is in m_kernelConstant.
            const double xd = x[d];
            for (std::size_t k = 0; k < m_kernels; ++k) {
                const double z = (xd - num.mu[k]) * num.inverseSigma[k];
                acc[k] -= 0.5 * z * z;
            }
        }
        const double top = *std::max_element(acc.begin(), acc.end());
        // Kernels 40 nats below the largest add under 1e-17 of it: skip their exp.
        double sum = 0;
        for (double a : acc)
            if (a > top - 40)
                sum += std::exp(a - top);
        out.push_back(top + std::log(sum));
    }
    return out;
}

} // namespace seekbench::tuning::detail
