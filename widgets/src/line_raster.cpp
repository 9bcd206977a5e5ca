#include "line_raster.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace seekbench::widgets {

namespace {

// x * a / 255 for the four channels of x at once (a in 0..255), as Qt's BYTE_MUL.
inline uint byteMul(uint x, uint a)
{
    uint t = (x & 0xff00ff) * a;
    t = ((t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
    x = ((x >> 8) & 0xff00ff) * a;
    x = (x + ((x >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
    return x | t;
}

} // namespace

LineRaster::LineRaster(QImage &image) : LineRaster(image, 0, image.width()) {}

LineRaster::LineRaster(QImage &image, int clipLeft, int clipRight)
    : m_bits(image.bits()), m_stride(image.bytesPerLine()), m_width(image.width()), m_height(image.height()),
      m_clipLeft(std::max(0, clipLeft)), m_clipRight(std::min(image.width(), clipRight)),
      m_scale(image.devicePixelRatio())
{
    Q_ASSERT(image.format() == QImage::Format_ARGB32_Premultiplied);
}

void LineRaster::setColour(const QColor &colour)
{
    m_colour = colour.rgb() | 0xff000000;
    m_alpha = colour.alpha();
    // The premultiplied source and the kept share of the destination per coverage level.
    for (int level = 0; level <= kLevels; ++level) {
        const uint a = uint(m_alpha * level / kLevels);
        m_src[level] = byteMul(m_colour, a);
        m_keep[level] = 255 - a;
    }
}

inline void LineRaster::plot(int x, int y, int coverage)
{
    if (x < m_clipLeft || x >= m_clipRight || uint(y) >= uint(m_height))
        return;
    const uint a = uint((m_alpha * coverage) >> 8);
    if (a == 0)
        return;
    auto *pixel = reinterpret_cast<QRgb *>(m_bits + y * m_stride) + x;
    *pixel = byteMul(m_colour, a) + byteMul(*pixel, 255 - a);
}

void LineRaster::drawLine(QPointF from, QPointF to)
{
    double x0 = from.x() * m_scale, y0 = from.y() * m_scale, x1 = to.x() * m_scale, y1 = to.y() * m_scale;
    if (!std::isfinite(x0 + y0 + x1 + y1))
        return;
    const bool steep = std::abs(y1 - y0) > std::abs(x1 - x0);
    if (steep) {
        std::swap(x0, y0);
        std::swap(x1, y1);
    }
    if (x0 > x1) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    // The drawable range of each coordinate: x is clipped, y is the image's.
    const int majorLo = steep ? 0 : m_clipLeft, majorHi = steep ? m_height : m_clipRight;
    const int minorLo = steep ? m_clipLeft : 0, minorHi = steep ? m_clipRight : m_height;
    const double gradient = x1 - x0 < 1e-9 ? 0 : (y1 - y0) / (x1 - x0);
    // Walk the major axis one pixel at a time (pixel centres at +0.5), splitting each step
    // between the two pixels the line passes between; the minor coordinate in 16.16 fixed
    // point.
    const int first = std::max(int(std::ceil(x0 - 0.5)), majorLo);
    const int last = std::min(int(std::floor(x1 - 0.5)), majorHi - 1);
    if (first > last)
        return;
    const double start = y0 + gradient * (first + 0.5 - x0) - 0.5;
    const double end = start + gradient * (last - first);
    if (std::min(start, end) < minorLo - 2 || std::max(start, end) > minorHi + 2) { // partly outside: the careful way
        double y = start;
        for (int x = first; x <= last; ++x, y += gradient) {
            const double fy = std::floor(y);
            const int iy = int(fy), cov = int((y - fy) * 256);
            steep ? plot(iy, x, 256 - cov) : plot(x, iy, 256 - cov);
            steep ? plot(iy + 1, x, cov) : plot(x, iy + 1, cov);
        }
        return;
    }
    qint64 y = qint64(std::llround((start + 4) * 65536)); // +4: stays positive
    const qint64 step = qint64(std::llround(gradient * 65536));
    for (int x = first; x <= last; ++x, y += step) {
        const int iy = int(y >> 16) - 4;
        const uint level = uint(y >> 12) & (kLevels - 1);
        const uint src1 = m_src[kLevels - level], src2 = m_src[level];
        const uint keep1 = m_keep[kLevels - level], keep2 = m_keep[level];
        QRgb *p1, *p2;
        if (steep) {
            p1 = reinterpret_cast<QRgb *>(m_bits + x * m_stride) + iy;
            p2 = p1 + 1;
        } else {
            p1 = reinterpret_cast<QRgb *>(m_bits + iy * m_stride) + x;
            p2 = reinterpret_cast<QRgb *>(reinterpret_cast<uchar *>(p1) + m_stride);
        }
        if (uint(iy - minorLo) < uint(minorHi - minorLo))
            *p1 = src1 + byteMul(*p1, keep1);
        if (uint(iy + 1 - minorLo) < uint(minorHi - minorLo))
            *p2 = src2 + byteMul(*p2, keep2);
    }
}

void LineRaster::drawPolyline(const QPointF *points, int count)
{
    for (int i = 1; i < count; ++i)
        drawLine(points[i - 1], points[i]);
}

} // namespace seekbench::widgets
