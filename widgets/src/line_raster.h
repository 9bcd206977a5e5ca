#pragma once

#include <QColor>
#include <QImage>
#include <QPointF>

namespace seekbench::widgets {

// A line colour prepared for LineRaster: the premultiplied source and the kept share of the
// destination at each coverage level. Prepare each colour once when many lines share it or
// one line is drawn in pieces.
struct alignas(16) LineColour
{
    static constexpr int kLevels = 16; // coverage levels of the fast path
    explicit LineColour(const QColor &colour = Qt::black);
    QRgb rgb;  // opaque, not premultiplied
    int alpha; // the line's opacity
    // At each coverage level, the two pixels a step covers (the first gets kLevels - level):
    // the destination's kept share per channel in 16-bit lanes (0-3 the first pixel, 4-7
    // the second) and the premultiplied sources in 32-bit halves (low: the first).
    alignas(16) quint16 keepLanes[kLevels + 1][8];
    quint64 srcPair[kLevels + 1];
};

// Thin antialiased lines (Xiaolin Wu's algorithm) blended straight into a premultiplied
// ARGB32 image, for charts that draw thousands of polylines. QPainter's raster engine
// hands the spans of each steep line to its thread pool, which costs more in waking
// threads than the drawing itself (about 0.3 ms per 8-segment line on two cores).
//
// A line's pixels do not depend on the clip: drawing it through rasters whose clips tile
// the image (strips of columns, bands of rows) gives exactly the picture of drawing it once.
class LineRaster
{
public:
    // `image` must be Format_ARGB32_Premultiplied; points are in logical pixels, scaled by
    // the image's device pixel ratio.
    explicit LineRaster(QImage &image);
    // Draws only device pixels in columns clipLeft..clipRight-1 and rows clipTop..
    // clipBottom-1, so that rasters of disjoint clips may draw into one image from several
    // threads, and a band of rows small enough to stay in the cache can be drawn at a time.
    LineRaster(QImage &image, int clipLeft, int clipRight, int clipTop = 0, int clipBottom = INT_MAX);

    void setColour(const QColor &colour); // its alpha is the line's opacity
    // `colour` must outlive the lines drawn with it.
    void setColour(const LineColour *colour) { m_colour = colour; }
    void drawPolyline(const QPointF *points, int count);
    void drawLine(QPointF from, QPointF to);

private:
    void plot(int x, int y, int coverage); // coverage 0..256
    void drawCarefully(bool steep, double start, double gradient, int first, int last);
    template<bool Steep>
    void drawFixed(qint64 y, qint64 step, int first, int last, int minorLo, int minorHi);

    uchar *m_bits;
    qsizetype m_stride;
    int m_clipLeft, m_clipRight, m_clipTop, m_clipBottom;
    double m_scale;
    LineColour m_own;
    const LineColour *m_colour = &m_own;
};

} // namespace seekbench::widgets
