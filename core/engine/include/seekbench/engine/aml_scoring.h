#pragma once

// Scores transactions with a trained AML graph model. Torch-free: the CLI passes the
// run's config, a checkpoint and the transactions, and gets plain floats back.

#include "seekbench/aml/data.h"
#include "seekbench/aml/run_evaluation.h"
#include "seekbench/config/run_config.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace seekbench {

// The laundering probability of every transaction of `data` (same order). Throws
// std::runtime_error naming the checkpoint when it does not fit the config's model.
std::vector<float> scoreAmlTransactions(const RunConfig &config, const std::filesystem::path &checkpoint,
                                        const aml::AmlData &data);

// A finished AML run's evaluation: the graph model at `checkpoint` scores every
// transaction, and core/aml's evaluateRun trains the XGBoost baseline (saved to
// `xgbModelFile`), evaluates both on the held-out months and raises the graph model's
// alerts. The caller stores the result (projects' AmlResultStore::saveRun).
aml::RunEvaluation evaluateAmlRun(const RunConfig &config, const std::filesystem::path &checkpoint,
                                  const aml::AmlData &data, const std::filesystem::path &xgbModelFile);

// The parameters of the model the config builds (for tests of the estimate).
std::int64_t amlModelParameterCount(const RunConfig &config);

} // namespace seekbench
