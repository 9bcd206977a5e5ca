#pragma once

// The predictive maintenance task (data.kind "pdm_fleet"): the article's sensor model over
// point-in-time windows of a project's fleet (seekbench/pdm/windows.h). Per-sensor
// attention weighs each sensor's step statistics, an LSTM (LibTorch's) reads the steps,
// temporal attention pools its states; one head gives a failure logit per failure mode
// (failure within pdm.horizon), another the remaining useful life as a share of
// pdm.rul_cap. pdm.attention false gives the plain LSTM baseline. Trained with weighted
// binary cross-entropy plus pdm.rul_weight times the squared RUL error on the observed
// RULs of the training machines; evaluated on the validation machines (eval/pr_auc per mode
// and their mean, eval/rul_rmse). When training ends it writes every window's outputs,
// attention and embedding (pdm::kModelOutputsFile) for the views and the XGBoost model.

#include "training_task.h"

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makePdmTask(const RunConfig &config, int rank, int worldSize,
                                          std::shared_ptr<const DatasetSource> dataset);

} // namespace seekbench::engine
