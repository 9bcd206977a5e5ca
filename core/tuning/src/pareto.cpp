#include "seekbench/tuning/pareto.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace seekbench::tuning {

std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>> &objectiveAndCost, Direction direction)
{
    // Sort by objective (best first), then cost; a point is on the front when its cost is
    // below every cost seen before it. O(n log n); NaN points are never on the front.
    const double sign = direction == Direction::Maximize ? -1.0 : 1.0;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < objectiveAndCost.size(); ++i)
        if (!std::isnan(objectiveAndCost[i].first) && !std::isnan(objectiveAndCost[i].second))
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double oa = sign * objectiveAndCost[a].first, ob = sign * objectiveAndCost[b].first;
        return oa != ob ? oa < ob : objectiveAndCost[a].second < objectiveAndCost[b].second;
    });
    std::vector<std::size_t> front;
    double bestCost = INFINITY;
    std::pair<double, double> last{NAN, NAN};
    for (std::size_t i : order) {
        const auto &point = objectiveAndCost[i];
        // Equal points do not dominate each other: keep a repeat of the last front point.
        if (point.second < bestCost || (point == last)) {
            front.push_back(i);
            bestCost = point.second;
            last = point;
        }
    }
    std::sort(front.begin(), front.end());
    return front;
}

} // namespace seekbench::tuning
