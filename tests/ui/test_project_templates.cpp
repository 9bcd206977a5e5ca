// New-project templates: each creates a project whose manifest names its scenario and
// whose example configs are copied in and pass the same validation as the CLI.
#include "aml/aml_alerts_panel.h"
#include "project/demo_offer.h"
#include "project/demo_setup.h"
#include "project/new_project_dialog.h"
#include "project/project_templates.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/projects/kg_corpora.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/pdm_results.h"
#include "seekbench/projects/project.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;

class TestProjectTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTemplateCreatesAValidProject_data()
    {
        QTest::addColumn<QString>("id");
        for (const ui::ProjectTemplate &t : ui::projectTemplates())
            QTest::newRow(qPrintable(t.id)) << t.id;
    }

    void everyTemplateCreatesAValidProject()
    {
        QFETCH(QString, id);
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ui::createProjectFromTemplate(dir, QStringLiteral("P"), QStringLiteral("d"), id);
        const auto project = projects::Project::open(dir.toStdString());
        const auto all = ui::projectTemplates();
        const auto t = *std::find_if(all.begin(), all.end(), [&](const auto &x) { return x.id == id; });
        QCOMPARE(QString::fromStdString(project.manifest().scenario), t.scenario);
        const QStringList files = QDir(dir + QStringLiteral("/configs")).entryList(QDir::Files);
        QCOMPARE(files.size(), t.configs.size());
        for (const QString &f : files) {
            const ConfigLoad load = loadRunConfig((dir + QStringLiteral("/configs/") + f).toStdString());
            QVERIFY2(load.ok(), qPrintable(f));
            QVERIFY2(validate(load.config).empty(), qPrintable(f));
        }
    }

    void scenarioTemplatesExist()
    {
        // Blank plus at least one scenario; the dialog offers them all with a description.
        QVERIFY(ui::projectTemplates().size() >= 2);
        ui::NewProjectDialog dialog;
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("templateCombo"));
        QCOMPARE(combo->count(), static_cast<int>(ui::projectTemplates().size()));
        dialog.setTemplateId(QStringLiteral("text_classification"));
        QCOMPARE(dialog.templateId(), QStringLiteral("text_classification"));
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("templateDescription"))->text().isEmpty());
    }

    void refusals()
    {
        QTemporaryDir tmp;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 ui::createProjectFromTemplate(tmp.filePath(QStringLiteral("x")), QStringLiteral("x"),
                                                               {}, QStringLiteral("no_such_template")));
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("x/seekbench-project.yaml"))));
        // An existing project is never overwritten: the dialog shows why.
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ui::createProjectFromTemplate(dir, QStringLiteral("P"), {}, QStringLiteral("blank"));
        ui::NewProjectDialog dialog;
        dialog.setFolder(dir);
        QVERIFY(!dialog.createProject());
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("newProjectError"))->text().isEmpty());
    }

    // The AML template fills the project out of process; a stand-in seekbench-cli
    // (SEEKBENCH_CLI) records its arguments and either sleeps (to be cancelled) or fails.
    void amlDemoIsCancellable_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cancelled") << QStringLiteral("sleep 30") << true << QStringLiteral("Demo data cancelled");
        QTest::newRow("fails") << QStringLiteral("echo 'no space left on device' >&2; exit 3") << false
                               << QStringLiteral("Generating the demo data failed: no space left on device");
    }

    void amlDemoIsCancellable()
    {
        QFETCH(QString, script);
        QFETCH(bool, cancel);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString cli = tmp.filePath(QStringLiteral("fake-cli"));
        const QString argsFile = tmp.filePath(QStringLiteral("args"));
        {
            QFile f(cli);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("#!/bin/sh\necho \"$@\" > '%1'\n%2\n").arg(argsFile, script).toUtf8());
        }
        QFile::setPermissions(cli, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("SEEKBENCH_CLI", cli.toUtf8());
        ui::NewProjectDialog dialog;
        dialog.setTemplateId(QStringLiteral("aml"));
        const QString dir = tmp.filePath(QStringLiteral("aml"));
        dialog.setFolder(dir);
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible()); // still open: the demo runs
        ui::DemoSetup *demo = dialog.demoSetup();
        QVERIFY(demo);
        QVERIFY(dialog.findChild<QProgressBar *>(QStringLiteral("demoProgress"))->isVisible());
        QTRY_VERIFY(QFileInfo(argsFile).size() > 0); // the stand-in has written its arguments
        QFile args(argsFile);
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(args.readAll()).trimmed(),
                 QStringLiteral("aml generate --project %1 --seed 7").arg(dir));
        QSignalSpy finished(demo, &ui::DemoSetup::finished);
        const qint64 pid = demo->pid();
        if (cancel) {
            QVERIFY(QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)));
            dialog.reject(); // Cancel stops the process, keeps the dialog to open the project
            QCOMPARE(finished.count(), 1);
            QCOMPARE(demo->stage(), ui::DemoSetup::Stage::Cancelled);
            auto gone = [pid] { // exited, or a zombie waiting for its reaper
                QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
                return !stat.open(QIODevice::ReadOnly) || stat.readAll().contains(") Z ");
            };
            QTRY_VERIFY(gone());
        } else {
            QVERIFY(finished.wait(10000));
            QCOMPARE(demo->stage(), ui::DemoSetup::Stage::Failed);
        }
        QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("newProjectError"))->text().contains(expected),
                 qPrintable(dialog.findChild<QLabel *>(QStringLiteral("newProjectError"))->text()));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/configs/aml_demo.yaml")));
        auto *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(open->isEnabled());
        dialog.accept(); // opens the project as it is
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        qunsetenv("SEEKBENCH_CLI");
    }

    // The AML window of a project without alerts (issue 21, item 8) offers the template's
    // demo setup, not a terminal command: the button copies the AML configs in when
    // missing and starts the same setup; a read-only project has it off, with the reason.
    void amlWindowWithoutAlertsOffersTheDemo()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("text"));
        ui::createProjectFromTemplate(dir, QStringLiteral("text"), QString(), QStringLiteral("text_classification"));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/configs/aml_demo.yaml")));
        const QString cli = tmp.filePath(QStringLiteral("fake-cli"));
        const QString argsFile = tmp.filePath(QStringLiteral("args"));
        {
            QFile f(cli);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("#!/bin/sh\necho \"$@\" > '%1'\nsleep 30\n").arg(argsFile).toUtf8());
        }
        QFile::setPermissions(cli, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("SEEKBENCH_CLI", cli.toUtf8());
        auto project = std::make_shared<projects::Project>(projects::Project::open(dir.toStdString()));
        ui::AmlAlertsPanel panel(project);
        panel.show();
        panel.reload(); // as the AML window does when it opens
        auto *offer = panel.findChild<ui::DemoOffer *>();
        QVERIFY(offer);
        QTRY_VERIFY2(offer->isVisible(), qPrintable(panel.findChild<QLabel *>(QStringLiteral("alertsInfo"))
                                                        ->text())); // in place of an empty timeline
        QVERIFY(offer->button()->isEnabled());
        QVERIFY(
            !panel.findChild<QLabel *>(QStringLiteral("alertsInfo"))->text().contains(QStringLiteral("seekbench-cli")));
        offer->button()->click();
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/configs/aml_demo.yaml")));
        QVERIFY(offer->setup());
        QTRY_VERIFY(QFileInfo(argsFile).size() > 0);
        QFile args(argsFile);
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(args.readAll()).trimmed(),
                 QStringLiteral("aml generate --project %1 --seed 7").arg(dir));
        QVERIFY(!offer->button()->isEnabled()); // once at a time
        offer->setup()->cancel();
        QTRY_VERIFY(offer->button()->isEnabled());
        qunsetenv("SEEKBENCH_CLI");

        ui::DemoOffer readOnly(dir, QStringLiteral("aml"), true);
        QVERIFY(!readOnly.button()->isEnabled());
        QVERIFY(readOnly.button()->toolTip().contains(QStringLiteral("read-only")));
    }

    // The predictive maintenance template (issue 26) fills a new project through the real
    // seekbench-cli: a simulated fleet, then the demo run trained and evaluated, its results
    // in the store, so View > Predictive maintenance has a fleet, alerts and policies at once.
    void pdmTemplateTrainsItsDemo()
    {
#ifndef SEEKBENCH_CLI_PATH
        QSKIP("built without seekbench-cli");
#else
        QTemporaryDir tmp;
        qputenv("SEEKBENCH_CLI", QByteArrayLiteral(SEEKBENCH_CLI_PATH));
        ui::NewProjectDialog dialog;
        dialog.setTemplateId(QStringLiteral("pdm"));
        const QString dir = tmp.filePath(QStringLiteral("plant"));
        dialog.setFolder(dir);
        dialog.show();
        dialog.accept();
        ui::DemoSetup *demo = dialog.demoSetup();
        QVERIFY(demo);
        QCOMPARE(ui::DemoSetup::generateArguments(dir, QStringLiteral("pdm")).mid(0, 6),
                 (QStringList{QStringLiteral("pdm"), QStringLiteral("generate"), QStringLiteral("--project"), dir,
                              QStringLiteral("--name"), QStringLiteral("plant")}));
        QSignalSpy finished(demo, &ui::DemoSetup::finished);
        QVERIFY(finished.wait(240000));
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QCOMPARE(demo->stage(), ui::DemoSetup::Stage::Done);
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/configs/pdm.yaml")));
        const auto project = projects::Project::open(dir.toStdString());
        const auto runs = projects::PdmResultStore(project, true).runs();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(projects::PdmResultStore(project, true).machines(runs.front().runId).size(), std::size_t(40));
        qunsetenv("SEEKBENCH_CLI");
#endif
    }

    // The knowledge graph template (issue 25) fills a new project through the real
    // seekbench-cli: a generated clinical corpus, then the demo run trained, evaluated and
    // its graph stored, so View > Knowledge graph has a graph at once.
    void kgTemplateBuildsItsGraph()
    {
#ifndef SEEKBENCH_CLI_PATH
        QSKIP("built without seekbench-cli");
#else
        QTemporaryDir tmp;
        qputenv("SEEKBENCH_CLI", QByteArrayLiteral(SEEKBENCH_CLI_PATH));
        ui::NewProjectDialog dialog;
        dialog.setTemplateId(QStringLiteral("kg"));
        const QString dir = tmp.filePath(QStringLiteral("clinical"));
        dialog.setFolder(dir);
        dialog.show();
        dialog.accept();
        ui::DemoSetup *demo = dialog.demoSetup();
        QVERIFY(demo);
        QCOMPARE(ui::DemoSetup::generateArguments(dir, QStringLiteral("kg")),
                 (QStringList{QStringLiteral("kg"), QStringLiteral("generate"), QStringLiteral("--project"), dir,
                              QStringLiteral("--name"), QStringLiteral("clinical"), QStringLiteral("--documents"),
                              QStringLiteral("600"), QStringLiteral("--seed"), QStringLiteral("7")}));
        QCOMPARE(ui::DemoSetup::trainArguments(dir, QStringLiteral("kg")).mid(0, 6),
                 (QStringList{QStringLiteral("kg"), QStringLiteral("train"), QStringLiteral("--project"), dir,
                              QStringLiteral("--config"), dir + QStringLiteral("/configs/kg_demo.yaml")}));
        QCOMPARE(ui::DemoSetup::trainSteps(dir, QStringLiteral("kg")), 600);
        QSignalSpy finished(demo, &ui::DemoSetup::finished);
        QVERIFY(finished.wait(280000));
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QCOMPARE(demo->stage(), ui::DemoSetup::Stage::Done);
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/configs/kg.yaml")));
        const auto project = projects::Project::open(dir.toStdString());
        QVERIFY(projects::findKgCorpus(project, "clinical").has_value());
        const auto graphs = projects::KgStore(project, true).graphs();
        QCOMPARE(graphs.size(), std::size_t(1));
        QCOMPARE(graphs.front().extractor, std::string("model"));
        QVERIFY(graphs.front().node_count > 100);
        QVERIFY(graphs.front().edge_count > 100);
        qunsetenv("SEEKBENCH_CLI");
#endif
    }

    void amlDemoCommands()
    {
        QCOMPARE(ui::DemoSetup::trainArguments(QStringLiteral("/p")),
                 (QStringList{QStringLiteral("aml"), QStringLiteral("train"), QStringLiteral("--project"),
                              QStringLiteral("/p"), QStringLiteral("--config"),
                              QStringLiteral("/p/configs/aml_demo.yaml"), QStringLiteral("--name"),
                              QStringLiteral("aml-demo")}));
    }
};

QTEST_MAIN(TestProjectTemplates)
#include "test_project_templates.moc"
