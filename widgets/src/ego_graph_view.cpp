#include "seekbench/widgets/ego_graph_view.h"

#include <QAction>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {
constexpr double kMinScale = 0.05, kMaxScale = 10, kMaxFitScale = 1.6, kMargin = 16;
constexpr int kNamesInToolTip = 6;
} // namespace

EgoGraphView::EgoGraphView(QWidget *parent) : QWidget(parent), m_fit(new QAction(tr("Fit the graph"), this))
{
    setObjectName(QStringLiteral("egoGraphView"));
    setMinimumSize(240, 200);
    setMouseTracking(true);
    m_fit->setObjectName(QStringLiteral("egoGraphFit"));
    m_fit->setToolTip(tr("Show the whole graph (or double-click it)"));
    addAction(m_fit);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_fit, &QAction::triggered, this, &EgoGraphView::fitToView);
}

void EgoGraphView::setGraph(QVector<EgoGraphNode> nodes, QVector<EgoGraphEdge> edges)
{
    m_nodes = std::move(nodes);
    m_edges = std::move(edges);
    m_layout = {};
    m_hover = -1;
    update();
}

void EgoGraphView::setGraphLayout(plotmath::CaseGraphLayout layout)
{
    m_layout = std::move(layout);
    m_hover = -1;
    fitToView();
}

bool EgoGraphView::hasLayout() const
{
    return m_layout.laidOut && !m_nodes.isEmpty() && qsizetype(m_layout.itemOf.size()) == m_nodes.size();
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

EgoGraphView::Visible EgoGraphView::visibility() const
{
    Visible v;
    v.nodes.fill(false, m_nodes.size());
    v.edges.fill(false, m_edges.size());
    for (int i = 0; i < m_nodes.size(); ++i)
        v.nodes[i] = m_nodes[i].hop == 0;
    for (int i = 0; i < m_edges.size(); ++i) {
        const auto &e = m_edges[i];
        if (e.ts > m_cutoff || e.from < 0 || e.to < 0 || e.from >= m_nodes.size() || e.to >= m_nodes.size())
            continue;
        v.edges[i] = v.nodes[e.from] = v.nodes[e.to] = true;
    }
    v.members.fill(0, qsizetype(m_layout.items.size()));
    if (hasLayout())
        for (int i = 0; i < m_nodes.size(); ++i)
            if (v.nodes[i])
                ++v.members[m_layout.itemOf[std::size_t(i)]];
    return v;
}

int EgoGraphView::visibleNodeCount() const
{
    const Visible v = visibility();
    return int(std::count(v.nodes.begin(), v.nodes.end(), true));
}

void EgoGraphView::zoomAt(QPointF widgetPos, double factor)
{
    const double scale = std::clamp(m_scale * factor, kMinScale, kMaxScale);
    m_offset = widgetPos - (widgetPos - m_offset) * (scale / m_scale);
    m_scale = scale;
    m_fitted = false;
    update();
}

void EgoGraphView::panBy(QPointF delta)
{
    m_offset += delta;
    m_fitted = false;
    update();
}

void EgoGraphView::fitToView()
{
    m_fitted = true;
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin - fontMetrics().height() - 8);
    const double w = std::max(m_layout.width, 1.0), h = std::max(m_layout.height, 1.0);
    m_scale = std::clamp(std::min(area.width() / w, area.height() / h), kMinScale, kMaxFitScale);
    m_offset = area.center() - QPointF(w, h) / 2 * m_scale;
    update();
}

QRectF EgoGraphView::itemRect(int item) const
{
    if (item < 0 || item >= int(m_layout.items.size()))
        return {};
    const auto &b = m_layout.items[std::size_t(item)].box;
    const QSizeF size(std::max(4.0, b.width * m_scale), std::max(4.0, b.height * m_scale));
    const QPointF c = toWidget({b.x, b.y});
    return {c - QPointF(size.width(), size.height()) / 2, size};
}

bool EgoGraphView::itemVisible(int item) const
{
    const Visible v = visibility();
    return item >= 0 && item < v.members.size() && v.members[item] > 0;
}

int EgoGraphView::itemAt(QPointF widgetPos) const
{
    if (!hasLayout())
        return -1;
    const Visible v = visibility();
    for (int i = int(m_layout.items.size()) - 1; i >= 0; --i)
        if (v.members[i] > 0 && itemRect(i).adjusted(-2, -2, 2, 2).contains(widgetPos))
            return i;
    return -1;
}

