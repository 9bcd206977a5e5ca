#pragma once

// Force-directed graph layout (Fruchterman-Reingold with a cooling schedule) for the
// AML case graph. Plain C++ so it runs on any thread and is tested without Qt. The
// result is in the unit square; node 0 (the case's account) is pinned at its centre.

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace seekbench::plotmath {

struct LayoutPoint
{
    double x = 0.5, y = 0.5;
};

struct LayoutOptions
{
    int iterations = 200;
    std::uint64_t seed = 1;
    bool pinFirst = true; // node 0 stays at the centre
    // Set from another thread to stop early; the layout so far is returned.
    const std::atomic<bool> *cancel = nullptr;
};

// `edges` index nodes [0, nodeCount); repeated edges pull harder, self-loops are ignored.
std::vector<LayoutPoint> forceLayout(int nodeCount, const std::vector<std::pair<int, int>> &edges,
                                     const LayoutOptions &options = {});

} // namespace seekbench::plotmath
