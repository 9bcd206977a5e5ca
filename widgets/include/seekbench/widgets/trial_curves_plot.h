#pragma once

#include "seekbench/widgets/sweep_chart_data.h"

#include <QList>
#include <QString>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace seekbench::widgets {

// One trial's intermediate values (what the pruner saw), step by step.
struct TrialCurve
{
    int trialNumber = 0;
    int state = SweepChartData::Complete;
    QList<double> steps, values;
};

// The intermediate curves of a sweep's trials: each in the colour of its last value on the
// sweep's viridis map (the best with the most contrast), pruned trials grey and faint,
// running ones in the run palette's cyan; highlightTrial draws one thick on top. On
// QCustomPlot, in the widget palette.
class TrialCurvesPlot : public QWidget
{
    Q_OBJECT
public:
    explicit TrialCurvesPlot(QWidget *parent = nullptr);

    void setCurves(const QList<TrialCurve> &curves, const QString &metricName, bool minimize);
    void setLogY(bool on);
    void highlightTrial(int trialNumber); // -1: none
    int highlightedTrial() const { return m_highlight; }
    int curveCount() const { return int(m_curves.size()); }
    // Whether a trial's curve is drawn faint (pruned); false for unknown trials.
    bool curveFaded(int trialNumber) const;
    QColor curveColour(int trialNumber) const;
    QWidget *plotWidget() const;
    void replot(); // lays out and draws now (tests, export)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    QColor colourOf(int index, double lo, double hi) const;

    QCustomPlot *m_plot;
    QList<TrialCurve> m_curves;
    QList<QCPGraph *> m_graphs;
    QString m_metric;
    bool m_minimize = true, m_logY = false;
    int m_highlight = -1;
};

} // namespace seekbench::widgets
