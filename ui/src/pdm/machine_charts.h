#pragma once

#include "pdm/machine_loader.h"

#include "seekbench/widgets/plot_data_provider.h"

#include <QColor>
#include <QVector>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace seekbench::widgets {
class AttentionBand;
class LivePlot;
class PlotGroup;
class PlotMarks;
} // namespace seekbench::widgets

namespace seekbench::ui {

// Curves that are all there at once (a machine's readings at full resolution): every
// request is answered with the whole set; QCustomPlot thins what it draws per pixel.
class FixedSeriesProvider : public widgets::PlotDataProvider
{
    Q_OBJECT
public:
    FixedSeriesProvider(QVector<widgets::PlotSeries> series, QObject *parent);
    void requestRange(double, double, int) override {} // the whole set is already drawn
    void requestAll(int) override { Q_EMIT seriesReplaced(m_series); }

private:
    QVector<widgets::PlotSeries> m_series;
};

// A machine's charts on one time axis, stacked: its failure score per mode with the
// thresholds, its predicted RUL, one chart per sensor, and the selected window's attention
// band under them. Maintenance, failures, the selected alert and its window are marked on
// every chart; zoom and pan act on all charts together.
class MachineCharts : public QWidget
{
    Q_OBJECT
public:
    enum class Mark { Scheduled, Corrective, Failure, Alert, AlertFailure };

    explicit MachineCharts(QWidget *parent = nullptr);

    void setData(std::shared_ptr<const MachineData> data);
    // The selected window at `t` with its attention over its steps; `alert` null for the
    // machine's last window.
    void setSelection(double t, const std::vector<float> &temporal, const pdm::AlertRecord *alert);
    void showWhole();
    void focusSelection();

    const QVector<widgets::LivePlot *> &sensorPlots() const { return m_sensorPlots; }
    widgets::LivePlot *riskPlot() const { return m_riskPlot; }
    widgets::LivePlot *rulPlot() const { return m_rulPlot; }
    widgets::AttentionBand *band() const { return m_band; }
    widgets::PlotMarks *marksOf(widgets::LivePlot *plot) const;
    QColor markColor(Mark mark) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    widgets::LivePlot *addPlot(const QString &caption, QVector<widgets::PlotSeries> series, int minHeight);
    void clearPlots();
    void applyMarks();
    void syncBand();
    void retranslate();
    QString unitCaption(const QString &what) const;

    std::shared_ptr<const MachineData> m_data;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_stack = nullptr;
    QLabel *m_legend = nullptr;
    QPushButton *m_whole = nullptr, *m_focus = nullptr;
    widgets::LivePlot *m_riskPlot = nullptr, *m_rulPlot = nullptr;
    QVector<widgets::LivePlot *> m_sensorPlots, m_plots;
    QVector<widgets::PlotMarks *> m_marks;
    widgets::PlotGroup *m_group = nullptr;
    widgets::AttentionBand *m_band = nullptr;
    double m_t = 0;
    bool m_hasSelection = false;
    pdm::AlertRecord m_alert;
    bool m_hasAlert = false;
};

} // namespace seekbench::ui
