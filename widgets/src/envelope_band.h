#pragma once

// The min/max band of a decimated curve, drawn as one vertical span per pixel column.
//
// QCustomPlot's channel fill between a "low" and a "high" graph fills one polygon of 2N
// edges. When a bucket holds a few points of a noisy curve, both edges zigzag over the
// whole band and every scanline crosses most of the 2N edges: the slowest zoom of
// bench_gui_zoom spent ~20 ms of GUI thread in that fill. A span per pixel column costs
// the band's area and nothing per edge. Vector exports (SVG, PDF) still get one polygon.

#include "qcustomplot_wrapper.h"

#include <QVector>

namespace seekbench::widgets {

class EnvelopeBand : public QCPAbstractPlottable
{
public:
    EnvelopeBand(QCPAxis *keyAxis, QCPAxis *valueAxis);

    // key ascending; a NaN low or high is a gap (a break in the curve).
    void setData(QVector<double> keys, QVector<double> low, QVector<double> high);
    int size() const { return static_cast<int>(m_keys.size()); }

    double selectTest(const QPointF &pos, bool onlySelectable, QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    void drawSpans(QCPPainter *painter, int first, int last) const;
    void drawPolygons(QCPPainter *painter, int first, int last) const;

    QVector<double> m_keys, m_low, m_high;
};

} // namespace seekbench::widgets
