// GraphExplorerView's interaction: hit-testing, mouse, wheel, keys, Tab through the
// highlighted nodes, tooltips.
#include "seekbench/widgets/graph_explorer_view.h"

#include "graph_explorer_index.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {
constexpr double kEdgeHitPixels = 4, kNodeHitSlack = 3, kMaxNodeRadius = 16, kKeyPan = 48, kKeyZoom = 1.25;

double segmentDistance(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0;
    const QPointF d = p - (a + ab * t);
    return std::hypot(d.x(), d.y());
}
} // namespace

double GraphExplorerView::baseRadius() const
{
    // From how long a typical edge is on screen and how near a typical neighbour is: a dense
    // picture gets small marks (they would only cover each other).
    const double room = m_spacing > 0 ? std::min(m_medianEdge * 0.16, m_spacing * 0.45) : m_medianEdge * 0.16;
    return std::clamp(room * m_scale, 1.5, 8.0);
}

double GraphExplorerView::nodeRadius(int node) const
{
    return baseRadius() * (1 + std::min(1.0, std::log2(1.0 + m_degree.value(node)) / 8));
}

int GraphExplorerView::nodeAt(QPointF widgetPos) const
{
    const double reach = (kMaxNodeRadius + kNodeHitSlack) / m_scale;
    const QPointF at = toLayout(widgetPos);
    int best = -1;
    double bestDistance = 0;
    m_index->forEachNear(QRectF(at - QPointF(reach, reach), at + QPointF(reach, reach)), [&](int i) {
        if (!nodeShown(i))
            return;
        const QPointF d = toWidget(m_nodes[i].pos) - widgetPos;
        const double distance = std::hypot(d.x(), d.y());
        if (distance <= nodeRadius(i) + kNodeHitSlack && (best < 0 || distance < bestDistance)) {
            best = i;
            bestDistance = distance;
        }
    });
    return best;
}

int GraphExplorerView::edgeAt(QPointF widgetPos) const
{
    // A click is rare: one pass over the edges (under a millisecond at 50,000), boxes first.
    const QPointF at = toLayout(widgetPos);
    const double reach = kEdgeHitPixels / m_scale;
    int best = -1;
    double bestDistance = kEdgeHitPixels;
    for (int i = 0; i < m_edges.size(); ++i) {
        if (!edgeShown(i))
            continue;
        const QPointF a = m_nodes[m_edges[i].from].pos, b = m_nodes[m_edges[i].to].pos;
        if (at.x() < std::min(a.x(), b.x()) - reach || at.x() > std::max(a.x(), b.x()) + reach
            || at.y() < std::min(a.y(), b.y()) - reach || at.y() > std::max(a.y(), b.y()) + reach)
            continue;
        const double distance = segmentDistance(widgetPos, toWidget(a), toWidget(b));
        if (distance <= bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

QString GraphExplorerView::nodeToolTip(int node) const
{
    if (node < 0 || node >= m_nodes.size())
        return {};
    const auto &n = m_nodes[node];
    QString tip = tr("%1 (%2), %n relation(s)", nullptr, m_degree.value(node)).arg(n.label, nodeTypeName(n.type));
    if (n.candidate)
        tip += QLatin1Char('\n') + tr("Candidate concept: not linked to the ontology");
    return tip;
}

bool GraphExplorerView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int node = nodeAt(help->pos());
        const int edge = node < 0 ? edgeAt(help->pos()) : -1;
        QString tip = nodeToolTip(node);
        if (edge >= 0) {
            const auto &e = m_edges[edge];
            tip = tr("%1 %2 %3, confidence %4")
                      .arg(m_nodes[e.from].label, relationName(e.type).toLower(), m_nodes[e.to].label)
                      .arg(e.confidence, 0, 'f', 2);
            if (e.contradicted)
                tip += QLatin1Char('\n') + tr("Contradicted: flagged for review");
        }
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void GraphExplorerView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAt(event->position(), std::pow(1.2, steps));
    event->accept();
}

void GraphExplorerView::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre = QRectF(rect()).center();
    switch (event->key()) {
    case Qt::Key_Left: panBy({kKeyPan, 0}); break;
    case Qt::Key_Right: panBy({-kKeyPan, 0}); break;
    case Qt::Key_Up: panBy({0, kKeyPan}); break;
    case Qt::Key_Down: panBy({0, -kKeyPan}); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(centre, kKeyZoom); break;
    case Qt::Key_Minus: zoomAt(centre, 1 / kKeyZoom); break;
    case Qt::Key_Home: fitToView(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selectedNode >= 0)
            Q_EMIT nodeActivated(m_selectedNode);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

bool GraphExplorerView::focusNextPrevChild(bool next)
{
    if (m_tabOrder.isEmpty())
        for (int i = 0; i < m_nodes.size(); ++i)
            if (m_nodes[i].highlighted && nodeShown(i))
                m_tabOrder.push_back(i);
    const qsizetype at = m_tabOrder.indexOf(m_selectedNode);
    const qsizetype to = at < 0 ? (next ? 0 : m_tabOrder.size() - 1) : at + (next ? 1 : -1);
    if (m_tabOrder.isEmpty() || to < 0 || to >= m_tabOrder.size())
        return QWidget::focusNextPrevChild(next); // past the last one: on to the next widget
    m_selectedNode = m_tabOrder[to];
    m_selectedEdge = -1;
    ++m_edgeLook;
    const QPointF p = toWidget(m_nodes[m_selectedNode].pos);
    if (!QRectF(rect()).adjusted(20, 20, -20, -20).contains(p))
        panBy(QRectF(rect()).center() - p);
    update();
    Q_EMIT nodeClicked(m_selectedNode);
    return true;
}

void GraphExplorerView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton)
        return;
    m_pressAt = m_dragFrom = event->position();
    m_dragging = nodeAt(m_pressAt) < 0;
}

void GraphExplorerView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging && (event->buttons() & Qt::LeftButton)) {
        panBy(event->position() - m_dragFrom);
        m_dragFrom = event->position();
        return;
    }
    const int hover = nodeAt(event->position());
    if (hover != m_hover) {
        m_hover = hover;
        update();
    }
}

void GraphExplorerView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    const QPointF moved = event->position() - m_pressAt;
    if (std::hypot(moved.x(), moved.y()) > 4)
        return; // a drag, not a click
    const int node = nodeAt(event->position());
    const int edge = node < 0 ? edgeAt(event->position()) : -1;
    m_selectedNode = node;
    m_selectedEdge = edge;
    ++m_edgeLook;
    update();
    if (node >= 0)
        Q_EMIT nodeClicked(node);
    else if (edge >= 0)
        Q_EMIT edgeClicked(edge);
}

void GraphExplorerView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (const int node = nodeAt(event->position()); node >= 0)
        Q_EMIT nodeActivated(node);
    else if (edgeAt(event->position()) < 0)
        fitToView();
}

} // namespace seekbench::widgets
