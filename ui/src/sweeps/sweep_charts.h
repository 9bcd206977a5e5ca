#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QTabWidget;

namespace seekbench::widgets {
class ContourPlot;
class ImportanceChart;
class ParallelCoordinatesPlot;
class SweepScatterPlot;
class TrialCurvesPlot;
struct ParameterImportance;
} // namespace seekbench::widgets

namespace seekbench::ui {

// The charts of one sweep, as tabs: parallel coordinates, best so far, a parameter against
// the objective, the contour of two parameters, the trials' intermediate curves, the
// parameters' importance (fANOVA, computed off the GUI thread) and, when the sweep has a
// cost, the Pareto front.
class SweepCharts : public QWidget
{
    Q_OBJECT
public:
    // Fewer complete trials than this: no importance, a sentence instead.
    static constexpr int kMinTrialsForImportance = 5;

    explicit SweepCharts(QWidget *parent = nullptr);
    ~SweepCharts() override;

    void setDetail(const std::shared_ptr<const SweepDetail> &detail);
    void clear();
    // Outlines a trial in every chart that can (-1: none).
    void highlightTrial(int trialNumber);

    QTabWidget *tabs() const { return m_tabs; }
    widgets::ParallelCoordinatesPlot *parallel() const { return m_parallel; }
    widgets::SweepScatterPlot *history() const { return m_history; }
    widgets::SweepScatterPlot *parameterPlot() const { return m_paramPlot; }
    widgets::SweepScatterPlot *paretoPlot() const { return m_pareto; }
    widgets::ContourPlot *contour() const { return m_contour; }
    widgets::TrialCurvesPlot *curves() const { return m_curves; }
    widgets::ImportanceChart *importance() const { return m_importance; }
    QString importancePlaceholder() const { return m_importancePlaceholder; }
    bool isComputingImportance() const { return m_importanceWatcher->isRunning(); }
    void retranslate();

Q_SIGNALS:
    void trialClicked(int trialNumber);
    // The parallel plot's brush (hasBrush() false: none).
    void brushChanged(bool active, const QList<int> &trialNumbers);
    void importanceReady();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombos();
    void showParameter();
    void showContour();
    void computeImportance();
    void updatePlaceholder();

    QTabWidget *m_tabs;
    widgets::ParallelCoordinatesPlot *m_parallel;
    widgets::SweepScatterPlot *m_history, *m_paramPlot, *m_pareto;
    widgets::ContourPlot *m_contour;
    widgets::TrialCurvesPlot *m_curves;
    widgets::ImportanceChart *m_importance;
    QComboBox *m_paramCombo, *m_contourX, *m_contourY;
    QLabel *m_paramLabel, *m_xLabel, *m_yLabel;
    QWidget *m_paramPage, *m_contourPage, *m_paretoPage;
    QFutureWatcher<QList<widgets::ParameterImportance>> *m_importanceWatcher;
    std::shared_ptr<const SweepDetail> m_detail;
    QString m_importancePlaceholder;
    int m_completeTrials = 0;
};

} // namespace seekbench::ui
