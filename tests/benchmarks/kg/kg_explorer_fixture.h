#pragma once

// The generated knowledge-graph-like graph as the explorer's input, laid out by
// plotmath::forceLayout: shared by the explorer's test and its benchmark.

#include "kg_like_graph.h"

#include "seekbench/plotmath/force_layout.h"
#include "seekbench/widgets/graph_explorer_view.h"

#include <QString>
#include <QVector>

namespace seekbench::kgbench {

inline plotmath::ForceGraph forceGraphOf(const KgLikeGraph &g)
{
    plotmath::ForceGraph fg;
    fg.nodeCount = int(g.nodeType.size());
    for (const auto &e : g.edges)
        fg.edges.push_back({e.from, e.to});
    return fg;
}

struct ExplorerInput
{
    QVector<widgets::GraphExplorerNode> nodes;
    QVector<widgets::GraphExplorerEdge> edges;
};

// Names like the ontology's ("Disease 12"); every 60th node a candidate, every 400th edge
// contradicted. Positions from `positions` (one per node).
inline ExplorerInput explorerInputOf(const KgLikeGraph &g, const std::vector<plotmath::LayoutPoint> &positions)
{
    static const char *const names[] = {"Disease", "Symptom", "Gene", "Drug", "Lab test"};
    ExplorerInput in;
    std::vector<int> perType(5, 0);
    for (std::size_t i = 0; i < g.nodeType.size(); ++i) {
        widgets::GraphExplorerNode n;
        n.type = g.nodeType[i];
        n.label = QStringLiteral("%1 %2").arg(QLatin1String(names[n.type])).arg(++perType[std::size_t(n.type)]);
        n.pos = i < positions.size() ? QPointF(positions[i].x, positions[i].y) : QPointF();
        n.candidate = i % 60 == 59;
        in.nodes.push_back(n);
    }
    for (std::size_t i = 0; i < g.edges.size(); ++i) {
        const auto &e = g.edges[i];
        in.edges.push_back({e.from, e.to, e.type, e.confidence, i % 400 == 399, false});
    }
    return in;
}

} // namespace seekbench::kgbench
