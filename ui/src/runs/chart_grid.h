#pragma once

#include <QList>
#include <QWidget>

class QGridLayout;

namespace seekbench::ui {

// The run's charts two abreast when there is room for both, one above the other when
// not: the charts never hold the window wider than the user wants the runs table.
class ChartGrid : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMinChartWidth = 340;

    explicit ChartGrid(QWidget *parent = nullptr);
    void addChart(QWidget *chart);
    int columns() const { return m_columns; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout(int columns);

    QGridLayout *m_grid;
    QList<QWidget *> m_charts;
    int m_columns = 2;
};

} // namespace seekbench::ui
