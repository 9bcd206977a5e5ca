#pragma once

#include <vector>

namespace seekbench::plotmath {

// TensorBoard's debiased exponential moving average (its scalar dashboard's
// "smoothing"): last = last * w + (1 - w) * v; smoothed = last / (1 - w^n), where n counts
// the finite values so far. Non-finite values pass through unchanged and do not move the
// average. weight is clamped to [0, 0.999]; 0 returns the input.
std::vector<double> debiasedEma(const std::vector<double> &values, double weight);

// The weight to use on bucket means so that a curve decimated to buckets of
// `pointsPerBucket` raw points smooths like the raw curve with `weight`: w^pointsPerBucket.
double bucketWeight(double weight, double pointsPerBucket);

} // namespace seekbench::plotmath
