#include "plot_theme.h"

#include "qcustomplot_wrapper.h"

#include <QEvent>
#include <QObject>

namespace seekbench::widgets {

namespace {

void applyPalette(QCustomPlot *plot)
{
    const QPalette &pal = plot->palette();
    const QColor text = pal.color(QPalette::Text), base = pal.color(QPalette::Base);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    QColor subGrid = grid;
    subGrid.setAlpha(50);
    plot->setBackground(base);
    for (QCPAxisRect *rect : plot->axisRects()) {
        rect->setBackground(base);
        for (QCPAxis *axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1));
        }
    }
    plot->legend->setBrush(base);
    plot->legend->setBorderPen(QPen(text, 1));
    plot->legend->setTextColor(text);
}

class PaletteFollower : public QObject
{
public:
    explicit PaletteFollower(QCustomPlot *plot) : QObject(plot), m_plot(plot) { plot->installEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_plot && event->type() == QEvent::PaletteChange) {
            applyPalette(m_plot);
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QCustomPlot *m_plot;
};

} // namespace

void followPalette(QCustomPlot *plot)
{
    applyPalette(plot);
    new PaletteFollower(plot);
}

QCPGraph *addSelectionRing(QCustomPlot *plot, const QColor &colour)
{
    QCPGraph *ring = plot->addGraph();
    ring->setLineStyle(QCPGraph::lsNone);
    ring->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 2.4), Qt::NoBrush, 15));
    ring->removeFromLegend();
    ring->setSelectable(QCP::stNone);
    return ring;
}

} // namespace seekbench::widgets
