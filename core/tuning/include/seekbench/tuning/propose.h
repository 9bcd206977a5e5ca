#pragma once

// "Tune this run" (issue 22): which config keys a sweep can vary, and a first range for
// each around the run's own value, for the user to edit before the sweep is created.

#include "seekbench/config/config_schema.h"
#include "seekbench/config/run_config.h"
#include "seekbench/tuning/search_space.h"

#include <optional>
#include <string>
#include <vector>

namespace seekbench::tuning {

// Keys that are settings of the run rather than hyperparameters of the model or its
// training (seeds, paths, devices, threads, logging and checkpoint cadence, the data's
// size and labels) are not offered.
bool isTunableKey(const ConfigField &field);

// A param over `field` centred on `value` (the run's value text):
//  - bool: both values; a string with fixed choices: all of them;
//  - a positive double: log-uniform over [value / 10, value * 10], or, for a value in
//    (0.5, 1) on a key bounded by 1 (beta2, ...), uniform between the value's distance to
//    1 scaled by ten and 1; zero: uniform over [min, min + 0.1];
//  - an int of 2 or more: [value / 2, value * 2], on a log scale from 8 up; smaller: [min
//    or 0, value + 4];
// each clamped into the key's own min/max. nullopt for a key that cannot be varied
// (free text, or min == max) or a value that does not parse.
std::optional<ParamSpec> proposeParam(const ConfigField &field, const std::string &value);

// The space "Tune this run" starts from: base config `basePath`, the given params, TPE,
// a budget of `trials`, `parallel` at once; the objective from the metric's name
// (accuracy, auc, f1, precision and recall maximised; the rest minimised).
SearchSpace proposeSpace(const std::string &basePath, const std::string &metric, std::vector<ParamSpec> params,
                         int trials, int parallel);
Direction directionForMetric(const std::string &metric);

} // namespace seekbench::tuning
