#pragma once

#include <QColor>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include <memory>

namespace seekbench::widgets {

class GraphExplorerIndex;

struct GraphExplorerNode
{
    QPointF pos;  // layout coordinates
    int type = 0; // 0 disease, 1 symptom, 2 gene, 3 drug, 4 lab test
    QString label;
    bool candidate = false;   // not linked to the ontology: drawn hollow
    bool highlighted = false; // on an explanatory path, a search hit
    bool dimmed = false;      // drawn faint
};

struct GraphExplorerEdge
{
    int from = 0, to = 0; // node indices
    // 0 related (untyped), 1 has symptom, 2 caused by, 3 treats, 4 contraindicated for,
    // 5 diagnosed by (kg::RelationType's order)
    int type = 0;
    double confidence = 1; // 0..1: opacity and width
    bool contradicted = false;
    bool highlighted = false;
};

// The knowledge graph explorer's canvas: up to 10,000 nodes and 50,000 edges, painted
// directly (not QGraphicsScene). A uniform grid over the node positions culls what is off
// screen and finds what is under the mouse; edges are culled and batched by pen (relation
// type x confidence band; contradicted and highlighted ones apart, on top). When thousands
// are on screen they are drawn faint by LineRaster into an image kept between frames, which
// a pan scrolls (only the uncovered strips are drawn); fewer are drawn by QPainter, smooth.
// Where nodes are dense they are small squares without outlines, else discs stamped from
// cached images; only highlighted, selected and hub nodes are named until the picture thins
// out, with a label budget and no overlapping labels (an occupancy grid). Positions come from
// plotmath::forceLayout (off the GUI thread); a new layout can glide in over ~250 ms.
// Drag or arrow keys pan, the wheel or +/- zoom, Home or a double-click on empty space fits;
// click a node or an edge to select it, double-click a node to expand it; Tab cycles the
// highlighted nodes.
class GraphExplorerView : public QWidget
{
    Q_OBJECT
public:
    explicit GraphExplorerView(QWidget *parent = nullptr);
    ~GraphExplorerView() override;

    // Edges with an end outside the nodes are kept in the list but never drawn nor hit.
    void setGraph(QVector<GraphExplorerNode> nodes, QVector<GraphExplorerEdge> edges);
    // One position per node (else ignored); `animate` glides from the old ones.
    void setPositions(const QVector<QPointF> &positions, bool animate = false);
    // Replaces the highlighted flags of every node and edge with these (indices).
    void setHighlighted(const QVector<int> &nodes, const QVector<int> &edges);
    // Filters: hidden nodes, and edges hidden or with a hidden end, are neither drawn nor hit.
    // An empty mask shows everything.
    void setVisibleMasks(const QVector<bool> &nodes, const QVector<bool> &edges);
    void setSelectedNode(int node); // -1: none
    void setSelectedEdge(int edge);
    int selectedNode() const { return m_selectedNode; }
    int selectedEdge() const { return m_selectedEdge; }

    const QVector<GraphExplorerNode> &nodes() const { return m_nodes; }
    const QVector<GraphExplorerEdge> &edges() const { return m_edges; }
    bool nodeShown(int node) const;
    bool edgeShown(int edge) const;

    // The view: widget = layout point * scale + offset.
    double scale() const { return m_scale; }
    QPointF offset() const { return m_offset; }
    QPointF toWidget(QPointF layoutPoint) const { return layoutPoint * m_scale + m_offset; }
    QPointF toLayout(QPointF widgetPoint) const { return (widgetPoint - m_offset) / m_scale; }
    void zoomAt(QPointF widgetPos, double factor); // the point under the cursor stays put
    void panBy(QPointF delta);
    void fitToView();
    // The scale fitToView gives (zoom levels are relative to it).
    double fitScale() const;

