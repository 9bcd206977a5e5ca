#include "seekbench/widgets/ego_graph_view.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace seekbench::widgets {

EgoGraphView::EgoGraphView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("egoGraphView"));
    setMinimumSize(240, 200);
}

void EgoGraphView::setGraph(QVector<EgoGraphNode> nodes, QVector<EgoGraphEdge> edges)
{
    m_nodes = std::move(nodes);
    m_edges = std::move(edges);
    m_positions.clear();
    update();
}

void EgoGraphView::setPositions(QVector<QPointF> unitPositions)
{
    m_positions = std::move(unitPositions);
    update();
}

void EgoGraphView::setCutoff(double ts)
{
    m_cutoff = ts;
    update();
}

void EgoGraphView::setHighlighted(const QSet<qint64> &txIds)
{
    m_highlighted = txIds;
    update();
}

QVector<qint64> EgoGraphView::visibleTransactions() const
{
    QVector<qint64> out;
    for (const auto &e : m_edges)
        if (e.ts <= m_cutoff)
            out.push_back(e.txId);
    return out;
}

int EgoGraphView::visibleNodeCount() const
{
    QVector<bool> seen(m_nodes.size(), false);
    int n = 0;
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].hop == 0 && !seen[i]) {
            seen[i] = true;
            ++n;
        }
    for (const auto &e : m_edges)
        if (e.ts <= m_cutoff)
            for (int i : {e.from, e.to})
                if (i >= 0 && i < m_nodes.size() && !seen[i]) {
                    seen[i] = true;
                    ++n;
                }
    return n;
}

QPointF EgoGraphView::toWidget(int node) const
{
    QPointF u;
    if (hasLayout())
        u = m_positions[node];
    else {
        const double a = 2 * M_PI * node / std::max<qsizetype>(1, m_nodes.size());
        u = node == 0 ? QPointF(0.5, 0.5) : QPointF(0.5 + 0.4 * std::cos(a), 0.5 + 0.4 * std::sin(a));
    }
    const double m = 24;
    return {m + u.x() * (width() - 2 * m), m + u.y() * (height() - 2 * m)};
}

void EgoGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    QVector<bool> shown(m_nodes.size(), false);
    QColor faint = palette().text().color();
    faint.setAlpha(60);
    const QColor chain(0xd6, 0x27, 0x28, 230);
    // Ordinary transfers in one batch without antialiasing (a hub's case has thousands);
    // the traced chains on top, antialiased, with arrow heads.
    QVector<QLineF> plain;
    QVector<QLineF> traced;
    for (const auto &e : m_edges) {
        if (e.ts > m_cutoff || e.from < 0 || e.to < 0 || e.from >= m_nodes.size() || e.to >= m_nodes.size())
            continue;
        shown[e.from] = shown[e.to] = true;
        (m_highlighted.contains(e.txId) ? traced : plain).push_back(QLineF(toWidget(e.from), toWidget(e.to)));
    }
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(faint, 1));
    p.drawLines(plain);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(chain, 2.5));
    for (const QLineF &l : traced) {
        p.drawLine(l);
        const QPointF d = l.p2() - l.p1();
        const double len = std::hypot(d.x(), d.y());
        if (len > 12) { // an arrow head: the direction money moved
            const QPointF u = d / len, tip = l.p2() - u * 7, n(-u.y(), u.x());
            QPainterPath head(tip);
            head.lineTo(tip - u * 8 + n * 4);
            head.lineTo(tip - u * 8 - n * 4);
            head.closeSubpath();
            p.fillPath(head, chain);
        }
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        const EgoGraphNode &n = m_nodes[i];
        if (!shown[i] && n.hop != 0)
            continue;
        const double r = n.hop == 0 ? 9 : n.hop == 1 ? 5 : 3.5;
        const QColor fill = n.hop == 0   ? QColor(0xff, 0xc8, 0x3d)
                            : n.hop == 1 ? QColor(0x5b, 0x9b, 0xe6)
                                         : QColor(0xa0, 0xa8, 0xb8);
        p.setPen(QPen(n.flagged ? QColor(0xd6, 0x27, 0x28) : fill.darker(150), n.flagged ? 2 : 1));
        p.setBrush(fill);
        const QPointF c = toWidget(i);
        p.drawEllipse(c, r, r);
        if (n.hop <= 1) {
            p.setPen(palette().text().color());
            p.drawText(c + QPointF(r + 2, -r), n.name);
        }
    }
}

} // namespace seekbench::widgets
