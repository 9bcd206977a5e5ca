#pragma once

// GraphExplorerView's spatial index: a uniform grid over the node positions (about two
// nodes a cell), so painting touches only the nodes on screen and the mouse finds its node
// without scanning them all.

#include "seekbench/widgets/graph_explorer_view.h"

#include <QRectF>
#include <QVector>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

class GraphExplorerIndex
{
public:
    void build(const QVector<GraphExplorerNode> &nodes);
    QRectF bounds() const { return m_bounds; }
    double cellSize() const { return m_cell; }
    // The median distance from a node to its nearest other node, over a sample of nodes
    // (0 when there are fewer than two).
    double typicalSpacing(const QVector<GraphExplorerNode> &nodes) const;

    // Calls f(node) for every node in the cells `rect` (layout coordinates) overlaps: a
    // superset of the nodes inside it.
    template<typename F>
    void forEachNear(const QRectF &rect, F f) const
    {
        if (m_cols == 0)
            return;
        const int c0 = column(rect.left()), c1 = column(rect.right()), r0 = row(rect.top()), r1 = row(rect.bottom());
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const int cell = r * m_cols + c;
                for (int k = m_start[cell]; k < m_start[cell + 1]; ++k)
                    f(m_items[k]);
            }
    }

private:
    int column(double x) const { return std::clamp(int(std::floor((x - m_bounds.left()) / m_cell)), 0, m_cols - 1); }
    int row(double y) const { return std::clamp(int(std::floor((y - m_bounds.top()) / m_cell)), 0, m_rows - 1); }

    QRectF m_bounds;
    double m_cell = 1;
    int m_cols = 0, m_rows = 0;
    QVector<int> m_start, m_items; // nodes sorted by cell; a cell's run starts at m_start[cell]
};

} // namespace seekbench::widgets
