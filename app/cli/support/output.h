#pragma once

// A verb's machine-readable reply: one JSON document on one stdout line. The documents
// the GUI reads are declared in core_api (seekbench/replies/*.h); print their toJson().

#include <nlohmann/json_fwd.hpp>

namespace seekbench::cli {

// Writes j.dump() and a newline to stdout, and flushes (a reader may wait on the line).
void printJsonLine(const nlohmann::json &j);

} // namespace seekbench::cli
