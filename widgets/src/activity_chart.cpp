#include "seekbench/widgets/activity_chart.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"

#include <QVBoxLayout>

namespace seekbench::widgets {

ActivityChart::ActivityChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("activityChart"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    followPalette(m_plot); // light or dark, with the theme
    layout->addWidget(m_plot);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("MM-dd"));
    ticker->setDateTimeSpec(Qt::UTC);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setLabel(tr("in (+) / out (−) per day"));
    m_plot->setMinimumHeight(140);
}

void ActivityChart::setDays(const QVector<ActivityDay> &days, double markTs)
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_days = int(days.size());
    QVector<double> x, in, out;
    double lo = 0, hi = 0;
    for (const auto &d : days) {
        x << d.dayTs + 43200;
        in << d.amountIn;
        out << -d.amountOut;
        hi = std::max(hi, d.amountIn);
        lo = std::min(lo, -d.amountOut);
    }
    auto *bin = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bin->setName(tr("received"));
    bin->setWidth(86400 * 0.8);
    bin->setBrush(QColor(0x3b, 0x7d, 0xd8));
    bin->setPen(Qt::NoPen);
    bin->setData(x, in, true);
    auto *bout = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    bout->setName(tr("sent"));
    bout->setWidth(86400 * 0.8);
    bout->setBrush(QColor(0xff, 0x8c, 0x1a));
    bout->setPen(Qt::NoPen);
    bout->setData(x, out, true);
    if (!x.isEmpty())
        m_plot->xAxis->setRange(x.front() - 86400, x.back() + 86400);
    m_plot->yAxis->setRange(lo * 1.1 - 1, hi * 1.1 + 1);
    if (markTs >= 0) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->point1->setCoords(markTs, 0);
        line->point2->setCoords(markTs, 1);
        line->setPen(QPen(QColor(0xd6, 0x27, 0x28), 1.5, Qt::DashLine));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace seekbench::widgets
