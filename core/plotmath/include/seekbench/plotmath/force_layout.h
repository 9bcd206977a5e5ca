#pragma once

// Force-directed layout of a large graph (the knowledge graph explorer: up to 10,000 nodes
// and 50,000 edges), run off the GUI thread. Plain C++; Graphviz stays inside the .cpp.
//
// Which library, and why: Graphviz's sfdp (multilevel spring-electrical with a Barnes-Hut
// quadtree), over igraph. Measured by tests/benchmarks/kg/bench_kg_layout on a generated
// 10,000-node, 47,935-edge graph shaped like a medical knowledge graph (40 communities, hub
// symptoms), one thread on this 2-core machine (quiet / with a load average of 5):
//   sfdp (libgvc 2.43, overlap not removed)   3.0 s / 5.5 s, spread 0.22
//   igraph 0.10 Fruchterman-Reingold + grid   0.7 s / 1.1 s, spread 0.29
//   igraph 0.10 DrL                          19.5 s / 39 s (over the 10 s budget)
// (spread: the median edge length over the median distance between two random nodes; lower
// is better, neighbours nearer each other relative to the whole picture. DrL's 0.01 says it
// pulls clusters into tight clumps far apart; its picture was not judged further, being four
// times over the budget.) sfdp separates communities and hubs
// more clearly than FR, is well inside the budget, and is already a dependency (the case
// graph uses dot), where igraph would add one. Neither library is thread-safe on its own
// (Graphviz has global state, igraph a global random generator): layouts are serialised.
// sfdp draws its start positions from drand48, which it does not seed itself: we seed it from
// the options, under the lock, so a seed gives the same picture, bit for bit, every time.
//
// Components are packed side by side in rows, biggest first (our own packing: Graphviz's
// spaces lone nodes by its node size, far wider than sfdp's edges), so none flies off.
// Incremental placement (neighbourhood expansion) is our own too: new nodes start around
// their placed neighbours and relax with a few local force iterations while the others stay
// where they are, so the picture is not reshuffled.

#include "seekbench/plotmath/case_graph_layout.h" // LayoutPoint

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::plotmath {

struct ForceGraph
{
    struct Edge
    {
        int from = 0, to = 0; // node indices in [0, nodeCount)
    };
    int nodeCount = 0;
    std::vector<Edge> edges;
};

struct ForceLayoutOptions
{
    std::uint64_t seed = 1;
    // The median edge comes out this long (layout units), whatever the graph's size.
    double edgeLength = 40;
    // Local relaxation steps of layoutAround.
    int aroundIterations = 60;
    // Set from another thread to give up; checked between phases (building the graph, each
    // component, packing) and between iterations. One sfdp call is not interruptible
    // (about 3 s for the largest graphs).
    const std::atomic<bool> *cancel = nullptr;
};

struct ForceLayoutResult
{
    std::vector<LayoutPoint> positions; // per node
    bool laidOut = false;               // false: cancelled, or an error
    std::string error;                  // why not laid out, when not cancelled
};

// Lays the whole graph out. Thread-safe (Graphviz calls are serialised).
ForceLayoutResult forceLayout(const ForceGraph &graph, const ForceLayoutOptions &options = {});

// Places the nodes whose `fixed` flag is false, keeping the others exactly at `positions`:
// each new node starts near its already placed neighbours (a new node with none goes beside
// the picture), then the new nodes relax under springs along edges and repulsion from every
// node nearby. `positions` and `fixed` have one entry per node.
ForceLayoutResult layoutAround(const ForceGraph &graph, const std::vector<LayoutPoint> &positions,
                               const std::vector<bool> &fixed, const ForceLayoutOptions &options = {});

} // namespace seekbench::plotmath