    int nodeAt(QPointF widgetPos) const; // a shown node, or -1
    int edgeAt(QPointF widgetPos) const; // a shown edge within a few pixels, or -1
    QString nodeToolTip(int node) const;
    // Names drawn by the last paint, and where.
    const QVector<int> &drawnLabels() const { return m_labelNodes; }

    // Colours that read on this widget's background (light or dark palette).
    QColor nodeColor(int type) const;
    QColor relationColor(int type) const;
    QColor highlightColor() const;
    QColor contradictionColor() const;
    QString nodeTypeName(int type) const;
    QString relationName(int type) const;

    // The naive drawing the benchmark compares against: every edge and node, one call each,
    // no culling, no level of detail.
    void setNaivePaint(bool naive);

Q_SIGNALS:
    void nodeClicked(int node);
    void nodeActivated(int node); // double-click: expand its neighbourhood
    void edgeClicked(int edge);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override; // a new font: labels are measured again
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    void rebuildIndex();
    void animationStep();
    bool dark() const;
    double baseRadius() const;         // in pixels, at the current zoom
    double nodeRadius(int node) const; // hubs a little bigger
    void paintEdges(QPainter &p, const QRectF &layoutView);
    void rasterEdges(const QRect &clip); // the crowded batches into m_edgeLayer, device pixels
    void paintNodes(QPainter &p, const QRectF &layoutView);
    void paintLabels(QPainter &p, const QRectF &layoutView);
    struct Legend
    {
        QStringList left, right; // node types, relation types
        QRectF box;              // empty: no room for it
        double line = 0, leftWidth = 0;
    };
    Legend legend() const;
    QRectF legendRect() const;
    void paintLegend(QPainter &p) const;
    void paintNaive(QPainter &p) const;
    void drawDisc(QPainter &p, QPointF centre, double radius, int type, bool candidate, bool dimmed) const;
    // A node's disc, drawn once per look and size (until the palette changes).
    const QImage &nodeSprite(int type, double radius, bool candidate, bool dimmed);

    QVector<GraphExplorerNode> m_nodes;
    QVector<GraphExplorerEdge> m_edges;
    QVector<int> m_degree;
    QVector<int> m_byDegree;   // nodes, most connected first: the label candidates
    double m_medianEdge = 1;   // layout units
    double m_spacing = 0;      // median distance to the nearest node, layout units
    int m_hubDegree = 1;       // nodes with at least this degree are named at low zoom
    bool m_hasUntyped = false; // some edge has type 0: the legend lists it
    QVector<bool> m_nodeMask, m_edgeMask;
    std::unique_ptr<GraphExplorerIndex> m_index;
    int m_selectedNode = -1, m_selectedEdge = -1, m_hover = -1;
    double m_scale = 1;
    QPointF m_offset;
    bool m_fitted = true; // follows resizes until the user zooms or pans
    bool m_naive = false;
    QPointF m_pressAt, m_dragFrom;
    bool m_dragging = false;
    // Animation from m_from to m_to positions.
    QVector<QPointF> m_from, m_to;
    QElapsedTimer m_animClock;
    QTimer m_animTimer;
    // Scratch buffers reused by every paint (no big allocations per frame).
    QVector<QVector<QLineF>> m_lineBatches;
    QVector<QPointF> m_points;
    QVector<QRectF> m_squares;
    QImage m_edgeLayer; // crowded edges, drawn by LineRaster over the background
    // What the edge layer shows: a pan at the same scale and look scrolls it and draws only
    // the strips uncovered.
    quint64 m_edgeLook = 0, m_layerLook = ~quint64(0);
    double m_layerScale = 0;
    QPointF m_layerOffset;
    QVector<int> m_visibleNodes, m_labelNodes;
    QVector<bool> m_occupied;         // label occupancy grid
    QVector<int> m_labelWidth;        // per node, in pixels (-1: not measured yet)
    QHash<quint32, QImage> m_sprites; // node stamps by look and size, until the palette changes
    QVector<int> m_tabOrder;
};

} // namespace seekbench::widgets
