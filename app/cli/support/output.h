#pragma once

// A verb's machine-readable reply: one JSON document on one stdout line. The documents
// the GUI reads are declared in core_api (seekbench/replies/*.h); print their toJson().

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace seekbench {
struct RunEvent;
}

namespace seekbench::cli {

// Writes j.dump() and a newline to stdout, and flushes (a reader may wait on the line).
void printJsonLine(const nlohmann::json &j);

// A training event as one JSON line on stdout; flushed except for the frequent step and
// system events (a reader of the live channel waits on the others).
void printEventLine(const RunEvent &event);

// Each word after a space, for human lists: {"a", "b"} -> " a b"; {} -> "".
std::string spaced(const std::vector<std::string> &words);

} // namespace seekbench::cli
