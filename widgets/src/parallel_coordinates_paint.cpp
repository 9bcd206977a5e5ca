// ParallelCoordinatesPlot's geometry and drawing: the cached line images and what is drawn
// over them on every paint (axes, ticks, brushes, the highlighted line, the colour bar).

#include "seekbench/widgets/parallel_coordinates_plot.h"

#include "line_raster.h"
#include "sweep_scale.h"

#include <QElapsedTimer>
#include <QLinearGradient>
#include <QPainter>
#include <QSemaphore>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

namespace seekbench::widgets {

namespace {

constexpr double kLeft = 64, kRight = 92, kTop = 42, kBottom = 14;
constexpr double kBrushHalfWidth = 7;
constexpr double kFadedOpacity = 0.16;
constexpr int kMaxAxes = 64;
constexpr double kTick = 5; // half the width of a lone value's tick

// Calls draw(points, n) for each run of consecutive points with a place (NaN y: a gap).
// A run of one point (its neighbours inactive) is drawn as a short tick on its axis, so the
// value stays visible.
template<typename Draw>
void forEachRun(const QPointF *points, int count, Draw draw)
{
    int start = 0;
    for (int k = 0; k <= count; ++k) {
        if (k == count || std::isnan(points[k].y())) {
            if (k - start >= 1)
                draw(points + start, k - start);
            start = k + 1;
        }
    }
}

QFont smallerFont(const QFont &f)
{
    QFont small = f;
    small.setPointSizeF(std::max(7.0, f.pointSizeF() * 0.85));
    return small;
}

} // namespace

QRectF ParallelCoordinatesPlot::plotRect() const
{
    return QRectF(kLeft, kTop, std::max(10.0, width() - kLeft - kRight), std::max(10.0, height() - kTop - kBottom));
}

double ParallelCoordinatesPlot::axisX(int position) const
{
    const QRectF r = plotRect();
    const int n = int(m_order.size());
    return n <= 1 ? r.center().x() : r.left() + r.width() * position / (n - 1);
}

double ParallelCoordinatesPlot::unitY(double unit) const
{
    const QRectF r = plotRect();
    return r.bottom() - unit * r.height();
}

int ParallelCoordinatesPlot::axisNear(double x, double tolerance) const
{
    int best = -1;
    for (int k = 0; k < int(m_order.size()); ++k) {
        const double d = std::abs(axisX(k) - x);
        if (d <= tolerance) {
            tolerance = d;
            best = m_order.at(k);
        }
    }
    return best;
}

int ParallelCoordinatesPlot::trialPoints(int trial, QPointF *points) const
{
    const int axes = std::min(int(m_order.size()), kMaxAxes);
    for (int k = 0; k < axes; ++k)
        points[k] = QPointF(axisX(k), unitY(unitOf(trial, m_order.at(k))));
    return axes;
}

void ParallelCoordinatesPlot::drawTrial(QPainter &painter, int trial, const QPen &pen) const
{
    painter.setPen(pen);
    QPointF points[kMaxAxes];
    forEachRun(points, trialPoints(trial, points), [&](const QPointF *run, int n) {
        if (n == 1)
            painter.drawLine(run[0] - QPointF(kTick, 0), run[0] + QPointF(kTick, 0));
        else
            painter.drawPolyline(run, n);
    });
}

void ParallelCoordinatesPlot::drawLines(QImage &image, const std::vector<int> &trials) const
{
    // Strip by strip (the gap between two neighbouring axes): a strip of the image stays in
    // the cache while thousands of steep segments walk down its rows, which trial-by-trial
    // drawing across the whole width does not (3x). Strips own disjoint pixel columns, so
    // the pool's threads draw some while this thread draws the others. (Bands of rows small
    // enough for the first-level cache were slower here: each piece of a line costs its
    // set-up again.)
    const int strips = int(m_order.size()) - 1;
    const qreal dpr = image.devicePixelRatio();
    const QRectF plot = plotRect();
    std::vector<double> xs(m_order.size());
    for (int k = 0; k < int(xs.size()); ++k)
        xs[size_t(k)] = axisX(k);
    std::vector<LineColour> colours;
    colours.reserve(trials.size());
    for (int t : trials)
        colours.emplace_back(m_colour[size_t(t)]);
    auto drawStrip = [&](int k) {
        const int left = k == 0 ? 0 : int(std::floor(xs[size_t(k)] * dpr));
        const int right = k == strips - 1 ? image.width() : int(std::floor(xs[size_t(k) + 1] * dpr));
        LineRaster raster(image, left, right);
        const int a = m_order.at(k), b = m_order.at(k + 1);
        for (size_t i = 0; i < trials.size(); ++i) {
            const double ua = unitOf(trials[i], a), ub = unitOf(trials[i], b);
            if (std::isnan(ua) || std::isnan(ub)) // an inactive parameter: a gap
                continue;
            raster.setColour(&colours[i]);
            raster.drawLine(QPointF(xs[size_t(k)], plot.bottom() - ua * plot.height()),
                            QPointF(xs[size_t(k) + 1], plot.bottom() - ub * plot.height()));
        }
    };
    std::atomic<int> next{0};
    auto work = [&] {
        for (int k = next++; k < strips; k = next++)
            drawStrip(k);
    };
    QSemaphore done;
    int helpers = 0;
    const bool parallel = trials.size() * size_t(std::max(0, strips)) >= 4000;
    for (int i = 0; parallel && i < std::min(strips - 1, m_pool->maxThreadCount()); ++i)
        helpers += m_pool->tryStart([&] {
            work();
            done.release();
        });
    work();
    done.acquire(helpers); // the helpers finish the strips they took
    LineRaster raster(image);
    QPointF points[kMaxAxes];
    for (size_t i = 0; i < trials.size(); ++i) {
        raster.setColour(&colours[i]);
        forEachRun(points, trialPoints(trials[i], points), [&](const QPointF *run, int n) {
            if (n == 1)
                raster.drawLine(run[0] - QPointF(kTick, 0), run[0] + QPointF(kTick, 0));
        });
    }
}

void ParallelCoordinatesPlot::rebuildLines()
{
    QElapsedTimer timer;
    timer.start();
    const qreal dpr = devicePixelRatioF();
    m_lines = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
    m_lines.setDevicePixelRatio(dpr);
    m_lines.fill(palette().color(QPalette::Base));
    const qint64 imageBytes = qint64(m_lines.sizeInBytes());
    const int layers = m_drawOrder.size() >= 1000 && imageBytes > 0
                           ? int(std::min<qint64>(8, m_layerBudget / imageBytes))
                           : 0;
    m_layers.clear();
    m_layerEnd.clear();
    if (layers >= 2) {
        // Each layer drawn on its own, then composed in draw order: the same image.
        QPainter compose(&m_lines);
        size_t from = 0;
        for (int k = 0; k < layers; ++k) {
            const size_t to = m_drawOrder.size() * size_t(k + 1) / size_t(layers);
            QImage layer(m_lines.size(), QImage::Format_ARGB32_Premultiplied);
            layer.setDevicePixelRatio(dpr);
            layer.fill(Qt::transparent);
            drawLines(layer, std::vector<int>(m_drawOrder.begin() + std::ptrdiff_t(from),
                                              m_drawOrder.begin() + std::ptrdiff_t(to)));
            compose.drawImage(QPointF(0, 0), layer);
            m_layers.push_back(std::move(layer));
            m_layerEnd.push_back(to);
            from = to;
        }
    } else {
        drawLines(m_lines, m_drawOrder);
    }
    // What a brush leaves outside it, composed once here rather than on every paint.
    m_fadedLines = QImage(m_lines.size(), QImage::Format_ARGB32_Premultiplied);
    m_fadedLines.setDevicePixelRatio(dpr);
    m_fadedLines.fill(palette().color(QPalette::Base));
    QPainter faded(&m_fadedLines);
    faded.setOpacity(kFadedOpacity);
    faded.drawImage(QPointF(0, 0), m_lines);
    faded.end();
    m_linesDirty = false;
    m_selectionDirty = true;
    m_linesMs = timer.nsecsElapsed() / 1e6;
}

void ParallelCoordinatesPlot::rebuildSelection()
{
    QElapsedTimer timer;
    timer.start();
    // The selected lines drawn over the faded picture, in draw order: one opaque image that
    // paints as a copy.
    if (m_selectedLines.size() != m_fadedLines.size() || m_selectedLines.format() != m_fadedLines.format())
        m_selectedLines = QImage(m_fadedLines.size(), m_fadedLines.format());
    m_selectedLines.setDevicePixelRatio(m_fadedLines.devicePixelRatio());
    std::memcpy(m_selectedLines.bits(), m_fadedLines.constBits(), size_t(m_fadedLines.sizeInBytes()));
    // Layer by layer in draw order: a layer whose every trial is selected is composed as
    // it is; the others draw their selected lines.
    std::vector<int> selected;
    selected.reserve(m_drawOrder.size());
    size_t from = 0;
    const size_t layers = std::max<size_t>(1, m_layerEnd.size());
    for (size_t k = 0; k < layers; ++k) {
        const size_t to = m_layerEnd.empty() ? m_drawOrder.size() : m_layerEnd[k];
        selected.clear();
        for (size_t i = from; i < to; ++i)
            if (m_selected[size_t(m_drawOrder[i])])
                selected.push_back(m_drawOrder[i]);
        if (!m_layerEnd.empty() && selected.size() == to - from) {
            QPainter compose(&m_selectedLines);
            compose.drawImage(QPointF(0, 0), m_layers[k]);
        } else if (!selected.empty()) {
            drawLines(m_selectedLines, selected);
        }
        from = to;
    }
    m_selectionDirty = false;
    m_selectionMs = timer.nsecsElapsed() / 1e6;
}

void ParallelCoordinatesPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_data.trialCount() == 0 && m_data.params.isEmpty()) {
        painter.fillRect(rect(), palette().color(QPalette::Base));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No trials yet"));
        return;
    }
    if (m_linesDirty)
        rebuildLines();
    if (hasBrush() && m_selectionDirty)
        rebuildSelection();
    // The lines' pictures are opaque (drawn on the base colour): painted as opaque images,
    // they are copied rather than blended.
    const QImage &lines = hasBrush() ? m_selectedLines : m_lines;
    QImage opaque(lines.constBits(), lines.width(), lines.height(), lines.bytesPerLine(), QImage::Format_RGB32);
    opaque.setDevicePixelRatio(lines.devicePixelRatio());
    painter.drawImage(QPointF(0, 0), opaque);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int t : {m_hover, m_highlight}) {
        if (t < 0)
            continue;
        QColor c = m_colour[size_t(t)];
        c.setAlpha(255);
        drawTrial(painter, t, QPen(palette().color(QPalette::Base), t == m_highlight ? 5 : 4));
        drawTrial(painter, t,
                  QPen(m_noObjective[size_t(t)] ? palette().color(QPalette::Text) : c, t == m_highlight ? 2.6 : 2));
    }
    drawAxes(painter);
    drawColourBar(painter);
}

