// A run whose process died while no GUI watched: opening the project marks it crashed,
// and its view shows the failure with the last lines of its error log.
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/process_identity.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/main_window.h"

#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;

class TestCrashedRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deadRunShowsAsCrashed()
    {
        QTemporaryDir tmp;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath(QStringLiteral("settings")));
        const QString dir = tmp.filePath(QStringLiteral("p"));
        QString id;
        {
            projects::ProjectManifest m;
            m.name = "crash";
            m.storage = "local";
            projects::Project p = projects::Project::create(dir.toStdString(), m);
            projects::NewRun run;
            run.name = "doomed";
            // A writer on this host whose pid does not exist (any more).
            run.process = projects::ProcessIdentity{projects::ProcessIdentity::hostName(), 4194000, 12345};
            id = QString::fromStdString(projects::RunStore(p).createRun(run));
        }
        QFile err(dir + QStringLiteral("/runs/") + id + QStringLiteral("/train.err.log"));
        QVERIFY(err.open(QIODevice::WriteOnly));
        err.write("step 10/200  loss 1.2\nterminate called after throwing an instance of 'c10::Error'\n");
        err.close();

        ui::MainWindow window;
        window.show();
        QVERIFY(window.openProject(dir));
        QTRY_COMPARE(window.runsMode()->model()->rowCount(), 1);
        QCOMPARE(toString(window.runsMode()->model()->runs().front().status), std::string("crashed"));
        window.runsMode()->table()->selectRun(id);
        auto *info = window.runsMode()->view()->findChild<QLabel *>(QStringLiteral("crashInfo"));
        QTRY_VERIFY(info->isVisible());
        QVERIFY2(info->text().contains(QStringLiteral("c10::Error")), qPrintable(info->text()));
    }
};

QTEST_MAIN(TestCrashedRun)
#include "test_crashed_run.moc"
