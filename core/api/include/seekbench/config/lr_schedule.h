#pragma once

#include "seekbench/config/run_config.h"

#include <cstdint>

namespace seekbench {

// The learning rate of optimizer step `step` (0-based): linear warmup over warmup_steps,
// then constant, linear or cosine decay to lr * min_lr_ratio at max_steps. Pure
// arithmetic, so the editor can draw the schedule and the trainer follows the same curve.
double learningRateAt(const TrainingConfig &training, std::int64_t step);

} // namespace seekbench