void ParallelCoordinatesPlot::drawAxes(QPainter &painter) const
{
    const QRectF plot = plotRect();
    const QColor text = palette().color(QPalette::Text);
    QColor halo = palette().color(QPalette::Base);
    halo.setAlpha(200);
    const int n = int(m_order.size());
    const double spacing = n > 1 ? plot.width() / (n - 1) : plot.width();
    const QFont small = smallerFont(font());
    const QFontMetricsF smallMetrics(small);
    const int maxTicks = std::max(2, int(plot.height() / (smallMetrics.height() * 3.5)));
    QColor brushFill = palette().color(QPalette::Highlight);
    brushFill.setAlpha(60);

    for (int k = 0; k < n; ++k) {
        const int axis = m_order.at(k);
        const double x = axisX(k);
        const bool moving = axis == m_moveAxis && m_dragMoved;
        painter.setOpacity(moving ? 0.35 : 1);
        painter.setPen(QPen(text, 1));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        // Ticks and their labels on the axis's left, on a halo so lines do not hide them.
        painter.setFont(small);
        const double labelWidth = std::min(k == 0 ? kLeft - 10 : spacing * 0.55, 110.0);
        for (const SweepTick &tick : m_scales[size_t(axis)].ticks(maxTicks)) {
            const double y = unitY(tick.unit);
            painter.setPen(QPen(text, 1));
            painter.drawLine(QPointF(x - 4, y), QPointF(x, y));
            const QString label = smallMetrics.elidedText(tick.label, Qt::ElideRight, labelWidth);
            const double w = smallMetrics.horizontalAdvance(label);
            const QRectF box(x - 6 - w, y - smallMetrics.height() / 2, w, smallMetrics.height());
            painter.fillRect(box.adjusted(-2, 0, 1, 0), halo);
            painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, label);
        }
        // The title, elided to the gap between axes; the objective's in bold.
        QFont titleFont = font();
        titleFont.setBold(axis == objectiveAxis());
        painter.setFont(titleFont);
        const QFontMetricsF fm(titleFont);
        const QString name = axis == objectiveAxis()
                                 ? (m_data.objectiveName.isEmpty() ? tr("objective") : m_data.objectiveName)
                                 : m_data.params.at(axis).name;
        const double titleWidth = std::max(30.0, std::min(spacing - 6, 160.0));
        const QString title = fm.elidedText(name, Qt::ElideMiddle, titleWidth);
        const double titleX = moving ? m_moveX : x;
        painter.setOpacity(1);
        painter.drawText(QRectF(titleX - titleWidth / 2, 4, titleWidth, fm.height()), Qt::AlignCenter, title);
        if (axis == objectiveAxis()) {
            painter.setFont(small);
            painter.drawText(QRectF(titleX - titleWidth / 2, 4 + fm.height(), titleWidth, smallMetrics.height()),
                             Qt::AlignCenter, m_data.minimize ? tr("(minimise)") : tr("(maximise)"));
        }
        if (moving) {
            painter.setPen(QPen(text, 1, Qt::DashLine));
            painter.drawLine(QPointF(m_moveX, plot.top()), QPointF(m_moveX, plot.bottom()));
        }
        const auto brush = m_brushes.constFind(axis);
        if (brush != m_brushes.cend()) {
            const QRectF r(QPointF(x - kBrushHalfWidth, unitY(std::min(1.0, brush->hi))),
                           QPointF(x + kBrushHalfWidth, unitY(std::max(0.0, brush->lo))));
            painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
            painter.setBrush(brushFill);
            painter.drawRect(r);
            painter.setBrush(Qt::NoBrush);
        }
    }
    painter.setOpacity(1);
}

