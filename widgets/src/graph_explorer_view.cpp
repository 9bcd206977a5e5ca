// GraphExplorerView's data: the graph, filters, highlights, positions and their animation,
// the view transform, and the colours and names of types.
#include "seekbench/widgets/graph_explorer_view.h"

#include "graph_explorer_index.h"

#include <QEasingCurve>
#include <QEvent>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {
constexpr double kMargin = 24, kAnimationMs = 250;
constexpr double kMinZoom = 0.25, kMaxZoom = 200; // relative to the fitted scale
} // namespace

GraphExplorerView::GraphExplorerView(QWidget *parent) : QWidget(parent), m_index(std::make_unique<GraphExplorerIndex>())
{
    setObjectName(QStringLiteral("graphExplorerView"));
    setMinimumSize(240, 200);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Knowledge graph"));
    m_animTimer.setInterval(16);
    connect(&m_animTimer, &QTimer::timeout, this, &GraphExplorerView::animationStep);
}

GraphExplorerView::~GraphExplorerView() = default;

void GraphExplorerView::setGraph(QVector<GraphExplorerNode> nodes, QVector<GraphExplorerEdge> edges)
{
    m_animTimer.stop();
    m_nodes = std::move(nodes);
    m_edges = std::move(edges);
    m_nodeMask.clear();
    m_edgeMask.clear();
    m_labelWidth.clear();
    m_degree.fill(0, m_nodes.size());
    m_hasUntyped = std::any_of(m_edges.cbegin(), m_edges.cend(),
                               [](const GraphExplorerEdge &e) { return e.type <= 0 || e.type > 5; });
    for (const auto &e : std::as_const(m_edges))
        if (e.from >= 0 && e.to >= 0 && e.from < m_nodes.size() && e.to < m_nodes.size()) {
            ++m_degree[e.from];
            ++m_degree[e.to];
        }
    // Label candidates, most connected first (ties by index, so the picture is stable).
    m_byDegree.resize(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i)
        m_byDegree[i] = i;
    std::stable_sort(m_byDegree.begin(), m_byDegree.end(), [&](int a, int b) { return m_degree[a] > m_degree[b]; });
    // Hubs, named even from far out: the top 2 % by degree (and at least 3 relations).
    m_hubDegree
        = m_byDegree.isEmpty()
              ? 1
              : std::max(3, m_degree[m_byDegree[std::min<qsizetype>(m_byDegree.size() - 1, m_byDegree.size() / 50)]]);
    m_selectedNode = m_selectedEdge = m_hover = -1;
    rebuildIndex();
    fitToView();
}

void GraphExplorerView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        m_labelWidth.clear();
    if (event->type() == QEvent::PaletteChange) {
        m_sprites.clear();
        ++m_edgeLook;
    }
    QWidget::changeEvent(event);
}

void GraphExplorerView::rebuildIndex()
{
    m_index->build(m_nodes);
    std::vector<double> lengths;
    lengths.reserve(std::size_t(m_edges.size()));
    for (const auto &e : std::as_const(m_edges))
        if (e.from >= 0 && e.to >= 0 && e.from < m_nodes.size() && e.to < m_nodes.size() && e.from != e.to)
            if (const QPointF d = m_nodes[e.to].pos - m_nodes[e.from].pos; std::isfinite(d.x()) && std::isfinite(d.y()))
                lengths.push_back(std::hypot(d.x(), d.y()));
    if (!lengths.empty()) {
        auto mid = lengths.begin() + std::ptrdiff_t(lengths.size() / 2);
        std::nth_element(lengths.begin(), mid, lengths.end());
        m_medianEdge = std::max(*mid, 1e-9);
    } else { // no edges: as if the nodes were spread evenly
        const QRectF b = m_index->bounds();
        m_medianEdge = std::max(1e-9, std::sqrt(b.width() * b.height() / std::max<qsizetype>(1, m_nodes.size())));
    }
    m_spacing = m_index->typicalSpacing(m_nodes);
    m_tabOrder.clear();
    ++m_edgeLook;
    update();
}

