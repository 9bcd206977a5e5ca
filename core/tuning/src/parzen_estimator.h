#pragma once

#include "seekbench/tuning/search_space.h"

#include <random>
#include <vector>

namespace seekbench::tuning::detail {

// One dimension of a Parzen estimator, in the param's internal coordinate (see
// param_values.h): log for log scales, the choice index for choices.
struct ParzenDimension
{
    bool categorical = false;
    int choices = 0;     // categorical
    double low = 0;      // numeric bounds as Optuna's _calculate_parzen_bounds: widened by
    double high = 0;     // half a step for ints, log(low - 0.5)..log(high + 0.5) for log ints
    double step = 0;     // > 0: discrete (a non-log int); values are low + step/2 + k * step
    bool logInt = false; // a log-scaled int: samples are rounded to integers before they are scored, as Optuna does
    static ParzenDimension of(const ParamSpec &spec);
};

// A weighted mixture of kernels, one per observation plus the prior, as Optuna 3.1's
// _ParzenEstimator: weights from the 25-trial ramp (oldest observations weigh less) and
// prior weight 1; per dimension a truncated normal (numeric) or a categorical kernel with
// prior smoothing. Univariate (one dimension) bandwidths follow Optuna's neighbour rule
// with consider_endpoints=False and the magic clip; multivariate ones Scott's rule
// (0.2 * n^(-1/(d+4)) of the range), a kernel being a product over dimensions.
// Densities equal Optuna's to 1e-9 (test_tuning_parzen), except that Optuna 3.1.0's
// truncated normal density lacks its -log(sigma) term (fixed in later releases): ours has it.
class ParzenEstimator
{
public:
    // observations[i * dims + d]: dimension d of observation i, ordered oldest first.
    ParzenEstimator(std::vector<ParzenDimension> dims, const std::vector<double> &observations, bool multivariate);

    std::vector<std::vector<double>> sample(std::mt19937_64 &rng, int count) const; // [sample][dim]
    // log density of each sample, up to a constant that l and g share (no log-scale Jacobian).
    std::vector<double> logPdf(const std::vector<std::vector<double>> &samples) const;

private:
    void mergeEqualKernels();
    void windowContinuousKernels();
    double logPdfWindowed(double x) const;

    struct Numeric
    {
        std::vector<double> mu, sigma, logNorm; // per kernel; logNorm: -log(sigma * sqrt(2 pi) * mass)
        std::vector<double> inverseSigma;
        // Discrete dimensions: kernels grouped by (mu, sigma), so the normal CDF is evaluated once
        // per distinct kernel and candidate (ints repeat values; at 5,000 trials this matters).
        std::vector<std::size_t> uniqueOf;
        std::vector<double> uniqueMu, uniqueSigma, uniqueLogMass;
    };
    struct Categorical
    {
        std::vector<int> observed; // per kernel; -1 for the prior
        double logHit = 0, logMiss = 0, logPrior = 0;
    };

    std::vector<ParzenDimension> m_dims;
    std::vector<double> m_logWeights, m_cumulative;
    std::vector<double> m_kernelConstant;   // log weight + the continuous dimensions' logNorm, per kernel
    std::vector<Numeric> m_numeric;         // per dimension (empty when categorical)
    std::vector<Categorical> m_categorical; // per dimension
    std::size_t m_kernels = 0;
    // One continuous dimension: kernels sorted by mean; the narrow ones are evaluated only
    // within 9 of their bandwidths of x (beyond, a kernel adds under e^-40 of its peak),
    // the wide ones (the prior, sparse edges) always.
    bool m_sorted = false; // one numeric dimension, observations in order of value
    bool m_windowed = false;
    double m_halfWindow = 0;
    std::vector<std::size_t> m_wide;
    std::vector<char> m_isWide;
};

} // namespace seekbench::tuning::detail