void ParallelCoordinatesPlot::drawColourBar(QPainter &painter) const
{
    const bool any = std::any_of(m_noObjective.begin(), m_noObjective.end(), [](bool none) { return !none; });
    if (!any)
        return;
    const QRectF plot = plotRect();
    const SweepScale &obj = m_scales.back();
    const QColor base = palette().color(QPalette::Base), text = palette().color(QPalette::Text);
    const QRectF bar(width() - kRight + 30, plot.top(), 12, plot.height());
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft()); // bottom: the lowest value
    for (int i = 0; i <= 16; ++i) {
        const double f = i / 16.0;
        gradient.setColorAt(f, objectiveColour(objectiveQuality(obj.lo + f * (obj.hi - obj.lo), obj.lo, obj.hi,
                                                                m_data.minimize),
                                               base));
    }
    painter.setPen(QPen(text, 1));
    painter.setBrush(gradient);
    painter.drawRect(bar);
    painter.setBrush(Qt::NoBrush);
    const QFont small = smallerFont(font());
    painter.setFont(small);
    const QFontMetricsF fm(small);
    const double labelX = bar.right() + 4, labelWidth = width() - labelX - 2;
    const QString best = tr("best");
    painter.drawText(QRectF(bar.left() - 10, bar.top() - fm.height() * 2 - 2, labelWidth + 24, fm.height()),
                     Qt::AlignLeft, m_data.minimize ? QString() : best);
    painter.drawText(QRectF(bar.left() - 10, bar.bottom() + 1, labelWidth + 24, fm.height()), Qt::AlignLeft,
                     m_data.minimize ? best : QString());
    for (const SweepTick &tick : obj.ticks(std::max(2, int(plot.height() / (fm.height() * 2.5))))) {
        const double y = bar.bottom() - tick.unit * bar.height();
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        painter.drawText(QRectF(labelX, y - fm.height() / 2, labelWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(tick.label, Qt::ElideRight, labelWidth));
    }
}

QString ParallelCoordinatesPlot::tooltipFor(int trial) const
{
    QStringList lines{tr("Trial %1").arg(m_data.trialNumbers.at(trial))};
    const QList<double> &row = m_data.values.at(trial);
    for (int a = 0; a < objectiveAxis(); ++a) {
        const double v = row.value(a, std::nan(""));
        lines << tr("%1: %2").arg(m_data.params.at(a).name,
                                  std::isnan(v) ? tr("inactive") : m_scales[size_t(a)].format(v));
    }
    const double obj = m_data.objective.value(trial, std::nan(""));
    lines << tr("%1: %2").arg(m_data.objectiveName.isEmpty() ? tr("objective") : m_data.objectiveName,
                              std::isnan(obj) ? tr("none") : shortNumber(obj, 5));
    return lines.join(QLatin1Char('\n'));
}

} // namespace seekbench::widgets
