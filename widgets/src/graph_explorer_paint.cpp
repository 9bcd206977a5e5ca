// GraphExplorerView's drawing: culled and batched edges, nodes with a level of detail,
// labels within a budget and never overlapping, and the legend.
#include "seekbench/widgets/graph_explorer_view.h"

#include "graph_explorer_index.h"
#include "line_raster.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace seekbench::widgets {

namespace {
// Edge batches: per relation type and confidence band, then the contradicted and the
// highlighted ones (drawn last, on top).
constexpr int kRelationTypes = 6, kBands = 3;
constexpr int kContradictedBatch = kRelationTypes * kBands, kHighlightBatch = kContradictedBatch + 1,
              kBatches = kHighlightBatch + 1;
constexpr int kLabelBudget = 120, kLabelTries = 800, kOccupancyCell = 8, kLabelWidth = 180;
constexpr double kDetailRadius = 3.5;    // below this radius (pixels) nodes are plain squares
constexpr qsizetype kSmoothLines = 4000; // at most this many edges on screen are drawn by QPainter

// Edge opacity per confidence band when crowded: faint, so nodes and highlights stand out.
constexpr int kCrowdedAlpha[kBands] = {20, 40, 70};

int band(double confidence) { return confidence < 0.5 ? 0 : confidence < 0.8 ? 1 : 2; }

// Moves the image's pixels by (dx, dy); what is uncovered keeps stale pixels.
void scrollImage(QImage &image, int dx, int dy)
{
    const int w = image.width(), h = image.height(), cols = w - std::abs(dx);
    const int from = std::max(-dx, 0), to = std::max(dx, 0);
    auto move = [&](int y) {
        std::memmove(reinterpret_cast<QRgb *>(image.scanLine(y)) + to,
                     reinterpret_cast<const QRgb *>(image.constScanLine(y - dy)) + from,
                     std::size_t(cols) * sizeof(QRgb));
    };
    if (dy > 0)
        for (int y = h - 1; y >= dy; --y)
            move(y);
    else
        for (int y = 0; y < h + dy; ++y)
            move(y);
}
} // namespace

void GraphExplorerView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (m_nodes.isEmpty() || m_naive)
        p.fillRect(rect(), palette().base()); // else paintEdges lays the background
    if (m_nodes.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No graph to show"));
        return;
    }
    if (m_naive) {
        paintNaive(p);
        return;
    }
    const double reach = 20 / m_scale; // nodes and labels just outside still show their part
    const QRectF layoutView = QRectF(toLayout(QPointF(0, 0)), toLayout(QPointF(width(), height())))
                                  .normalized()
                                  .adjusted(-reach, -reach, reach, reach);
    paintEdges(p, layoutView);
    paintNodes(p, layoutView);
    paintLabels(p, layoutView);
    paintLegend(p);
}

