#include "seekbench/plotmath/decimation.h"

#include <algorithm>
#include <cmath>

namespace seekbench::plotmath {

std::vector<Bucket> decimateMinMax(const std::vector<double> &xs, const std::vector<double> &ys, double xFrom,
                                   double xTo, std::size_t buckets)
{
    std::vector<Bucket> out;
    const std::size_t n = std::min(xs.size(), ys.size());
    if (n == 0 || buckets == 0 || !(xTo >= xFrom))
        return out;
    const auto begin = std::lower_bound(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(n), xFrom);
    const auto end = std::upper_bound(begin, xs.begin() + static_cast<std::ptrdiff_t>(n), xTo);
    const auto first = static_cast<std::size_t>(begin - xs.begin());
    const auto last = static_cast<std::size_t>(end - xs.begin());
    const double width = (xTo - xFrom) / static_cast<double>(buckets);
    out.reserve(std::min(buckets, last - first));
    std::size_t current = static_cast<std::size_t>(-1);
    double sumX = 0, sumY = 0;
    for (std::size_t i = first; i < last; ++i) {
        const double y = ys[i];
        if (!std::isfinite(y))
            continue;
        std::size_t column = width > 0 ? static_cast<std::size_t>((xs[i] - xFrom) / width) : 0;
        column = std::min(column, buckets - 1);
        if (column != current || out.empty()) {
            if (!out.empty()) {
                out.back().x = sumX / static_cast<double>(out.back().count);
                out.back().mean = sumY / static_cast<double>(out.back().count);
            }
            out.push_back(Bucket{xs[i], y, y, y, 0});
            current = column;
            sumX = sumY = 0;
        }
        Bucket &b = out.back();
        b.min = std::min(b.min, y);
        b.max = std::max(b.max, y);
        sumX += xs[i];
        sumY += y;
        ++b.count;
    }
    if (!out.empty()) {
        out.back().x = sumX / static_cast<double>(out.back().count);
        out.back().mean = sumY / static_cast<double>(out.back().count);
    }
    return out;
}

} // namespace seekbench::plotmath
