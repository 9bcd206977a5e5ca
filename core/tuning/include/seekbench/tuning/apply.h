#pragma once

#include "seekbench/config/config_issue.h"
#include "seekbench/config/run_config.h"
#include "seekbench/tuning/trial.h"

namespace seekbench::tuning {

// Sets each param on config through ConfigField::set. An unknown key gives unknown_key, a
// value the field rejects gives wrong_type, both with the param's key; the other params
// are still applied. Range checks are left to validate() on the result.
ConfigIssues applyTrialParams(RunConfig &config, const TrialParams &params);

} // namespace seekbench::tuning
