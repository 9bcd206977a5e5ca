#pragma once

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <cstdint>
#include <vector>

namespace seekbench::tuning {

// Whether `trial`, reporting `value` at `step`, should stop now. history holds the other
// trials (trial itself may be among them; it is skipped by number). Median follows
// Optuna's MedianPruner; Asha promotes the top 1/reductionFactor at each rung.
bool shouldPrune(const PrunerSettings &settings, Direction direction, const Trial &trial, std::int64_t step,
                 double value, const std::vector<Trial> &history);

} // namespace seekbench::tuning
