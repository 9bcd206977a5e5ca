#include "runs/chart_grid.h"

#include <QGridLayout>
#include <QResizeEvent>

namespace seekbench::ui {

ChartGrid::ChartGrid(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("chartGrid"));
    m_grid->setContentsMargins(0, 0, 0, 0);
}

void ChartGrid::addChart(QWidget *chart)
{
    chart->setMinimumWidth(kMinChartWidth / 2);
    m_charts.append(chart);
    relayout(m_columns);
}

void ChartGrid::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int columns = event->size().width() >= 2 * kMinChartWidth + m_grid->horizontalSpacing() ? 2 : 1;
    if (columns != m_columns)
        relayout(columns);
}

void ChartGrid::relayout(int columns)
{
    m_columns = columns;
    for (QWidget *chart : m_charts)
        m_grid->removeWidget(chart);
    for (int c = 0; c < 2; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    for (int i = 0; i < m_charts.size(); ++i)
        m_grid->addWidget(m_charts[i], i / columns, i % columns);
    for (int r = 0; r < m_charts.size(); ++r)
        m_grid->setRowStretch(r, r < (m_charts.size() + columns - 1) / columns ? 1 : 0);
}

} // namespace seekbench::ui
