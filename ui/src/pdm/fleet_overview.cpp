#include "pdm/fleet_overview.h"

#include "pdm/pdm_run_loader.h"
#include "pdm/sparkline_delegate.h"
#include "project/demo_offer.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace seekbench::ui {

FleetOverview::FleetOverview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fleetOverview"));
    m_model = new FleetHealthModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fleetTable"));
    m_table->setItemDelegateForColumn(FleetHealthModel::Trend, new SparklineDelegate(m_table));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    // The sparkline takes the room left; the other columns fit their contents. A model reset
    // (a new run, a filter) resets the header's modes, so this follows each one.
    const auto stretchTrend = [this] {
        m_table->horizontalHeader()->setSectionResizeMode(FleetHealthModel::Trend, QHeaderView::Stretch);
    };
    stretchTrend();
    connect(m_model, &QAbstractItemModel::modelReset, this, stretchTrend);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(FleetHealthModel::Risk, Qt::DescendingOrder);
    m_table->setSortingEnabled(true); // QHeaderView clicks call FleetHealthModel::sort
    // Activated: a double click or Enter (and a single click where the platform says so).
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &i) {
        if (i.isValid())
            Q_EMIT machineActivated(m_model->data(i, FleetHealthModel::MachineRole).toInt());
    });

    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("fleetSplitFilter"));
    m_split->addItem(QString(), -1);
    m_split->addItem(QString(), int(pdm::Split::Train));
    m_split->addItem(QString(), int(pdm::Split::Validation));
    m_split->addItem(QString(), int(pdm::Split::Test));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("fleetSearch"));
    m_search->setClearButtonEnabled(true);
    m_splitLabel = new QLabel(this);
    m_heldOut = new QLabel(this);
    m_heldOut->setObjectName(QStringLiteral("fleetHeldOutNote"));
    m_heldOut->setEnabled(false); // the palette's quieter text
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("fleetError"));
    m_error->setWordWrap(true);
    m_error->setAlignment(Qt::AlignCenter);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_splitLabel);
    top->addWidget(m_split);
    top->addWidget(m_heldOut, 1);
    top->addWidget(m_search, 1);
    m_tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(m_tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(top);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_summary);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_tablePage);
    m_pages->addWidget(m_error);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(m_split, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        const int s = m_split->currentData().toInt();
        m_model->setSplitFilter(s < 0 ? std::nullopt : std::optional<pdm::Split>(pdm::Split(s)));
        updateSummary();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_model->setSearch(t);
        updateSummary();
    });
    retranslate();
}

void FleetOverview::setData(std::shared_ptr<const PdmRunData> data)
{
    if (!data || !data->error.isEmpty() || !data->fleet) {
        showError(data ? data->error : tr("No run to show."));
        return;
    }
    m_model->setRows(data->fleet);
    m_table->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    if (m_table->horizontalHeader()->sectionSize(0) == m_table->horizontalHeader()->defaultSectionSize())
        for (int c = 0; c < FleetHealthModel::Trend; ++c) // the Trend column stretches
            m_table->resizeColumnToContents(c);
    m_pages->setCurrentWidget(m_tablePage);
    updateSummary();
}

void FleetOverview::showNoRuns(const QString &projectDir, bool readOnly)
{
    m_model->clear();
    if (!m_empty) {
        m_empty = new DemoOffer(projectDir, QStringLiteral("pdm"), readOnly, this);
        m_pages->addWidget(m_empty);
        connect(m_empty, &DemoOffer::ready, this, &FleetOverview::demoReady);
    }
    m_pages->setCurrentWidget(m_empty);
}

void FleetOverview::showError(const QString &message)
{
    m_model->clear();
    m_error->setText(message);
    m_pages->setCurrentWidget(m_error);
}

void FleetOverview::setSplitFilter(std::optional<pdm::Split> split)
{
    m_split->setCurrentIndex(split ? m_split->findData(int(*split)) : 0);
}

void FleetOverview::setSearch(const QString &text) { m_search->setText(text); }

QString FleetOverview::summaryText() const { return m_summary->text(); }
QString FleetOverview::errorText() const { return m_pages->currentWidget() == m_error ? m_error->text() : QString(); }
bool FleetOverview::isShowingEmptyState() const { return m_empty && m_pages->currentWidget() == m_empty; }
bool FleetOverview::isShowingTable() const { return m_pages->currentWidget() == m_tablePage; }

void FleetOverview::updateSummary()
{
    const auto s = m_model->summary();
    m_summary->setText(tr("%n machine(s)", nullptr, s.machines) + QStringLiteral(" · ")
                       + tr("%n at risk now (above their threshold)", nullptr, s.atRisk) + QStringLiteral(" · ")
                       + tr("%n alert(s)", nullptr, s.alerts) + QStringLiteral(" · ")
                       + tr("%n failure(s) in the log", nullptr, s.failures));
}

void FleetOverview::retranslate()
{
    m_splitLabel->setText(tr("Machines:"));
    m_split->setItemText(0, tr("All"));
    m_split->setItemText(1, tr("Training"));
    m_split->setItemText(2, tr("Validation"));
    m_split->setItemText(3, tr("Test"));
    m_search->setPlaceholderText(tr("Search machines by name"));
    m_heldOut->setText(tr("Only test machines' figures are held out."));
    m_heldOut->setToolTip(tr("Training machines taught the model and validation machines tuned its thresholds; "
                             "only the test machines show how it does on machines it has not seen."));
    if (m_pages->currentWidget() == m_tablePage)
        updateSummary();
}

void FleetOverview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace seekbench::ui
