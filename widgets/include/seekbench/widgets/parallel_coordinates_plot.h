#pragma once

#include "seekbench/widgets/sweep_chart_data.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QWidget>

class QThreadPool;

#include <vector>

namespace seekbench::widgets {

class SweepScale;

// A sweep's trials as lines across one vertical axis per parameter (linear, log or
// categorical) and the objective last. Lines take the objective's colour on a viridis map,
// the best drawn last and with the most contrast; trials without an objective (failed,
// infeasible, running) are grey and faint; an inactive (NaN) value leaves a gap.
//
// Brushing: drag vertically on an axis to select a range; brushes on several axes AND
// together, lines outside them fade. A click on an axis outside its brush clears that
// brush, Esc clears all. Dragging an axis's title moves the axis.
//
// All lines are rendered once into a cached image (on data, size, order or palette
// changes); a brush change redraws only the selected lines into a second image, and the
// axes, brushes and the highlighted line are drawn over both on each paint.
class ParallelCoordinatesPlot : public QWidget
{
    Q_OBJECT
public:
    explicit ParallelCoordinatesPlot(QWidget *parent = nullptr);
    ~ParallelCoordinatesPlot() override;

    // Clears the brushes and the axis order, unless keepBrushes: the same sweep read again
    // (trials added while it runs); then each brush stays on the axis of the same name, in
    // the same values, and the axes keep their order.
    void setData(const SweepChartData &data, bool keepBrushes = false);
    const SweepChartData &data() const { return m_data; }

    // Axes are numbered as the parameters, the objective last (objectiveAxis()).
    int axisCount() const { return int(m_data.params.size()) + 1; }
    int objectiveAxis() const { return int(m_data.params.size()); }
    QList<int> axisOrder() const { return m_order; } // left to right
    void setAxisOrder(const QList<int> &order);      // a permutation of the axes

    // Brushes in the axis's values (a categorical axis: category indices).
    void setBrush(int axis, double from, double to);
    void clearBrush(int axis);
    void clearBrushes();
    bool hasBrush() const { return !m_brushes.isEmpty(); }
    // The trials inside every brush, in data order; empty while there is no brush.
    QList<int> selectedTrials() const;

    // Outlines one trial (hover or selection in a table); -1 for none.
    void highlightTrial(int trialNumber);
    int highlightedTrial() const;

    // Where a value sits on an axis: 0 at the bottom, 1 at the top; NaN when it has no
    // place (NaN, or not positive on a log axis).
    double unitPosition(int axis, double value) const;
    // The same in widget coordinates (for tests and tooltips).
    QPointF pointFor(int axis, double value) const;
    // How a trial's line is drawn: in the objective's colour, or grey as one without.
    bool drawnWithoutObjective(int trialNumber) const;
    QColor lineColour(int trialNumber) const;
    // The trial whose line passes nearest `pos` (within a few pixels), or -1.
    int trialAt(const QPointF &pos) const;

    // Milliseconds the last rebuild of each cached image took (for the benchmark).
    double lastLinesMs() const { return m_linesMs; }
    double lastSelectionMs() const { return m_selectionMs; }
    // The memory the layers may take (bytes; 0: none, every brush draws its lines). For
    // tests and the benchmark; 48 MiB by default.
    void setLayerBudget(qint64 bytes);
    int layerCount() const { return int(m_layers.size()); }

Q_SIGNALS:
    // After a brush gesture ends (mouse release), Esc, a programmatic brush change, or
    // setData dropping the brushes; empty with no brush (hasBrush() tells "none" apart).
    void selectionChanged(const QList<int> &trialNumbers);
    void trialHovered(int trialNumber); // -1 when the pointer leaves the lines

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    struct Brush
    {
        double lo = 0, hi = 1; // unit positions
    };

    // Geometry (parallel_coordinates_paint.cpp).
    QRectF plotRect() const;
    double axisX(int position) const; // position: index in m_order
    double unitY(double unit) const;
    int axisNear(double x, double tolerance) const; // an axis id, or -1
    // Drawing (parallel_coordinates_paint.cpp).
    void rebuildLines();
    void rebuildSelection();
    void drawLines(QImage &image, const std::vector<int> &trials) const;
    int trialPoints(int trial, QPointF *points) const; // per axis position; y NaN: a gap
    void drawTrial(QPainter &painter, int trial, const QPen &pen) const;
    void drawAxes(QPainter &painter) const;
    void drawColourBar(QPainter &painter) const;
    QString tooltipFor(int trial) const;

    void computeUnits();
    void updateSelection();
    void commitSelection(); // emits when the selection differs from the last emitted
    int trialIndex(int trialNumber) const { return m_indexOf.value(trialNumber, -1); }
    double unitOf(int trial, int axis) const { return m_unit[size_t(trial) * size_t(axisCount()) + size_t(axis)]; }

    SweepChartData m_data;
    std::vector<SweepScale> m_scales; // per axis, the objective last
    std::vector<double> m_unit;       // trial-major, one unit position per axis
    std::vector<QColor> m_colour;
    std::vector<bool> m_noObjective;
    std::vector<int> m_drawOrder; // no objective first, then worst to best
    std::vector<bool> m_selected;
    QHash<int, int> m_indexOf; // trial number -> index
    QList<int> m_order;
    QHash<int, Brush> m_brushes;
    QThreadPool *m_pool; // draws strips of lines beside the GUI thread
    QList<int> m_emitted;
    bool m_emittedBrush = false;

    QImage m_lines, m_fadedLines, m_selectedLines; // all lines; all faded; the selected over the faded
    // At thousands of trials the lines are also kept in layers, each a run of the draw
    // order on a transparent image: a brush that keeps a whole layer composes it instead
    // of drawing its lines again (a brush on the objective keeps whole layers, since the
    // draw order is by objective). m_layerEnd[k]: one past layer k's last draw position.
    std::vector<QImage> m_layers;
    std::vector<size_t> m_layerEnd;
    bool m_linesDirty = true, m_selectionDirty = true;
    double m_linesMs = 0, m_selectionMs = 0;
    qint64 m_layerBudget = 48ll << 20;

    int m_highlight = -1, m_hover = -1; // trial indices
    int m_dragAxis = -1, m_moveAxis = -1;
    double m_dragStart = 0, m_moveX = 0;
    QPointF m_pressPos;
    bool m_dragMoved = false;
};

} // namespace seekbench::widgets
