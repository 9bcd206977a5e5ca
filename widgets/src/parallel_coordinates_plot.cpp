#include "seekbench/widgets/parallel_coordinates_plot.h"

#include "sweep_scale.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QThread>
#include <QThreadPool>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

namespace seekbench::widgets {

ParallelCoordinatesPlot::ParallelCoordinatesPlot(QWidget *parent) : QWidget(parent), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    setObjectName(QStringLiteral("parallelCoordinatesPlot"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setData({});
}

ParallelCoordinatesPlot::~ParallelCoordinatesPlot() = default;

QSize ParallelCoordinatesPlot::sizeHint() const { return {900, 420}; }

QSize ParallelCoordinatesPlot::minimumSizeHint() const { return {360, 220}; }

void ParallelCoordinatesPlot::setData(const SweepChartData &data, bool keepBrushes)
{
    // What to carry over, by axis name: brushes in values (the axes are fitted again) and
    // the order.
    const auto axisName = [this](int axis) {
        return axis == objectiveAxis() ? QStringLiteral("\x01") + m_data.objectiveName : m_data.params.at(axis).name;
    };
    struct KeptBrush
    {
        QString axis;
        double from, to;
    };
    QList<KeptBrush> kept;
    QStringList order;
    if (keepBrushes && !m_scales.empty()) {
        for (auto it = m_brushes.cbegin(); it != m_brushes.cend(); ++it) {
            const SweepScale &scale = m_scales[size_t(it.key())];
            kept.append({axisName(it.key()), scale.fromUnit(it.value().lo), scale.fromUnit(it.value().hi)});
        }
        for (int axis : std::as_const(m_order))
            order << axisName(axis);
    }
    const int highlight = keepBrushes ? m_highlight : -1;
    m_data = data;
    m_data.normalize();
    const int n = m_data.trialCount();
    m_indexOf.clear();
    for (int i = 0; i < n; ++i)
        m_indexOf.insert(m_data.trialNumbers.at(i), i);
    m_order.resize(axisCount());
    std::iota(m_order.begin(), m_order.end(), 0);
    m_brushes.clear();
    m_highlight = m_hover = -1;
    m_dragAxis = m_moveAxis = -1;
    computeUnits();
    QStringList names;
    for (int axis = 0; axis < axisCount(); ++axis)
        names << axisName(axis);
    if (order.size() == axisCount()) {
        QList<int> again;
        for (const QString &name : std::as_const(order))
            if (const int axis = int(names.indexOf(name)); axis >= 0)
                again << axis;
        if (again.size() == axisCount())
            m_order = again;
    }
    for (const KeptBrush &b : std::as_const(kept))
        if (const int axis = int(names.indexOf(b.axis)); axis >= 0) {
            const double lo = m_scales[size_t(axis)].toUnit(b.from), hi = m_scales[size_t(axis)].toUnit(b.to);
            if (!std::isnan(lo) && !std::isnan(hi))
                m_brushes.insert(axis, {std::min(lo, hi), std::max(lo, hi)});
        }
    if (highlight >= 0 && m_indexOf.contains(highlight))
        m_highlight = highlight;
    updateSelection();
    commitSelection(); // a selection the brushes made is gone with them
    m_linesDirty = true;
    update();
}

void ParallelCoordinatesPlot::computeUnits()
{
    const int n = m_data.trialCount(), axes = axisCount(), params = objectiveAxis();
    m_scales.clear();
    for (int a = 0; a < params; ++a) { // each axis fitted to its values
        QList<double> column;
        column.reserve(n);
        for (int t = 0; t < n; ++t)
            column.push_back(m_data.values.at(t).at(a));
        m_scales.push_back(SweepScale::fit(m_data.params.at(a), column));
    }
    SweepAxis objective{m_data.objectiveName, SweepAxis::Scale::Linear, {}};
    m_scales.push_back(SweepScale::fit(objective, m_data.objective));

    m_unit.assign(size_t(n) * size_t(axes), std::nan(""));
    for (int t = 0; t < n; ++t) {
        const QList<double> &row = m_data.values.at(t);
        for (int a = 0; a < params; ++a)
            m_unit[size_t(t) * axes + a] = m_scales[size_t(a)].toUnit(row.at(a));
        m_unit[size_t(t) * axes + params] = m_scales.back().toUnit(m_data.objective.at(t));
    }

    // Colours: the objective's quality on the map; no objective: grey, drawn first.
    const SweepScale &obj = m_scales.back();
    const double lo = obj.lo, hi = obj.hi;
    const QColor base = palette().color(QPalette::Base);
    QColor grey = palette().color(QPalette::Text);
    grey.setAlpha(40);
    const int alpha = n <= 200 ? 230 : std::max(90, int(230 * std::sqrt(200.0 / n)));
    m_colour.assign(size_t(n), grey);
    m_noObjective.assign(size_t(n), true);
    std::vector<double> quality(size_t(n), -1);
    for (int t = 0; t < n; ++t) {
        const double v = m_data.objective.at(t);
        if (!std::isfinite(v))
            continue;
        quality[size_t(t)] = objectiveQuality(v, lo, hi, m_data.minimize);
        QColor c = objectiveColour(quality[size_t(t)], base);
        c.setAlpha(alpha);
        m_colour[size_t(t)] = c;
        m_noObjective[size_t(t)] = false;
    }
    m_drawOrder.resize(size_t(n));
    std::iota(m_drawOrder.begin(), m_drawOrder.end(), 0);
    std::stable_sort(m_drawOrder.begin(), m_drawOrder.end(),
                     [&](int a, int b) { return quality[size_t(a)] < quality[size_t(b)]; });
}

void ParallelCoordinatesPlot::setLayerBudget(qint64 bytes)
{
    m_layerBudget = std::max<qint64>(0, bytes);
    m_linesDirty = true;
    update();
}

void ParallelCoordinatesPlot::setAxisOrder(const QList<int> &order)
{
    QList<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    QList<int> identity(axisCount());
    std::iota(identity.begin(), identity.end(), 0);
    if (sorted != identity || order == m_order)
        return;
    m_order = order;
    m_linesDirty = true;
    update();
}

void ParallelCoordinatesPlot::setBrush(int axis, double from, double to)
{
    if (axis < 0 || axis >= axisCount())
        return;
    double a = m_scales[size_t(axis)].toUnit(from), b = m_scales[size_t(axis)].toUnit(to);
    if (std::isnan(a) || std::isnan(b))
        return;
    if (m_scales[size_t(axis)].scale == SweepAxis::Scale::Categorical) { // whole categories
        const double half = 0.5 / (m_scales[size_t(axis)].hi - m_scales[size_t(axis)].lo);
        std::tie(a, b) = std::pair(std::min(a, b) - half, std::max(a, b) + half);
    }
    m_brushes.insert(axis, {std::min(a, b), std::max(a, b)});
    updateSelection();
    commitSelection();
}

void ParallelCoordinatesPlot::clearBrush(int axis)
{
    if (m_brushes.remove(axis) == 0)
        return;
    updateSelection();
    commitSelection();
}

void ParallelCoordinatesPlot::clearBrushes()
{
    if (m_brushes.isEmpty())
        return;
    m_brushes.clear();
    updateSelection();
    commitSelection();
}

void ParallelCoordinatesPlot::updateSelection()
{
    const int n = m_data.trialCount();
    m_selected.assign(size_t(n), !m_brushes.isEmpty());
    if (!m_brushes.isEmpty()) {
        for (auto it = m_brushes.cbegin(); it != m_brushes.cend(); ++it)
            for (int t = 0; t < n; ++t) {
                const double u = unitOf(t, it.key());
                if (!(u >= it->lo && u <= it->hi)) // NaN is outside
                    m_selected[size_t(t)] = false;
            }
    }
    m_selectionDirty = true;
    update();
}

QList<int> ParallelCoordinatesPlot::selectedTrials() const
{
    QList<int> out;
    if (m_brushes.isEmpty())
        return out;
    for (int t = 0; t < m_data.trialCount(); ++t)
        if (m_selected[size_t(t)])
            out.push_back(m_data.trialNumbers.at(t));
    return out;
}

void ParallelCoordinatesPlot::commitSelection()
{
    const QList<int> now = selectedTrials();
    if (now == m_emitted && hasBrush() == m_emittedBrush)
        return;
    m_emitted = now;
    m_emittedBrush = hasBrush();
    Q_EMIT selectionChanged(now);
}

void ParallelCoordinatesPlot::highlightTrial(int trialNumber)
{
    const int index = trialIndex(trialNumber);
    if (index == m_highlight)
        return;
    m_highlight = index;
    update();
}

int ParallelCoordinatesPlot::highlightedTrial() const
{
    return m_highlight >= 0 ? m_data.trialNumbers.at(m_highlight) : -1;
}

double ParallelCoordinatesPlot::unitPosition(int axis, double value) const
{
    return axis >= 0 && axis < axisCount() ? m_scales[size_t(axis)].toUnit(value) : std::nan("");
}

QPointF ParallelCoordinatesPlot::pointFor(int axis, double value) const
{
    const int position = int(m_order.indexOf(axis));
    if (position < 0)
        return {};
    return {axisX(position), unitY(unitPosition(axis, value))};
}

bool ParallelCoordinatesPlot::drawnWithoutObjective(int trialNumber) const
{
    const int i = trialIndex(trialNumber);
    return i >= 0 && m_noObjective[size_t(i)];
}

QColor ParallelCoordinatesPlot::lineColour(int trialNumber) const
{
    const int i = trialIndex(trialNumber);
    return i >= 0 ? m_colour[size_t(i)] : QColor();
}

int ParallelCoordinatesPlot::trialAt(const QPointF &pos) const
{
    const int axes = int(m_order.size());
    if (axes < 2 || m_data.trialCount() == 0)
        return -1;
    int k = 0;
    while (k < axes - 2 && pos.x() > axisX(k + 1))
        ++k;
    const double x0 = axisX(k), x1 = axisX(k + 1);
    if (pos.x() < x0 - 4 || pos.x() > x1 + 4)
        return -1;
    const double f = std::clamp((pos.x() - x0) / (x1 - x0), 0.0, 1.0);
    const int a = m_order.at(k), b = m_order.at(k + 1);
    int best = -1;
    double bestDist = 5; // pixels
    // Later in the draw order is drawn on top: prefer it on ties, and the selected lines.
    for (int t : m_drawOrder) {
        if (hasBrush() && !m_selected[size_t(t)])
            continue;
        const double ua = unitOf(t, a), ub = unitOf(t, b);
        if (std::isnan(ua) || std::isnan(ub))
            continue;
        const double d = std::abs(unitY(ua + f * (ub - ua)) - pos.y());
        if (d <= bestDist) {
            bestDist = d;
            best = t;
        }
    }
    return best >= 0 ? m_data.trialNumbers.at(best) : -1;
}

bool ParallelCoordinatesPlot::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int trial = trialIndex(trialAt(help->pos()));
        if (trial >= 0)
            QToolTip::showText(help->globalPos(), tooltipFor(trial), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void ParallelCoordinatesPlot::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const QPointF p = event->position();
    const QRectF plot = plotRect();
    m_pressPos = p;
    m_dragMoved = false;
    if (p.y() < plot.top() - 6) { // the titles: move an axis
        const int axis = axisNear(p.x(), 40);
        if (axis >= 0) {
            m_moveAxis = axis;
            m_moveX = p.x();
        }
        return;
    }
    const int axis = axisNear(p.x(), 10);
    if (axis >= 0 && p.y() <= plot.bottom() + 6) {
        m_dragAxis = axis;
        m_dragStart = std::clamp((plot.bottom() - p.y()) / plot.height(), 0.0, 1.0);
    }
}

void ParallelCoordinatesPlot::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF p = event->position();
    if (m_dragAxis >= 0) {
        if (!m_dragMoved && std::abs(p.y() - m_pressPos.y()) < 3)
            return;
        m_dragMoved = true;
        const QRectF plot = plotRect();
        const double u = std::clamp((plot.bottom() - p.y()) / plot.height(), 0.0, 1.0);
        m_brushes.insert(m_dragAxis, {std::min(u, m_dragStart), std::max(u, m_dragStart)});
        updateSelection();
        return;
    }
    if (m_moveAxis >= 0) {
        m_dragMoved = m_dragMoved || std::abs(p.x() - m_pressPos.x()) >= 3;
        m_moveX = p.x();
        update();
        return;
    }
    const int trial = trialIndex(trialAt(p));
    if (trial != m_hover) {
        m_hover = trial;
        update();
        Q_EMIT trialHovered(trial >= 0 ? m_data.trialNumbers.at(trial) : -1);
    }
}

void ParallelCoordinatesPlot::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    if (m_dragAxis >= 0) {
        const int axis = std::exchange(m_dragAxis, -1);
        if (!m_dragMoved && m_brushes.contains(axis)) { // a click: outside the brush clears it
            const Brush b = m_brushes.value(axis);
            if (m_dragStart < b.lo || m_dragStart > b.hi) {
                m_brushes.remove(axis);
                updateSelection();
            }
        }
        commitSelection();
        return;
    }
    if (m_moveAxis >= 0) {
        const int axis = std::exchange(m_moveAxis, -1);
        if (m_dragMoved) {
            QList<int> order = m_order;
            order.removeOne(axis);
            int position = 0;
            for (int k = 0; k < int(m_order.size()); ++k)
                if (m_order.at(k) != axis && axisX(k) < event->position().x())
                    ++position;
            order.insert(position, axis);
            setAxisOrder(order);
        }
        update();
    }
}

void ParallelCoordinatesPlot::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && hasBrush()) {
        clearBrushes();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ParallelCoordinatesPlot::leaveEvent(QEvent *event)
{
    if (m_hover >= 0) {
        m_hover = -1;
        update();
        Q_EMIT trialHovered(-1);
    }
    QWidget::leaveEvent(event);
}

void ParallelCoordinatesPlot::resizeEvent(QResizeEvent *event)
{
    m_linesDirty = true;
    QWidget::resizeEvent(event);
}

void ParallelCoordinatesPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) { // light or dark: new colours
        computeUnits();
        m_linesDirty = true;
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace seekbench::widgets
