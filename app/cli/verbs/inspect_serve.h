#pragma once

// inspect serve: the attention inspector's helper process (protocol in
// seekbench/inspection_protocol.h). Requests are read on a thread of their own, so a
// newer inspect request that arrives while one is computed makes the queued older ones
// stale; they are answered as dropped without being computed.

#include <iosfwd>

namespace seekbench {
class AttentionSession;
}

namespace seekbench::cli {

// Serves until end of input or {"op":"quit"}; returns the exit code.
int serveInspections(AttentionSession &session, std::istream &in, std::ostream &out);

} // namespace seekbench::cli
