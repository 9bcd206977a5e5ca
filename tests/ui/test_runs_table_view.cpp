// The runs table as users work with it (issue 21, item 7): Status and Name stay in view
// while the other columns scroll, long headers are elided with the whole name as a
// tooltip, and the chosen columns and their widths come back with the project.

#include "runs/frozen_columns_table.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"

#include <QDateTime>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench::ui;
using seekbench::projects::RunRecord;

namespace {
RunRecord run(const std::string &id, const std::string &name)
{
    RunRecord r;
    r.id = id;
    r.name = name;
    r.status = seekbench::RunStatus::Finished;
    r.createdAt = QDateTime::currentSecsSinceEpoch() - 100;
    r.startedAt = r.createdAt;
    for (const char *key : {"train/loss", "eval/loss", "eval/accuracy", "eval/perplexity", "train/grad_norm"}) {
        r.summary[key].finalValue = 0.5;
        r.summary[key].finalStep = 10;
    }
    return r;
}

const QStringList kMetrics{QStringLiteral("train/loss"), QStringLiteral("eval/loss"), QStringLiteral("eval/accuracy"),
                           QStringLiteral("eval/perplexity"), QStringLiteral("train/grad_norm")};
} // namespace

class TestRunsTableView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void statusAndNameStayWhileTheRestScrolls()
    {
        RunsTableModel model;
        RunsTableView view(&model);
        model.setRuns({run("a", "alpha"), run("b", "beta")});
        model.setMetricColumns(kMetrics);
        view.resize(420, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *table = static_cast<FrozenColumnsTable *>(view.table());
        QTableView *frozen = table->frozenView();
        QVERIFY(frozen->isVisible());
        // The overlay shows exactly Status and Name, as wide as the table's own.
        QVERIFY(!frozen->isColumnHidden(RunsTableModel::StatusColumn));
        QVERIFY(!frozen->isColumnHidden(RunsTableModel::NameColumn));
        QVERIFY(frozen->isColumnHidden(RunsTableModel::TagsColumn));
        QCOMPARE(frozen->width(), table->frozenWidth() + 1);
        QVERIFY(table->frozenWidth() >= 250);
        // Clicking the last metric scrolls it into view, beside the frozen columns, and
        // the overlay still shows Status at the left edge.
        const int last = model.columnCount() - 1;
        const QModelIndex cell = table->model()->index(1, last);
        table->setCurrentIndex(cell);
        table->scrollTo(cell);
        QVERIFY(table->horizontalScrollBar()->value() > 0);
        QVERIFY2(table->visualRect(cell).left() >= table->frozenWidth(),
                 qPrintable(QString::number(table->visualRect(cell).left())));
        QCOMPARE(frozen->columnViewportPosition(RunsTableModel::StatusColumn), 0);
        QCOMPARE(frozen->geometry().left(), table->frameWidth());
        // Going back to a Name cell does not scroll the metrics away.
        const int scrolled = table->horizontalScrollBar()->value();
        table->scrollTo(table->model()->index(0, RunsTableModel::NameColumn));
        QCOMPARE(table->horizontalScrollBar()->value(), scrolled);
        // Both views share the selection: a row selected in one is selected in the other.
        view.selectRun(QStringLiteral("b"));
        QCOMPARE(frozen->selectionModel(), table->selectionModel());
        QCOMPARE(view.selectedRunIds(), QStringList{QStringLiteral("b")});
        // A frozen column widened in the table widens in the overlay.
        table->setColumnWidth(RunsTableModel::NameColumn, 220);
        QCOMPARE(frozen->columnWidth(RunsTableModel::NameColumn), 220);
        QCOMPARE(frozen->width(), table->frozenWidth() + 1);
    }

    void longHeadersCarryTheirNameAsATooltip()
    {
        RunsTableModel model;
        model.setMetricColumns({QStringLiteral("eval/accuracy")});
        const int section = RunsTableModel::FixedColumns;
        const QString header = model.headerData(section, Qt::Horizontal).toString();
        QVERIFY(header.contains(QStringLiteral("eval/accuracy")));
        QCOMPARE(model.headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString(), header);
        QCOMPARE(model.columnKey(section), QStringLiteral("metric:eval/accuracy"));
        QCOMPARE(model.columnKey(RunsTableModel::NameColumn), QStringLiteral("name"));
        RunsTableView view(&model);
        QCOMPARE(view.table()->horizontalHeader()->textElideMode(), Qt::ElideRight);
    }

    void columnsAndWidthsComeBackWithTheProject()
    {
        QTemporaryDir a, b;
        RunsTableModel model;
        RunsTableView view(&model);
        model.setRuns({run("a", "alpha")});
        view.setProject(a.path());
        QCOMPARE(model.metricColumns().size(), 3); // the defaults
        model.setMetricColumns(kMetrics);
        const int perplexity = RunsTableModel::FixedColumns + 3;
        QCOMPARE(model.columnKey(perplexity), QStringLiteral("metric:eval/perplexity"));
        view.table()->setColumnWidth(perplexity, 230);
        view.table()->setColumnWidth(RunsTableModel::NameColumn, 260);
        // The column choice is saved by the chooser; here the same call it makes.
        QSettings().setValue(RunsTableView::settingsGroup(a.path()) + QStringLiteral("/metrics"), kMetrics);

        view.setProject(b.path()); // another project: its own defaults
        QCOMPARE(model.metricColumns().size(), 3);
        QCOMPARE(view.table()->columnWidth(RunsTableModel::NameColumn), 150);

        view.setProject(a.path()); // back: the columns and widths as they were
        QCOMPARE(model.metricColumns(), kMetrics);
        QCOMPARE(view.table()->columnWidth(perplexity), 230);
        QCOMPARE(view.table()->columnWidth(RunsTableModel::NameColumn), 260);
        // A width survives a column that comes and goes before it.
        model.setMetricColumns({QStringLiteral("eval/perplexity")});
        QCOMPARE(view.table()->columnWidth(RunsTableModel::FixedColumns), 230);
    }
};

QTEST_MAIN(TestRunsTableView)
#include "test_runs_table_view.moc"
