#include "sweeps/sweep_charts.h"

#include "seekbench/tuning/importance.h"
#include "seekbench/widgets/contour_plot.h"
#include "seekbench/widgets/importance_chart.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "seekbench/widgets/sweep_scatter_plot.h"
#include "seekbench/widgets/trial_curves_plot.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace seekbench::ui {

namespace {
QWidget *pageWith(QWidget *parent, QWidget *controls, QWidget *chart)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    if (controls)
        layout->addWidget(controls);
    layout->addWidget(chart, 1);
    return page;
}

QList<widgets::ParameterImportance> importanceOf(const std::shared_ptr<const SweepDetail> &detail)
{
    QList<widgets::ParameterImportance> out;
    if (!detail || !detail->space)
        return out;
    std::vector<tuning::Trial> trials;
    trials.reserve(size_t(detail->rows.size()));
    for (const TrialRow &row : detail->rows)
        trials.push_back(row.trial);
    try {
        for (const tuning::ParamImportance &p : tuning::parameterImportance(*detail->space, trials))
            out << widgets::ParameterImportance{QString::fromStdString(p.key), p.mean, p.stddev};
    } catch (const std::exception &) {
        out.clear(); // a space the forest cannot use: the placeholder stays
    }
    return out;
}
} // namespace

SweepCharts::SweepCharts(QWidget *parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("sweepChartTabs"));
    m_tabs->setDocumentMode(true);
    m_parallel = new widgets::ParallelCoordinatesPlot(this);
    m_parallel->setObjectName(QStringLiteral("sweepParallelPlot"));
    m_history = new widgets::SweepScatterPlot(this);
    m_history->setObjectName(QStringLiteral("sweepHistoryPlot"));
    m_paramPlot = new widgets::SweepScatterPlot(this);
    m_paramPlot->setObjectName(QStringLiteral("sweepParameterPlot"));
    m_pareto = new widgets::SweepScatterPlot(this);
    m_pareto->setObjectName(QStringLiteral("sweepParetoPlot"));
    m_contour = new widgets::ContourPlot(this);
    m_contour->setObjectName(QStringLiteral("sweepContourPlot"));
    m_curves = new widgets::TrialCurvesPlot(this);
    m_curves->setObjectName(QStringLiteral("sweepCurvesPlot"));
    m_importance = new widgets::ImportanceChart(this);
    m_importance->setObjectName(QStringLiteral("sweepImportanceChart"));

    auto *paramBar = new QWidget(this);
    auto *pl = new QHBoxLayout(paramBar);
    pl->setContentsMargins(0, 0, 0, 0);
    m_paramLabel = new QLabel(paramBar);
    m_paramCombo = new QComboBox(paramBar);
    m_paramCombo->setObjectName(QStringLiteral("sweepParameterCombo"));
    m_paramLabel->setBuddy(m_paramCombo);
    pl->addWidget(m_paramLabel);
    pl->addWidget(m_paramCombo);
    pl->addStretch(1);
    auto *contourBar = new QWidget(this);
    auto *cl = new QHBoxLayout(contourBar);
    cl->setContentsMargins(0, 0, 0, 0);
    m_xLabel = new QLabel(contourBar);
    m_contourX = new QComboBox(contourBar);
    m_contourX->setObjectName(QStringLiteral("sweepContourX"));
    m_yLabel = new QLabel(contourBar);
    m_contourY = new QComboBox(contourBar);
    m_contourY->setObjectName(QStringLiteral("sweepContourY"));
    m_xLabel->setBuddy(m_contourX);
    m_yLabel->setBuddy(m_contourY);
    cl->addWidget(m_xLabel);
    cl->addWidget(m_contourX);
    cl->addSpacing(12);
    cl->addWidget(m_yLabel);
    cl->addWidget(m_contourY);
    cl->addStretch(1);

    m_paramPage = pageWith(this, paramBar, m_paramPlot);
    m_contourPage = pageWith(this, contourBar, m_contour);
    m_paretoPage = pageWith(this, nullptr, m_pareto);
    m_tabs->addTab(pageWith(this, nullptr, m_parallel), QString());
    m_tabs->addTab(pageWith(this, nullptr, m_history), QString());
    m_tabs->addTab(m_paramPage, QString());
    m_tabs->addTab(m_contourPage, QString());
    m_tabs->addTab(pageWith(this, nullptr, m_curves), QString());
    m_tabs->addTab(pageWith(this, nullptr, m_importance), QString());
    m_tabs->addTab(m_paretoPage, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    m_importanceWatcher = new QFutureWatcher<QList<widgets::ParameterImportance>>(this);
    connect(m_importanceWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_importanceWatcher->isCanceled())
            return;
        const QList<widgets::ParameterImportance> items = m_importanceWatcher->result();
        m_importance->setImportances(items);
        if (items.isEmpty())
            updatePlaceholder();
        Q_EMIT importanceReady();
    });
    connect(m_parallel, &widgets::ParallelCoordinatesPlot::selectionChanged, this,
            [this](const QList<int> &trials) { Q_EMIT brushChanged(m_parallel->hasBrush(), trials); });
    for (widgets::SweepScatterPlot *plot : {m_history, m_paramPlot, m_pareto})
        connect(plot, &widgets::SweepScatterPlot::trialClicked, this, &SweepCharts::trialClicked);
    connect(m_paramCombo, &QComboBox::currentIndexChanged, this, [this] { showParameter(); });
    connect(m_contourX, &QComboBox::currentIndexChanged, this, [this] { showContour(); });
    connect(m_contourY, &QComboBox::currentIndexChanged, this, [this] { showContour(); });
    connect(m_importance, &widgets::ImportanceChart::parameterClicked, this, [this](const QString &name) {
        const int i = m_paramCombo->findText(name);
        if (i >= 0) {
            m_paramCombo->setCurrentIndex(i);
            m_tabs->setCurrentWidget(m_paramPage);
        }
    });
    retranslate();
}

