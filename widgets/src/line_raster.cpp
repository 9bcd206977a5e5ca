#include "line_raster.h"

#include <algorithm>
#include <cmath>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Beyond this many device pixels from the origin, a line is drawn in floating point (its
// minor coordinate would not fit the fast path's 16.16 fixed point).
constexpr double kFixedRange = 1e7;

// Rounding without calls into the maths library, for values within kFixedRange.
inline int floorInt(double v)
{
    const int i = int(v);
    return i - (double(i) > v);
}

inline int ceilInt(double v) { return -floorInt(-v); }

inline qint64 roundFixed(double v) // v in 16.16 fixed point, to nearest
{
    const double scaled = v * 65536 + 0.5;
    const qint64 i = qint64(scaled);
    return i - (double(i) > scaled);
}

} // namespace

LineColour::LineColour(const QColor &colour) : rgb(colour.rgb() | 0xff000000), alpha(colour.alpha())
{
    const auto share = [this](int level) { return uint(alpha * level / kLevels); }; // the line's alpha there
    for (int level = 0; level <= kLevels; ++level) {
        const uint first = share(kLevels - level), second = share(level);
        for (int lane = 0; lane < 4; ++lane) {
            keepLanes[level][lane] = quint16(255 - first);
            keepLanes[level][lane + 4] = quint16(255 - second);
        }
        srcPair[level] = byteMul(rgb, first) | quint64(byteMul(rgb, second)) << 32;
    }
}

LineRaster::LineRaster(QImage &image) : LineRaster(image, 0, image.width()) {}

LineRaster::LineRaster(QImage &image, int clipLeft, int clipRight, int clipTop, int clipBottom)
    : m_bits(image.bits()), m_stride(image.bytesPerLine()), m_clipLeft(std::max(0, clipLeft)),
      m_clipRight(std::min(image.width(), clipRight)), m_clipTop(std::max(0, clipTop)),
      m_clipBottom(std::min(image.height(), clipBottom)), m_scale(image.devicePixelRatio())
{
    Q_ASSERT(image.format() == QImage::Format_ARGB32_Premultiplied);
}

void LineRaster::setColour(const QColor &colour)
{
    m_own = LineColour(colour);
    m_colour = &m_own;
}

inline void LineRaster::plot(int x, int y, int coverage)
{
    if (x < m_clipLeft || x >= m_clipRight || y < m_clipTop || y >= m_clipBottom)
        return;
    const uint a = uint((m_colour->alpha * coverage) >> 8);
    if (a == 0)
        return;
    auto *pixel = reinterpret_cast<QRgb *>(m_bits + y * m_stride) + x;
    *pixel = byteMul(m_colour->rgb, a) + byteMul(*pixel, 255 - a);
}

void LineRaster::drawCarefully(bool steep, double start, double gradient, int first, int last)
{
    for (int x = first; x <= last; ++x) {
        const double y = start + gradient * x, fy = std::floor(y);
        const int iy = int(fy), cov = int((y - fy) * 256);
        steep ? plot(iy, x, 256 - cov) : plot(x, iy, 256 - cov);
        steep ? plot(iy + 1, x, cov) : plot(x, iy + 1, cov);
    }
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
    const int majorLo = steep ? m_clipTop : m_clipLeft, majorHi = steep ? m_clipBottom : m_clipRight;
    const int minorLo = steep ? m_clipLeft : m_clipTop, minorHi = steep ? m_clipRight : m_clipBottom;
    if (majorLo >= majorHi || minorLo >= minorHi || x1 < majorLo - 1 || x0 > majorHi + 1)
        return;
    const double gradient = x1 - x0 < 1e-9 ? 0 : (y1 - y0) / (x1 - x0);
    // Walk the major axis one pixel at a time (pixel centres at +0.5), splitting each step
    // between the two pixels the line passes between: at step x, rows (or columns) iy and
    // iy + 1 of minor coordinate start + gradient * x. The line's own steps, not the clip's,
    // fix every value.
    const double start = y0 - gradient * (x0 - 0.5) - 0.5; // the minor coordinate at step 0
    const bool fixed = std::max({std::abs(x0), std::abs(x1), std::abs(y0), std::abs(y1)}) <= kFixedRange;
    int first = std::max(fixed ? ceilInt(x0 - 0.5) : int(std::max(std::ceil(x0 - 0.5), double(majorLo))), majorLo);
    int last = std::min(fixed ? floorInt(x1 - 0.5) : int(std::min(std::floor(x1 - 0.5), double(majorHi))), majorHi - 1);
    // Only the steps whose pixel pair meets minorLo..minorHi-1, give or take one.
    const double lowest = std::min(y0, y1), highest = std::max(y0, y1);
    if (lowest < minorLo + 1 || highest > minorHi - 2) {
        if (gradient == 0 && (start < minorLo - 1 || start >= minorHi))
            return;
        if (gradient != 0) {
            const double a = ((gradient > 0 ? minorLo - 2 : minorHi + 1) - start) / gradient;
            const double b = ((gradient > 0 ? minorHi + 1 : minorLo - 2) - start) / gradient;
            if (a > first)
                first = a > last ? last + 1 : int(std::floor(a));
            if (b < last)
                last = b < first ? first - 1 : int(std::ceil(b));
        }
    }
    if (first > last)
        return;
    if (!fixed) {
        drawCarefully(steep, start, gradient, first, last);
        return;
    }
    // The minor coordinate in 16.16 fixed point, rounded at a step near the line's start
    // so that adding steps gathers little error; >> floors negative values too.
    const qint64 step = roundFixed(gradient);
    const int origin = floorInt(x0 - 0.5);
    const qint64 y = roundFixed(start + gradient * origin) + step * (first - origin);
    steep ? drawFixed<true>(y, step, first, last, minorLo, minorHi)
          : drawFixed<false>(y, step, first, last, minorLo, minorHi);
}

