// A project this user cannot write (issue 20, item 5) opens in the main window: the title
// and a status-bar notice say it is read-only, its runs are listed, every action that
// writes (launch, resume, clone, re-run, rename, delete, tag, note) is off, and opening it
// leaves nothing behind. A writable project keeps them on.
//
// As root, permissions do not stop writes: the folder and its store are made immutable
// (chattr +i, the access check a read-only mount fails too); elsewhere chmod a-w.
#include "project/project_session.h"
#include "runs/run_actions.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/main_window.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace seekbench;

namespace {

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Makes `dir` and its store read-only for this process while it lives.
class ReadOnlyGuard
{
public:
    explicit ReadOnlyGuard(const QString &dir)
        : m_paths{dir, dir + QStringLiteral("/seekbench.db")}, m_root(::geteuid() == 0)
    {
        m_ok = m_root ? run(QStringLiteral("chattr"), QStringList{QStringLiteral("+i")} + m_paths)
                      : run(QStringLiteral("chmod"), QStringList{QStringLiteral("a-w")} + m_paths);
    }
    ~ReadOnlyGuard()
    {
        if (m_root)
            run(QStringLiteral("chattr"), QStringList{QStringLiteral("-i")} + m_paths);
        else
            run(QStringLiteral("chmod"), QStringList{QStringLiteral("u+w")} + m_paths);
    }
    bool ok() const { return m_ok; }

private:
    QStringList m_paths;
    bool m_root;
    bool m_ok = false;
};

QString makeProject(const QString &dir, QString *runId)
{
    projects::ProjectManifest m;
    m.name = "shared";
    m.storage = "local";
    projects::Project p = projects::Project::create(dir.toStdString(), m);
    projects::RunStore store(p);
    projects::NewRun r;
    r.name = "baseline";
    *runId = QString::fromStdString(store.createRun(r));
    store.finishRun(runId->toStdString(), RunStatus::Finished, "");
    return dir;
}

QAction *action(ui::MainWindow &w, const char *name)
{
    for (QAction *a : w.runsMode()->actions()->actions())
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}

} // namespace

class TestReadOnlyWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
    }

    void readOnlyProjectIsOnlyRead_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("read-only") << true;
        QTest::newRow("writable") << false;
    }

    void readOnlyProjectIsOnlyRead()
    {
        QFETCH(bool, readOnly);
        QString id;
        const QString dir = makeProject(m_tmp.filePath(readOnly ? QStringLiteral("ro") : QStringLiteral("rw")), &id);
        std::unique_ptr<ReadOnlyGuard> guard;
        if (readOnly) {
            guard = std::make_unique<ReadOnlyGuard>(dir);
            if (!guard->ok())
                QSKIP("cannot make the project read-only here (as root chattr +i needs CAP_LINUX_IMMUTABLE and an "
                      "ext2/3/4, XFS or Btrfs file system)");
        }
        const QStringList before = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        {
            ui::MainWindow window;
            window.show();
            QVERIFY(window.openProject(dir));
            QTRY_COMPARE(window.runsMode()->model()->rowCount(), 1);
            window.runsMode()->table()->selectRun(id);
            window.runsMode()->actions()->updateEnabled();
            QCOMPARE(window.windowTitle().contains(QStringLiteral("read-only")), readOnly);
            auto *notice = window.findChild<QLabel *>(QStringLiteral("readOnlyNotice"));
            QVERIFY(notice);
            QCOMPARE(notice->isVisible(), readOnly);
            if (readOnly)
                QVERIFY2(notice->toolTip().contains(QStringLiteral("cannot write")), qPrintable(notice->toolTip()));
            for (const char *name : {"launchAction", "cloneAction", "rerunAction", "renameAction", "deleteAction",
                                     "tagAction", "noteAction"}) {
                QAction *a = action(window, name);
                QVERIFY2(a, name);
                QVERIFY2(a->isEnabled() == !readOnly, name);
            }
        }
        if (readOnly) // no -wal, -shm or lock file was left behind
            QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
    }

    // Issue 21: started without a project, the workbench reopens the last one; a folder
    // that is no longer a project leaves it empty, without an error dialog.
    void reopensTheLastProject()
    {
        QString id;
        const QString dir = makeProject(m_tmp.filePath(QStringLiteral("last")), &id);
        {
            ui::MainWindow first;
            QVERIFY(first.openProject(dir));
        }
        {
            ui::MainWindow again;
            QVERIFY(again.reopenLastProject());
            QVERIFY(again.session());
            QCOMPARE(QDir(again.session()->dir()).canonicalPath(), QDir(dir).canonicalPath());
        }
        QVERIFY(QFile::remove(dir + QStringLiteral("/seekbench-project.yaml")));
        ui::MainWindow gone;
        QVERIFY(!gone.reopenLastProject());
        QVERIFY(!gone.session());
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestReadOnlyWindow)
#include "test_readonly_window.moc"
