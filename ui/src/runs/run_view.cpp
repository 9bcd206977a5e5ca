#include "runs/run_view.h"

#include "common/project_paths.h"
#include "runs/chart_controls.h"
#include "runs/chart_grid.h"
#include "runs/compare_model.h"
#include "runs/log_view.h"
#include "runs/run_curve_provider.h"
#include "runs/run_environment.h"
#include "runs/run_files_view.h"
#include "runs/runs_table_model.h"
#include "runs/system_chart_provider.h"
#include "seekbench/widgets/live_plot.h"

#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {
struct ChartSpec
{
    const char *objectName;
    QStringList keys;
};

QList<ChartSpec> charts()
{
    return {{"lossPlot", {QStringLiteral("train/loss"), QStringLiteral("eval/loss")}},
            {"lrPlot", {QStringLiteral("train/lr")}},
            {"gradNormPlot", {QStringLiteral("train/grad_norm")}},
            {"throughputPlot", {QStringLiteral("train/samples_per_s")}}};
}
} // namespace

RunView::RunView(StoreWatcher *watcher, const QString &projectDir, QWidget *parent)
    : QWidget(parent), m_watcher(watcher), m_projectDir(projectDir)
{
    setObjectName(QStringLiteral("runView"));
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("runTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("runDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true); // a long summary wraps instead of widening the window
    connect(m_details, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("run:")))
            Q_EMIT runRequested(link.mid(4));
    });
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setRange(0, 1000);
    m_crashInfo = new QLabel(this);
    m_crashInfo->setObjectName(QStringLiteral("crashInfo"));
    m_crashInfo->setWordWrap(true);
    m_crashInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_crashInfo->setVisible(false);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addWidget(m_progress);
    m_ranks = new QLabel(this);
    m_ranks->setObjectName(QStringLiteral("rankStatusStrip"));
    m_ranks->setWordWrap(true);
    m_ranks->setVisible(false);
    layout->addWidget(m_ranks);
    connect(m_watcher, &StoreWatcher::rankStatesReady, this,
            [this](const QString &runId, const QStringList &states, const QStringList &problems) {
                if (m_runIds.size() != 1 || m_runIds.front() != runId)
                    return;
                m_ranks->setVisible(!states.isEmpty());
                QString html = states.join(QStringLiteral("  ·  ")).toHtmlEscaped();
                if (!problems.isEmpty())
                    html += QStringLiteral("<br><span style=\"color:#c62828\">%1</span>")
                                .arg(problems.join(QStringLiteral("<br>")).toHtmlEscaped());
                m_ranks->setText(html);
            });
    layout->addWidget(m_crashInfo);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    auto *training = new QWidget(m_tabs);
    auto *trainingLayout = new QVBoxLayout(training);
    m_perRank = new QCheckBox(training);
    m_perRank->setObjectName(QStringLiteral("perRankCheck"));
    connect(m_perRank, &QCheckBox::toggled, this, [this] { rebuildCurveProviders(); });
    auto *controlsRow = new QHBoxLayout;
    auto *controls = new ChartControls(training);
    controlsRow->addWidget(controls);
    controlsRow->addStretch(1);
    controlsRow->addWidget(m_perRank);
    trainingLayout->addLayout(controlsRow);
    auto *grid = new ChartGrid(training);
    trainingLayout->addWidget(grid, 1);
    for (const ChartSpec &spec : charts()) {
        auto *plot = new widgets::LivePlot(grid);
        plot->setObjectName(QString::fromLatin1(spec.objectName));
        grid->addChart(plot);
        m_plots.append(plot);
    }
    controls->setCharts(m_plots);
    m_tabs->addTab(training, QString());

    m_systemTab = new QWidget(m_tabs);
    auto *sys = new QVBoxLayout(m_systemTab);
    m_gpuStatus = new QLabel(m_systemTab);
    m_gpuStatus->setObjectName(QStringLiteral("gpuStatusLabel"));
    sys->addWidget(m_gpuStatus);
    m_blasStatus = new QLabel(m_systemTab);
    m_blasStatus->setObjectName(QStringLiteral("blasStatusLabel"));
    m_blasStatus->setWordWrap(true);
    m_blasStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sys->addWidget(m_blasStatus);
    for (const char *name : {"memoryPlot", "cpuPlot"}) {
        auto *plot = new widgets::LivePlot(m_systemTab);
        plot->setObjectName(QString::fromLatin1(name));
        plot->setSmoothing(0);
        plot->setXAxis(widgets::LivePlot::XAxis::Relative); // samples have times, not steps
        sys->addWidget(plot, 1);
        m_systemPlots.append(plot);
    }
    m_tabs->addTab(m_systemTab, QString());

    m_compareTab = new QWidget(m_tabs);
    auto *cmp = new QVBoxLayout(m_compareTab);
    m_compare = new CompareModel(this);
    m_compareTable = new QTableView(m_compareTab);
    m_compareTable->setObjectName(QStringLiteral("compareTable"));
    m_compareTable->setModel(m_compare);
    m_compareTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    cmp->addWidget(m_compareTable);
    m_tabs->addTab(m_compareTab, QString());
    m_files = new RunFilesView(m_tabs);
    m_tabs->addTab(m_files, QString());
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_files)
            m_files->refresh();
    });
    layout->addWidget(m_tabs, 1);
    retranslate();
    showRuns({});
}

