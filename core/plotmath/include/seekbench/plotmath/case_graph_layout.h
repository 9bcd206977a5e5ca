#pragma once

// The AML case graph, made readable: the case's account and the accounts on its traced
// chains stay single nodes; every other account is folded into a counted group by hop,
// side (sending towards the case, receiving from it, or both) and whether it is flagged.
// The folded graph (tens of nodes, not hundreds) is laid out in layers along the flow of
// money, left to right, by Graphviz's dot. Plain C++ (Graphviz stays inside the .cpp), so
// it runs on a worker thread and is tested without Qt.

#include <atomic>
#include <vector>

namespace seekbench::plotmath {

struct LayoutPoint
{
    double x = 0, y = 0;
};

// A node's box: centre and size, in points (1/72 inch), y growing downwards.
struct LayoutBox
{
    double x = 0, y = 0, width = 0, height = 0;
};

struct CaseGraphInput
{
    struct Node
    {
        int hop = 0;          // transfers away from the case's account
        bool flagged = false; // labelled laundering
        double width = 0;     // the box it needs, in points (0: a default)
    };
    struct Edge
    {
        int from = 0, to = 0; // node indices; money moves from -> to
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    // The traced chains, each as edge indices in the order the money moved.
    std::vector<std::vector<int>> chains;
    int focal = 0; // the case's account
};

enum class CaseGroupSide { Sending, Receiving, Both };

struct CaseGraphGroup
{
    int hop = 1;
    CaseGroupSide side = CaseGroupSide::Sending;
    bool flagged = false;
    std::vector<int> members; // node indices, ascending
    int innerEdges = 0;       // transfers between two members (not drawn)
};

// One drawn node: a single account or a group.
struct CaseGraphItem
{
    int node = -1;  // the account, or -1
    int group = -1; // the group, or -1
    LayoutBox box;
};

// The transfers between two drawn nodes, one direction, drawn as one line.
struct CaseGraphLink
{
    int from = 0, to = 0;           // item indices
    std::vector<int> edges;         // input edge indices
    bool chain = false;             // one of them is on a traced chain
    bool primary = false;           // sets the layers (chains, the case's own, one per node)
    std::vector<LayoutPoint> route; // a cubic B-spline from Graphviz (1 + 3k points), or empty
    // Between two nodes other than the case's account, off the chains and not setting
    // layers: not routed (in a hub's case these would knot the picture), for drawing on demand.
    bool context() const { return !primary && !chain && from != 0 && to != 0; }
};

struct CaseGraphLayout
{
    std::vector<CaseGraphItem> items; // the focal account first, then accounts, then groups
    std::vector<CaseGraphGroup> groups;
    std::vector<int> itemOf; // per input node: the item that draws it
    std::vector<CaseGraphLink> links;
    double width = 0, height = 0; // every box lies in [0, width] x [0, height]
    bool laidOut = false;         // false: cancelled, or Graphviz failed (boxes are all zero)
};

struct CaseGraphOptions
{
    int foldAbove = 12; // graphs with at most this many accounts are not folded
    // Set from another thread to give up before the layout starts.
    const std::atomic<bool> *cancel = nullptr;
};

// The folding alone: items, groups and links, no positions. Groups of one account are
// shown as that account.
CaseGraphLayout foldCaseGraph(const CaseGraphInput &input, const CaseGraphOptions &options = {});

// Folds and lays out. Thread-safe (Graphviz calls are serialised).
CaseGraphLayout layoutCaseGraph(const CaseGraphInput &input, const CaseGraphOptions &options = {});

} // namespace seekbench::plotmath