void GraphExplorerView::setPositions(const QVector<QPointF> &positions, bool animate)
{
    if (positions.size() != m_nodes.size())
        return;
    if (!animate) {
        m_animTimer.stop();
        for (int i = 0; i < m_nodes.size(); ++i)
            m_nodes[i].pos = positions[i];
        rebuildIndex();
        if (m_fitted)
            fitToView();
        return;
    }
    m_from.resize(m_nodes.size());
    for (int i = 0; i < m_nodes.size(); ++i)
        m_from[i] = std::isfinite(m_nodes[i].pos.x()) && std::isfinite(m_nodes[i].pos.y()) ? m_nodes[i].pos
                                                                                           : positions[i];
    m_to = positions;
    m_animClock.start();
    m_animTimer.start();
}

void GraphExplorerView::animationStep()
{
    const double t = std::min(1.0, double(m_animClock.elapsed()) / kAnimationMs);
    const double k = QEasingCurve(QEasingCurve::InOutCubic).valueForProgress(t);
    for (int i = 0; i < m_nodes.size() && i < m_to.size(); ++i)
        m_nodes[i].pos = m_from[i] + (m_to[i] - m_from[i]) * k;
    if (t >= 1) {
        m_animTimer.stop();
        m_from.clear();
        m_to.clear();
    }
    rebuildIndex();
    if (m_fitted && t >= 1)
        fitToView();
}

void GraphExplorerView::setHighlighted(const QVector<int> &nodes, const QVector<int> &edges)
{
    for (auto &n : m_nodes)
        n.highlighted = false;
    for (auto &e : m_edges)
        e.highlighted = false;
    for (const int n : nodes)
        if (n >= 0 && n < m_nodes.size())
            m_nodes[n].highlighted = true;
    for (const int e : edges)
        if (e >= 0 && e < m_edges.size())
            m_edges[e].highlighted = true;
    m_tabOrder.clear();
    ++m_edgeLook;
    update();
}

void GraphExplorerView::setVisibleMasks(const QVector<bool> &nodes, const QVector<bool> &edges)
{
    m_nodeMask = nodes.size() == m_nodes.size() ? nodes : QVector<bool>();
    m_edgeMask = edges.size() == m_edges.size() ? edges : QVector<bool>();
    if (m_selectedNode >= 0 && !nodeShown(m_selectedNode))
        m_selectedNode = -1;
    if (m_selectedEdge >= 0 && !edgeShown(m_selectedEdge))
        m_selectedEdge = -1;
    m_hover = -1;
    m_tabOrder.clear();
    ++m_edgeLook;
    update();
}

bool GraphExplorerView::nodeShown(int node) const
{
    if (node < 0 || node >= m_nodes.size())
        return false;
    const QPointF p = m_nodes[node].pos;
    return (m_nodeMask.isEmpty() || m_nodeMask[node]) && std::isfinite(p.x()) && std::isfinite(p.y());
}

bool GraphExplorerView::edgeShown(int edge) const
{
    if (edge < 0 || edge >= m_edges.size() || (!m_edgeMask.isEmpty() && !m_edgeMask[edge]))
        return false;
    const auto &e = m_edges[edge];
    return nodeShown(e.from) && nodeShown(e.to);
}

void GraphExplorerView::setSelectedNode(int node)
{
    m_selectedNode = nodeShown(node) ? node : -1;
    update();
}

void GraphExplorerView::setSelectedEdge(int edge)
{
    m_selectedEdge = edgeShown(edge) ? edge : -1;
    ++m_edgeLook;
    update();
}

void GraphExplorerView::setNaivePaint(bool naive)
{
    m_naive = naive;
    update();
}

double GraphExplorerView::fitScale() const
{
    const QRectF b = m_index->bounds();
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (b.width() <= 0 && b.height() <= 0)
        return 1;
    return std::min(b.width() > 0 ? area.width() / b.width() : 1e9, b.height() > 0 ? area.height() / b.height() : 1e9);
}

