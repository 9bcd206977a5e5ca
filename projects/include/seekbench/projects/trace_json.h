#pragma once

// A fund-chain trace (tracer.h) as `seekbench-cli aml trace [--json]` prints it, accounts
// by name and times as ISO 8601:
// {"chains":[{"direction","cycle","hops":[{"tx_id","from","to","time","amount",
//  "delay_hours","share"}]}],"truncated","queries","deepest","elapsed_ms"}

#include "seekbench/projects/tracer.h"

#include <string>

namespace seekbench::projects {

// The document, indented by one space per level. Valid UTF-8 whatever the store holds
// (bad bytes in a stored name become U+FFFD).
std::string traceJson(const Project &project, const TraceResult &result);
// For a person: a summary line, then one line per chain,
// "forward: A -[amount, +delay h, share %]-> B ...", cycles marked; names with control
// characters escaped (terminal_text.h).
std::string traceText(const Project &project, const TraceResult &result);

} // namespace seekbench::projects
