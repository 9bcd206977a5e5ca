#include "seekbench/plotmath/graph_layout.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace seekbench::plotmath {

std::vector<LayoutPoint> forceLayout(int nodeCount, const std::vector<std::pair<int, int>> &edges,
                                     const LayoutOptions &o)
{
    const std::size_t n = nodeCount > 0 ? static_cast<std::size_t>(nodeCount) : 0;
    std::vector<LayoutPoint> p(n);
    if (n <= 1)
        return p;
    // Start on a jittered circle: deterministic for a seed, no two nodes on one spot.
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> jitter(-0.05, 0.05);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = 2 * M_PI * double(i) / double(n);
        p[i] = {0.5 + 0.35 * std::cos(a) + jitter(rng), 0.5 + 0.35 * std::sin(a) + jitter(rng)};
    }
    if (o.pinFirst)
        p[0] = {0.5, 0.5};
    const double k = std::sqrt(1.0 / double(n)); // ideal edge length in the unit square
    std::vector<double> dx(n, 0.0), dy(n, 0.0);
    double temperature = 0.1;
    const double cooling = temperature / std::max(1, o.iterations);
    for (int it = 0; it < o.iterations; ++it) {
        if (o.cancel && o.cancel->load(std::memory_order_relaxed))
            break;
        std::fill(dx.begin(), dx.end(), 0.0);
        std::fill(dy.begin(), dy.end(), 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                const double ddx = p[i].x - p[j].x, ddy = p[i].y - p[j].y;
                const double d2 = std::max(ddx * ddx + ddy * ddy, 1e-8);
                const double f = k * k / d2; // repulsion k^2/d along the unit vector
                dx[i] += ddx * f;
                dy[i] += ddy * f;
                dx[j] -= ddx * f;
                dy[j] -= ddy * f;
            }
        for (const auto &[ia, ib] : edges) {
            if (ia == ib || ia < 0 || ib < 0 || ia >= nodeCount || ib >= nodeCount)
                continue;
            const std::size_t a = std::size_t(ia), b = std::size_t(ib);
            const double ddx = p[a].x - p[b].x, ddy = p[a].y - p[b].y;
            const double f = (std::sqrt(ddx * ddx + ddy * ddy) + 1e-9) / k; // attraction d^2/k along the unit vector
            dx[a] -= ddx * f;
            dy[a] -= ddy * f;
            dx[b] += ddx * f;
            dy[b] += ddy * f;
        }
        for (std::size_t i = o.pinFirst ? 1 : 0; i < n; ++i) {
            const double len = std::sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
            if (len <= 0)
                continue;
            const double step = std::min(len, temperature);
            p[i].x = std::clamp(p[i].x + dx[i] / len * step, 0.0, 1.0);
            p[i].y = std::clamp(p[i].y + dy[i] / len * step, 0.0, 1.0);
        }
        temperature = std::max(0.002, temperature - cooling);
    }
    return p;
}

} // namespace seekbench::plotmath
