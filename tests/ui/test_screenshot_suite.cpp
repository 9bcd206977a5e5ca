// The picture-level review (issue 21): the main flows under a real X server (ctest runs
// this under xvfb-run), in English and Chinese, light and dark. Every screen is saved as
// a PNG ($SEEKBENCH_SHOTS_DIR, else screenshots/ beside this test; tests/ui/screenshots.sh
// copies them to docs/screenshots/) and checked: no clipped text, one colour per run in
// every chart and in the runs table, chart backgrounds in the theme's shade. Without a
// display it exits 77, which ctest reports as skipped.

#include "aml/aml_alerts_panel.h"
#include "aml/aml_case_view.h"
#include "aml/aml_threshold_panel.h"
#include "aml/aml_window.h"
#include "aml_case_fixture.h"
#include "common/project_paths.h"
#include "config/config_editor.h"
#include "config/estimates_panel.h"
#include "inspector/attention_inspector_view.h"
#include "kg/concept_picker.h"
#include "kg/kg_window.h"
#include "kg/rare_disease_panel.h"
#include "kg_window_fixture.h"
#include "launch/launch_dialog.h"
#include "pdm/machine_view.h"
#include "pdm/pdm_alerts_panel.h"
#include "pdm/pdm_window.h"
#include "pdm/policy_view.h"
#include "pdm_results_fixture.h"
#include "project/new_project_dialog.h"
#include "qcustomplot_wrapper.h"
#include "reports/report_dialog.h"
#include "reports/report_preview.h"
#include "reports/reports_panel.h"
#include "runs/log_view.h"
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "screen_checks.h"
#include "screenshot_fixture.h"
#include "seekbench/widgets/live_plot.h"
#include "seekbench/widgets/run_palette.h"
#include "shell/main_window.h"
#include "shell/theme.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <cstdio>

using namespace seekbench;

