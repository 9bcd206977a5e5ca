// What the workbench shows when there is nothing to show (issue 21, item 8), and the
// Help menu (item 11): no fake empty charts, but one page that says what to do with a
// button for it; the shortcuts listed from the real actions; the user guide found.
#include "common/empty_state.h"
#include "runs/run_actions.h"
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/help_menu.h"
#include "shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace seekbench;

namespace {
QString makeProject(const QString &dir, int runs)
{
    projects::ProjectManifest m;
    m.name = "states";
    m.storage = "local";
    projects::Project p = projects::Project::create(dir.toStdString(), m);
    projects::RunStore store(p);
    for (int i = 0; i < runs; ++i) {
        projects::NewRun r;
        r.name = "run " + std::to_string(i);
        store.finishRun(store.createRun(r), RunStatus::Finished, "");
    }
    return dir;
}

QStringList buttonTexts(const QWidget *page)
{
    QStringList out;
    for (const QPushButton *b : page->findChildren<QPushButton *>())
        out << b->text();
    return out;
}
} // namespace

class TestWorkbenchStates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void withoutAProjectTheWelcomeOffersOpenAndNew()
    {
        ui::MainWindow w;
        auto *page = qobject_cast<ui::EmptyState *>(w.runsMode()->currentPage());
        QVERIFY(page);
        QCOMPARE(page->objectName(), QStringLiteral("welcomePage"));
        const QStringList buttons = buttonTexts(page);
        QCOMPARE(buttons.size(), 2);
        QVERIFY2(buttons[0].contains(QStringLiteral("Open project")) && buttons[0].contains(QStringLiteral("Ctrl+O")),
                 qPrintable(buttons.join(QLatin1Char('|'))));
        QVERIFY(buttons[1].contains(QStringLiteral("New project")));
    }

    void anEmptyProjectOffersLaunchNotEmptyCharts()
    {
        QTemporaryDir dir;
        ui::MainWindow w;
        QVERIFY(w.openProject(makeProject(dir.path(), 0)));
        QTRY_COMPARE(w.runsMode()->currentPage()->objectName(), QStringLiteral("emptyProjectPage"));
        ui::EmptyState *page = w.runsMode()->emptyProjectPage();
        QCOMPARE(page->title(), QStringLiteral("No runs yet"));
        QCOMPARE(page->actions().front(), w.runsMode()->actions()->launchAction());
        const QStringList buttons = buttonTexts(page);
        QVERIFY2(buttons.size() == 2 && buttons[0].contains(QStringLiteral("Ctrl+L")),
                 qPrintable(buttons.join(QLatin1Char('|'))));
        QVERIFY(!w.runsMode()->view()->isVisibleTo(&w)); // no charts with made-up axes
        // The template button opens the New project dialog.
        QString opened;
        QTimer::singleShot(300, [&opened] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                opened = modal->objectName();
                modal->close();
            }
        });
        page->findChildren<QPushButton *>().back()->click();
        QCOMPARE(opened, QStringLiteral("newProjectDialog"));
    }

    void runsWithoutASelectionSayWhatToDo()
    {
        QTemporaryDir dir;
        ui::MainWindow w;
        QVERIFY(w.openProject(makeProject(dir.path(), 2)));
        QTRY_COMPARE(w.runsMode()->table()->table()->model()->rowCount(), 2);
        QTRY_COMPARE(w.runsMode()->currentPage()->objectName(), QStringLiteral("noSelectionPage"));
        w.runsMode()->table()->table()->selectRow(0);
        QTRY_COMPARE(w.runsMode()->currentPage(), static_cast<QWidget *>(w.runsMode()->view()));
        w.runsMode()->table()->table()->clearSelection();
        QTRY_COMPARE(w.runsMode()->currentPage()->objectName(), QStringLiteral("noSelectionPage"));
        w.setCloseChoice(ui::MainWindow::CloseChoice::LeaveRunning);
    }

    void helpListsTheRealShortcutsAndFindsTheGuide()
    {
        QTemporaryDir dir;
        ui::MainWindow w;
        QVERIFY(w.openProject(makeProject(dir.path(), 0)));
        auto *help = w.findChild<ui::HelpMenu *>();
        QVERIFY(help);
        QStringList titles;
        for (QAction *a : w.menuBar()->actions())
            titles << a->text();
        QCOMPARE(titles.last(), QStringLiteral("&Help"));
        const auto rows = help->shortcutRows();
        const auto has = [&rows](const QString &action, const QString &keys) {
            for (const auto &r : rows)
                if (r.first.startsWith(action) && r.second == keys)
                    return true;
            return false;
        };
        QVERIFY(has(QStringLiteral("Open project"), QStringLiteral("Ctrl+O")));
        QVERIFY(has(QStringLiteral("Launch run"), QStringLiteral("Ctrl+L")));
        QVERIFY(has(QStringLiteral("Anti-money laundering"), QStringLiteral("Ctrl+Shift+M")));
        // A shortcut changed on the action shows in the list: it is read, not written down.
        w.runsMode()->actions()->launchAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
        QVERIFY([&] {
            for (const auto &r : help->shortcutRows())
                if (r.first.startsWith(QStringLiteral("Launch run")))
                    return r.second == QStringLiteral("Ctrl+J");
            return false;
        }());
        // The user guide is the README beside the build.
        const QString guide = ui::HelpMenu::userGuidePath();
        QVERIFY2(QFileInfo(guide).fileName() == QStringLiteral("README.md"), qPrintable(guide));
        QCOMPARE(QFileInfo(guide).canonicalFilePath(),
                 QFileInfo(QStringLiteral(SEEKBENCH_SOURCE_DIR "/README.md")).canonicalFilePath());
    }
};

QTEST_MAIN(TestWorkbenchStates)
#include "test_workbench_states.moc"