void RunView::retranslate()
{
    m_tabs->setTabText(0, tr("Training"));
    m_perRank->setText(tr("Per-rank curves"));
    m_perRank->setToolTip(tr("Distributed runs: one curve per rank for figures each rank reports (throughput, step "
                             "time, memory) instead of rank 0's"));
    m_tabs->setTabText(1, tr("System"));
    m_tabs->setTabText(2, tr("Compare"));
    m_tabs->setTabText(3, tr("Files"));
    const QStringList titles{tr("Loss (train, eval)"), tr("Learning rate"), tr("Gradient norm"),
                             tr("Throughput (samples/s)")};
    for (int i = 0; i < m_plots.size(); ++i)
        m_plots[i]->setTitle(titles[i]);
    m_systemPlots[0]->setTitle(tr("Memory (MiB)"));
    m_systemPlots[1]->setTitle(tr("CPU (% of one core)"));
    if (m_runIds.isEmpty())
        m_title->setText(tr("No run selected"));
}

void RunView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RunView::showRuns(const QStringList &runIds)
{
    if (runIds == m_runIds && !runIds.isEmpty())
        return;
    for (const QString &id : m_runIds)
        QMetaObject::invokeMethod(m_watcher, "unwatchRun", Qt::QueuedConnection, Q_ARG(QString, id));
    m_runIds = runIds;
    for (const QString &id : m_runIds)
        QMetaObject::invokeMethod(m_watcher, "watchRun", Qt::QueuedConnection, Q_ARG(QString, id));
    rebuildCurveProviders();
    const bool single = runIds.size() == 1;
    for (int i = 0; i < m_systemPlots.size(); ++i) {
        widgets::PlotDataProvider *old = m_systemPlots[i]->provider();
        SystemChartProvider *p = nullptr;
        if (single) {
            p = new SystemChartProvider(m_watcher->project(), runIds.front(),
                                        i == 0 ? SystemChartProvider::Group::Memory : SystemChartProvider::Group::Cpu,
                                        m_systemPlots[i]);
            if (i == 0)
                connect(p, &SystemChartProvider::gpuStatusChanged, m_gpuStatus, [this](const QString &status) {
                    m_gpuStatus->setText(
                        status == QLatin1String("ok")
                            ? tr("GPU memory from the CUDA allocator and NVML")
                            : tr("No GPU figures (%1): the training process's resident memory (RSS) is shown")
                                  .arg(status));
                });
        }
        m_systemPlots[i]->setProvider(p);
        delete old;
    }
    m_gpuStatus->setText(tr("Waiting for the run's first system sample…"));
    if (single) {
        const QJsonObject env = runEnvironment(runDirText(m_projectDir, runIds.front().toStdString()));
        const QString precision = precisionSummary(env);
        m_blasStatus->setText(precision.isEmpty() ? blasSummary(env) : blasSummary(env) + QLatin1Char('\n') + precision);
    } else {
        m_blasStatus->clear();
    }
    m_tabs->setTabEnabled(1, single);
    m_tabs->setTabEnabled(2, runIds.size() > 1);
    m_tabs->setTabEnabled(3, single);
    m_files->setRun(single ? m_watcher->project() : nullptr, single ? runIds.front() : QString());
    if (runIds.size() > 1)
        m_tabs->setCurrentIndex(m_tabs->currentIndex() == 1 || m_tabs->currentIndex() == 3 ? 0 : m_tabs->currentIndex());
    m_progress->setVisible(single);
    m_crashInfo->setVisible(false);
    m_lastStatus.clear();
    if (runIds.isEmpty()) {
        m_title->setText(tr("No run selected"));
        m_details->clear();
    } else if (runIds.size() > 1) {
        m_title->setText(tr("%n run(s) compared", nullptr, static_cast<int>(runIds.size())));
        m_details->setText(tr("Curves overlaid; the compare tab shows differences against the baseline."));
    }
}

void RunView::rebuildCurveProviders()
{
    const QList<ChartSpec> specs = charts();
    const bool allRanks = m_perRank->isChecked();
    for (int i = 0; i < m_plots.size(); ++i) {
        widgets::PlotDataProvider *old = m_plots[i]->provider();
        m_plots[i]->setProvider(m_runIds.isEmpty()
                                    ? nullptr
                                    : new RunCurveProvider(m_watcher, m_runIds, specs[i].keys, m_plots[i], allRanks));
        delete old;
    }
}

