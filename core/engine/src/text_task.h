#pragma once

// The text task: the DeepSeek-style transformer on the synthetic text dataset, with the
// head the config chooses (sequence or token classification, regression, causal LM).

#include "training_task.h"

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makeTextTask(const RunConfig &config, int rank, int worldSize);

} // namespace seekbench::engine
