#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPStatisticalBox;
class QCPGraph;

namespace seekbench::widgets {

// The distribution of the text gate weight (image weight = 1 - text) over a test set, one
// box per class (quartiles, whiskers at min and max), with the current sample marked.
class GateChart : public QWidget
{
    Q_OBJECT
public:
    explicit GateChart(QWidget *parent = nullptr);

    // One vector of text weights per class, in the order of `classes`.
    void setDistribution(const QStringList &classes, const std::vector<std::vector<double>> &textWeights);
    void setCurrent(int cls, double textWeight); // cls < 0: no marker
    QCustomPlot *plot() const { return m_plot; }
    // Box statistics of a class: min, lower quartile, median, upper quartile, max.
    std::vector<double> boxOf(int cls) const;
    // The class labels the x axis draws now, in order (after a replot).
    QStringList tickLabels() const;
    // Every class label and the y title lie inside the chart (none is clipped).
    bool labelsFit() const;

private:
    QCustomPlot *m_plot;
    QCPStatisticalBox *m_boxes;
    QCPGraph *m_current;
};

} // namespace seekbench::widgets
