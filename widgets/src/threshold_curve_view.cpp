#include "seekbench/widgets/threshold_curve_view.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace seekbench::widgets {

ThresholdCurveView::ThresholdCurveView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("thresholdCurveView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    followPalette(m_plot); // light or dark, with the theme
    m_plot->setObjectName(QStringLiteral("thresholdPlot"));
    layout->addWidget(m_plot);
    const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28)};
    for (const QColor &c : colors)
        m_plot->addGraph()->setPen(QPen(c, 2));
    m_plot->graph(0)->setName(tr("precision"));
    m_plot->graph(1)->setName(tr("recall"));
    m_plot->graph(2)->setName(tr("false-positive rate"));
    m_plot->xAxis->setLabel(tr("alert threshold (score)"));
    m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRange(0, 1.02);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    m_line = new QCPItemStraightLine(m_plot);
    // The operating point in the text colour: dark on light, light on dark.
    m_line->setPen(QPen(palette().color(QPalette::WindowText), 2, Qt::DashLine));
    m_plot->installEventFilter(this);
    setThreshold(0.5);
}

QWidget *ThresholdCurveView::plotWidget() const { return m_plot; }

void ThresholdCurveView::setCurve(const QVector<ThresholdPoint> &points)
{
    m_points = points;
    std::sort(m_points.begin(), m_points.end(), [](const auto &a, const auto &b) { return a.threshold < b.threshold; });
    QVector<double> t, pr, rc, fp;
    for (const auto &p : m_points) {
        t << p.threshold;
        pr << p.precision;
        rc << p.recall;
        fp << p.fpr;
    }
    m_plot->graph(0)->setData(t, pr, true);
    m_plot->graph(1)->setData(t, rc, true);
    m_plot->graph(2)->setData(t, fp, true);
    if (!t.isEmpty())
        m_plot->xAxis->setRange(std::min(0.0, t.front()), std::max(1.0, t.back()));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThresholdCurveView::setThreshold(double t)
{
    m_threshold = std::clamp(t, 0.0, 1.0);
    m_line->point1->setCoords(m_threshold, 0);
    m_line->point2->setCoords(m_threshold, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

ThresholdPoint ThresholdCurveView::pointAt(double t) const
{
    const auto it = std::lower_bound(m_points.begin(), m_points.end(), t,
                                     [](const ThresholdPoint &p, double v) { return p.threshold < v; });
    if (it == m_points.end())
        return m_points.isEmpty() ? ThresholdPoint{t, 0, 0, 0, 0} : m_points.back();
    return *it;
}

int ThresholdCurveView::xForThreshold(double t) const { return int(m_plot->xAxis->coordToPixel(t)); }

bool ThresholdCurveView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::PaletteChange: // the theme changed: the line follows the text colour
        m_line->setPen(QPen(m_plot->palette().color(QPalette::WindowText), 2, Qt::DashLine));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        break;
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() == Qt::LeftButton
            && std::abs(e->position().x() - m_plot->xAxis->coordToPixel(m_threshold)) <= 8) {
            m_dragging = true;
            return true;
        }
        break;
    }
    case QEvent::MouseMove:
        if (m_dragging) {
            setThreshold(m_plot->xAxis->pixelToCoord(static_cast<QMouseEvent *>(event)->position().x()));
            m_plot->replot(QCustomPlot::rpImmediateRefresh);
            Q_EMIT thresholdChanged(m_threshold);
            return true;
        }
        break;
    case QEvent::MouseButtonRelease:
        if (m_dragging) {
            m_dragging = false;
            Q_EMIT thresholdChanged(m_threshold);
            Q_EMIT thresholdChosen(m_threshold);
            return true;
        }
        break;
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace seekbench::widgets
