#pragma once

#include "seekbench/plotmath/case_graph_layout.h"

#include <QPointF>
#include <QRectF>
#include <QSet>
#include <QString>
#include <QVector>
#include <QWidget>

#include <limits>

class QAction;

namespace seekbench::widgets {

struct EgoGraphNode
{
    qint64 id = 0;
    QString name;
    int hop = 0;          // 0: the case's account
    bool flagged = false; // labelled laundering
};

struct EgoGraphEdge
{
    qint64 txId = 0;
    int from = 0, to = 0; // node indices
    double ts = 0, amount = 0;
};

// The transaction graph around an account, as laid out off the GUI thread by
// plotmath::layoutCaseGraph: the case's account and the traced chains as single nodes in
// layers along the money's flow, everyone else in counted groups. The chains are drawn
// thick and coloured, the rest faint; labels only where they fit without overlapping.
// Wheel zooms about the cursor, drag pans, double-click (or the Fit action) shows it all;
// hovering a node tells what it is. The time cutoff hides later transfers, and the
// accounts only they reach, without moving anything.
class EgoGraphView : public QWidget
{
    Q_OBJECT
public:
    explicit EgoGraphView(QWidget *parent = nullptr);

    // `layout` was computed from these nodes and edges, in this order.
    void setGraph(QVector<EgoGraphNode> nodes, QVector<EgoGraphEdge> edges);
    void setGraphLayout(plotmath::CaseGraphLayout layout);
    void setCutoff(double ts);
    double cutoff() const { return m_cutoff; }
    void setHighlighted(const QSet<qint64> &txIds);

    const QVector<EgoGraphNode> &nodes() const { return m_nodes; }
    const QVector<EgoGraphEdge> &edges() const { return m_edges; }
    const plotmath::CaseGraphLayout &graphLayout() const { return m_layout; }
    bool hasLayout() const;
    // Transfers drawn at the current cutoff (tx ids), and accounts drawn.
    QVector<qint64> visibleTransactions() const;
    int visibleNodeCount() const;

    // The view: widget = layout point * scale + offset.
    double scale() const { return m_scale; }
    QPointF offset() const { return m_offset; }
    QPointF toWidget(QPointF layoutPoint) const { return layoutPoint * m_scale + m_offset; }
    QPointF toLayout(QPointF widgetPoint) const { return (widgetPoint - m_offset) / m_scale; }
    void zoomAt(QPointF widgetPos, double factor); // the point under the cursor stays put
    void panBy(QPointF delta);
    void fitToView();
    QAction *fitAction() const { return m_fit; }

    int itemAt(QPointF widgetPos) const; // a layout item, or -1
    QRectF itemRect(int item) const;     // in widget coordinates
    bool itemVisible(int item) const;    // at the cutoff
    QString toolTipAt(QPointF widgetPos) const;
    QString itemToolTip(int item) const;
    // Where the last paint put labels (widget coordinates), in the order drawn.
    const QVector<QRectF> &drawnLabelRects() const { return m_labelRects; }

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    struct Visible
    {
        QVector<bool> nodes, edges;
        QVector<int> members; // per item: accounts shown (1 or 0 for an account)
    };
    Visible visibility() const;
    QString groupTitle(const plotmath::CaseGraphGroup &group, int shown) const;
    QString groupSide(const plotmath::CaseGraphGroup &group) const;
    void paintLinks(QPainter &p, const Visible &v) const;
    void paintItems(QPainter &p, const Visible &v);
    void paintLegend(QPainter &p) const;
    bool placeLabel(QPainter &p, const QRectF &box, const QStringList &lines, bool mayMoveOut, const QColor &color);

    QVector<EgoGraphNode> m_nodes;
    QVector<EgoGraphEdge> m_edges;
    plotmath::CaseGraphLayout m_layout;
    QSet<qint64> m_highlighted;
    double m_cutoff = std::numeric_limits<double>::infinity();
    double m_scale = 1;
    QPointF m_offset;
    bool m_fitted = true; // follows resizes until the user zooms or pans
    QPointF m_dragFrom;
    bool m_dragging = false;
    int m_hover = -1;
    QAction *m_fit;
    QVector<QRectF> m_labelRects, m_boxRects;
};

} // namespace seekbench::widgets
