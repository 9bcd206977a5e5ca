#include "seekbench/widgets/gate_chart.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"

#include <QFontMetricsF>
#include <QVBoxLayout>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {

double quantile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double pos = q * double(sorted.size() - 1);
    const auto i = std::size_t(pos);
    const double f = pos - double(i);
    return i + 1 < sorted.size() ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

} // namespace

GateChart::GateChart(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    followPalette(m_plot);
    setObjectName(QStringLiteral("gateChart"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_boxes = new QCPStatisticalBox(m_plot->xAxis, m_plot->yAxis);
    m_boxes->setWidth(0.6);
    m_boxes->setBrush(QColor(90, 140, 220, 90));
    m_current = m_plot->addGraph();
    m_current->setLineStyle(QCPGraph::lsNone);
    m_current->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QColor(220, 60, 40), 9));
    m_plot->yAxis->setRange(0, 1);
    m_plot->yAxis->setLabel(tr("text gate weight\n(image = 1 − text)"));
    m_plot->setMinimumHeight(160);
}

void GateChart::setDistribution(const QStringList &classes, const std::vector<std::vector<double>> &textWeights)
{
    m_boxes->data()->clear();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int c = 0; c < classes.size(); ++c) {
        ticker->addTick(c, classes[c]);
        if (std::size_t(c) >= textWeights.size() || textWeights[std::size_t(c)].empty())
            continue;
        std::vector<double> v = textWeights[std::size_t(c)];
        std::sort(v.begin(), v.end());
        m_boxes->addData(c, v.front(), quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v.back());
    }
    m_plot->xAxis->setTicker(ticker);
    // Labels run down and to the left of their tick, so the last class's stays inside.
    m_plot->xAxis->setTickLabelRotation(-45);
    m_plot->xAxis->setRange(-0.7, std::max<qsizetype>(1, classes.size()) - 0.3);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GateChart::setCurrent(int cls, double textWeight)
{
    m_current->data()->clear();
    if (cls >= 0)
        m_current->addData(cls, textWeight);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<double> GateChart::boxOf(int cls) const
{
    for (auto it = m_boxes->data()->constBegin(); it != m_boxes->data()->constEnd(); ++it)
        if (int(it->key) == cls)
            return {it->minimum, it->lowerQuartile, it->median, it->upperQuartile, it->maximum};
    return {};
}

} // namespace seekbench::widgets

namespace seekbench::widgets {

QStringList GateChart::tickLabels() const
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    QStringList out;
    const QCPRange range = m_plot->xAxis->range();
    const QVector<double> ticks = m_plot->xAxis->tickVector();
    const QVector<QString> labels = m_plot->xAxis->tickVectorLabels();
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i)
        if (range.contains(ticks[i]))
            out << labels[i];
    return out;
}

bool GateChart::labelsFit() const
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    const QFontMetricsF tickFont(m_plot->xAxis->tickLabelFont());
    const double angle = qDegreesToRadians(std::abs(m_plot->xAxis->tickLabelRotation()));
    const QVector<double> ticks = m_plot->xAxis->tickVector();
    const QVector<QString> labels = m_plot->xAxis->tickVectorLabels();
    const double bottom = m_plot->axisRect()->bottom() + m_plot->xAxis->offset() + m_plot->xAxis->tickLabelPadding();
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
        const double w = tickFont.horizontalAdvance(labels[i]), h = tickFont.height();
        // The rotated label's extent below the axis and to the side of its tick.
        const double down = w * std::sin(angle) + h * std::cos(angle);
        const double side = w * std::cos(angle) + h * std::sin(angle);
        const double x = m_plot->xAxis->coordToPixel(ticks[i]);
        const bool leftward = m_plot->xAxis->tickLabelRotation() < 0;
        if (bottom + down > m_plot->height() + 1 || (leftward ? x - side < -1 : x + side > m_plot->width() + 1))
            return false;
    }
    const QFontMetricsF labelFont(m_plot->yAxis->labelFont());
    for (const QString &line : m_plot->yAxis->label().split(QLatin1Char('\n')))
        if (labelFont.horizontalAdvance(line) > m_plot->height())
            return false;
    return true;
}

} // namespace seekbench::widgets
