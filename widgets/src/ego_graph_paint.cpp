// EgoGraphView's drawing: links, boxes, the labels that fit, and the legend.
#include "seekbench/widgets/ego_graph_view.h"
#include "seekbench/widgets/run_palette.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {

// Hues from the colour-blind-safe run palette (Tol "bright"); everything else is the palette's.
QColor chainColor() { return runColor(1); }   // red
QColor flaggedColor() { return runColor(5); } // purple

// Where the line from the centre of `r` towards `towards` leaves `r`.
QPointF border(const QRectF &r, QPointF towards)
{
    const QPointF c = r.center(), d = towards - c;
    const double tx = d.x() != 0 ? r.width() / 2 / std::abs(d.x()) : 1e9,
                 ty = d.y() != 0 ? r.height() / 2 / std::abs(d.y()) : 1e9;
    return c + d * std::min({tx, ty, 1.0});
}

QPainterPath routePath(const std::vector<plotmath::LayoutPoint> &route, const EgoGraphView &view, const QRectF &a,
                       const QRectF &b)
{
    QPainterPath path;
    const QPointF from = a.center(), to = b.center();
    if (route.size() < 4 || (route.size() - 1) % 3 != 0) { // not routed: straight, box edge to box edge
        path.moveTo(border(a, to));
        path.lineTo(border(b, from));
        return path;
    }
    QVector<QPointF> pts;
    for (const auto &p : route)
        pts.push_back(view.toWidget({p.x, p.y}));
    // Graphviz may hand a route back from head to tail: draw it from the sender.
    if (QLineF(pts.front(), to).length() < QLineF(pts.front(), from).length())
        std::reverse(pts.begin(), pts.end());
    path.moveTo(pts.front());
    for (int i = 1; i + 2 < pts.size(); i += 3)
        path.cubicTo(pts[i], pts[i + 1], pts[i + 2]);
    return path;
}

void arrowHead(QPainter &p, const QPainterPath &path, double size, const QColor &color)
{
    const QPointF tip = path.pointAtPercent(1);
    const double len = path.length();
    if (len < size * 2)
        return;
    const QPointF back = path.pointAtPercent(std::max(0.0, 1 - size / len));
    QPointF d = tip - back;
    const double n = std::hypot(d.x(), d.y());
    if (n <= 0)
        return;
    d /= n;
    const QPointF normal(-d.y(), d.x());
    QPainterPath head(tip);
    head.lineTo(tip - d * size + normal * size * 0.5);
    head.lineTo(tip - d * size - normal * size * 0.5);
    head.closeSubpath();
    p.fillPath(head, color);
}

} // namespace

void EgoGraphView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setRenderHint(QPainter::Antialiasing);
    m_labelRects.clear();
    m_boxRects.clear();
    if (!hasLayout()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter,
                   m_nodes.isEmpty() ? tr("No transfers to show") : tr("Laying out the graph…"));
        return;
    }
    const Visible v = visibility();
    paintItems(p, v); // boxes, then the links ending at their edges, then the labels on top
    paintLegend(p);
}

void EgoGraphView::paintLinks(QPainter &p, const Visible &v) const
{
    QColor faint = palette().color(QPalette::Text);
    faint.setAlpha(70);
    QColor hovered = faint;
    hovered.setAlpha(190);
    // Ordinary links first, the traced chains on top.
    for (const bool chainPass : {false, true})
        for (const auto &link : m_layout.links) {
            int shown = 0;
            bool chain = false;
            for (const int e : link.edges)
                if (v.edges[e]) {
                    ++shown;
                    chain = chain || m_highlighted.contains(m_edges[e].txId);
                }
            if (shown == 0 || chain != chainPass || v.members[link.from] == 0 || v.members[link.to] == 0)
                continue;
            const QRectF a = itemRect(link.from), b = itemRect(link.to);
            const bool hover = link.from == m_hover || link.to == m_hover;
            if (link.context() && !hover)
                continue; // shown while one of its ends is under the mouse
            const QPainterPath path = routePath(link.route, *this, a, b);
            const QColor color = chain ? chainColor() : hover ? hovered : faint;
            const double width = chain ? 3.5 : 1 + std::min(2.5, std::log10(double(shown)) * 1.2);
            p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            arrowHead(p, path, chain ? 11 : 7 + width, color);
        }
}

