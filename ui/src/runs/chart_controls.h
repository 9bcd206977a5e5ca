#pragma once

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace seekbench::widgets {
class LivePlot;
}

namespace seekbench::ui {

// One smoothing slider and one x-axis choice for all the charts of a tab, as in
// TensorBoard: the charts keep only their own Log y, Box zoom and Export. The smoothing
// is remembered between sessions.
class ChartControls : public QWidget
{
    Q_OBJECT
public:
    explicit ChartControls(QWidget *parent = nullptr);
    void setCharts(const QList<widgets::LivePlot *> &charts);
    double smoothing() const;
    void setSmoothing(double weight);
    int xAxis() const; // widgets::LivePlot::XAxis

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void apply();

    QList<widgets::LivePlot *> m_charts;
    QLabel *m_label;
    QSlider *m_slider;
    QLabel *m_xLabel;
    QComboBox *m_x;
};

} // namespace seekbench::ui
