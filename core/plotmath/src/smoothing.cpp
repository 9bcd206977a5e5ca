#include "seekbench/plotmath/smoothing.h"

#include <algorithm>
#include <cmath>

namespace seekbench::plotmath {

std::vector<double> debiasedEma(const std::vector<double> &values, double weight)
{
    weight = std::clamp(weight, 0.0, 0.999);
    std::vector<double> out;
    out.reserve(values.size());
    double last = 0;
    int finiteSeen = 0;
    for (double v : values) {
        if (!std::isfinite(v)) {
            out.push_back(v);
            continue;
        }
        last = last * weight + (1.0 - weight) * v;
        ++finiteSeen;
        const double debias = weight == 0 ? 1.0 : 1.0 - std::pow(weight, finiteSeen);
        out.push_back(last / debias);
    }
    return out;
}

double bucketWeight(double weight, double pointsPerBucket)
{
    weight = std::clamp(weight, 0.0, 0.999);
    if (pointsPerBucket <= 1)
        return weight;
    return std::min(0.999, std::pow(weight, pointsPerBucket));
}

} // namespace seekbench::plotmath
