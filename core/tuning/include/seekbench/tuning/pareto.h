#pragma once

#include "seekbench/tuning/search_space.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace seekbench::tuning {

// Indices of the non-dominated points of (objective, cost), in input order. The objective
// goes in `direction`; cost is minimised. Equal points are all kept.
std::vector<std::size_t> paretoFront(const std::vector<std::pair<double, double>> &objectiveAndCost,
                                     Direction direction);

} // namespace seekbench::tuning
