#include "sweeps/sweeps_mode.h"

#include "common/empty_state.h"
#include "project/project_session.h"
#include "project/store_watcher.h"
#include "sweeps/sweep_actions.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweep_view.h"
#include "sweeps/tune_dialog.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace seekbench::ui {

SweepsMode::SweepsMode(QWidget *host) : QObject(host)
{
    m_page = new QWidget(host);
    m_page->setObjectName(QStringLiteral("sweepsPage"));
    m_actions = new SweepActions(m_page);
    m_toolBar = new QToolBar(m_page);
    m_toolBar->setObjectName(QStringLiteral("sweepsToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_actions->newFromFile());
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_actions->run(), m_actions->resume(), m_actions->stop()});
    m_toolBar->addSeparator();
    m_toolBar->addActions({m_actions->exportCsv(), m_actions->report(), m_actions->openRun()});

    m_list = new SweepListModel(this);
    m_sweepTable = new QTableView(m_page);
    m_sweepTable->setObjectName(QStringLiteral("sweepList"));
    m_sweepTable->setModel(m_list);
    m_sweepTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sweepTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sweepTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sweepTable->verticalHeader()->hide();
    m_sweepTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sweepTable->horizontalHeader()->setSectionResizeMode(SweepListModel::Name, QHeaderView::Stretch);
    m_sweepTable->setShowGrid(false);

    m_stack = new QStackedWidget(m_page);
    m_noProject = new EmptyState(m_stack);
    m_noProject->setObjectName(QStringLiteral("sweepsNoProjectPage"));
    m_noSweeps = new EmptyState(m_stack);
    m_noSweeps->setObjectName(QStringLiteral("sweepsEmptyPage"));
    m_noSweeps->setActions({m_actions->newFromFile()});
    m_view = new SweepView(m_stack);
    m_stack->addWidget(m_noProject);
    m_stack->addWidget(m_noSweeps);
    m_stack->addWidget(m_view);

    m_splitter = new QSplitter(Qt::Horizontal, m_page);
    m_splitter->addWidget(m_sweepTable);
    m_splitter->addWidget(m_stack);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({360, 1040});
    auto *layout = new QVBoxLayout(m_page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_splitter, 1);

    m_loader = new QFutureWatcher<SweepSnapshot>(this);
    connect(m_loader, &QFutureWatcherBase::finished, this, &SweepsMode::onLoaded);
    connect(m_sweepTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_sweepTable->selectionModel()->selectedRows();
        const QString id = rows.isEmpty() ? QString() : rows.front().data(SweepListModel::IdRole).toString();
        if (id == m_selected)
            return;
        m_selected = id;
        m_actions->setSweep(selectedSummary());
        m_actions->setTrialRun(QString());
        refresh();
    });
    connect(m_view, &SweepView::trialSelected, this,
            [this](int, const QString &runId) { m_actions->setTrialRun(runId); });
    connect(m_actions, &SweepActions::runRequested, this, &SweepsMode::runRequested);
    connect(m_actions, &SweepActions::message, this, &SweepsMode::message);
    connect(m_actions, &SweepActions::sweepsChanged, this, &SweepsMode::refresh);
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &SweepsMode::onTick);
    retranslate();
    updatePage();
}

SweepsMode::~SweepsMode()
{
    m_loader->waitForFinished(); // it holds the project's shared pointer, not this
}

QWidget *SweepsMode::currentPage() const { return m_stack->currentWidget(); }

void SweepsMode::retranslate()
{
    m_toolBar->setWindowTitle(tr("Sweeps"));
    m_actions->retranslate();
    m_noProject->setTitle(tr("No project open"));
    m_noProject->setText(tr("Open a project to see its hyperparameter sweeps."));
    m_noSweeps->setTitle(tr("No sweeps yet"));
    m_noSweeps->setText(tr("A sweep searches a run's hyperparameters. Write a search space in the project's "
                           "sweeps/<name>.yaml file, then choose New sweep from file…"));
    m_view->retranslate();
}

void SweepsMode::setSession(ProjectSession *session)
{
    m_session = session;
    m_selected.clear();
    m_list->setSweeps({});
    m_view->setDetail(nullptr);
    m_actions->setProject(session ? session->dir() : QString(), session && session->isReadOnly(),
                          session ? session->watcher()->project() : nullptr);
    m_actions->setSweep(std::nullopt);
    m_actions->setTrialRun(QString());
    if (session) {
        m_timer.start();
        refresh();
    } else {
        m_timer.stop();
    }
    updatePage();
}

