#pragma once

#include "seekbench/widgets/plot_data_provider.h"
#include "seekbench/widgets/plot_series.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QMouseEvent;
class QSlider;
class QToolButton;

namespace seekbench::widgets {

// The chart used everywhere in the app, on QCustomPlot. Curves come from a
// PlotDataProvider; new points are buffered and drawn on a ~40 ms timer, never one
// replot per point. Smoothing is TensorBoard's debiased EMA on raw points or bucket
// means (never on the envelope), with the raw curve faint behind. Zooming asks the
// provider for the visible range at one bucket per pixel column.
class LivePlot : public QWidget
{
    Q_OBJECT
public:
    enum class XAxis { Step, WallTime, Relative };

    explicit LivePlot(QWidget *parent = nullptr);
    ~LivePlot() override;

    void setProvider(PlotDataProvider *provider);
    PlotDataProvider *provider() const { return m_provider; }
    void setTitle(const QString &title);
    void setPlaceholder(const QString &text); // shown while there is no curve

    void setSmoothing(double weight); // 0..0.99
    double smoothing() const { return m_smoothing; }
    void setLogY(bool on);
    bool logY() const { return m_logY; }
    void setXAxis(XAxis axis);
    // Hides this chart's own smoothing and x-axis controls, for a view that sets them for
    // all its charts at once (the run view's Training tab).
    void setViewControlsVisible(bool visible);
    // The legend sits above the plot, outside the data, wrapping into rows.
    bool legendShown() const;
    XAxis xAxis() const { return m_xAxis; }
    void setBoxZoom(bool on);

    const QVector<PlotSeries> &series() const { return m_series; }
    int pointCount() const;
    // The x range shown; true while the view follows new data (no user zoom).
    bool isFollowing() const { return m_following; }
    void zoomToSteps(double fromStep, double toStep); // as a user zoom would
    // The axes' visible ranges, lower and upper.
    std::pair<double, double> xRange() const;
    std::pair<double, double> yRange() const;
    void resetView();

    bool exportPng(const QString &path, int width = 1200, int height = 700);
    bool exportSvg(const QString &path, int width = 1200, int height = 700);
    bool exportCsv(const QString &path) const;

    QCustomPlot *canvas() const { return m_plot; }
    // Milliseconds the last replot took (for the benchmarks).
    double lastReplotMs() const { return m_lastReplotMs; }

Q_SIGNALS:
    void replotted();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLayout *buildToolbar();
    void retranslate();
    void onSeriesReplaced(const QVector<PlotSeries> &series);
    void onSeriesAppended(const QVector<PlotSeries> &tails);
    void scheduleReplot();
    void rebuildGraphs();
    void applyAutoRange();
    void placeLegend(bool shown);
    void wrapLegend();
    void onUserRangeChanged();
    void requestVisibleRange();
    void onMouseMove(QMouseEvent *event);
    double xOf(const PlotSeries &s, int i) const;
    double stepAtX(double x) const;
    void chooseExport();

    QCustomPlot *m_plot = nullptr;
    QPointer<PlotDataProvider> m_provider;
    QVector<PlotSeries> m_series;
    QTimer m_replotTimer;
    QTimer m_requeryTimer;
    QCPItemStraightLine *m_crosshair = nullptr;
    QSlider *m_smoothSlider = nullptr;
    QLabel *m_smoothLabel = nullptr;
    QCheckBox *m_logBox = nullptr;
    QComboBox *m_xCombo = nullptr;
    QToolButton *m_boxZoom = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_placeholder = nullptr;
    QString m_placeholderText;
    double m_smoothing = 0.6;
    bool m_logY = false;
    bool m_following = true;
    bool m_settingRange = false;
    bool m_dirty = false;
    bool m_reloadPending = false; // a whole reload is on its way
    XAxis m_xAxis = XAxis::Step;
    double m_lastReplotMs = 0;
};

} // namespace seekbench::widgets
