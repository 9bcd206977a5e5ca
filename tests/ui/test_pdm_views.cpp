// The predictive maintenance window's fleet overview and alert timeline (issue 26),
// offscreen against the fixture project (pdm_results_fixture.h): every machine listed worst
// first; each column sorts; the split filter and the search filter rows; the summary counts
// match the store; the alerts panel shows the test split by default and its filters change
// the count; clicking an alert asks for its machine; a project without results shows the
// empty state; a damaged store row names the machine instead of crashing; the timeline's
// lead segments and cycles axis. SEEKBENCH_PDM_SHOTS=DIR saves light and dark screenshots
// (and of SEEKBENCH_PDM_PROJECT's newest run when set).

#include "pdm/fleet_overview.h"
#include "pdm/pdm_alerts_panel.h"
#include "pdm/pdm_window.h"
#include "pdm_results_fixture.h"
#include "seekbench/widgets/alert_timeline.h"
#include "shell/theme.h"

#include <QAbstractItemModelTester>
#include <QCollator>
#include <QComboBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace seekbench;

class TestPdmViews : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_dir;
    PdmResultsFixture m_fix;
    std::vector<pdm::MachineHealth> m_machines;
    projects::PdmRunRecord m_run;

    static std::shared_ptr<const projects::Project> open(const QString &dir)
    {
        return std::make_shared<const projects::Project>(projects::Project::open(dir.toStdString()));
    }
    static void waitLoaded(ui::PdmWindow &w)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.currentData() && !w.loader()->isLoading(), 20000);
    }
    std::vector<pdm::AlertRecord> storeAlerts(const projects::PdmAlertQuery &q = {})
    {
        return projects::PdmResultStore(projects::Project::open(m_fix.dir), true).alerts(m_fix.runId, q);
    }
    // The store's value of `column` for a machine (what the model's order must follow).
    double valueOf(int column, int machine) const
    {
        const auto &h = m_machines[std::size_t(machine)];
        switch (column) {
        case ui::FleetHealthModel::Risk: return h.risk;
        case ui::FleetHealthModel::Rul: return h.rul;
        case ui::FleetHealthModel::PeakRisk: return h.peak_risk;
        case ui::FleetHealthModel::Alerts: return h.alerts;
        case ui::FleetHealthModel::Failures: return h.failures;
        case ui::FleetHealthModel::LastReading: return h.last_time;
        case ui::FleetHealthModel::Split: return double(int(h.split));
        default: return std::nan("");
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.filePath(QStringLiteral("fixture"));
        m_fix = makePdmResults(m_dir.toStdString());
        projects::PdmResultStore store(projects::Project::open(m_fix.dir), true);
        m_machines = store.machines(m_fix.runId);
        m_run = *store.run(m_fix.runId);
        QVERIFY(m_machines.size() >= 8);
    }

    void overviewListsEveryMachineWorstFirst()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        waitLoaded(w);
        QCOMPARE(w.currentRunId(), QString::fromStdString(m_fix.runId));
        auto *model = w.fleetOverview()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), int(m_machines.size()));
        for (int r = 1; r < model->rowCount(); ++r) {
            const int a = model->index(r - 1, 0).data(ui::FleetHealthModel::MachineRole).toInt();
            const int b = model->index(r, 0).data(ui::FleetHealthModel::MachineRole).toInt();
            QVERIFY(m_machines[std::size_t(a)].risk >= m_machines[std::size_t(b)].risk);
        }
        const int worst = model->index(0, 0).data(ui::FleetHealthModel::MachineRole).toInt();
        QCOMPARE(model->index(0, ui::FleetHealthModel::Name).data().toString(),
                 QString::fromStdString(m_machines[std::size_t(worst)].name));
        QVERIFY(!model->index(0, ui::FleetHealthModel::Mode).data().toString().isEmpty());
        QVERIFY(!model->index(0, ui::FleetHealthModel::Risk).data(Qt::ToolTipRole).toString().isEmpty());
    }

    void sortingByEachColumnOrdersCorrectly()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        waitLoaded(w);
        auto *model = w.fleetOverview()->model();
        QCollator collator;
        collator.setNumericMode(true);
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        for (int c = 0; c < model->columnCount(); ++c)
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                w.fleetOverview()->table()->sortByColumn(c, order);
                QCOMPARE(model->sortColumn(), c);
                QCOMPARE(model->rowCount(), int(m_machines.size()));
                bool seenNaN = false;
                for (int r = 1; r < model->rowCount(); ++r) {
                    const double x = model->index(r - 1, c).data(ui::FleetHealthModel::SortKeyRole).toDouble();
                    const double y = model->index(r, c).data(ui::FleetHealthModel::SortKeyRole).toDouble();
                    seenNaN = seenNaN || std::isnan(x);
                    QVERIFY2(!seenNaN || std::isnan(y), "values after an empty one");
                    if (std::isnan(x) || std::isnan(y))
                        continue;
                    QVERIFY(order == Qt::AscendingOrder ? x <= y : x >= y);
                    const int a = model->index(r - 1, 0).data(ui::FleetHealthModel::MachineRole).toInt();
                    const int b = model->index(r, 0).data(ui::FleetHealthModel::MachineRole).toInt();
                    const double va = valueOf(c, a), vb = valueOf(c, b);
                    if (!std::isnan(va) && !std::isnan(vb))
                        QVERIFY2(order == Qt::AscendingOrder ? va <= vb : va >= vb, qPrintable(QString::number(c)));
                    if (c == ui::FleetHealthModel::Name) {
                        const int cmp = collator.compare(model->index(r - 1, c).data().toString(),
                                                         model->index(r, c).data().toString());
                        QVERIFY(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0);
                    }
                }
            }
    }

    void splitAndSearchFilterRows()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        waitLoaded(w);
        auto *overview = w.fleetOverview();
        auto *model = overview->model();
        int tests = 0;
        for (const auto &h : m_machines)
            tests += h.split == pdm::Split::Test;
        QVERIFY(tests > 0 && tests < int(m_machines.size()));
        overview->setSplitFilter(pdm::Split::Test);
        QCOMPARE(model->rowCount(), tests);
        for (int r = 0; r < model->rowCount(); ++r) {
            const int m = model->index(r, 0).data(ui::FleetHealthModel::MachineRole).toInt();
            QCOMPARE(m_machines[std::size_t(m)].split, pdm::Split::Test);
        }
        overview->setSplitFilter(std::nullopt);
        const QString needle = QString::fromStdString(m_machines[3].name);
        int expected = 0;
        for (const auto &h : m_machines)
            expected += QString::fromStdString(h.name).contains(needle, Qt::CaseInsensitive);
        overview->setSearch(needle.toUpper());
        QCOMPARE(model->rowCount(), expected);
        QVERIFY(expected >= 1 && expected < int(m_machines.size()));
        overview->setSearch(QStringLiteral("no machine is called this"));
        QCOMPARE(model->rowCount(), 0);
        overview->setSearch(QString());
        QCOMPARE(model->rowCount(), int(m_machines.size()));
    }

    void summaryCountsMatchTheStore()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        waitLoaded(w);
        int alerts = 0, failures = 0, atRisk = 0;
        for (const auto &h : m_machines) {
            alerts += h.alerts;
            failures += h.failures;
            atRisk += h.risk_mode >= 0 && h.risk >= m_run.thresholds[std::size_t(h.risk_mode)];
        }
        const auto s = w.fleetOverview()->summary();
        QCOMPARE(s.machines, int(m_machines.size()));
        QCOMPARE(s.alerts, alerts);
        QCOMPARE(alerts, int(storeAlerts().size()));
        QCOMPARE(s.failures, failures);
        QCOMPARE(s.atRisk, atRisk);
        QVERIFY(w.fleetOverview()->summaryText().contains(QString::number(alerts)));
    }

    void alertsPanelFiltersDefaultToTest()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        waitLoaded(w);
        auto *panel = w.alertsPanel();
        projects::PdmAlertQuery q;
        q.split = pdm::Split::Test;
        const auto tests = storeAlerts(q), all = storeAlerts();
        QVERIFY(!tests.empty() && all.size() > tests.size());
        QCOMPARE(panel->shownAlerts().size(), tests.size());
        QCOMPARE(panel->timeline()->alerts().size(), qsizetype(tests.size()));
        QCOMPARE(panel->table()->rowCount(), int(tests.size())); // the full range is in view
        panel->setSplitFilter(std::nullopt);
        QCOMPARE(panel->shownAlerts().size(), all.size());
        std::size_t falseAlerts = 0, mode0 = 0;
        for (const auto &a : all) {
            falseAlerts += !a.alert.isTrue();
            mode0 += a.alert.mode == 0;
        }
        // Lead segments: a true alert carries its failure's time, a false one none.
        for (const auto &t : panel->timeline()->alerts()) {
            const auto it = std::find_if(all.begin(), all.end(), [&](const auto &a) { return a.id == t.id; });
            QVERIFY(it != all.end());
            QCOMPARE(std::isfinite(t.endTs), it->alert.isTrue());
        }
        QVERIFY(falseAlerts > 0 && falseAlerts < all.size());
        panel->setOutcomeFilter(ui::PdmAlertsPanel::Outcome::False);
        QCOMPARE(panel->shownAlerts().size(), falseAlerts);
        panel->setOutcomeFilter(ui::PdmAlertsPanel::Outcome::All);
        panel->setModeFilter(0);
        QCOMPARE(panel->shownAlerts().size(), mode0);
        QVERIFY(mode0 < all.size());
    }

    void clickingAnAlertRequestsItsMachine()
    {
        ui::PdmWindow w(open(m_dir), m_dir);
        w.show();
        waitLoaded(w);
        w.tabs()->setCurrentWidget(w.alertsPanel());
        auto *timeline = w.alertsPanel()->timeline();
        QTRY_VERIFY(timeline->isVisible() && timeline->width() > 300);
        QSignalSpy spy(&w, &ui::PdmWindow::machineRequested);
        const auto &shown = timeline->alerts();
        QVERIFY(!shown.isEmpty());
        widgets::TimelineAlert target = shown[shown.size() / 2];
        for (const auto &t : shown)
            if (timeline->alertAt(timeline->positionOf(t).toPoint()) == t.id) {
                target = t;
                break;
            }
        const QPoint at = timeline->positionOf(target).toPoint();
        QCOMPARE(timeline->alertAt(at), target.id);
        QTest::mouseClick(timeline, Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        const auto stored = projects::PdmResultStore(projects::Project::open(m_fix.dir), true).alert(target.id);
        QVERIFY(stored);
        QCOMPARE(spy.first().at(0).toString(), QString::fromStdString(m_fix.runId));
        QCOMPARE(spy.first().at(1).toInt(), int(stored->record.alert.machine));
        QCOMPARE(spy.first().at(2).toLongLong(), target.id);
        // Enter on a machine of the fleet asks for it with no alert.
        w.tabs()->setCurrentWidget(w.fleetOverview());
        auto *table = w.fleetOverview()->table();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(2, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.last().at(1).toInt(), table->model()->index(2, 0).data(ui::FleetHealthModel::MachineRole).toInt());
        QCOMPARE(spy.last().at(2).toLongLong(), qint64(-1));
    }

    void projectWithoutResultsShowsTheEmptyState()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("bare"));
        projects::ProjectManifest m;
        m.name = "bare";
        projects::Project::create(dir.toStdString(), m);
        ui::PdmWindow w(open(dir), dir);
        QTRY_VERIFY_WITH_TIMEOUT(w.fleetOverview()->isShowingEmptyState(), 10000);
        // It offers the template's demo, not a terminal command.
        auto *demo = w.fleetOverview()->findChild<QPushButton *>(QStringLiteral("pdmDemoButton"));
        QVERIFY(demo);
        QVERIFY(demo->isEnabled());
        QVERIFY(w.currentRunId().isEmpty());
        QVERIFY(w.alertsPanel()->shownAlerts().empty());
        QVERIFY(!w.runPicker()->isEnabled());
    }

    void damagedRowNamesTheMachine_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("sparkline") << QStringLiteral("UPDATE pdm_machines SET spark = x'0102' WHERE machine = 3;");
        QTest::newRow("split") << QStringLiteral("UPDATE pdm_machines SET split = 'holdout' WHERE machine = 3;");
        QTest::newRow("mode") << QStringLiteral("UPDATE pdm_machines SET risk_mode = 9 WHERE machine = 3;");
    }
    void damagedRowNamesTheMachine()
    {
        QFETCH(QString, sql);
        const QString dir = m_tmp.filePath(QStringLiteral("damaged-%1").arg(QString::fromUtf8(QTest::currentDataTag())));
        std::filesystem::copy(m_fix.dir, dir.toStdString(), std::filesystem::copy_options::recursive);
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {dir + QStringLiteral("/seekbench.db"), sql});
        QVERIFY(sqlite.waitForFinished(10000));
        QCOMPARE(sqlite.exitCode(), 0);
        ui::PdmWindow w(open(dir), dir);
        QTRY_VERIFY_WITH_TIMEOUT(!w.fleetOverview()->errorText().isEmpty(), 20000);
        const QString name = QString::fromStdString(m_machines[3].name);
        QVERIFY2(w.fleetOverview()->errorText().contains(name), qPrintable(w.fleetOverview()->errorText()));
        QVERIFY(w.alertsPanel()->infoText().contains(name));
    }

    void timelineDrawsLeadSegmentsAndCycles()
    {
        widgets::AlertTimeline t;
        t.resize(600, 200);
        t.setTimeAxis(widgets::AlertTimeline::TimeAxis::Numbers, QStringLiteral("cycle"));
        t.setLaneNames({QStringLiteral("Failure")});
        widgets::TimelineAlert a{1, 100, 0.9f, 2, 0};
        a.endTs = 160;
        t.setAlerts({a, widgets::TimelineAlert{2, 130, 0.7f, 0, 0}});
        QVERIFY(t.visibleRange().second >= 160); // the failure is in view
        t.grab();
        QCOMPARE(t.lastLeadSegments(), 1);
        QVERIFY(!t.lastTickLabels().isEmpty());
        for (const QString &label : t.lastTickLabels()) {
            bool number = false;
            label.toInt(&number);
            QVERIFY2(number, qPrintable(label));
        }
        widgets::AlertTimeline dates; // the default stays dates, no segments
        dates.resize(600, 200);
        dates.setAlerts(
            {widgets::TimelineAlert{1, 1.7e9, 0.9f, 2, 0}, widgets::TimelineAlert{2, 1.7e9 + 86400, 0.8f, 1, 0}});
        dates.grab();
        QCOMPARE(dates.lastLeadSegments(), 0);
        QVERIFY(dates.lastTickLabels().first().contains(QLatin1Char('-')));
    }

    void screenshots()
    {
        const QString out = qEnvironmentVariable("SEEKBENCH_PDM_SHOTS");
        if (out.isEmpty())
            QSKIP("set SEEKBENCH_PDM_SHOTS to save screenshots");
        QStringList dirs{m_dir};
        if (const QString p = qEnvironmentVariable("SEEKBENCH_PDM_PROJECT"); !p.isEmpty())
            dirs << p;
        for (const bool dark : {false, true}) {
            ui::Theme::apply(dark ? ui::Theme::Choice::Dark : ui::Theme::Choice::Light);
            for (int i = 0; i < dirs.size(); ++i) {
                projects::Project::OpenOptions o;
                o.readOnly = true;
                ui::PdmWindow w(std::make_shared<const projects::Project>(
                                    projects::Project::open(dirs[i].toStdString(), o)),
                                dirs[i]);
                w.resize(1360, 820);
                w.show();
                waitLoaded(w);
                const QString tag
                    = QStringLiteral("%1-%2").arg(i ? QStringLiteral("project") : QStringLiteral("fixture"),
                                                  dark ? QStringLiteral("dark") : QStringLiteral("light"));
                QTest::qWait(100);
                QVERIFY(w.grab().save(out + QStringLiteral("/pdm-fleet-%1.png").arg(tag)));
                w.tabs()->setCurrentWidget(w.alertsPanel());
                QTest::qWait(100);
                QVERIFY(w.grab().save(out + QStringLiteral("/pdm-alerts-%1.png").arg(tag)));
            }
        }
        ui::Theme::apply(ui::Theme::Choice::Light);
    }
};

QTEST_MAIN(TestPdmViews)
#include "test_pdm_views.moc"
