#include "sweeps/sweep_view.h"

#include "common/number_text.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "sweeps/sweep_charts.h"
#include "sweeps/trial_filter_proxy.h"
#include "sweeps/trial_table_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace seekbench::ui {

SweepView::SweepView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("sweepView"));
    m_charts = new SweepCharts(this);
    m_model = new TrialTableModel(this);
    m_proxy = new TrialFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("trialTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TrialTableModel::Value, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Column widths from the first 100 rows: measuring 1,000 rows stalled a big sweep's view.
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    m_table->setAlternatingRowColors(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("trialSummary"));
    auto *bottom = new QWidget(this);
    auto *bl = new QVBoxLayout(bottom);
    bl->setContentsMargins(0, 0, 0, 0);
    bl->addWidget(m_summary);
    bl->addWidget(m_table, 1);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_charts);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({480, 320});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { onSelection(); });
    connect(m_charts, &SweepCharts::trialClicked, this, &SweepView::selectTrial);
    connect(m_charts, &SweepCharts::brushChanged, this, [this](bool active, const QList<int> &trials) {
        m_proxy->setTrialFilter(active, trials);
        updateSummary();
    });
    retranslate();
}

void SweepView::retranslate()
{
    m_charts->retranslate();
    updateSummary();
}

void SweepView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SweepView::setDetail(const std::shared_ptr<const SweepDetail> &detail)
{
    const bool sameSweep = m_detail && detail && m_detail->summary.id == detail->summary.id;
    const int keep = sameSweep ? selectedTrial() : -1;
    m_detail = detail;
    {
        const QSignalBlocker block(m_table->selectionModel());
        if (detail)
            m_model->setTrials(detail->rows, detail->paramKeys, detail->summary.minimize);
        else
            m_model->setTrials({}, {}, true);
    }
    m_charts->setDetail(detail);
    // A new sweep drops the plot's brushes; the same one read again keeps them, over its
    // new trials.
    const widgets::ParallelCoordinatesPlot *plot = m_charts->parallel();
    m_proxy->setTrialFilter(plot->hasBrush(), plot->hasBrush() ? plot->selectedTrials() : QList<int>{});
    m_table->setColumnHidden(TrialTableModel::Cost, !detail || !detail->hasCost);
    m_table->resizeColumnsToContents();
    if (keep >= 0)
        selectTrial(keep);
    else
        onSelection();
    updateSummary();
}

int SweepView::selectedTrial() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().data(TrialTableModel::TrialNumberRole).toInt();
}

void SweepView::selectTrial(int trialNumber)
{
    const int source = m_model->rowOfTrial(trialNumber);
    const QModelIndex index = source < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(source, 0));
    if (!index.isValid()) {
        m_table->clearSelection();
        m_charts->highlightTrial(trialNumber); // brushed out of the table, still shown in the charts
        return;
    }
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void SweepView::onSelection()
{
    const int trial = selectedTrial();
    m_charts->highlightTrial(trial);
    const int source = m_model->rowOfTrial(trial);
    Q_EMIT trialSelected(trial, source < 0 ? QString() : m_model->trials()[source].runId);
}

void SweepView::updateSummary()
{
    if (!m_detail) {
        m_summary->clear();
        return;
    }
    const SweepSummary &s = m_detail->summary;
    QString text = tr("%1 trials: %2 complete, %3 pruned, %4 failed, %5 infeasible, %6 running")
                       .arg(s.total)
                       .arg(s.complete)
                       .arg(s.pruned)
                       .arg(s.failed)
                       .arg(s.infeasible)
                       .arg(s.running);
    if (s.best)
        text += QStringLiteral(" · ") + tr("best %1").arg(NumberStyle::forValues({*s.best}).text(*s.best));
    if (m_proxy->isFiltering())
        text += QStringLiteral(" · ")
                + tr("showing %1 in the selected ranges (Esc in the chart clears them)").arg(m_proxy->rowCount());
    m_summary->setText(text);
}

} // namespace seekbench::ui