void GraphExplorerView::paintEdges(QPainter &p, const QRectF &view)
{
    m_lineBatches.resize(kBatches);
    for (auto &batch : m_lineBatches)
        batch.clear(); // keeps its capacity
    const bool hasMask = !m_edgeMask.isEmpty() || !m_nodeMask.isEmpty();
    for (int i = 0; i < m_edges.size(); ++i) {
        const auto &e = m_edges[i];
        if (e.from < 0 || e.to < 0 || e.from >= m_nodes.size() || e.to >= m_nodes.size())
            continue;
        const QPointF a = m_nodes[e.from].pos, b = m_nodes[e.to].pos;
        if (!std::isfinite(a.x() + a.y() + b.x() + b.y())) // an end without a position
            continue;
        if (std::max(a.x(), b.x()) < view.left() || std::min(a.x(), b.x()) > view.right()
            || std::max(a.y(), b.y()) < view.top() || std::min(a.y(), b.y()) > view.bottom())
            continue;
        if (hasMask && !edgeShown(i))
            continue;
        const int batch = e.highlighted || i == m_selectedEdge ? kHighlightBatch
                          : e.contradicted                     ? kContradictedBatch
                                                               : std::clamp(e.type, 0, 5) * kBands + band(e.confidence);
        m_lineBatches[batch].push_back(QLineF(toWidget(a), toWidget(b)));
    }
    // Many lines on screen: thin and faint, drawn by LineRaster straight into an image (the
    // raster engine hands every steep line's spans to its thread pool, which at 50,000
    // edges costs far more than drawing them); fewer: QPainter, wider and smooth.
    qsizetype drawn = 0;
    for (int b = 0; b < kContradictedBatch; ++b)
        drawn += m_lineBatches[b].size();
    const bool crowded = drawn > kSmoothLines;
    const double width = std::clamp(baseRadius() / 4, 0.6, 2.0);
    static constexpr int bandAlpha[kBands] = {70, 130, 210}; // by confidence
    if (crowded) {
        const qreal dpr = devicePixelRatioF();
        const QSize pixels = (QSizeF(size()) * dpr).toSize();
        const QPointF shift = (m_offset - m_layerOffset) * dpr;
        const int dx = int(std::lround(shift.x())), dy = int(std::lround(shift.y()));
        const bool scroll = m_layerLook == m_edgeLook && m_layerScale == m_scale && m_edgeLayer.size() == pixels
                            && m_edgeLayer.devicePixelRatio() == dpr && std::abs(shift.x() - dx) < 1e-6
                            && std::abs(shift.y() - dy) < 1e-6 && std::abs(dx) < pixels.width() / 2
                            && std::abs(dy) < pixels.height() / 2;
        if (!scroll) {
            if (m_edgeLayer.size() != pixels || m_edgeLayer.devicePixelRatio() != dpr) {
                m_edgeLayer = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
                m_edgeLayer.setDevicePixelRatio(dpr);
            }
            rasterEdges(m_edgeLayer.rect());
        } else if (dx != 0 || dy != 0) {
            scrollImage(m_edgeLayer, dx, dy);
            // The strip of columns uncovered (all rows), then the band of rows (other columns):
            // a line's pixels do not depend on the clip, so this is the picture drawn whole.
            const int w = pixels.width(), h = pixels.height();
            if (dx != 0)
                rasterEdges(dx > 0 ? QRect(0, 0, dx, h) : QRect(w + dx, 0, -dx, h));
            if (dy != 0) {
                const int left = std::max(dx, 0), right = w + std::min(dx, 0);
                rasterEdges(dy > 0 ? QRect(left, 0, right - left, dy) : QRect(left, h + dy, right - left, -dy));
            }
        }
        m_layerLook = m_edgeLook;
        m_layerScale = m_scale;
        m_layerOffset = m_offset;
        p.save();
        p.setCompositionMode(QPainter::CompositionMode_Source); // opaque: a copy, not a blend
        p.drawImage(QPointF(0, 0), m_edgeLayer);
        p.restore();
    } else {
        p.fillRect(rect(), palette().base());
        p.setRenderHint(QPainter::Antialiasing, true);
        for (int b = 0; b < kContradictedBatch; ++b) {
            const auto &lines = m_lineBatches[b];
            if (lines.isEmpty())
                continue;
            QColor c = relationColor(b / kBands);
            c.setAlpha(bandAlpha[b % kBands]);
            p.setPen(QPen(c, width * (0.7 + 0.3 * (b % kBands))));
            p.drawLines(lines.constData(), int(lines.size()));
        }
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    const auto &contradicted = m_lineBatches[kContradictedBatch];
    if (!contradicted.isEmpty()) {
        QPen pen(contradictionColor(), std::max(1.2, width * 1.5), Qt::DashLine);
        p.setPen(pen);
        p.drawLines(contradicted.constData(), int(contradicted.size()));
        // A cross at the middle, so a contradiction is not told by colour alone.
        p.setPen(QPen(contradictionColor(), 1.5));
        for (const QLineF &l : contradicted)
            if (l.length() > 14) {
                const QPointF m = l.center();
                p.drawLine(m + QPointF(-3, -3), m + QPointF(3, 3));
                p.drawLine(m + QPointF(-3, 3), m + QPointF(3, -3));
            }
    }
    const auto &highlighted = m_lineBatches[kHighlightBatch];
    if (!highlighted.isEmpty()) {
        p.setPen(QPen(highlightColor(), 3, Qt::SolidLine, Qt::RoundCap));
        p.drawLines(highlighted.constData(), int(highlighted.size()));
    }
}

void GraphExplorerView::rasterEdges(const QRect &clip)
{
    const QRgb base = palette().color(QPalette::Base).rgba();
    for (int y = clip.top(); y <= clip.bottom(); ++y)
        std::fill_n(reinterpret_cast<QRgb *>(m_edgeLayer.scanLine(y)) + clip.left(), clip.width(), base);
    LineRaster raster(m_edgeLayer, clip.left(), clip.right() + 1, clip.top(), clip.bottom() + 1);
    const QRectF area = QRectF(clip.topLeft() / m_edgeLayer.devicePixelRatio(),
                               clip.size() / m_edgeLayer.devicePixelRatio())
                            .adjusted(-1, -1, 1, 1);
    for (int b = 0; b < kContradictedBatch; ++b) {
        QColor c = relationColor(b / kBands);
        c.setAlpha(kCrowdedAlpha[b % kBands]);
        const LineColour colour(c);
        raster.setColour(&colour);
        for (const QLineF &l : std::as_const(m_lineBatches[b]))
            if (std::max(l.x1(), l.x2()) >= area.left() && std::min(l.x1(), l.x2()) <= area.right()
                && std::max(l.y1(), l.y2()) >= area.top() && std::min(l.y1(), l.y2()) <= area.bottom())
                raster.drawLine(l.p1(), l.p2());
    }
}

void GraphExplorerView::paintNodes(QPainter &p, const QRectF &view)
{
    m_visibleNodes.clear();
    m_index->forEachNear(view, [&](int i) {
        if (view.contains(m_nodes[i].pos) && nodeShown(i))
            m_visibleNodes.push_back(i);
    });
    const double base = baseRadius();
    const QColor outline = palette().color(QPalette::Text);
    if (base < kDetailRadius) {
        // Far out: squares without outlines, batched per type (dimmed ones faint).
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(Qt::NoPen);
        for (int t = 0; t < 5; ++t)
            for (const bool faint : {true, false}) {
                m_squares.clear();
                for (const int i : std::as_const(m_visibleNodes)) {
                    const auto &n = m_nodes[i];
                    if (std::clamp(n.type, 0, 4) != t || n.dimmed != faint || n.highlighted || i == m_selectedNode)
                        continue;
                    const double r = nodeRadius(i);
                    const QPointF c = toWidget(n.pos);
                    m_squares.push_back(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r));
                }
                if (m_squares.isEmpty())
                    continue;
                QColor c = nodeColor(t);
                c.setAlpha(faint ? 60 : 255);
                p.setBrush(c);
                p.drawRects(m_squares.constData(), int(m_squares.size()));
            }
        p.setRenderHint(QPainter::Antialiasing, true);
    }
    // Near, and always for the highlighted and the selected: discs with outlines.
    for (const int i : std::as_const(m_visibleNodes)) {
        const auto &n = m_nodes[i];
        const bool special = n.highlighted || i == m_selectedNode || i == m_hover;
        if (base < kDetailRadius && !special)
            continue;
        const double r = nodeRadius(i) + (special && base < kDetailRadius ? 2 : 0);
        const QPointF c = toWidget(n.pos);
        if (!special) { // the common case: a stamp drawn once per look and size
            const QImage &sprite = nodeSprite(n.type, r, n.candidate, n.dimmed);
            const double half = sprite.width() / sprite.devicePixelRatio() / 2;
            p.drawImage(QPointF(c.x() - half, c.y() - half), sprite);
            continue;
        }
        if (n.highlighted || i == m_selectedNode) { // a ring around it
            p.setPen(Qt::NoPen);
            p.setBrush(i == m_selectedNode ? outline : highlightColor());
            p.drawEllipse(c, r + 3, r + 3);
        }
        drawDisc(p, c, r, n.type, n.candidate, n.dimmed);
    }
}

