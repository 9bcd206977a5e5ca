#pragma once

#include <QVector>
#include <QWidget>

class QCustomPlot;

namespace seekbench::widgets {

struct ActivityDay
{
    double dayTs = 0; // seconds since 1970 UTC, start of the day
    double amountIn = 0, amountOut = 0;
};

// An account's money in (up) and out (down) per day, with a marker at one time (the
// alerted transfer).
class ActivityChart : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityChart(QWidget *parent = nullptr);
    void setDays(const QVector<ActivityDay> &days, double markTs = -1);
    int dayCount() const { return m_days; }

private:
    QCustomPlot *m_plot;
    int m_days = 0;
};

} // namespace seekbench::widgets
