#pragma once

// The standard normal pieces the Parzen estimators need, accurate in the tails (kernels
// near a bound of the search space are truncated far out in one tail).

#include <random>

namespace seekbench::tuning::detail {

// P(a < Z < b) for a standard normal Z.
double normalMass(double a, double b);
// The standard normal quantile (inverse CDF).
double normalQuantile(double p);
// A standard normal truncated to [a, b].
double truncatedNormal(std::mt19937_64 &rng, double a, double b);

} // namespace seekbench::tuning::detail