template<bool Steep>
void LineRaster::drawFixed(qint64 y, qint64 step, int first, int last, int minorLo, int minorHi)
{
    const uint span = uint(minorHi - minorLo);
    const LineColour &c = *m_colour;
    // Locals, not members: the compiler cannot tell that the pixel stores leave them alone.
    const qsizetype stride = m_stride;
    uchar *row = m_bits + (Steep ? qsizetype(first) * stride : 0); // a steep line's row at step x
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128(), half = _mm_set1_epi16(0x80);
#endif
    for (int x = first; x <= last; ++x, y += step, row += Steep ? stride : 0) {
        const int iy = int(y >> 16);
        const uint level = uint(y >> 12) & (LineColour::kLevels - 1);
        QRgb *p1, *p2;
        if (Steep) {
            p1 = reinterpret_cast<QRgb *>(row) + iy;
            p2 = p1 + 1;
        } else {
            p1 = reinterpret_cast<QRgb *>(row + qsizetype(iy) * stride) + x;
            p2 = reinterpret_cast<QRgb *>(reinterpret_cast<uchar *>(p1) + stride);
        }
        const bool in1 = uint(iy - minorLo) < span, in2 = uint(iy + 1 - minorLo) < span;
#if defined(__SSE2__)
        if (in1 && in2) {
            // Both pixels at once, channel by channel in 16 bits: the same arithmetic as
            // byteMul, so the same values.
            const auto blend = [&](__m128i pixels, uint lvl) { // two pixels in the low half
                __m128i w = _mm_unpacklo_epi8(pixels, zero);
                w = _mm_mullo_epi16(w, _mm_load_si128(reinterpret_cast<const __m128i *>(c.keepLanes[lvl])));
                return _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(w, _mm_srli_epi16(w, 8)), half), 8);
            };
            if (Steep) {
                // A steep line's next step is on the next row: when its pair is in the clip
                // too, blend all four pixels together.
                const qint64 y2 = y + step;
                const int iy2 = int(y2 >> 16);
                if (x < last && uint(iy2 - minorLo) < span && uint(iy2 + 1 - minorLo) < span) {
                    const uint level2 = uint(y2 >> 12) & (LineColour::kLevels - 1);
                    QRgb *q1 = reinterpret_cast<QRgb *>(row + stride) + iy2;
                    const __m128i d = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p1));
                    const __m128i e = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(q1));
                    const __m128i src
                        = _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(&c.srcPair[level])),
                                             _mm_loadl_epi64(reinterpret_cast<const __m128i *>(&c.srcPair[level2])));
                    const __m128i out = _mm_add_epi32(_mm_packus_epi16(blend(d, level), blend(e, level2)), src);
                    _mm_storel_epi64(reinterpret_cast<__m128i *>(p1), out);
                    _mm_storel_epi64(reinterpret_cast<__m128i *>(q1), _mm_unpackhi_epi64(out, out));
                    ++x, y = y2, row += stride;
                    continue;
                }
            }
            const __m128i d = Steep ? _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p1))
                                    : _mm_unpacklo_epi32(_mm_cvtsi32_si128(int(*p1)), _mm_cvtsi32_si128(int(*p2)));
            const __m128i out = _mm_add_epi32(_mm_packus_epi16(blend(d, level), zero),
                                              _mm_loadl_epi64(reinterpret_cast<const __m128i *>(&c.srcPair[level])));
            if (Steep) {
                _mm_storel_epi64(reinterpret_cast<__m128i *>(p1), out);
            } else {
                *p1 = QRgb(_mm_cvtsi128_si32(out));
                *p2 = QRgb(_mm_cvtsi128_si32(_mm_srli_si128(out, 4)));
            }
            continue;
        }
#endif
        if (in1)
            *p1 = uint(c.srcPair[level]) + byteMul(*p1, c.keepLanes[level][0]);
        if (in2)
            *p2 = uint(c.srcPair[level] >> 32) + byteMul(*p2, c.keepLanes[level][4]);
    }
}

void LineRaster::drawPolyline(const QPointF *points, int count)
{
    for (int i = 1; i < count; ++i)
        drawLine(points[i - 1], points[i]);
}

} // namespace seekbench::widgets
