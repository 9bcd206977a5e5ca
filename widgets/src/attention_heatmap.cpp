#include "seekbench/widgets/attention_heatmap.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace seekbench::widgets {

namespace {

constexpr int kCompositeScale = 8; // composite pixels per source pixel
constexpr int kBarWidth = 14, kBarGap = 10, kBarLabels = 46;

using Stop = std::array<double, 3>;

// Five-stop approximations of matplotlib's perceptual maps.
QRgb interpolate(const std::array<Stop, 5> &stops, double t)
{
    t = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(3, int(t));
    const double f = t - i;
    auto c = [&](int k) { return int(std::lround(255 * (stops[i][k] + f * (stops[i + 1][k] - stops[i][k])))); };
    return qRgb(c(0), c(1), c(2));
}

} // namespace

QRgb colourAt(ColourMap map, double t)
{
    static const std::array<Stop, 5> viridis{{{0.267, 0.005, 0.329},
                                              {0.230, 0.322, 0.546},
                                              {0.128, 0.567, 0.551},
                                              {0.369, 0.789, 0.383},
                                              {0.993, 0.906, 0.144}}};
    static const std::array<Stop, 5> inferno{{{0.001, 0.000, 0.014},
                                              {0.341, 0.062, 0.429},
                                              {0.735, 0.216, 0.330},
                                              {0.978, 0.557, 0.035},
                                              {0.988, 0.998, 0.645}}};
    static const std::array<Stop, 5> hot{{{0.04, 0, 0}, {0.7, 0, 0}, {1, 0.4, 0}, {1, 0.9, 0.1}, {1, 1, 1}}};
    switch (map) {
    case ColourMap::Viridis: return interpolate(viridis, t);
    case ColourMap::Inferno: return interpolate(inferno, t);
    case ColourMap::Hot: return interpolate(hot, t);
    case ColourMap::Greys: break;
    }
    const int g = int(std::lround(255 * std::clamp(t, 0.0, 1.0)));
    return qRgb(g, g, g);
}

QString colourMapName(ColourMap map)
{
    switch (map) {
    case ColourMap::Viridis: return AttentionHeatmap::tr("Viridis");
    case ColourMap::Inferno: return AttentionHeatmap::tr("Inferno");
    case ColourMap::Hot: return AttentionHeatmap::tr("Hot");
    case ColourMap::Greys: break;
    }
    return AttentionHeatmap::tr("Greys");
}

AttentionHeatmap::AttentionHeatmap(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("attentionHeatmap"));
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void AttentionHeatmap::setImage(const QImage &image)
{
    m_image = image.convertToFormat(QImage::Format_RGB32);
    rebuild();
}

void AttentionHeatmap::setGrid(int rows, int cols)
{
    m_rows = std::max(1, rows);
    m_cols = std::max(1, cols);
    if (m_selected >= m_rows * m_cols)
        m_selected = -1;
    rebuild();
}

void AttentionHeatmap::setHeat(const std::vector<float> &heat)
{
    m_heat = heat.size() == std::size_t(m_rows * m_cols) ? heat : std::vector<float>();
    m_max = m_heat.empty() ? 0.0f : *std::max_element(m_heat.begin(), m_heat.end());
    rebuild();
}

void AttentionHeatmap::setOpacity(double opacity)
{
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    rebuild();
}

void AttentionHeatmap::setColourMap(ColourMap map)
{
    m_map = map;
    rebuild();
}

void AttentionHeatmap::setSelectedPatch(int patch)
{
    m_selected = patch >= 0 && patch < m_rows * m_cols ? patch : -1;
    update();
}

