// A run whose process died while no GUI watched: opening the project marks it crashed,
// and its view shows the failure with the last lines of its error log. In a read-only
// project nothing can be marked, yet the run shows crashed all the same, not "running"
// with a growing ETA (issue 20), and the store is left as it was.
#include "project/store_watcher.h"
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
#include <QTreeView>
#include <QtTest>

using namespace seekbench;

class TestCrashedRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A project with one running run whose writer, on this host, does not exist (any more).
    static QString makeDeadRun(const QString &dir)
    {
        projects::ProjectManifest m;
        m.name = "crash";
        m.storage = "local";
        projects::Project p = projects::Project::create(dir.toStdString(), m);
        projects::NewRun run;
        run.name = "doomed";
        run.process = projects::ProcessIdentity{projects::ProcessIdentity::hostName(), 4194000, 12345};
        return QString::fromStdString(projects::RunStore(p).createRun(run));
    }

    void deadRunShowsAsCrashed()
    {
        QTemporaryDir tmp;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath(QStringLiteral("settings")));
        const QString dir = tmp.filePath(QStringLiteral("p"));
        const QString id = makeDeadRun(dir);
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

        // The Project dock lists the project's files, not SQLite's -wal and -shm (issue 21).
        auto *explorer = window.findChild<QTreeView *>(QStringLiteral("projectExplorer"));
        QVERIFY(explorer);
        auto names = [&] {
            QStringList out;
            const QModelIndex root = explorer->rootIndex();
            for (int r = 0; r < explorer->model()->rowCount(root); ++r)
                out << explorer->model()->index(r, 0, root).data().toString();
            return out;
        };
        // SQLite keeps -wal only while a connection is open; the window's may close between
        // polls, so this test holds one open itself (else the check below is timing-dependent).
        const projects::Project held = projects::Project::open(dir.toStdString());
        projects::RunStore heldStore(held);
        QCOMPARE(heldStore.listRuns().size(), std::size_t(1));
        QTRY_VERIFY(names().contains(QStringLiteral("seekbench.db")));
        QVERIFY(QFile::exists(dir + QStringLiteral("/seekbench.db-wal"))); // there, and not listed
        QTest::qWait(300);                                                 // the listing's watcher has seen it
        for (const QString &name : names())
            QVERIFY2(!name.contains(QStringLiteral(".db-")), qPrintable(name));
    }

    void deadRunInReadOnlyProjectShowsCrashedWithoutWriting()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        const QString id = makeDeadRun(dir);
        projects::Project::OpenOptions readOnly;
        readOnly.readOnly = true;
        auto project = std::make_shared<const projects::Project>(projects::Project::open(dir.toStdString(), readOnly));
        QVERIFY(project->isReadOnly());
        ui::StoreWatcher watcher(project);
        ui::RunList listed;
        int failures = 0;
        connect(&watcher, &ui::StoreWatcher::runsListed, this, [&](const ui::RunList &runs) { listed = runs; });
        connect(&watcher, &ui::StoreWatcher::failed, this, [&](const QString &) { ++failures; });
        for (int i = 0; i < 12; ++i) // past the polls that mark stale runs in a writable project
            watcher.refresh();
        QCOMPARE(failures, 0);
        QCOMPARE(listed.size(), 1);
        const projects::RunRecord &shown = listed.front();
        QCOMPARE(toString(shown.status), std::string("crashed"));
        QVERIFY2(QString::fromStdString(shown.message).contains(QStringLiteral("is gone")), shown.message.c_str());
        QVERIFY2(QString::fromStdString(shown.message).contains(QStringLiteral("not recorded")), shown.message.c_str());
        QVERIFY(shown.endedAt.has_value()); // its duration stops growing
        QCOMPARE(ui::RunsTableModel::etaSeconds(shown, shown.createdAt + 3600), -1.0);
        // The store still says running: a read-only project is never written.
        const auto stored = projects::RunStore(*project).findRun(id.toStdString());
        QVERIFY(stored);
        QCOMPARE(toString(stored->status), std::string("running"));
    }
};

QTEST_MAIN(TestCrashedRun)
#include "test_crashed_run.moc"