QString RunView::detailsText() const { return m_details->text(); }

void RunView::setBaseline(const QString &runId) { m_compare->setBaseline(runId); }

void RunView::updateRuns(const RunList &runs)
{
    RunList selected;
    for (const QString &id : m_runIds)
        for (const auto &r : runs)
            if (QString::fromStdString(r.id) == id)
                selected.append(r);
    if (selected.size() == 1 && m_runIds.size() == 1 && selected.front().ranks > 1)
        QMetaObject::invokeMethod(m_watcher, "requestRankStates", Qt::QueuedConnection,
                                  Q_ARG(QString, m_runIds.front()));
    else if (m_ranks)
        m_ranks->setVisible(false);
    if (selected.size() == 1 && m_runIds.size() == 1) {
        // A new checkpoint comes with a new step or status: read the files again then only
        // (a refresh rebuilds the table, losing its selection), and only while shown.
        const auto &r = selected.front();
        const auto loss = r.summary.find("train/loss");
        const QString stamp = QStringLiteral("%1 %2 %3")
                                  .arg(QString::fromStdString(r.id))
                                  .arg(int(r.status))
                                  .arg(loss == r.summary.end() ? qint64(-1) : qint64(loss->second.finalStep));
        if (stamp != m_filesStamp && m_tabs->currentWidget() == m_files) {
            m_filesStamp = stamp;
            m_files->refresh();
        }
    }
    if (selected.size() == 1 && m_runIds.size() == 1) {
        m_parentName.clear();
        for (const auto &r : runs)
            if (r.id == selected.front().parentId)
                m_parentName = QString::fromStdString(r.name);
        updateOverview(selected.front());
    }
    if (m_runIds.size() > 1) {
        const QString baseline = m_compare->baseline();
        m_compare->setRuns(selected);
        if (!baseline.isEmpty())
            m_compare->setBaseline(baseline);
    }
}

void RunView::updateOverview(const seekbench::projects::RunRecord &r)
{
    const QString status = QString::fromLatin1(toString(r.status));
    m_title->setText(QString::fromStdString(r.name));
    const double p = RunsTableModel::progressOf(r);
    m_progress->setValue(p < 0 ? 0 : static_cast<int>(p * 1000));
    m_progress->setFormat(p < 0 ? tr("no progress yet") : QStringLiteral("%1%").arg(p * 100, 0, 'f', 1));
    QStringList parts;
    parts << RunsTableModel::statusText(r.status);
    const auto loss = r.summary.find("train/loss");
    const auto max = r.params.find("training.max_steps");
    if (loss != r.summary.end())
        parts << tr("step %1 of %2")
                     .arg(loss->second.finalStep)
                     .arg(max == r.params.end() ? QStringLiteral("?") : QString::fromStdString(max->second));
    if (const auto epoch = r.summary.find("train/epoch"); epoch != r.summary.end() && epoch->second.finalValue)
        parts << tr("epoch %1").arg(*epoch->second.finalValue, 0, 'f', 2);
    for (const char *key : {"eval/loss", "eval/accuracy"}) {
        const auto it = r.summary.find(key);
        if (it != r.summary.end() && it->second.bestValue)
            parts << tr("best %1 %2 (step %3)")
                         .arg(QString::fromLatin1(key))
                         .arg(*it->second.bestValue, 0, 'g', 4)
                         .arg(it->second.bestStep);
    }
    const double eta = RunsTableModel::etaSeconds(r, QDateTime::currentMSecsSinceEpoch() / 1000.0);
    if (eta >= 0)
        parts << tr("ETA %1").arg(RunsTableModel::durationText(eta));
    if (r.attempt > 1)
        parts << tr("attempt %1").arg(r.attempt);
    for (QString &part : parts)
        part = part.toHtmlEscaped();
    if (!r.parentId.empty()) {
        const QString parent = QString::fromStdString(r.parentId);
        parts << tr("cloned from %1")
                     .arg(QStringLiteral("<a href=\"run:%1\">%2</a>")
                              .arg(parent.toHtmlEscaped(),
                                   (m_parentName.isEmpty() ? parent : m_parentName).toHtmlEscaped()));
    }
    m_details->setText(parts.join(QStringLiteral("  ·  ")));
    if (status != m_lastStatus) {
        m_lastStatus = status;
        const bool dead = endedInError(r.status);
        m_crashInfo->setVisible(dead);
        if (dead) {
            const QString lines = LogView::lastLines(runDirText(m_projectDir, r.id), 8);
            m_crashInfo->setText(tr("<b>%1</b>: %2<pre>%3</pre>")
                                     .arg(RunsTableModel::statusText(r.status),
                                          QString::fromStdString(r.message).toHtmlEscaped(), lines.toHtmlEscaped()));
        }
    }
}

} // namespace seekbench::ui
