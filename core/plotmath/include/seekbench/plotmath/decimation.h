#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace seekbench::plotmath {

// One pixel column of a decimated curve: the envelope (min/max) keeps every spike that
// plain sampling would drop, the mean is what smoothing works on.
struct Bucket
{
    double x = 0; // the mean x of the points in the bucket
    double min = 0;
    double max = 0;
    double mean = 0;
    std::int64_t count = 0;
};

// Splits [xFrom, xTo] into `buckets` equal columns and reduces the points (xs sorted
// ascending, ys the same length) in each to a Bucket. Non-finite ys are skipped; empty
// columns are left out. With fewer points than columns every point is its own bucket.
std::vector<Bucket> decimateMinMax(const std::vector<double> &xs, const std::vector<double> &ys, double xFrom,
                                   double xTo, std::size_t buckets);

} // namespace seekbench::plotmath
