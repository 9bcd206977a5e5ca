#pragma once

#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;

namespace seekbench::widgets {

struct ThresholdPoint
{
    double threshold = 0, precision = 0, recall = 0, fpr = 0, alerts = 0;
};

// Precision, recall and false-positive rate against the alert threshold, with the
// operating point as a vertical line the user drags (or sets). Dragging emits
// thresholdChanged continuously; releasing emits thresholdChosen.
class ThresholdCurveView : public QWidget
{
    Q_OBJECT
public:
    explicit ThresholdCurveView(QWidget *parent = nullptr);

    void setCurve(const QVector<ThresholdPoint> &points); // any order
    void setThreshold(double t);
    double threshold() const { return m_threshold; }
    // The point of the curve at threshold t (the nearest threshold at or above t).
    ThresholdPoint pointAt(double t) const;
    // Widget x of a threshold (for tests that drag the line).
    int xForThreshold(double t) const;
    QWidget *plotWidget() const;

Q_SIGNALS:
    void thresholdChanged(double t);
    void thresholdChosen(double t);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCustomPlot *m_plot;
    QCPItemStraightLine *m_line;
    QVector<ThresholdPoint> m_points; // threshold ascending
    double m_threshold = 0.5;
    bool m_dragging = false;
};

} // namespace seekbench::widgets
