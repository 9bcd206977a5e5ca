// New-project templates: each creates a project whose manifest names its scenario and
// whose example configs are copied in and pass the same validation as the CLI.
#include "seekbench/config_io.h"
#include "seekbench/projects/project.h"
#include "seekbench/ui/new_project_dialog.h"
#include "seekbench/ui/project_templates.h"
#include "seekbench/validation.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
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
                                 ui::createProjectFromTemplate(tmp.filePath(QStringLiteral("x")), QStringLiteral("x"), {},
                                                               QStringLiteral("no_such_template")));
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("x/seekbench-project.yaml"))));
        // An existing project is never overwritten: the dialog shows why.
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ui::createProjectFromTemplate(dir, QStringLiteral("P"), {}, QStringLiteral("blank"));
        ui::NewProjectDialog dialog;
        dialog.setFolder(dir);
        QVERIFY(!dialog.createProject());
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("newProjectError"))->text().isEmpty());
    }
};

QTEST_MAIN(TestProjectTemplates)
#include "test_project_templates.moc"
