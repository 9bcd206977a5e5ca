#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>

namespace seekbench::widgets {

// Thin antialiased lines (Xiaolin Wu's algorithm) blended straight into a premultiplied
// ARGB32 image, for charts that draw thousands of polylines. QPainter's raster engine
// hands the spans of each steep line to its thread pool, which costs more in waking
// threads than the drawing itself (about 0.3 ms per 8-segment line on two cores).
class LineRaster
{
public:
    // `image` must be Format_ARGB32_Premultiplied; points are in logical pixels, scaled by
    // the image's device pixel ratio.
    explicit LineRaster(QImage &image);
    // Draws only device-pixel columns clipLeft..clipRight-1, so that rasters of disjoint
    // column ranges may draw into one image from several threads.
    LineRaster(QImage &image, int clipLeft, int clipRight);

    void setColour(const QColor &colour); // its alpha is the line's opacity
    void drawPolyline(const QPointF *points, int count);
    void drawLine(QPointF from, QPointF to);

private:
    void plot(int x, int y, int coverage); // coverage 0..256

    uchar *m_bits;
    qsizetype m_stride;
    int m_width, m_height;
    int m_clipLeft, m_clipRight;
    double m_scale;
    QRgb m_colour = 0xff000000; // opaque, not premultiplied
    int m_alpha = 255;
    static constexpr int kLevels = 16; // coverage levels of the fast path
    uint m_src[kLevels + 1] = {};
    uint m_keep[kLevels + 1] = {};
};

} // namespace seekbench::widgets
