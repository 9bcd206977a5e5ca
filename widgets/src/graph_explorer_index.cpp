#include "graph_explorer_index.h"

#include <vector>

namespace seekbench::widgets {

void GraphExplorerIndex::build(const QVector<GraphExplorerNode> &nodes)
{
    m_cols = m_rows = 0;
    m_start.clear();
    m_items.clear();
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool any = false;
    for (const auto &n : nodes) {
        if (!std::isfinite(n.pos.x()) || !std::isfinite(n.pos.y()))
            continue;
        x0 = any ? std::min(x0, n.pos.x()) : n.pos.x();
        y0 = any ? std::min(y0, n.pos.y()) : n.pos.y();
        x1 = any ? std::max(x1, n.pos.x()) : n.pos.x();
        y1 = any ? std::max(y1, n.pos.y()) : n.pos.y();
        any = true;
    }
    if (!any)
        return;
    m_bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1));
    const double area = std::max(1e-9, m_bounds.width() * m_bounds.height());
    m_cell = std::max(
        {std::sqrt(area * 2 / double(nodes.size())), m_bounds.width() / 1024, m_bounds.height() / 1024, 1e-9});
    m_cols = std::max(1, int(m_bounds.width() / m_cell) + 1);
    m_rows = std::max(1, int(m_bounds.height() / m_cell) + 1);
    QVector<int> cellOf(nodes.size(), -1);
    m_start.fill(0, m_cols * m_rows + 1);
    for (int i = 0; i < nodes.size(); ++i) {
        const QPointF p = nodes[i].pos;
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            continue; // a node without a position is never drawn nor hit
        cellOf[i] = row(p.y()) * m_cols + column(p.x());
        ++m_start[cellOf[i] + 1];
    }
    for (int c = 1; c < m_start.size(); ++c)
        m_start[c] += m_start[c - 1];
    m_items.resize(m_start.back());
    QVector<int> fill(m_start.begin(), m_start.end() - 1);
    for (int i = 0; i < nodes.size(); ++i)
        if (cellOf[i] >= 0)
            m_items[fill[cellOf[i]]++] = i;
}

double GraphExplorerIndex::typicalSpacing(const QVector<GraphExplorerNode> &nodes) const
{
    if (m_cols == 0 || nodes.size() < 2)
        return 0;
    const int samples = int(std::min<qsizetype>(nodes.size(), 1000));
    std::vector<double> nearest;
    nearest.reserve(std::size_t(samples));
    for (int k = 0; k < samples; ++k) {
        const int i = int(qsizetype(k) * nodes.size() / samples);
        const QPointF p = nodes[i].pos;
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            continue;
        double best = -1;
        const QPointF reach(m_cell, m_cell);
        forEachNear(QRectF(p - reach, p + reach), [&](int j) {
            if (j == i)
                return;
            const double d = std::hypot(nodes[j].pos.x() - p.x(), nodes[j].pos.y() - p.y());
            if (best < 0 || d < best)
                best = d;
        });
        if (best >= 0)
            nearest.push_back(best);
    }
    if (nearest.empty())
        return m_cell;
    auto mid = nearest.begin() + std::ptrdiff_t(nearest.size() / 2);
    std::nth_element(nearest.begin(), mid, nearest.end());
    return *mid;
}

} // namespace seekbench::widgets
