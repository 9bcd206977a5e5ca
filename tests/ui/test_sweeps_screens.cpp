// Pictures of the Sweeps mode for review (issue 22), only with SEEKBENCH_SWEEP_SHOTS=DIR
// (skipped otherwise): a realistic sweep of 200 trials (sweep_fixture.h) in English and
// Chinese, light and dark, each chart tab, a brush, the sweep's Report dialog (issue 24), a
// small sweep and the empty project.
//   SEEKBENCH_SWEEP_SHOTS=/tmp/shots xvfb-run -a -s "-screen 0 1400x900x24" test_sweeps_screens
#include "reports/report_dialog.h"
#include "reports/report_preview.h"
#include "seekbench/widgets/importance_chart.h"
#include "seekbench/widgets/parallel_coordinates_plot.h"
#include "shell/main_window.h"
#include "shell/mode_bar.h"
#include "shell/theme.h"
#include "shot_look.h"
#include "sweep_fixture.h"
#include "sweeps/sweep_actions.h"
#include "sweeps/sweep_charts.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweep_view.h"
#include "sweeps/sweeps_mode.h"

#include <QAction>
#include <QLibraryInfo>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace seekbench;

namespace {

bool waitLoaded(ui::SweepsMode *mode)
{
    QSignalSpy spy(mode, &ui::SweepsMode::loaded);
    mode->refresh();
    return spy.wait(10000);
}

} // namespace

class TestSweepsScreens : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void screenshots_data() { test::addLookRows(); }

    void screenshots()
    {
        SEEKBENCH_SHOT_LOOK();
        const QString suffix = look.suffix();
        QTemporaryDir dir;
        const projects::Project p = test::makeSweepProject(dir.path());
        test::addFixtureSweep(p, {.trials = 200, .running = 2, .budget = 240, .withCost = true, .name = "lr-search"});
        test::addFixtureSweep(p, {.trials = 12, .running = 0, .name = "warmup"});
        ui::MainWindow w;
        w.resize(1400, 900);
        QVERIFY(w.openProject(dir.path()));
        ui::SweepsMode *mode = w.sweepsMode();
        QVERIFY(waitLoaded(mode));
        w.modeBar()->action(ui::ModeBar::Sweeps)->trigger();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ui::SweepView *view = mode->view();
        view->table()->selectRow(0);
        QTabWidget *tabs = view->charts()->tabs();
        const QStringList names{QStringLiteral("parallel"), QStringLiteral("history"), QStringLiteral("parameter"),
                                QStringLiteral("contour"),  QStringLiteral("curves"),  QStringLiteral("importance"),
                                QStringLiteral("pareto")};
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            if (t == 5)
                QTRY_VERIFY_WITH_TIMEOUT(!view->charts()->importance()->importances().isEmpty(), 20000);
            QTest::qWait(300);
            QVERIFY(w.grab().save(out + QStringLiteral("/sweeps-") + names[t] + suffix + QStringLiteral(".png")));
        }
        tabs->setCurrentIndex(0);
        widgets::ParallelCoordinatesPlot *plot = view->charts()->parallel();
        plot->setBrush(0, 3e-4, 3e-3);
        QTest::qWait(300);
        QVERIFY(w.grab().save(out + QStringLiteral("/sweeps-brushed") + suffix + QStringLiteral(".png")));
        mode->actions()->report()->trigger();
        ui::ReportDialog *report = nullptr;
        QTRY_VERIFY((report = w.findChild<ui::ReportDialog *>()) && report->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(report));
        QTRY_VERIFY_WITH_TIMEOUT(!report->preview()->isBusy() && report->preview()->pageCount() > 0, 30000);
        QTest::qWait(300);
        QVERIFY(report->grab().save(out + QStringLiteral("/sweeps-report") + suffix + QStringLiteral(".png")));
        report->close();
        QTRY_VERIFY(!w.findChild<ui::ReportDialog *>());
        mode->selectSweep(mode->sweepList()->sweeps().at(1).id);
        QVERIFY(waitLoaded(mode));
        tabs->setCurrentIndex(5);
        QTest::qWait(300);
        QVERIFY(w.grab().save(out + QStringLiteral("/sweeps-few") + suffix + QStringLiteral(".png")));
        w.close();
        QTemporaryDir empty;
        test::makeSweepProject(empty.path());
        ui::MainWindow e;
        e.resize(1400, 900);
        QVERIFY(e.openProject(empty.path()));
        QVERIFY(waitLoaded(e.sweepsMode()));
        e.modeBar()->action(ui::ModeBar::Sweeps)->trigger();
        e.show();
        QVERIFY(QTest::qWaitForWindowExposed(&e));
        QTest::qWait(200);
        QVERIFY(e.grab().save(out + QStringLiteral("/sweeps-empty") + suffix + QStringLiteral(".png")));
    }
};

QTEST_MAIN(TestSweepsScreens)
#include "test_sweeps_screens.moc"
