#pragma once

// What forceLayout and layoutAround both check first.

#include "seekbench/plotmath/force_layout.h"

#include <string>

namespace seekbench::plotmath::detail {

inline bool cancelled(const ForceLayoutOptions &options) { return options.cancel && options.cancel->load(); }

// Why the graph cannot be laid out (an edge's end outside the nodes), or empty.
inline std::string checkEdges(const ForceGraph &graph)
{
    if (graph.nodeCount < 0)
        return "node count " + std::to_string(graph.nodeCount) + " is negative";
    for (std::size_t i = 0; i < graph.edges.size(); ++i)
        for (const int v : {graph.edges[i].from, graph.edges[i].to})
            if (v < 0 || v >= graph.nodeCount)
                return "edge " + std::to_string(i) + ": node " + std::to_string(v) + " is outside [0, "
                       + std::to_string(graph.nodeCount) + ")";
    return {};
}

} // namespace seekbench::plotmath::detail