void GraphExplorerView::drawDisc(QPainter &p, QPointF centre, double r, int type, bool candidate, bool dimmed) const
{
    QColor fill = nodeColor(type);
    if (dimmed)
        fill.setAlpha(60);
    if (candidate) { // hollow: not (yet) an ontology concept
        p.setPen(QPen(fill, std::max(1.5, r / 3)));
        p.setBrush(palette().base());
    } else {
        QColor edge = palette().color(QPalette::Text);
        edge.setAlpha(dimmed ? 40 : 140);
        p.setPen(QPen(edge, 0.8));
        p.setBrush(fill);
    }
    p.drawEllipse(centre, r, r);
}

const QImage &GraphExplorerView::nodeSprite(int type, double radius, bool candidate, bool dimmed)
{
    const int halfPixels = std::clamp(int(std::lround(radius * 2)), 1, 64); // radius in half pixels
    const quint32 key = quint32(std::clamp(type, 0, 4)) | (candidate ? 8u : 0u) | (dimmed ? 16u : 0u)
                        | quint32(halfPixels) << 5;
    auto it = m_sprites.find(key);
    if (it != m_sprites.end())
        return *it;
    const double r = halfPixels / 2.0, dpr = devicePixelRatioF();
    const int side = int(std::ceil((2 * r + 4) * dpr));
    QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
    sprite.setDevicePixelRatio(dpr);
    sprite.fill(Qt::transparent);
    QPainter p(&sprite);
    p.setRenderHint(QPainter::Antialiasing);
    drawDisc(p, QPointF(side / dpr / 2, side / dpr / 2), r, type, candidate, dimmed);
    p.end();
    return *m_sprites.insert(key, sprite);
}

