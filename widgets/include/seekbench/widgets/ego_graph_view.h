#pragma once

#include <QPointF>
#include <QSet>
#include <QString>
#include <QVector>
#include <QWidget>

#include <limits>

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

// The transaction graph around an account. Positions come from a layout computed
// elsewhere (off the GUI thread) in the unit square; the time cutoff hides later
// transfers, and the accounts only they reach, without moving anything. Highlighted
// transfers (the traced chains) are drawn thick.
class EgoGraphView : public QWidget
{
    Q_OBJECT
public:
    explicit EgoGraphView(QWidget *parent = nullptr);

    void setGraph(QVector<EgoGraphNode> nodes, QVector<EgoGraphEdge> edges);
    void setPositions(QVector<QPointF> unitPositions); // one per node; until then a circle
    void setCutoff(double ts);
    double cutoff() const { return m_cutoff; }
    void setHighlighted(const QSet<qint64> &txIds);

    const QVector<EgoGraphNode> &nodes() const { return m_nodes; }
    const QVector<EgoGraphEdge> &edges() const { return m_edges; }
    bool hasLayout() const { return m_positions.size() == m_nodes.size() && !m_nodes.isEmpty(); }
    // Transfers drawn at the current cutoff (tx ids), and accounts drawn.
    QVector<qint64> visibleTransactions() const;
    int visibleNodeCount() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QPointF toWidget(int node) const;

    QVector<EgoGraphNode> m_nodes;
    QVector<EgoGraphEdge> m_edges;
    QVector<QPointF> m_positions;
    QSet<qint64> m_highlighted;
    double m_cutoff = std::numeric_limits<double>::infinity();
};

} // namespace seekbench::widgets
