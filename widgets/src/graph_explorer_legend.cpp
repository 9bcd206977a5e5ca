// GraphExplorerView's legend (node and relation types, in a corner) and the naive drawing
// the benchmark measures the real one against.
#include "seekbench/widgets/graph_explorer_view.h"

#include <QPainter>

#include <algorithm>

namespace seekbench::widgets {

namespace {
constexpr double kSwatch = 18, kPad = 6;
} // namespace

GraphExplorerView::Legend GraphExplorerView::legend() const
{
    const QFontMetricsF fm(font());
    Legend l;
    l.line = fm.height() + 2;
    for (int t = 0; t < 5; ++t)
        l.left << nodeTypeName(t);
    l.left << tr("Candidate (not in the ontology)");
    for (int t = m_hasUntyped ? 0 : 1; t < 6; ++t)
        l.right << relationName(t);
    l.right << tr("Contradicted");
    auto columnWidth = [&](const QStringList &texts) {
        double w = 0;
        for (const QString &s : texts)
            w = std::max(w, fm.horizontalAdvance(s));
        return w + kSwatch + 6;
    };
    l.leftWidth = columnWidth(l.left);
    const double rw = columnWidth(l.right);
    l.box = QRectF(8, 8, l.leftWidth + rw + 3 * kPad + 8, std::max(l.left.size(), l.right.size()) * l.line + 2 * kPad);
    if (l.box.width() > width() - 16 || l.box.height() > height() / 2.0)
        l.box = {}; // too small a view: the graph comes first
    return l;
}

QRectF GraphExplorerView::legendRect() const { return m_nodes.isEmpty() || m_naive ? QRectF() : legend().box; }

void GraphExplorerView::paintLegend(QPainter &p) const
{
    const Legend l = legend();
    if (l.box.isEmpty())
        return;
    const QFontMetricsF fm(font());
    const QRectF &box = l.box;
    const QStringList &left = l.left, &right = l.right;
    const double line = l.line, lw = l.leftWidth, swatch = kSwatch, pad = kPad;
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(225);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(back);
    p.drawRoundedRect(box, 4, 4);
    const QColor text = palette().color(QPalette::Text);
    for (int k = 0; k < left.size(); ++k) {
        const double y = box.top() + pad + k * line, mid = y + line / 2;
        const QPointF centre(box.left() + pad + swatch / 2, mid);
        if (k < 5) {
            p.setPen(Qt::NoPen);
            p.setBrush(nodeColor(k));
        } else {
            p.setPen(QPen(text, 1.5));
            p.setBrush(palette().base());
        }
        p.drawEllipse(centre, 4.5, 4.5);
        p.setPen(text);
        p.drawText(QPointF(box.left() + pad + swatch + 4, y + fm.ascent() + 1), left[k]);
    }
    const double x = box.left() + 2 * pad + lw;
    for (int k = 0; k < right.size(); ++k) {
        const double y = box.top() + pad + k * line, mid = y + line / 2;
        const bool contradicted = k == right.size() - 1;
        const int type = contradicted ? 0 : k + (m_hasUntyped ? 0 : 1);
        p.setPen(contradicted ? QPen(contradictionColor(), 2, Qt::DashLine) : QPen(relationColor(type), 2.5));
        p.drawLine(QPointF(x, mid), QPointF(x + swatch, mid));
        p.setPen(text);
        p.drawText(QPointF(x + swatch + 4, y + fm.ascent() + 1), right[k]);
    }
}

void GraphExplorerView::paintNaive(QPainter &p) const
{
    p.setRenderHint(QPainter::Antialiasing, true);
    for (const auto &e : m_edges) {
        if (e.from < 0 || e.to < 0 || e.from >= m_nodes.size() || e.to >= m_nodes.size())
            continue;
        QColor c = e.contradicted ? contradictionColor() : relationColor(e.type);
        c.setAlphaF(std::clamp(e.confidence, 0.1, 1.0));
        p.setPen(QPen(c, 1));
        p.drawLine(toWidget(m_nodes[e.from].pos), toWidget(m_nodes[e.to].pos));
    }
    const QColor outline = palette().color(QPalette::Text);
    for (int i = 0; i < m_nodes.size(); ++i) {
        p.setPen(QPen(outline, 0.8));
        p.setBrush(nodeColor(m_nodes[i].type));
        p.drawEllipse(toWidget(m_nodes[i].pos), 3, 3);
    }
}

} // namespace seekbench::widgets
