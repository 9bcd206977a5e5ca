#include "runs/runs_filter_proxy.h"
#include "runs/runs_table_model.h"
#include "seekbench/widgets/run_palette.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QtTest>

using namespace seekbench::ui;
using seekbench::projects::RunRecord;

namespace {
RunRecord run(const std::string &id, const std::string &name, const std::string &status, double loss, int step)
{
    RunRecord r;
    r.id = id;
    r.name = name;
    r.status = seekbench::parseRunStatus(status).value();
    r.createdAt = QDateTime::currentSecsSinceEpoch() - 100;
    r.startedAt = r.createdAt;
    r.params["training.max_steps"] = "200";
    r.params["training.lr"] = id == "b" ? "0.01" : "0.003";
    r.summary["train/loss"].finalValue = loss;
    r.summary["train/loss"].finalStep = step;
    return r;
}
} // namespace

class TestRunsTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesTheModelTester()
    {
        RunsTableModel model;
        RunsFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({run("a", "alpha", "running", 0.5, 50), run("b", "beta", "finished", 0.2, 200)});
        QCOMPARE(model.rowCount(), 2);
        // In-place update: a row goes, one changes, one arrives.
        model.setRuns({run("b", "beta", "finished", 0.1, 200), run("c", "gamma", "crashed", 0.9, 10)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 0);
        QCOMPARE(model.index(0, RunsTableModel::FixedColumns + 0).data().toString(), QStringLiteral("0.1"));
        model.setParamColumns({QStringLiteral("training.lr")});
        QCOMPARE(model.columnCount(), RunsTableModel::FixedColumns + 4);
        // One format to a column: 0.01 beside 0.003 shows as 0.010, the points aligned.
        QCOMPARE(model.index(0, RunsTableModel::FixedColumns).data().toString(), QStringLiteral("0.010"));
        QCOMPARE(model.index(1, RunsTableModel::FixedColumns).data().toString(), QStringLiteral("0.003"));
        QCOMPARE(model.knownParams(),
                 QStringList({QStringLiteral("training.lr"), QStringLiteral("training.max_steps")}));
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
    }

    void progressAndEta()
    {
        const RunRecord r = run("a", "alpha", "running", 0.5, 50);
        QCOMPARE(RunsTableModel::progressOf(r), 0.25);
        const double eta = RunsTableModel::etaSeconds(r, r.createdAt + 100);
        QVERIFY(std::abs(eta - 300) < 1e-6); // 100 s for a quarter: 300 s to go
        QCOMPARE(RunsTableModel::progressOf(run("b", "beta", "finished", 0.2, 10)), 1.0);
        QCOMPARE(RunsTableModel::etaSeconds(run("b", "beta", "finished", 0.2, 10), 0), -1.0);
        // Issue 21: a run resumed at step 40 that has done 10 more steps in its first 20 s
        // goes at 0.5 steps/s: 300 s for the 150 left (the whole-run formula said 0 s), and
        // the ETA moves with the clock between polls (it grows while the run stalls).
        RunRecord resumed = run("r", "resumed", "running", 0.5, 50);
        resumed.attempt = 2;
        resumed.resumedFromStep = 40;
        resumed.startedAt = resumed.createdAt + 1000;
        QVERIFY(std::abs(RunsTableModel::etaSeconds(resumed, *resumed.startedAt + 20) - 300) < 1e-6);
        QVERIFY(std::abs(RunsTableModel::etaSeconds(resumed, *resumed.startedAt + 40) - 600) < 1e-6);
        resumed.resumedFromStep = 50; // no step yet in this attempt: no pace to go by
        QCOMPARE(RunsTableModel::etaSeconds(resumed, *resumed.startedAt + 20), -1.0);
        QVERIFY(RunsTableModel::durationText(3700).contains(QLatin1Char('1')));
    }

    // Issue 21: the name cell shows the run's colour, the one its curves are drawn in.
    void nameCarriesTheRunsColour()
    {
        RunsTableModel model;
        RunRecord a = run("a", "alpha", "finished", 0.5, 200), b = run("b", "beta", "finished", 0.4, 200);
        a.color = 0;
        b.color = 1;
        model.setRuns({a, b});
        const QColor first = model.index(0, RunsTableModel::NameColumn).data(Qt::DecorationRole).value<QColor>();
        const QColor second = model.index(1, RunsTableModel::NameColumn).data(Qt::DecorationRole).value<QColor>();
        QCOMPARE(first, seekbench::widgets::runColor(0));
        QCOMPARE(second, seekbench::widgets::runColor(1));
        QVERIFY(first != second);
        QVERIFY(!model.index(0, RunsTableModel::StatusColumn).data(Qt::DecorationRole).isValid());
    }

    void filtersAndSorts()
    {
        RunsTableModel model;
        RunsFilterProxy proxy;
        proxy.setSourceModel(&model);
        RunRecord tagged = run("c", "gamma", "crashed", 0.9, 10);
        tagged.tags = {"keep"};
        model.setRuns({run("a", "alpha", "running", 0.5, 50), run("b", "beta", "finished", 0.2, 200), tagged});
        proxy.setText(QStringLiteral("BET"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        proxy.setStatus(QStringLiteral("running"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, RunsTableModel::NameColumn).data().toString(), QStringLiteral("alpha"));
        proxy.setStatus(QString());
        proxy.setTag(QStringLiteral("keep"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setTag(QString());
        proxy.sort(RunsTableModel::FixedColumns, Qt::AscendingOrder); // train/loss final, numerically
        QCOMPARE(proxy.index(0, RunsTableModel::NameColumn).data().toString(), QStringLiteral("beta"));
        QCOMPARE(proxy.index(2, RunsTableModel::NameColumn).data().toString(), QStringLiteral("gamma"));
    }
};

QTEST_MAIN(TestRunsTableModel)
#include "test_runs_table_model.moc"