void GraphExplorerView::paintLabels(QPainter &p, const QRectF &view)
{
    m_labelNodes.clear();
    // Near enough, or few enough, to name ordinary nodes too (else only hubs).
    const bool close = baseRadius() >= 5 || m_visibleNodes.size() <= 400;
    const QFontMetrics fm(font());
    const int cols = width() / kOccupancyCell + 1, rows = height() / kOccupancyCell + 1;
    m_occupied.fill(false, cols * rows);
    auto cells = [&](const QRect &r, bool mark) {
        const int c0 = std::max(0, r.left() / kOccupancyCell), c1 = std::min(cols - 1, r.right() / kOccupancyCell);
        const int r0 = std::max(0, r.top() / kOccupancyCell), r1 = std::min(rows - 1, r.bottom() / kOccupancyCell);
        for (int y = r0; y <= r1; ++y)
            for (int x = c0; x <= c1; ++x) {
                if (mark)
                    m_occupied[y * cols + x] = true;
                else if (m_occupied[y * cols + x])
                    return false;
            }
        return true;
    };
    if (const QRectF legend = legendRect(); !legend.isEmpty())
        cells(legend.toAlignedRect(), true); // labels never go under the legend
    QColor halo = palette().color(QPalette::Base);
    halo.setAlpha(200);
    int tries = 0;
    auto place = [&](int i) {
        if (i < 0 || m_labelNodes.size() >= kLabelBudget || !view.contains(m_nodes[i].pos) || !nodeShown(i)
            || m_nodes[i].label.isEmpty() || m_labelNodes.contains(i))
            return;
        ++tries;
        const QPointF c = toWidget(m_nodes[i].pos);
        // Text widths are measured once per node and font: shaping text is the costly part.
        if (m_labelWidth.size() != m_nodes.size())
            m_labelWidth.fill(-1, m_nodes.size());
        if (m_labelWidth[i] < 0)
            m_labelWidth[i] = fm.horizontalAdvance(m_nodes[i].label);
        const bool elide = m_labelWidth[i] > kLabelWidth;
        const double r = nodeRadius(i) + 2;
        QRect box(0, 0, std::min(m_labelWidth[i], kLabelWidth) + 6, fm.height());
        box.moveCenter(QPoint(int(c.x()), int(c.y() + r + fm.height() / 2.0)));
        if (!rect().contains(box) || !cells(box, false))
            return;
        cells(box, true);
        p.fillRect(box, halo);
        p.setPen(m_nodes[i].dimmed ? palette().color(QPalette::PlaceholderText) : palette().color(QPalette::Text));
        p.drawText(box, Qt::AlignCenter,
                   elide ? fm.elidedText(m_nodes[i].label, Qt::ElideRight, kLabelWidth) : m_nodes[i].label);
        m_labelNodes.push_back(i);
    };
    // By importance: the selected, the hovered, the highlighted, then by degree (hubs).
    place(m_selectedNode);
    place(m_hover);
    for (const int i : std::as_const(m_visibleNodes))
        if (m_nodes[i].highlighted)
            place(i);
    for (const int i : std::as_const(m_byDegree)) {
        if (m_labelNodes.size() >= kLabelBudget || tries >= kLabelTries || (!close && m_degree[i] < m_hubDegree))
            break;
        place(i);
    }
}

} // namespace seekbench::widgets