void EgoGraphView::paintItems(QPainter &p, const Visible &v)
{
    const QPalette &pal = palette();
    QSet<int> chainNodes;
    for (int i = 0; i < m_edges.size(); ++i)
        if (v.edges[i] && m_highlighted.contains(m_edges[i].txId))
            chainNodes << m_edges[i].from << m_edges[i].to;
    const int n = int(m_layout.items.size());
    QVector<int> order; // drawn groups first, the case's account last (on top)
    for (int i = n - 1; i >= 0; --i)
        if (v.members[i] > 0)
            order.push_back(i);
    for (const int i : order) {
        const auto &item = m_layout.items[std::size_t(i)];
        const QRectF r = itemRect(i);
        m_boxRects.push_back(r);
        const double radius = std::min(r.height() / 2, 6.0);
        const bool flagged = item.node >= 0 ? m_nodes[item.node].flagged
                                            : m_layout.groups[std::size_t(item.group)].flagged;
        const double extra = i == m_hover ? 1 : 0;
        QPen pen(pal.color(QPalette::Mid), 1 + extra);
        QBrush fill = pal.button();
        // The outline says the most important thing: the case's account, a chain, flagged.
        if (i == 0) {
            fill = pal.highlight();
            pen = QPen(pal.color(QPalette::Text), 2.5 + extra);
        } else if (item.node >= 0 && chainNodes.contains(item.node)) {
            pen = QPen(chainColor(), 2.5 + extra);
        } else if (flagged) {
            pen = QPen(flaggedColor(), 2.5 + extra);
        }
        if (item.group >= 0) {
            pen.setStyle(Qt::DashLine);
            // A group reads as a stack of cards.
            p.setPen(QPen(pal.color(QPalette::Mid), 1));
            p.setBrush(pal.button());
            p.drawRoundedRect(r.translated(3, -3), radius, radius);
        }
        p.setPen(pen);
        p.setBrush(fill);
        p.drawRoundedRect(r, radius, radius);
        if (flagged && r.height() >= 8) { // a corner mark, so flagged is not told by hue alone
            const double s = std::min(12.0, r.height() / 2);
            QPainterPath mark(r.topRight());
            mark.lineTo(r.topRight() + QPointF(-s, 0));
            mark.lineTo(r.topRight() + QPointF(0, s));
            mark.closeSubpath();
            p.fillPath(mark, flaggedColor());
        }
    }
    paintLinks(p, v);
    // Text grows and shrinks with the zoom, within limits; what then does not fit is left out.
    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * std::clamp(m_scale, 0.8, 1.4));
    p.setFont(labelFont);
    // Labels by importance: the case's account, the chains, other accounts, then groups.
    QVector<int> byRank;
    for (int pass = 0; pass < 4; ++pass)
        for (int i = 0; i < n; ++i) {
            if (v.members[i] == 0)
                continue;
            const auto &item = m_layout.items[std::size_t(i)];
            const int rank = i == 0 ? 0 : item.node >= 0 && chainNodes.contains(item.node) ? 1 : item.node >= 0 ? 2 : 3;
            if (rank == pass)
                byRank.push_back(i);
        }
    for (const int i : byRank) {
        const auto &item = m_layout.items[std::size_t(i)];
        const QRectF r = itemRect(i);
        if (item.node >= 0) {
            const QColor color = i == 0 ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
            placeLabel(p, r, {m_nodes[item.node].name}, true, color);
        } else {
            const auto &g = m_layout.groups[std::size_t(item.group)];
            const int shown = v.members[i];
            if (!placeLabel(p, r, {groupTitle(g, shown), groupSide(g)}, false, pal.color(QPalette::Text)))
                placeLabel(p, r, {QString::number(shown)}, false, pal.color(QPalette::Text));
        }
    }
    p.setFont(font());
}

