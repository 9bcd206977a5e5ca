// The Sweeps mode (issue 22): the sweeps list, the trial table and its order, brushing the
// parallel coordinates to filter the table, selection shared by table and charts, the
// importance placeholder, the Pareto tab, and the actions enabled by the sweep's state.
// The sweeps are written through SweepStore directly (sweep_fixture.h): no training.
#include "common/empty_state.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/widgets/contour_plot.h"
#include "seekbench/widgets/importance_chart.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "seekbench/widgets/sweep_scatter_plot.h"
#include "seekbench/widgets/trial_curves_plot.h"
#include "shell/main_window.h"
#include "shell/mode_bar.h"
#include "sweep_fixture.h"
#include "sweeps/sweep_actions.h"
#include "sweeps/sweep_charts.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweep_view.h"
#include "sweeps/sweeps_mode.h"
#include "sweeps/trial_filter_proxy.h"
#include "sweeps/trial_table_model.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace seekbench;

namespace {

bool waitLoaded(ui::SweepsMode *mode)
{
    QSignalSpy spy(mode, &ui::SweepsMode::loaded);
    mode->refresh();
    return spy.wait(10000);
}

// (trial number, value) of the trials with a value.
QList<QPair<int, double>> valuedTrials(const ui::TrialTableModel *model)
{
    QList<QPair<int, double>> out;
    for (const ui::TrialRow &r : model->trials())
        if (r.trial.value)
            out << qMakePair(r.trial.number, *r.trial.value);
    return out;
}

QList<int> shownTrials(const QAbstractItemModel *proxy)
{
    QList<int> out;
    for (int r = 0; r < proxy->rowCount(); ++r)
        out << proxy->index(r, 0).data(ui::TrialTableModel::TrialNumberRole).toInt();
    return out;
}

} // namespace