class TestScreenshotSuite : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_out, m_runsDir, m_amlDir, m_pdmDir, m_kgDir, m_suffix;
    kgwindowfixture::DemoGraph m_kg;
    shotfixture::RunsProject m_runs;
    QList<QTranslator *> m_translators;
    QStringList m_problems; // of the current language and theme
    bool m_dark = false;

    void useLanguage(const QString &language)
    {
        auto load = [this](const QString &file, const QString &dir) {
            auto *t = new QTranslator(this);
            if (t->load(file, dir) && QCoreApplication::installTranslator(t))
                m_translators << t;
            else
                delete t;
        };
        if (language == QLatin1String("zh_CN")) {
            load(QStringLiteral(":/i18n/seekbench_zh_CN.qm"), QString());
            load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
            QVERIFY2(!m_translators.isEmpty(), "the zh_CN catalogue did not load");
        } else {
            load(QStringLiteral(":/i18n/seekbench_en.qm"), QString()); // English plurals
        }
    }

    // Lets queued replots and layouts settle, saves the window and checks it.
    void shoot(QWidget *window, const QString &screen)
    {
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTest::qWait(250);
        QApplication::processEvents();
        const QString name = screen + m_suffix;
        const QString file = m_out + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY2(window->grab().save(file), qPrintable(file));
        m_problems << screenchecks::clippedText(window, name) << screenchecks::chartBackgrounds(window, m_dark, name);
    }

    void checkRunColours(ui::RunView *view, ui::RunsTableModel *model, const QStringList &runs, const QString &screen)
    {
        QHash<QString, QColor> expected, swatches;
        projects::RunStore store(*m_runs.project);
        for (const auto &r : store.listRuns()) {
            const QString id = QString::fromStdString(r.id);
            if (!runs.contains(id))
                continue;
            expected.insert(id, widgets::runColor(r.color));
            const QModelIndex at = model->index(model->rowOf(id), ui::RunsTableModel::NameColumn);
            swatches.insert(id, model->data(at, Qt::DecorationRole).value<QColor>());
        }
        m_problems << screenchecks::runColours(view->plots(), expected, swatches, screen + m_suffix);
    }

    static bool everyChartShows(ui::RunView *view, int runs)
    {
        for (widgets::LivePlot *p : view->plots()) {
            int shown = 0;
            for (const auto &s : p->series())
                shown += s.size() > 0;
            if (shown < runs)
                return false;
        }
        return true;
    }

    void selectRuns(QTableView *table, ui::RunsTableModel *model, const QStringList &ids)
    {
        QItemSelection selection;
        for (const QString &id : ids) {
            const QModelIndex source = model->index(model->rowOf(id), 0);
            auto *proxy = qobject_cast<QAbstractProxyModel *>(table->model());
            const QModelIndex shown = proxy ? proxy->mapFromSource(source) : source;
            selection.select(shown, shown);
        }
        table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    void runsFlows()
    {
        ui::MainWindow w;
        w.setCloseChoice(ui::MainWindow::CloseChoice::LeaveRunning);
        w.resize(1400, 860);
        w.show();
        shoot(&w, QStringLiteral("welcome"));
        {
            ui::NewProjectDialog dialog(&w);
            dialog.show();
            shoot(&dialog, QStringLiteral("new-project"));
        }
        QVERIFY(w.openProject(m_runsDir));
        ui::RunsMode *mode = w.runsMode();
        QTableView *table = mode->table()->table();
        QTRY_COMPARE_WITH_TIMEOUT(mode->model()->rowCount(), 2, 10000);
        const QString live = QString::fromStdString(m_runs.liveRun), done = QString::fromStdString(m_runs.finishedRun);

        // One run, live: its charts, then its System tab.
        selectRuns(table, mode->model(), {live});
        ui::RunView *view = mode->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->runIds() == QStringList{live} && everyChartShows(view, 1), 10000);
        auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("runTabs"));
        QVERIFY(tabs);
        tabs->setCurrentIndex(0);
        shoot(&w, QStringLiteral("main-window"));
        checkRunColours(view, mode->model(), {live}, QStringLiteral("main-window"));
        tabs->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(view->systemPlots().front()->pointCount() > 0, 10000);
        shoot(&w, QStringLiteral("system-tab"));

        // Two runs compared: the curves overlaid, then the compare table.
        selectRuns(table, mode->model(), {done, live});
        QTRY_VERIFY_WITH_TIMEOUT(view->runIds().size() == 2 && everyChartShows(view, 2), 10000);
        tabs->setCurrentIndex(0);
        shoot(&w, QStringLiteral("compare"));
        checkRunColours(view, mode->model(), {done, live}, QStringLiteral("compare"));
        tabs->setCurrentIndex(2);
        shoot(&w, QStringLiteral("compare-table"));
        tabs->setCurrentIndex(0);

        // Runs > Report… on the finished run: the dialog with its preview, then the report
        // it saved in the Reports dock.
        QString reportFile;
        {
            ui::ReportDialog dialog(m_runs.project, w.session()->runs(), {done}, &w);
            dialog.show();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.preview()->isBusy() && dialog.preview()->pageCount() > 0, 30000);
            shoot(&dialog, QStringLiteral("report-dialog"));
            QSignalSpy saved(&dialog, &ui::ReportDialog::saved);
            dialog.save();
            QTRY_VERIFY_WITH_TIMEOUT(saved.count() == 1, 30000);
            reportFile = saved.front().front().toString();
        }
        ui::ReportsPanel *reports = mode->reportsPanel();
        qobject_cast<QDockWidget *>(reports->parentWidget())->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!reports->reports().empty() && reports->reports().front().path == reportFile, 10000);
        reports->selectFile(reportFile);
        shoot(&w, QStringLiteral("reports-panel"));
        qobject_cast<QDockWidget *>(mode->logView()->parentWidget())->raise();

        {
            ui::LaunchDialog dialog(m_runsDir, &w);
            dialog.show();
            // The step-time column fills once seekbench-cli has measured fp32 against bf16.
            QTRY_VERIFY_WITH_TIMEOUT(dialog.editor()->estimates()->precisionSpeed().has_value(), 60000);
            shoot(&dialog, QStringLiteral("launch-dialog"));
        }
        // The inspector without a cross-modal run: what it says then.
        ui::AttentionInspectorView *inspector = ui::AttentionInspectorView::openFor(&w, m_runsDir);
        shoot(inspector, QStringLiteral("inspector"));
        inspector->close();
    }

    void amlFlows()
    {
        ui::AmlWindow w(std::make_shared<const projects::Project>(projects::Project::open(m_amlDir.toStdString())),
                        m_amlDir);
        w.resize(1400, 860);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(!w.alertsPanel()->isLoading() && !w.alertsPanel()->alerts().empty(), 10000);
        shoot(&w, QStringLiteral("aml-timeline"));
        const auto &alerts = w.alertsPanel()->alerts();
        const auto top = std::max_element(alerts.begin(), alerts.end(),
                                          [](const auto &a, const auto &b) { return a.score < b.score; });
        QSignalSpy opened(w.caseView(), &ui::AmlCaseView::caseOpened);
        w.openAlert(top->id);
        QVERIFY(opened.wait(10000));
        shoot(&w, QStringLiteral("aml-case"));
        w.tabs()->setCurrentWidget(w.thresholdPanel());
        shoot(&w, QStringLiteral("aml-threshold"));
        // The case report as the analyst gets it: its first page, rasterised.
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            return; // poppler-utils missing: no report picture (test_aml_views says so)
        const QString pdf = m_tmp.filePath(QStringLiteral("case%1.pdf").arg(m_suffix));
        QCOMPARE(w.caseView()->exportReport(pdf), QString());
        const QString png = m_out + QStringLiteral("/aml-report") + m_suffix;
        QProcess raster;
        raster.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                                QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
                                QStringLiteral("-singlefile"), pdf, png});
        QVERIFY(raster.waitForFinished(30000) && raster.exitCode() == 0);
    }

    // The predictive maintenance window (issue 26): the fleet, the alerts, a machine with a
    // true alert on a held-out machine, and the policies.
    void pdmFlows()
    {
        ui::PdmWindow w(std::make_shared<const projects::Project>(projects::Project::open(m_pdmDir.toStdString())),
                        m_pdmDir);
        w.resize(1400, 860);
        QSignalSpy loaded(&w, &ui::PdmWindow::runLoaded);
        QSignalSpy replayed(w.policyView(), &ui::PolicyView::replayed);
        w.show();
        QVERIFY(loaded.wait(20000));
        shoot(&w, QStringLiteral("pdm-fleet"));
        w.tabs()->setCurrentWidget(w.alertsPanel());
        shoot(&w, QStringLiteral("pdm-alerts"));
        const auto data = w.currentData();
        QVERIFY(data);
        const auto alert = std::find_if(data->alerts.begin(), data->alerts.end(), [](const pdm::AlertRecord &a) {
            return a.split == pdm::Split::Test && a.alert.isTrue();
        });
        QVERIFY(alert != data->alerts.end());
        QSignalSpy machine(w.machineView(), &ui::MachineView::loaded);
        Q_EMIT w.machineRequested(w.currentRunId(), alert->alert.machine, alert->id);
        QVERIFY(machine.wait(20000));
        shoot(&w, QStringLiteral("pdm-machine"));
        w.tabs()->setCurrentWidget(w.policyView());
        QTRY_VERIFY_WITH_TIMEOUT(replayed.count() > 0, 20000);
        shoot(&w, QStringLiteral("pdm-policies"));
    }

    // The knowledge graph window (issue 25) on a graph the size of the template's demo: a
    // rare disease selected in the explorer with its Details, then ranked from four of its
    // symptoms in the Rare disease tab, its paths highlighted.
    void kgFlows()
    {
        const kgwindowfixture::RareCase rare = kgwindowfixture::rareCase(m_kg);
        QVERIFY(rare.disease >= 0);
        ui::KgWindow w(std::make_shared<const projects::Project>(projects::Project::open(m_kgDir.toStdString())),
                       m_kgDir);
        w.resize(1400, 860);
        QSignalSpy laidOut(&w, &ui::KgWindow::layoutFinished);
        w.show();
        QVERIFY(laidOut.wait(30000));
        w.selectNode(rare.disease);
        shoot(&w, QStringLiteral("kg-explorer"));
        ui::RareDiseasePanel *panel = w.rareDiseasePanel();
        for (const int symptom : rare.symptoms)
            panel->symptomPicker()->addNode(symptom);
        QSignalSpy ranked(panel, &ui::RareDiseasePanel::ranked);
        panel->rank();
        QVERIFY(ranked.wait(10000));
        w.tabs()->setCurrentWidget(panel);
        panel->selectDisease(0);
        shoot(&w, QStringLiteral("kg-rare-disease"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"), "run under an X server (xvfb-run)");
        QStandardPaths::setTestModeEnabled(true);
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        m_out = qEnvironmentVariable("SEEKBENCH_SHOTS_DIR", QStringLiteral(SEEKBENCH_SHOTS_DEFAULT));
        QVERIFY(QDir().mkpath(m_out));
        m_runsDir = m_tmp.filePath(QStringLiteral("demo"));
        m_runs = shotfixture::makeRunsProject(m_runsDir.toStdString(), SEEKBENCH_SOURCE_DIR,
                                              QDateTime::currentMSecsSinceEpoch() / 1000.0);
        {
            // The live run's start event as seekbench-cli logs it, so the System tab shows
            // its BLAS, kernels and precision lines.
            QFile log(QDir(ui::runDirText(m_runsDir, m_runs.liveRun)).filePath(QStringLiteral("train.out.log")));
            QVERIFY(log.open(QIODevice::WriteOnly));
            log.write(R"j({"event":"start","environment":{"blas":"OpenBLAS","blas_core":"Cooperlake",)j"
                      R"j("blas_selection":"OpenBLAS knows this processor (Cooperlake)",)j"
                      R"j("fused_kernels":true,"precision":"fp32","precision_selection":"set in the config"}})j"
                      "\n");
        }
        m_amlDir = m_tmp.filePath(QStringLiteral("aml"));
        amlfixture::makeAmlProject(m_amlDir.toStdString());
        m_pdmDir = m_tmp.filePath(QStringLiteral("pdm"));
        makePdmResults(m_pdmDir.toStdString());
        m_kgDir = m_tmp.filePath(QStringLiteral("kg"));
        {
            projects::ProjectManifest manifest;
            manifest.name = "clinical";
            manifest.scenario = "kg";
            m_kg = kgwindowfixture::makeDictionaryGraph(projects::Project::create(m_kgDir.toStdString(), manifest));
        }
        std::printf("screenshots: %s\n", qPrintable(m_out));
    }

    // The checks find what they are for: a label and a button too narrow for their text,
    // a word-wrapped label too short, a white chart in the dark theme.
    void checksCatchWhatTheyShould()
    {
        QWidget window;
        window.setObjectName(QStringLiteral("selfTest"));
        auto *narrow = new QLabel(QStringLiteral("A label much wider than twenty pixels"), &window);
        narrow->setObjectName(QStringLiteral("narrowLabel"));
        narrow->setGeometry(0, 0, 20, 30);
        auto *wrapped = new QLabel(QStringLiteral("Words that wrap onto many lines at this width, more than fit"),
                                   &window);
        wrapped->setWordWrap(true);
        wrapped->setGeometry(0, 40, 120, 14);
        auto *button = new QPushButton(QStringLiteral("A long button text"), &window);
        button->setGeometry(0, 60, 40, 30);
        auto *fits = new QLabel(QStringLiteral("ok"), &window);
        fits->setGeometry(0, 100, 100, 30);
        auto *chart = new QCustomPlot(&window);
        chart->setGeometry(200, 0, 200, 150);
        chart->setBackground(QBrush(Qt::white));
        chart->axisRect()->setBackground(QBrush(Qt::white));
        window.resize(420, 160);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        chart->replot();
        const QString clipped = screenchecks::clippedText(&window, QStringLiteral("self")).join(QLatin1Char('\n'));
        QVERIFY2(clipped.contains(QStringLiteral("narrowLabel")), qPrintable(clipped));
        QVERIFY2(clipped.contains(QStringLiteral("word-wrapped")), qPrintable(clipped));
        QVERIFY2(clipped.contains(QStringLiteral("A long button text")), qPrintable(clipped));
        QVERIFY2(!clipped.contains(QStringLiteral("\"ok\"")), qPrintable(clipped));
        const QStringList dark = screenchecks::chartBackgrounds(&window, true, QStringLiteral("self"));
        QVERIFY2(dark.size() == 2, qPrintable(dark.join(QLatin1Char('\n')))); // rendered and axis rect
        QVERIFY(screenchecks::chartBackgrounds(&window, false, QStringLiteral("self")).isEmpty());
    }

    // The config editor on a predictive maintenance config: no size or memory estimate
    // from the config alone, said as such (never 0 parameters or 0 bytes).
    void configFlows()
    {
        QFile example(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/pdm.yaml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        ui::ConfigEditor editor;
        editor.resize(1200, 820);
        editor.show();
        editor.setYamlText(QString::fromUtf8(example.readAll()), false);
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        shoot(&editor, QStringLiteral("config-editor-pdm"));
    }

    void screens_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        QTest::newRow("en light") << QStringLiteral("en") << false;
        QTest::newRow("en dark") << QStringLiteral("en") << true;
        QTest::newRow("zh_CN light") << QStringLiteral("zh_CN") << false;
        QTest::newRow("zh_CN dark") << QStringLiteral("zh_CN") << true;
    }

    void screens()
    {
        QFETCH(QString, language);
        QFETCH(bool, dark);
        QSettings().clear(); // no layout or column widths carried over from the last row
        useLanguage(language);
        m_dark = dark;
        ui::Theme::apply(dark ? ui::Theme::Choice::Dark : ui::Theme::Choice::Light);
        m_suffix = (language == QLatin1String("zh_CN") ? QStringLiteral("-zh_CN") : QString())
                   + (dark ? QStringLiteral("-dark") : QString());
        m_problems.clear();
        runsFlows();
        if (QTest::currentTestFailed())
            return;
        amlFlows();
        if (QTest::currentTestFailed())
            return;
        pdmFlows();
        if (QTest::currentTestFailed())
            return;
        kgFlows();
        if (QTest::currentTestFailed())
            return;
        configFlows();
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(m_problems.isEmpty(), qPrintable(QStringLiteral("\n  ") + m_problems.join(QStringLiteral("\n  "))));
    }

    void cleanup()
    {
        for (QTranslator *t : std::as_const(m_translators)) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        m_translators.clear();
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::printf("SKIP: no X display. This suite needs a real X server: ctest runs it under xvfb-run "
                    "(Debian package xvfb; scripts/lib.sh installs it).\n");
        return 77; // SKIP_RETURN_CODE
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestScreenshotSuite suite;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&suite, argc, argv);
}

#include "test_screenshot_suite.moc"