// Draws `lines` inside the visible part of `box` or, when they do not fit there and
// `mayMoveOut`, just below or above it; never over a label already drawn, nor outside the box
// over another box.
bool EgoGraphView::placeLabel(QPainter &p, const QRectF &box, const QStringList &lines, bool mayMoveOut,
                              const QColor &color)
{
    const QFontMetricsF fm(p.font());
    double w = 0;
    for (const QString &line : lines)
        w = std::max(w, fm.horizontalAdvance(line));
    const QSizeF size(w + 4, fm.height() * lines.size());
    const QRectF area = QRectF(rect()).adjusted(0, 0, 0, -QFontMetricsF(font()).height() - 10); // above the legend
    auto clear = [&](const QRectF &r, bool checkBoxes) {
        if (!area.contains(r))
            return false;
        for (const QRectF &l : std::as_const(m_labelRects))
            if (l.intersects(r))
                return false;
        if (checkBoxes)
            for (const QRectF &b : std::as_const(m_boxRects))
                if (b != box && b.intersects(r))
                    return false;
        return true;
    };
    const QRectF seen = box.intersected(area);
    QRectF r(seen.center() - QPointF(size.width(), size.height()) / 2, size);
    QColor pen = color;
    if (!(size.width() <= seen.width() - 4 && size.height() <= seen.height() + 1 && clear(r, false))) {
        if (!mayMoveOut)
            return false;
        pen = palette().color(QPalette::Text);
        r.moveCenter({box.center().x(), r.center().y()});
        const QRectF below = r.translated(0, box.bottom() + 2 - r.top()),
                     above = r.translated(0, box.top() - 2 - r.bottom());
        if (clear(below, true))
            r = below;
        else if (clear(above, true))
            r = above;
        else if (m_labelRects.isEmpty() && clear(below, false)) // the case's account is always named
            r = below;
        else
            return false;
    }
    p.setPen(pen);
    p.drawText(r, Qt::AlignCenter, lines.join(QLatin1Char('\n')));
    m_labelRects.push_back(r);
    return true;
}

void EgoGraphView::paintLegend(QPainter &p) const
{
    const QFontMetricsF fm(font());
    const double h = fm.height(), y = height() - h - 6;
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(220);
    p.fillRect(QRectF(0, y - 4, width(), h + 10), back);
    double x = 8;
    const QString hint = tr("Wheel: zoom · drag: pan · double-click: fit");
    const double hw = fm.horizontalAdvance(hint);
    bool room = true; // an entry that does not fit ends the legend
    auto fits = [&](const QString &s) {
        room = room && x + 28 + fm.horizontalAdvance(s) < width() - 8;
        return room;
    };
    auto text = [&](const QString &s) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QPointF(x, y + fm.ascent()), s);
        x += fm.horizontalAdvance(s) + 14;
    };
    const double mid = y + h / 2;
    if (fits(tr("traced chain"))) {
        p.setPen(QPen(chainColor(), 3.5, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(x, mid), QPointF(x + 22, mid));
        x += 28;
        text(tr("traced chain"));
    }
    auto swatch = [&](const QPen &pen, const QBrush &brush, bool flagged = false) {
        p.setPen(pen);
        p.setBrush(brush);
        const QRectF r(x, y + 2, 18, h - 4);
        p.drawRoundedRect(r, 3, 3);
        if (flagged) {
            QPainterPath mark(r.topRight());
            mark.lineTo(r.topRight() + QPointF(-7, 0));
            mark.lineTo(r.topRight() + QPointF(0, 7));
            mark.closeSubpath();
            p.fillPath(mark, flaggedColor());
        }
        x += 24;
    };
    if (fits(tr("this account"))) {
        swatch(QPen(palette().color(QPalette::Text), 2), palette().highlight());
        text(tr("this account"));
    }
    if (fits(tr("flagged"))) {
        swatch(QPen(flaggedColor(), 2), palette().button(), true);
        text(tr("flagged"));
    }
    if (fits(tr("group of accounts"))) {
        swatch(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine), palette().button());
        text(tr("group of accounts"));
    }
    if (room && x + hw + 8 < width()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QPointF(width() - hw - 8, y + fm.ascent()), hint);
    }
}

} // namespace seekbench::widgets