class TestSweepsMode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void init() { qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH); }

    void theModeBarSwitchesModesAndSaysWhenThereIsNoProject()
    {
        ui::MainWindow w;
        ui::SweepsMode *mode = w.sweepsMode();
        QCOMPARE(mode->currentPage(), mode->noProjectPage());
        auto *stack = w.findChild<QStackedWidget *>(QStringLiteral("modeStack"));
        QVERIFY(stack);
        QAction *sweeps = w.modeBar()->action(ui::ModeBar::Sweeps);
        QCOMPARE(sweeps->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        sweeps->trigger();
        QCOMPARE(stack->currentWidget(), mode->page());
        w.modeBar()->action(ui::ModeBar::Runs)->trigger();
        QCOMPARE(stack->currentWidget(), w.runsMode()->central());
    }

    void aProjectWithoutSweepsSaysHowToCreateOne()
    {
        QTemporaryDir dir;
        test::makeSweepProject(dir.path());
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        QVERIFY(waitLoaded(w.sweepsMode()));
        ui::SweepsMode *mode = w.sweepsMode();
        QCOMPARE(mode->currentPage(), mode->noSweepsPage());
        QVERIFY(mode->noSweepsPage()->text().contains(QStringLiteral("sweeps/<name>.yaml")));
        QVERIFY(mode->noSweepsPage()->text().contains(QStringLiteral("New sweep from file")));
        QCOMPARE(mode->noSweepsPage()->actions(), QList<QAction *>{mode->actions()->newFromFile()});
        QVERIFY(mode->actions()->newFromFile()->isEnabled());
        QVERIFY(!mode->actions()->run()->isEnabled());
        QVERIFY(!mode->actions()->exportCsv()->isEnabled());
    }

    void theListShowsTheSweepAndTheTableItsTrialsBestFirst()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 30, .running = 2});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        QCOMPARE(mode->currentPage(), mode->view());
        QCOMPARE(mode->sweepList()->rowCount(), 1);
        const auto cell = [&](int c) { return mode->sweepList()->index(0, c).data().toString(); };
        QCOMPARE(cell(ui::SweepListModel::Name), QStringLiteral("lr-search"));
        QCOMPARE(cell(ui::SweepListModel::State), QStringLiteral("not running"));

        ui::TrialTableModel *model = mode->view()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(mode->view()->proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->columnCount(), ui::TrialTableModel::FirstParam + 6 + 2);
        QCOMPARE(model->headerData(ui::TrialTableModel::FirstParam, Qt::Horizontal).toString(),
                 QStringLiteral("training.lr"));
        const auto valued = valuedTrials(model);
        const int complete = int(valued.size());
        QCOMPARE(cell(ui::SweepListModel::Progress), QStringLiteral("%1 / 40").arg(complete));

        // Best (lowest) on top, ascending, then the trials without a value.
        QAbstractItemModel *proxy = mode->view()->proxy();
        double last = -1e300;
        for (int r = 0; r < complete; ++r) {
            const int n = proxy->index(r, 0).data(ui::TrialTableModel::TrialNumberRole).toInt();
            const auto it = std::find_if(valued.begin(), valued.end(), [n](auto v) { return v.first == n; });
            QVERIFY(it != valued.end());
            QVERIFY(it->second >= last);
            last = it->second;
        }
        for (int r = complete; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r, ui::TrialTableModel::Value).data().toString().isEmpty());
        // The states in words (colour is only a cue), an inactive conditional param blank.
        QStringList states;
        for (int r = 0; r < model->rowCount(); ++r)
            states << model->index(r, ui::TrialTableModel::State).data().toString();
        for (const char *s : {"complete", "pruned", "failed", "infeasible", "running"})
            QVERIFY2(states.contains(QString::fromLatin1(s)), s);
    }

    void brushingTheParallelPlotFiltersTheTable()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 40, .running = 1});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepView *view = mode->view();
        widgets::ParallelCoordinatesPlot *plot = view->charts()->parallel();
        QAbstractItemModelTester proxyTester(view->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto valued = valuedTrials(view->model());
        std::sort(valued.begin(), valued.end(), [](auto a, auto b) { return a.second < b.second; });
        QVERIFY(valued.size() >= 10);
        // Between values, so that no trial sits on an edge.
        const double lo = (valued[2].second + valued[3].second) / 2;
        const double hi = (valued[8].second + valued[9].second) / 2;
        QList<int> expected;
        for (int i = 3; i <= 8; ++i)
            expected << valued[i].first;
        std::sort(expected.begin(), expected.end());

        plot->setBrush(plot->objectiveAxis(), lo, hi);
        QVERIFY(plot->hasBrush());
        QList<int> shown = shownTrials(view->proxy());
        std::sort(shown.begin(), shown.end());
        QCOMPARE(shown, expected);
        plot->clearBrushes();
        QCOMPARE(view->proxy()->rowCount(), 40);

        // The same with the mouse: a vertical drag along the objective axis.
        mode->page()->parentWidget()->window()->resize(1400, 900);
        w.modeBar()->action(ui::ModeBar::Sweeps)->trigger();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        view->charts()->tabs()->setCurrentIndex(0);
        QTRY_VERIFY(plot->isVisible() && plot->height() > 100);
        const QPoint from = plot->pointFor(plot->objectiveAxis(), hi).toPoint();
        const QPoint to = plot->pointFor(plot->objectiveAxis(), lo).toPoint();
        QTest::mousePress(plot, Qt::LeftButton, {}, from);
        for (int i = 1; i <= 8; ++i) {
            QMouseEvent move(QEvent::MouseMove, QPointF(from + (to - from) * i / 8),
                             plot->mapToGlobal(QPointF(from + (to - from) * i / 8)), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(plot, &move);
        }
        QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
        QVERIFY(plot->hasBrush());
        shown = shownTrials(view->proxy());
        std::sort(shown.begin(), shown.end());
        QList<int> selected = plot->selectedTrials();
        std::sort(selected.begin(), selected.end());
        QCOMPARE(shown, selected);
        QCOMPARE(shown, expected);
        QTest::keyClick(plot, Qt::Key_Escape);
        QCOMPARE(view->proxy()->rowCount(), 40);
    }

    // An active sweep is read again every few seconds as trials end: a brush, the axis
    // order and the selected trial stay, and the brush takes in new trials inside it.
    void brushSurvivesNewTrials()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        const std::string id = test::addFixtureSweep(p, {.trials = 30, .running = 1});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepView *view = mode->view();
        widgets::ParallelCoordinatesPlot *plot = view->charts()->parallel();
        QList<int> order = plot->axisOrder();
        std::swap(order[0], order[1]);
        plot->setAxisOrder(order);
        plot->setBrush(0, 1e-4, 3e-3); // the learning rate's low end
        const QList<int> before = shownTrials(view->proxy());
        QVERIFY(!before.isEmpty() && before.size() < 29);

        // Two more complete trials: one inside the brush, one outside.
        projects::SweepStore store(p);
        for (const char *lr : {"0.001", "0.02"}) {
            const auto t = store.ask(id, [&](const std::vector<tuning::Trial> &, int) {
                return std::optional<tuning::TrialParams>(tuning::TrialParams{{"training.lr", lr},
                                                                              {"training.weight_decay", "0.01"},
                                                                              {"training.warmup_steps", "10"},
                                                                              {"model.hidden_size", "128"},
                                                                              {"training.optimizer", "adamw"}});
            });
            store.tell(id, t->number, tuning::TrialState::Complete, 1.0);
        }
        QVERIFY(waitLoaded(mode));
        QCOMPARE(view->model()->rowCount(), 32);
        QVERIFY(plot->hasBrush());
        QCOMPARE(plot->axisOrder(), order);
        QList<int> shown = shownTrials(view->proxy());
        std::sort(shown.begin(), shown.end());
        QList<int> selected = plot->selectedTrials();
        std::sort(selected.begin(), selected.end());
        QCOMPARE(shown, selected);
        QCOMPARE(shown.size(), before.size() + 1); // the new trial inside the brush
        QVERIFY(shown.contains(30));
        QVERIFY(!shown.contains(31));

        // Another sweep starts unbrushed.
        test::addFixtureSweep(p, {.trials = 6, .running = 0, .name = "other"});
        QVERIFY(waitLoaded(mode));
        for (const ui::SweepSummary &s : mode->sweepList()->sweeps())
            if (s.name == QLatin1String("other"))
                mode->selectSweep(s.id);
        QVERIFY(waitLoaded(mode));
        QVERIFY(!plot->hasBrush());
        QCOMPARE(view->proxy()->rowCount(), 6);
    }

    void selectionIsSharedByTableAndCharts()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 20, .running = 1});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepView *view = mode->view();
        view->table()->selectRow(0);
        const int best = view->proxy()->index(0, 0).data(ui::TrialTableModel::TrialNumberRole).toInt();
        QCOMPARE(view->selectedTrial(), best);
        QCOMPARE(view->charts()->parallel()->highlightedTrial(), best);
        QCOMPARE(view->charts()->curves()->highlightedTrial(), best);
        // The scatter charts and the contour ring its point too.
        QCOMPARE(view->charts()->history()->highlightedTrial(), best);
        QVERIFY(view->charts()->history()->highlightShown());
        QCOMPARE(view->charts()->parameterPlot()->highlightedTrial(), best);
        QVERIFY(view->charts()->parameterPlot()->highlightShown());
        QCOMPARE(view->charts()->contour()->highlightedTrial(), best);
        QVERIFY(view->charts()->contour()->highlightShown());
        // A point clicked in a chart selects its row.
        const int other = view->proxy()->index(5, 0).data(ui::TrialTableModel::TrialNumberRole).toInt();
        Q_EMIT view->charts()->history()->trialClicked(other);
        QCOMPARE(view->selectedTrial(), other);
        QCOMPARE(view->charts()->parallel()->highlightedTrial(), other);
        // A reload with nothing new keeps the selection.
        QVERIFY(waitLoaded(mode));
        QCOMPARE(view->selectedTrial(), other);
    }

    void importanceNeedsFiveCompleteTrials()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 4, .running = 0, .name = "few"});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepCharts *charts = mode->view()->charts();
        QVERIFY(charts->importancePlaceholder().contains(QStringLiteral("at least 5 complete trials")));
        QVERIFY(charts->importance()->importances().isEmpty());
        QVERIFY(!charts->isComputingImportance());

        test::addFixtureSweep(p, {.trials = 30, .running = 0, .name = "many"});
        QVERIFY(waitLoaded(mode));
        QSignalSpy ready(charts, &ui::SweepCharts::importanceReady);
        mode->selectSweep(mode->sweepList()->sweeps().at(1).id);
        QVERIFY(ready.wait(20000));
        // Every unconditional param (the conditional momentum is not in every trial).
        QStringList names;
        for (const widgets::ParameterImportance &i : charts->importance()->importances())
            names << i.name;
        QVERIFY2(names.size() >= 5, qPrintable(names.join(QLatin1Char(' '))));
        QVERIFY(names.contains(QStringLiteral("training.lr")));
    }

    void theParetoTabComesWithACost()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 20, .running = 0, .withCost = true});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepCharts *charts = mode->view()->charts();
        QTabWidget *tabs = charts->tabs();
        QVERIFY(tabs->isTabVisible(tabs->count() - 1));
        QVERIFY(!charts->paretoPlot()->paretoTrials().isEmpty());
        Q_EMIT charts->paretoPlot()->trialClicked(charts->paretoPlot()->paretoTrials().front());
        QCOMPARE(mode->view()->selectedTrial(), charts->paretoPlot()->paretoTrials().front());

        QTemporaryDir plain;
        const projects::Project q = test::makeSweepProject(plain.path());
        test::addFixtureSweep(q, {.trials = 6, .running = 0});
        QVERIFY(w.openProject(plain.path()));
        QVERIFY(waitLoaded(w.sweepsMode()));
        QVERIFY(!tabs->isTabVisible(tabs->count() - 1));
    }

    void actionsFollowTheSweepsState()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        const std::string id = test::addFixtureSweep(p, {.trials = 8, .running = 0});
        projects::RunStore runs(p);
        projects::NewRun r;
        r.name = "trial 0";
        const std::string runId = runs.createRun(r);
        projects::SweepStore(p).setTrialRun(id, 0, runId);
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        ui::SweepActions *a = mode->actions();
        // Active, no driver, nothing running: it can be run, not stopped or resumed.
        QVERIFY(a->run()->isEnabled());
        QVERIFY(!a->resume()->isEnabled());
        QVERIFY(!a->stop()->isEnabled());
        QVERIFY(a->exportCsv()->isEnabled());
        QVERIFY(a->report()->isEnabled());
        QVERIFY(!a->openRun()->isEnabled());
        for (QAction *action : a->actions())
            QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->objectName()));

        projects::SweepStore(p).setState(id, projects::SweepState::Stopped);
        QVERIFY(waitLoaded(mode));
        QVERIFY(!a->run()->isEnabled());
        QVERIFY(a->resume()->isEnabled());
        QVERIFY(!a->stop()->isEnabled());
        QCOMPARE(mode->sweepList()->index(0, ui::SweepListModel::State).data().toString(), QStringLiteral("stopped"));

        projects::SweepStore(p).setState(id, projects::SweepState::Finished);
        QVERIFY(waitLoaded(mode));
        QVERIFY(!a->run()->isEnabled());
        QVERIFY(!a->resume()->isEnabled());
        QVERIFY(!a->stop()->isEnabled());
        QVERIFY(a->exportCsv()->isEnabled());

        // The trial with a run opens it in the Runs mode.
        w.modeBar()->action(ui::ModeBar::Sweeps)->trigger();
        mode->view()->selectTrial(0);
        QVERIFY(a->openRun()->isEnabled());
        QSignalSpy requested(mode, &ui::SweepsMode::runRequested);
        a->openRun()->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QString::fromStdString(runId));
        QVERIFY(w.modeBar()->action(ui::ModeBar::Runs)->isChecked());
    }

    void aBadSpaceFileShowsTheCliLines()
    {
        QTemporaryDir dir;
        test::makeSweepProject(dir.path());
        QDir(dir.path()).mkpath(QStringLiteral("sweeps"));
        const QString file = dir.filePath(QStringLiteral("sweeps/bad.yaml"));
        std::ofstream(file.toStdString())
            << "base: configs/tiny.yaml\nparams:\n  training.nonsense: {uniform: [0, 1]}\n";
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        QSignalSpy done(mode->actions(), &ui::SweepActions::verbFinished);
        mode->actions()->createFromFile(file);
        QVERIFY(done.wait(60000));
        QCOMPARE(done.at(0).at(0).toBool(), false);
        auto *box = w.findChild<QMessageBox *>(QStringLiteral("sweepFailureBox"));
        QVERIFY(box);
        QVERIFY2(box->informativeText().contains(QStringLiteral("training.nonsense")),
                 qPrintable(box->informativeText()));
        box->close();
    }

    // Report… writes the sweep report through seekbench-cli report --sweep (PDF through
    // seekbench-report, beside the CLI in the build).
    void theSweepReportIsSaved()
    {
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 8, .running = 0});
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        QVERIFY(mode->actions()->report()->isEnabled());
        QSignalSpy done(mode->actions(), &ui::SweepActions::verbFinished);
        const QString html = dir.filePath(QStringLiteral("reports/sweep.html"));
        mode->actions()->reportTo(html);
        QVERIFY(done.wait(60000));
        QVERIFY2(done.at(0).at(0).toBool(), "report --sweep failed");
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.startsWith("<!DOCTYPE html>"));
        QVERIFY(text.contains("Parallel coordinates") || text.contains("parallel"));
    }

    void aGoodSpaceFileCreatesTheSweep()
    {
        QTemporaryDir dir;
        test::makeSweepProject(dir.path());
        QDir(dir.path()).mkpath(QStringLiteral("sweeps"));
        QDir(dir.path()).mkpath(QStringLiteral("configs"));
        QFile::copy(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml"),
                    dir.filePath(QStringLiteral("configs/tiny.yaml")));
        const QString file = dir.filePath(QStringLiteral("sweeps/wd.yaml"));
        std::ofstream(file.toStdString()) << test::sweepSpaceYaml(false, 10);
        ui::MainWindow w;
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        QSignalSpy done(mode->actions(), &ui::SweepActions::verbFinished);
        mode->actions()->createFromFile(file);
        QVERIFY(done.wait(60000));
        QVERIFY(done.at(0).at(0).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(mode->sweepList()->rowCount(), 1, 10000);
        QCOMPARE(mode->sweepList()->sweeps().front().name, QStringLiteral("wd"));
    }
};

QTEST_MAIN(TestSweepsMode)
#include "test_sweeps_mode.moc"