void SweepsMode::selectSweep(const QString &id)
{
    const int row = m_list->rowOf(id);
    if (row >= 0)
        m_sweepTable->selectRow(row);
}

std::optional<SweepSummary> SweepsMode::selectedSummary() const
{
    const int row = m_list->rowOf(m_selected);
    if (row < 0)
        return std::nullopt;
    return m_list->sweeps()[row];
}

void SweepsMode::refresh()
{
    if (m_loader->isRunning()) {
        m_reloadAfter = true;
        return;
    }
    startLoad();
}

void SweepsMode::startLoad()
{
    if (!m_session)
        return;
    m_reloadAfter = false;
    m_loadingFor = m_selected;
    ++m_loads;
    const std::shared_ptr<const SweepDetail> shown = m_view->detail() && m_view->detail()->summary.id == m_selected
                                                         ? m_view->detail()
                                                         : nullptr;
    m_loader->setFuture(QtConcurrent::run(loadSweepSnapshot, m_session->watcher()->project(), m_selected, shown));
}

// Only while the page is on screen; every tick while a sweep is active, otherwise now and
// then (a sweep created from the command line).
void SweepsMode::onTick()
{
    if (!m_session || !m_page->isVisible() || m_loader->isRunning())
        return;
    bool active = false;
    for (const SweepSummary &s : m_list->sweeps())
        active = active || (s.state == projects::SweepState::Active && (s.driverAlive || s.running > 0));
    if (active || ++m_ticks % 5 == 0)
        startLoad();
}

void SweepsMode::onLoaded()
{
    const SweepSnapshot snapshot = m_loader->result();
    const quint64 load = m_loads;
    if (!m_session)
        return;
    if (!snapshot.error.isEmpty())
        Q_EMIT message(tr("Cannot read the project's sweeps: %1").arg(snapshot.error));
    m_list->setSweeps(snapshot.sweeps);
    if (m_loadingFor == m_selected) {
        if (!snapshot.detailUnchanged)
            m_view->setDetail(snapshot.detail);
    } else {
        m_reloadAfter = true; // the selection moved while this was read
    }
    if (!m_selectName.isEmpty())
        for (const SweepSummary &s : m_list->sweeps())
            if (s.name == m_selectName) { // a sweep just created here
                m_selectName.clear();
                if (s.id != m_selected) {
                    selectSweep(s.id);
                    return;
                }
            }
    const int row = m_list->rowOf(m_selected);
    if (row < 0 && !m_list->sweeps().isEmpty()) {
        m_sweepTable->selectRow(0); // starts the next load through the selection
    } else if (row >= 0 && m_sweepTable->selectionModel()->selectedRows().isEmpty()) {
        const QSignalBlocker block(m_sweepTable->selectionModel());
        m_sweepTable->selectRow(row);
    } else if (row < 0) {
        m_selected.clear();
        m_view->setDetail(nullptr);
    }
    m_actions->setSweep(selectedSummary());
    updatePage();
    if (m_reloadAfter)
        startLoad();
    else if (load == m_loads) // no newer load started here (a new selection)
        Q_EMIT loaded();
}

void SweepsMode::tuneRun(const QString &runId)
{
    if (!m_session || m_session->isReadOnly())
        return;
    const auto &runs = m_session->runs();
    const auto run = std::find_if(runs.begin(), runs.end(), [&](const auto &r) { return r.id == runId.toStdString(); });
    if (run == runs.end())
        return;
    TuneDialog dialog(m_session->dir(), *run, QThread::idealThreadCount(), m_page);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString spaceFile, error;
    if (!dialog.writeFiles(&spaceFile, &error)) {
        QMessageBox::warning(m_page, tr("Cannot create the sweep"), error);
        return;
    }
    m_selectName = dialog.sweepName();
    m_actions->createFromFile(spaceFile, dialog.runAfterCreate());
}

void SweepsMode::updatePage()
{
    if (!m_session)
        m_stack->setCurrentWidget(m_noProject);
    else if (m_list->rowCount() == 0)
        m_stack->setCurrentWidget(m_noSweeps);
    else
        m_stack->setCurrentWidget(m_view);
    m_sweepTable->setVisible(m_session && m_list->rowCount() > 0);
}

} // namespace seekbench::ui