SweepCharts::~SweepCharts()
{
    m_importanceWatcher->cancel();
    m_importanceWatcher->waitForFinished();
}

void SweepCharts::retranslate()
{
    m_tabs->setTabText(0, tr("Parallel coordinates"));
    m_tabs->setTabToolTip(0, tr("Drag along an axis to select a range: the trial table shows only the trials in "
                                "every range. Click an axis outside its range or press Esc to clear."));
    m_tabs->setTabText(1, tr("Best so far"));
    m_tabs->setTabText(2, tr("Parameter"));
    m_tabs->setTabText(3, tr("Contour"));
    m_tabs->setTabText(4, tr("Curves"));
    m_tabs->setTabText(5, tr("Importance"));
    m_tabs->setTabText(6, tr("Pareto"));
    m_paramLabel->setText(tr("&Parameter:"));
    m_xLabel->setText(tr("&X:"));
    m_yLabel->setText(tr("&Y:"));
    updatePlaceholder();
}

void SweepCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SweepCharts::updatePlaceholder()
{
    if (!m_detail || !m_detail->space)
        m_importancePlaceholder = tr("No sweep selected.");
    else if (m_completeTrials < kMinTrialsForImportance)
        m_importancePlaceholder = tr("Parameter importance needs at least %1 complete trials; this sweep has %2.")
                                      .arg(kMinTrialsForImportance)
                                      .arg(m_completeTrials);
    else
        m_importancePlaceholder = tr("Computing the parameters' importance…");
    m_importance->setPlaceholder(m_importancePlaceholder);
}

void SweepCharts::clear()
{
    m_detail.reset();
    m_completeTrials = 0;
    widgets::SweepChartData empty;
    m_parallel->setData(empty);
    m_history->setData(empty);
    m_paramPlot->setData(empty);
    m_pareto->setData(empty);
    m_contour->setData(empty);
    m_curves->setCurves({}, QString(), true);
    m_importance->setImportances({});
    updatePlaceholder();
}

void SweepCharts::setDetail(const std::shared_ptr<const SweepDetail> &detail)
{
    if (!detail) {
        clear();
        return;
    }
    const bool sameSweep = m_detail && m_detail->summary.id == detail->summary.id;
    m_detail = detail;
    m_completeTrials = detail->summary.complete;
    const widgets::SweepChartData &data = detail->chart;
    m_parallel->setData(data, sameSweep); // the same sweep read again keeps its brushes
    m_history->setData(data);
    m_history->showHistory();
    m_paramPlot->setData(data);
    m_contour->setData(data);
    m_curves->setCurves(detail->curves, data.objectiveName, data.minimize);
    m_tabs->setTabVisible(m_tabs->indexOf(m_paretoPage), detail->hasCost);
    if (detail->hasCost) {
        m_pareto->setData(data);
        m_pareto->showPareto(detail->cost, detail->costName, detail->paretoFront);
    }
    m_tabs->setTabVisible(m_tabs->indexOf(m_contourPage), data.params.size() >= 2);
    if (!sameSweep)
        fillCombos();
    else {
        showParameter();
        showContour();
    }
    computeImportance();
}

void SweepCharts::fillCombos()
{
    const QSignalBlocker b1(m_paramCombo), b2(m_contourX), b3(m_contourY);
    for (QComboBox *combo : {m_paramCombo, m_contourX, m_contourY}) {
        combo->clear();
        if (m_detail)
            combo->addItems(m_detail->paramKeys);
    }
    m_contourY->setCurrentIndex(m_contourY->count() > 1 ? 1 : 0);
    showParameter();
    showContour();
}

void SweepCharts::showParameter()
{
    if (m_paramCombo->currentIndex() >= 0)
        m_paramPlot->showParameter(m_paramCombo->currentIndex());
}

void SweepCharts::showContour()
{
    if (m_contourX->currentIndex() >= 0 && m_contourY->currentIndex() >= 0)
        m_contour->showParameters(m_contourX->currentIndex(), m_contourY->currentIndex());
}

void SweepCharts::computeImportance()
{
    m_importanceWatcher->cancel();
    m_importance->setImportances({});
    updatePlaceholder();
    if (m_completeTrials < kMinTrialsForImportance)
        return;
    m_importanceWatcher->setFuture(QtConcurrent::run(importanceOf, m_detail));
}

void SweepCharts::highlightTrial(int trialNumber)
{
    m_parallel->highlightTrial(trialNumber);
    m_curves->highlightTrial(trialNumber);
    for (widgets::SweepScatterPlot *plot : {m_history, m_paramPlot, m_pareto})
        plot->highlightTrial(trialNumber);
    m_contour->highlightTrial(trialNumber);
}

} // namespace seekbench::ui
