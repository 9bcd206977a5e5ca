#pragma once

#include <map>
#include <string>

namespace seekbench::projects {

// The scalars of a config snapshot as dotted keys ("training.lr" -> "0.001"), so runs
// can be filtered by any hyperparameter without parsing YAML in SQL. Sequences are kept
// whole as flow YAML ("[1, 2]"). Malformed YAML gives no params, not an error: the
// snapshot itself is stored verbatim either way.
std::map<std::string, std::string> flattenConfigParams(const std::string &yamlText);

// The number a param holds, for numeric comparisons, or false.
bool parseNumber(const std::string &text, double &out);

} // namespace seekbench::projects
