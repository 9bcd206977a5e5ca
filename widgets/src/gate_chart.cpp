#include "seekbench/widgets/gate_chart.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"

#include <QVBoxLayout>

#include <algorithm>

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
    m_plot->yAxis->setLabel(tr("text gate weight (image = 1 − text)"));
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
    m_plot->xAxis->setTickLabelRotation(45);
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
