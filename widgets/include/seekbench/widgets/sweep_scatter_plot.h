#pragma once

#include "seekbench/widgets/sweep_chart_data.h"

#include <QList>
#include <QPointF>
#include <QWidget>

class QCPGraph;
class QCustomPlot;

namespace seekbench::widgets {

// A sweep's trials as points coloured by state, in one of three views:
// - Parameter: one parameter (x, linear, log or categorical) against the objective (y);
// - History: the trial number against the objective, with the best-so-far step line
//   (setBestSoFarVisible);
// - Pareto: a cost (x) against the objective (y), the non-dominated trials highlighted
//   and joined by a step line.
// Clicking a point emits trialClicked. On QCustomPlot, in the widget palette.
class SweepScatterPlot : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Parameter, History, Pareto };

    explicit SweepScatterPlot(QWidget *parent = nullptr);

    void setData(const SweepChartData &data); // keeps the mode, Pareto falls back to History
    const SweepChartData &data() const { return m_data; }
    void showParameter(int param);
    void showHistory();
    // `cost` per trial (as in data()); `front`: indices into the trials of the non-dominated
    // ones.
    void showPareto(const QList<double> &cost, const QString &costName, const QList<int> &front);
    void setBestSoFarVisible(bool visible); // History only
    bool bestSoFarVisible() const { return m_bestSoFar; }

    Mode mode() const { return m_mode; }
    int parameter() const { return m_param; }
    QList<int> paretoTrials() const; // trial numbers of the highlighted front
    int plottedCount() const { return int(m_trials.size()); }
    // The point of a trial in plotWidget() coordinates; null when it is not plotted.
    QPointF pointPosition(int trialNumber) const;
    int trialAt(const QPointF &pos) const; // the nearest point within 8 px, or -1
    QWidget *plotWidget() const;
    void replot(); // lays out and draws now (tests, export)
    // Rings one trial's point (the selection in the table); -1 for none.
    void highlightTrial(int trialNumber);
    int highlightedTrial() const { return m_highlight; }
    bool highlightShown() const; // the ring is on a plotted point

Q_SIGNALS:
    void trialClicked(int trialNumber);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void updateHighlight();
    double jitter(int trial) const;

    QCustomPlot *m_plot;
    SweepChartData m_data;
    Mode m_mode = Mode::History;
    int m_param = 0;
    bool m_bestSoFar = true;
    QList<double> m_cost;
    QString m_costName;
    QList<int> m_front;
    // What is plotted, for hit tests: x, y in axis coordinates and the trial index.
    QList<double> m_x, m_y;
    QList<int> m_trials;
    int m_highlight = -1;
    QCPGraph *m_ring = nullptr; // rebuilt with the graphs
};

} // namespace seekbench::widgets