QString EgoGraphView::groupTitle(const plotmath::CaseGraphGroup &group, int shown) const
{
    switch (group.side) {
    case plotmath::CaseGroupSide::Sending:
        return (group.flagged ? tr("Flagged senders: %1") : tr("Senders: %1")).arg(shown);
    case plotmath::CaseGroupSide::Receiving:
        return (group.flagged ? tr("Flagged receivers: %1") : tr("Receivers: %1")).arg(shown);
    case plotmath::CaseGroupSide::Both: break;
    }
    return (group.flagged ? tr("Flagged, both ways: %1") : tr("Both ways: %1")).arg(shown);
}

QString EgoGraphView::groupSide(const plotmath::CaseGraphGroup &group) const { return tr("hop %1").arg(group.hop); }

QString EgoGraphView::toolTipAt(QPointF widgetPos) const { return itemToolTip(itemAt(widgetPos)); }

QString EgoGraphView::itemToolTip(int item) const
{
    if (!hasLayout() || item < 0 || item >= int(m_layout.items.size()))
        return {};
    const Visible v = visibility();
    const auto &it = m_layout.items[std::size_t(item)];
    const QLocale locale;
    auto money = [&](double amount) { return locale.toString(amount, 'f', 2); };
    QStringList lines;
    int sent = 0, received = 0, inner = 0;
    double sentAmount = 0, receivedAmount = 0;
    bool onChain = false;
    for (int i = 0; i < m_edges.size(); ++i) {
        if (!v.edges[i])
            continue;
        const auto &e = m_edges[i];
        const bool from = m_layout.itemOf[std::size_t(e.from)] == item, to = m_layout.itemOf[std::size_t(e.to)] == item;
        if (from && to) {
            ++inner;
            continue;
        }
        onChain = onChain || ((from || to) && m_highlighted.contains(e.txId));
        if (from) {
            ++sent;
            sentAmount += e.amount;
        } else if (to) {
            ++received;
            receivedAmount += e.amount;
        }
    }
    if (it.node >= 0) {
        const EgoGraphNode &n = m_nodes[it.node];
        lines << n.name;
        lines << (n.hop == 0 ? tr("The case's account") : tr("Hops from the case's account: %1").arg(n.hop));
        if (n.flagged)
            lines << tr("Flagged: labelled as laundering");
        if (onChain)
            lines << tr("On a traced chain");
    } else {
        const auto &g = m_layout.groups[std::size_t(it.group)];
        const int total = int(g.members.size()), shown = v.members[item];
        lines << groupTitle(g, shown) + QStringLiteral(", ") + groupSide(g);
        if (shown < total)
            lines << tr("%1 of %2 have transfers up to this time").arg(shown).arg(total);
        switch (g.side) {
        case plotmath::CaseGroupSide::Sending:
            lines << tr("They send money to accounts nearer the case's account.");
            break;
        case plotmath::CaseGroupSide::Receiving:
            lines << tr("They receive money from accounts nearer the case's account.");
            break;
        case plotmath::CaseGroupSide::Both:
            lines << tr("They send to and receive from accounts nearer the case's account.");
            break;
        }
        if (inner > 0)
            lines << tr("Transfers among themselves: %1").arg(inner);
        QStringList names;
        for (const int m : g.members)
            if (v.nodes[m] && names.size() < kNamesInToolTip)
                names << m_nodes[m].name;
        QString list = tr("Accounts: %1").arg(names.join(QStringLiteral(", ")));
        if (shown > names.size())
            list += tr(" and %1 more").arg(shown - int(names.size()));
        lines << list;
    }
    lines << tr("Transfers sent: %1 (%2 in total)").arg(sent).arg(money(sentAmount));
    lines << tr("Transfers received: %1 (%2 in total)").arg(received).arg(money(receivedAmount));
    return lines.join(QLatin1Char('\n'));
}

bool EgoGraphView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void EgoGraphView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitted)
        fitToView();
}

void EgoGraphView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAt(event->position(), std::pow(1.2, steps));
    event->accept();
}

void EgoGraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
    }
    QWidget::mousePressEvent(event);
}

void EgoGraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        panBy(event->position() - m_dragFrom);
        m_dragFrom = event->position();
        return;
    }
    const int hover = itemAt(event->position());
    if (hover != m_hover) {
        m_hover = hover;
        update();
    }
}

void EgoGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        unsetCursor();
    }
    QWidget::mouseReleaseEvent(event);
}

void EgoGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        fitToView();
}

} // namespace seekbench::widgets