QImage AttentionHeatmap::compose(const QImage &source, int rows, int cols, const std::vector<float> &heat,
                                 ColourMap map, double opacity, int scale)
{
    const QImage image = source.isNull() ? QImage(cols, rows, QImage::Format_RGB32)
                                         : source.convertToFormat(QImage::Format_RGB32);
    QImage base = image;
    if (source.isNull())
        base.fill(Qt::black);
    rows = std::max(1, rows);
    cols = std::max(1, cols);
    const bool overlay = heat.size() == std::size_t(rows * cols) && opacity > 0;
    const float max = overlay ? *std::max_element(heat.begin(), heat.end()) : 0.0f;
    // One colour per patch, then a per-pixel blend.
    std::vector<QRgb> colours(heat.size());
    for (std::size_t i = 0; overlay && i < heat.size(); ++i)
        colours[i] = colourAt(map, max > 0 ? double(heat[i] / max) : 0.0);
    const int w = base.width() * scale, h = base.height() * scale;
    QImage out(w, h, QImage::Format_RGB32);
    const int a = int(std::lround(256 * (overlay ? opacity : 0.0)));
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        const auto *src = reinterpret_cast<const QRgb *>(base.constScanLine(y / scale));
        const int row = std::min(rows - 1, y * rows / h);
        for (int x = 0; x < w; ++x) {
            const QRgb p = src[x / scale];
            if (a == 0) {
                line[x] = p;
                continue;
            }
            const QRgb c = colours[std::size_t(row * cols + std::min(cols - 1, x * cols / w))];
            auto mix = [a](int b, int o) { return (b * (256 - a) + o * a) >> 8; };
            line[x] = qRgb(mix(qRed(p), qRed(c)), mix(qGreen(p), qGreen(c)), mix(qBlue(p), qBlue(c)));
        }
    }
    return out;
}

void AttentionHeatmap::rebuild()
{
    m_composite = m_image.isNull() ? QImage()
                                   : compose(m_image, m_rows, m_cols, m_heat, m_map, m_opacity, kCompositeScale);
    update();
}

QRect AttentionHeatmap::imageRect(const QSize &area) const
{
    const int side = std::max(1, std::min(area.width() - kBarGap - kBarWidth - kBarLabels, area.height()));
    return {0, (area.height() - side) / 2, side, side};
}

int AttentionHeatmap::patchAt(const QPoint &pos) const
{
    const QRect r = imageRect(size());
    if (!r.contains(pos))
        return -1;
    const int col = std::min(m_cols - 1, (pos.x() - r.left()) * m_cols / r.width());
    const int row = std::min(m_rows - 1, (pos.y() - r.top()) * m_rows / r.height());
    return row * m_cols + col;
}

void AttentionHeatmap::paintInto(QPainter &p, const QSize &area) const
{
    p.fillRect(QRect(QPoint(0, 0), area), palette().window());
    const QRect r = imageRect(area);
    if (m_composite.isNull()) {
        p.drawText(r, Qt::AlignCenter, tr("No sample"));
        return;
    }
    p.drawImage(r, m_composite);
    const double cw = double(r.width()) / m_cols, ch = double(r.height()) / m_rows;
    if (m_selected >= 0) {
        p.setPen(QPen(QColor(0, 200, 255), 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(r.left() + (m_selected % m_cols) * cw, r.top() + (m_selected / m_cols) * ch, cw, ch));
    }
    // The colour bar: the map from 0 (bottom) to the heat's maximum (top).
    const QRect bar(r.right() + kBarGap, r.top(), kBarWidth, r.height());
    for (int y = 0; y < bar.height(); ++y) {
        p.setPen(QColor(colourAt(m_map, 1.0 - double(y) / std::max(1, bar.height() - 1))));
        p.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    const QRect labels(bar.right() + 4, bar.top(), kBarLabels - 4, bar.height());
    p.drawText(labels, Qt::AlignLeft | Qt::AlignTop,
               m_heat.empty() ? QStringLiteral("–") : QString::number(m_max, 'g', 3));
    p.drawText(labels, Qt::AlignLeft | Qt::AlignBottom, QStringLiteral("0"));
}

QImage AttentionHeatmap::render(const QSize &size) const
{
    QImage out(size, QImage::Format_RGB32);
    QPainter p(&out);
    paintInto(p, size);
    return out;
}

void AttentionHeatmap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintInto(p, size());
    p.end();
    Q_EMIT painted();
}

void AttentionHeatmap::mousePressEvent(QMouseEvent *event)
{
    const int patch = patchAt(event->position().toPoint());
    if (patch >= 0) {
        setSelectedPatch(patch);
        Q_EMIT patchClicked(patch);
    }
}

QSize AttentionHeatmap::sizeHint() const { return {480 + kBarGap + kBarWidth + kBarLabels, 480}; }

QSize AttentionHeatmap::minimumSizeHint() const { return {160 + kBarGap + kBarWidth + kBarLabels, 160}; }

} // namespace seekbench::widgets