void GraphExplorerView::fitToView()
{
    m_fitted = true;
    // Fit what the filters show; with nothing shown, the whole graph.
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool any = false;
    for (int i = 0; i < m_nodes.size(); ++i)
        if (nodeShown(i)) {
            const QPointF p = m_nodes[i].pos;
            x0 = any ? std::min(x0, p.x()) : p.x();
            y0 = any ? std::min(y0, p.y()) : p.y();
            x1 = any ? std::max(x1, p.x()) : p.x();
            y1 = any ? std::max(y1, p.y()) : p.y();
            any = true;
        }
    const QRectF b = any ? QRectF(QPointF(x0, y0), QPointF(x1, y1)) : m_index->bounds();
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const double sx = b.width() > 0 ? area.width() / b.width() : 4,
                 sy = b.height() > 0 ? area.height() / b.height() : 4;
    m_scale = std::clamp(std::min(sx, sy), 1e-6, 1e6);
    m_offset = area.center() - b.center() * m_scale;
    update();
}

void GraphExplorerView::zoomAt(QPointF widgetPos, double factor)
{
    const double fit = fitScale();
    const double scale = std::clamp(m_scale * factor, fit * kMinZoom, fit * kMaxZoom);
    m_offset = widgetPos - (widgetPos - m_offset) * (scale / m_scale);
    m_scale = scale;
    m_fitted = false;
    update();
}

void GraphExplorerView::panBy(QPointF delta)
{
    m_offset += delta;
    m_fitted = false;
    update();
}

void GraphExplorerView::resizeEvent(QResizeEvent *)
{
    if (m_fitted)
        fitToView();
}

bool GraphExplorerView::dark() const { return palette().color(QPalette::Base).lightness() < 128; }

QColor GraphExplorerView::nodeColor(int type) const
{
    // Five hues apart in hue and lightness; the dark theme's are lighter, to read on black.
    static const QColor light[] = {QColor(0xD8, 0x1B, 0x60), QColor(0x1E, 0x6F, 0xC8), QColor(0x2E, 0x8B, 0x3A),
                                   QColor(0x8E, 0x24, 0xAA), QColor(0x8D, 0x5B, 0x2A)};
    static const QColor darkSet[] = {QColor(0xF4, 0x8F, 0xB1), QColor(0x64, 0xB5, 0xF6), QColor(0x81, 0xC7, 0x84),
                                     QColor(0xCE, 0x93, 0xD8), QColor(0xD7, 0xB4, 0x8A)};
    const int t = std::clamp(type, 0, 4);
    return dark() ? darkSet[t] : light[t];
}

QColor GraphExplorerView::relationColor(int type) const
{
    static const QColor light[] = {QColor(0x90, 0x90, 0x90), QColor(0x4A, 0x8C, 0xD0), QColor(0x3C, 0x9A, 0x48),
                                   QColor(0x00, 0x89, 0x7B), QColor(0xA0, 0x40, 0xB8), QColor(0x9A, 0x76, 0x50)};
    static const QColor darkSet[] = {QColor(0x8A, 0x8A, 0x8A), QColor(0x7C, 0xB8, 0xF0), QColor(0x8E, 0xD0, 0x90),
                                     QColor(0x4D, 0xD0, 0xC0), QColor(0xD0, 0x9C, 0xE0), QColor(0xC8, 0xA8, 0x88)};
    const int t = std::clamp(type, 0, 5);
    return dark() ? darkSet[t] : light[t];
}

QColor GraphExplorerView::highlightColor() const
{
    return dark() ? QColor(0xFF, 0xD7, 0x40) : QColor(0xF0, 0xA0, 0x00);
}

QColor GraphExplorerView::contradictionColor() const
{
    return dark() ? QColor(0xFF, 0x70, 0x43) : QColor(0xE0, 0x40, 0x10);
}

QString GraphExplorerView::nodeTypeName(int type) const
{
    switch (type) {
    case 0: return tr("Disease");
    case 1: return tr("Symptom");
    case 2: return tr("Gene");
    case 3: return tr("Drug");
    case 4: return tr("Lab test");
    default: return tr("Concept");
    }
}

QString GraphExplorerView::relationName(int type) const
{
    switch (type) {
    case 1: return tr("Has symptom");
    case 2: return tr("Caused by");
    case 3: return tr("Treats");
    case 4: return tr("Contraindicated for");
    case 5: return tr("Diagnosed by");
    default: return tr("Related");
    }
}

} // namespace seekbench::widgets
