#include "envelope_band.h"

#include <QPaintEngine>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace seekbench::widgets {

EnvelopeBand::EnvelopeBand(QCPAxis *keyAxis, QCPAxis *valueAxis) : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    setPen(Qt::NoPen);
}

void EnvelopeBand::setData(QVector<double> keys, QVector<double> low, QVector<double> high)
{
    m_keys = std::move(keys);
    m_low = std::move(low);
    m_high = std::move(high);
}

double EnvelopeBand::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1; // the band is context for its curve, never picked itself
}

namespace {

bool inDomain(double v, QCP::SignDomain domain)
{
    if (!std::isfinite(v))
        return false;
    return domain == QCP::sdBoth || (domain == QCP::sdPositive && v > 0) || (domain == QCP::sdNegative && v < 0);
}

} // namespace

QCPRange EnvelopeBand::getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain) const
{
    // Not QCPRange(max, -max): its constructor normalises the bounds.
    double lower = std::numeric_limits<double>::max(), upper = -std::numeric_limits<double>::max();
    foundRange = false;
    for (int i = 0; i < m_keys.size(); ++i) {
        if (!inDomain(m_keys[i], inSignDomain) || std::isnan(m_low[i]) || std::isnan(m_high[i]))
            continue;
        lower = std::min(lower, m_keys[i]);
        upper = std::max(upper, m_keys[i]);
        foundRange = true;
    }
    return foundRange ? QCPRange(lower, upper) : QCPRange();
}

QCPRange EnvelopeBand::getValueRange(bool &foundRange, QCP::SignDomain inSignDomain, const QCPRange &inKeyRange) const
{
    const bool restrictKeys = inKeyRange != QCPRange();
    double lower = std::numeric_limits<double>::max(), upper = -std::numeric_limits<double>::max();
    foundRange = false;
    for (int i = 0; i < m_keys.size(); ++i) {
        if (restrictKeys && !inKeyRange.contains(m_keys[i]))
            continue;
        for (double v : {m_low[i], m_high[i]}) {
            if (!inDomain(v, inSignDomain))
                continue;
            lower = std::min(lower, v);
            upper = std::max(upper, v);
            foundRange = true;
        }
    }
    return foundRange ? QCPRange(lower, upper) : QCPRange();
}

void EnvelopeBand::draw(QCPPainter *painter)
{
    QCPAxis *keyAxis = mKeyAxis.data();
    QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis || m_keys.isEmpty() || mBrush.style() == Qt::NoBrush)
        return;
    // The points that reach into the visible key range, one beyond each end so the band
    // runs on to the edge of the axis rect.
    const QCPRange visible = keyAxis->range();
    const int first = std::max<int>(0,
                                    std::lower_bound(m_keys.begin(), m_keys.end(), visible.lower) - m_keys.begin() - 1);
    const int last = std::min<int>(m_keys.size() - 1,
                                   std::upper_bound(m_keys.begin(), m_keys.end(), visible.upper) - m_keys.begin());
    if (first > last)
        return;
    applyFillAntialiasingHint(painter);
    // Spans only on the raster engine (the screen, PNG); SVG, PDF and printers get polygons.
    const bool raster = painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;
    if (!raster || painter->modes().testFlag(QCPPainter::pmVectorized) || keyAxis->orientation() != Qt::Horizontal)
        drawPolygons(painter, first, last);
    else
        drawSpans(painter, first, last);
}

// Raster: the band's extent per pixel column (the segments between points interpolated),
// then one rectangle per run of columns with the same extent.
void EnvelopeBand::drawSpans(QCPPainter *painter, int first, int last) const
{
    QCPAxis *keyAxis = mKeyAxis.data();
    QCPAxis *valueAxis = mValueAxis.data();
    const QRect clip = clipRect();
    const int left = clip.left(), width = clip.width();
    if (width <= 0)
        return;
    std::vector<double> top(static_cast<std::size_t>(width), std::numeric_limits<double>::infinity());
    std::vector<double> bottom(static_cast<std::size_t>(width), -std::numeric_limits<double>::infinity());
    auto mark = [&](int column, double a, double b) {
        const int c = column - left;
        if (c < 0 || c >= width || !std::isfinite(a) || !std::isfinite(b))
            return;
        top[std::size_t(c)] = std::min({top[std::size_t(c)], a, b});
        bottom[std::size_t(c)] = std::max({bottom[std::size_t(c)], a, b});
    };
    auto finite = [&](int i) { return !std::isnan(m_low[i]) && !std::isnan(m_high[i]); };
    for (int i = first; i <= last; ++i) {
        if (!finite(i))
            continue;
        const double x0 = keyAxis->coordToPixel(m_keys[i]);
        const double hi0 = valueAxis->coordToPixel(m_high[i]), lo0 = valueAxis->coordToPixel(m_low[i]);
        mark(static_cast<int>(std::floor(x0)), hi0, lo0);
        if (i == last || !finite(i + 1))
            continue;
        const double x1 = keyAxis->coordToPixel(m_keys[i + 1]);
        const double hi1 = valueAxis->coordToPixel(m_high[i + 1]), lo1 = valueAxis->coordToPixel(m_low[i + 1]);
        if (!(x1 > x0))
            continue;
        const int from = std::max(left, static_cast<int>(std::floor(x0)) + 1);
        const int to = std::min(left + width - 1, static_cast<int>(std::floor(x1)) - 1);
        for (int c = from; c <= to; ++c) {
            const double t = (c + 0.5 - x0) / (x1 - x0);
            mark(c, hi0 + t * (hi1 - hi0), lo0 + t * (lo1 - lo0));
        }
    }
    const QColor color = mBrush.color();
    painter->setPen(Qt::NoPen);
    for (int c = 0; c < width;) {
        if (!(top[std::size_t(c)] <= bottom[std::size_t(c)])) {
            ++c;
            continue;
        }
        const int y0 = static_cast<int>(std::floor(top[std::size_t(c)]));
        const int y1 = static_cast<int>(std::ceil(bottom[std::size_t(c)]));
        int run = c + 1;
        while (run < width && top[std::size_t(run)] <= bottom[std::size_t(run)]
               && static_cast<int>(std::floor(top[std::size_t(run)])) == y0
               && static_cast<int>(std::ceil(bottom[std::size_t(run)])) == y1)
            ++run;
        painter->fillRect(QRect(left + c, y0, run - c, std::max(1, y1 - y0)), color);
        c = run;
    }
}

// Vector output: one polygon per unbroken stretch (high forward, low back).
void EnvelopeBand::drawPolygons(QCPPainter *painter, int first, int last) const
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(mBrush);
    int i = first;
    while (i <= last) {
        while (i <= last && (std::isnan(m_low[i]) || std::isnan(m_high[i])))
            ++i;
        int end = i;
        while (end <= last && !std::isnan(m_low[end]) && !std::isnan(m_high[end]))
            ++end;
        if (end > i) {
            QPolygonF polygon;
            polygon.reserve(2 * (end - i));
            for (int j = i; j < end; ++j)
                polygon << coordsToPixels(m_keys[j], m_high[j]);
            for (int j = end - 1; j >= i; --j)
                polygon << coordsToPixels(m_keys[j], m_low[j]);
            painter->drawPolygon(polygon);
        }
        i = end;
    }
}

void EnvelopeBand::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const { painter->fillRect(rect, mBrush); }

} // namespace seekbench::widgets
