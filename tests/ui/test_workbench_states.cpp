// What the workbench shows when there is nothing to show (issue 21, item 8), and the
// Help menu (item 11): no fake empty charts, but one page that says what to do with a
// button for it; the shortcuts listed from the real actions; the user guide found.
#include "common/empty_state.h"
#include "project/new_project_dialog.h"
#include "runs/log_view.h"
#include "runs/run_actions.h"
#include "runs/run_environment.h"
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/app_setup.h"
#include "shell/help_menu.h"
#include "shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
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

    // A damaged store (issue 21, item 8): the dialog starts with a capital, names the
    // store and not the check's temporary copy or a terminal command, and its Recover
    // button salvages the runs and opens the project.
    void aDamagedStoreOffersRecover()
    {
        QTemporaryDir dir;
        makeProject(dir.path(), 2);
        {
            QFile db(dir.filePath(QStringLiteral("seekbench.db")));
            QVERIFY(db.open(QIODevice::ReadWrite));
            const QByteArray bytes = db.readAll();
            QVERIFY(bytes.size() > 8192);
            // Damage the pages after the schema page and the runs table's.
            db.seek(bytes.size() - 4096);
            db.write(QByteArray(4096, char(0xA5)));
        }
        QStringList seen; // "objectName: text" of each modal box, in order
        QTimer answer;
        answer.setInterval(100);
        QObject::connect(&answer, &QTimer::timeout, [&seen] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            seen << box->objectName() + QStringLiteral(": ") + box->text();
            if (auto *recover = box->findChild<QPushButton *>(QStringLiteral("recoverButton")))
                recover->click();
            else
                box->accept();
        });
        answer.start();
        ui::MainWindow w;
        const bool opened = w.openProject(dir.path());
        answer.stop();
        QVERIFY2(seen.size() == 2, qPrintable(seen.join(QLatin1Char('\n'))));
        const QString problem = seen[0];
        QVERIFY2(problem.startsWith(QStringLiteral("damagedStoreDialog: The run store ")), qPrintable(problem));
        QVERIFY(problem.contains(dir.filePath(QStringLiteral("seekbench.db"))));
        QVERIFY2(!problem.contains(QStringLiteral("seekbench-cli")) && !problem.contains(QStringLiteral("check.db")),
                 qPrintable(problem));
        QVERIFY2(seen[1].contains(QStringLiteral("seekbench.db.damaged-")), qPrintable(seen[1]));
        QVERIFY(opened);
        QTRY_COMPARE(w.runsMode()->table()->table()->model()->rowCount(), 2); // the runs came back
        QVERIFY(!QDir(dir.path()).entryList({QStringLiteral("seekbench.db.damaged-*")}).isEmpty());
    }

    // Dialogs size to their content (item 10): every template's description fits, and
    // neither another template nor a message moves the buttons.
    void theNewProjectDialogFitsItsTextAndDoesNotJump()
    {
        ui::NewProjectDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *info = dialog.findChild<QLabel *>(QStringLiteral("templateDescription"));
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("templateCombo"));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(info && combo && buttons && combo->count() >= 3);
        QApplication::processEvents();
        const QSize size = dialog.size();
        const QPoint buttonsAt = buttons->pos();
        for (int i = 0; i < combo->count(); ++i) {
            combo->setCurrentIndex(i);
            QApplication::processEvents();
            QVERIFY2(info->heightForWidth(info->width()) <= info->height(),
                     qPrintable(QStringLiteral("%1: needs %2 px, has %3")
                                    .arg(combo->currentText())
                                    .arg(info->heightForWidth(info->width()))
                                    .arg(info->height())));
            QCOMPARE(dialog.size(), size);
            QCOMPARE(buttons->pos(), buttonsAt);
        }
        QVERIFY(!dialog.createProject()); // no folder: a message appears
        QApplication::processEvents();
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("newProjectError"));
        QVERIFY(!error->text().isEmpty());
        QVERIFY(error->heightForWidth(error->width()) <= error->height());
        QCOMPARE(buttons->pos(), buttonsAt);
    }

    // The Log dock follows a resumed run's new attempt (item 11), unless a file was
    // picked by hand.
    void theLogFollowsTheNewestAttempt()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &text, int secondsAgo) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
            f.setFileTime(QDateTime::currentDateTime().addSecs(-secondsAgo), QFileDevice::FileModificationTime);
        };
        write(QStringLiteral("train.out.log"), "{}\n", 60);
        write(QStringLiteral("train.err.log"), "first attempt\n", 60);
        ui::LogView log;
        log.setRunDir(dir.path());
        auto *files = log.findChild<QComboBox *>(QStringLiteral("logFileCombo"));
        QCOMPARE(files->currentText(), QStringLiteral("train.err.log"));
        QVERIFY(log.text().contains(QStringLiteral("first attempt")));
        write(QStringLiteral("resume.err.log"), "resumed at step 304\n", 0);
        QTRY_COMPARE(files->currentText(), QStringLiteral("resume.err.log"));
        QTRY_VERIFY(log.text().contains(QStringLiteral("resumed at step 304")));
        QVERIFY(!log.text().contains(QStringLiteral("first attempt")));
        // A file chosen by hand stays chosen.
        const int first = files->findText(QStringLiteral("train.err.log"));
        files->setCurrentIndex(first);
        Q_EMIT files->activated(first);
        write(QStringLiteral("resume.err.log"), "resumed again\n", 0);
        QTest::qWait(1300);
        QCOMPARE(files->currentText(), QStringLiteral("train.err.log"));
    }

    // Issue 29: the System tab says which BLAS kernels the run used and why, from the
    // start event of its newest output log; Settings' switch reaches the runs it starts.
    void theSystemTabNamesTheBlasKernels()
    {
        QTemporaryDir dir;
        {
            QFile old(dir.filePath(QStringLiteral("train.out.log")));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write(R"({"event":"start","environment":{"blas":"OpenBLAS","blas_core":"Prescott"}})"
                      "\n");
            old.setFileTime(QDateTime::currentDateTime().addSecs(-60), QFileDevice::FileModificationTime);
            QFile now(dir.filePath(QStringLiteral("resume.out.log")));
            QVERIFY(now.open(QIODevice::WriteOnly));
            now.write(R"({"event":"system"})"
                      "\n"
                      R"({"event":"start","environment":{"blas":"OpenBLAS","blas_core":"SkylakeX",)"
                      R"("blas_selection":"OpenBLAS chose its generic Prescott kernels","blas_gflops":101.2,)"
                      R"("fused_kernels":false,)"
                      R"("precision":"bf16","precision_selection":"auto: a 2048x256x1024 GEMM ran at 300 GFLOP/s"}})"
                      "\n");
        }
        const QString text = ui::blasSummary(ui::runEnvironment(dir.path()));
        QVERIFY2(text.contains(QStringLiteral("SkylakeX")) && text.contains(QStringLiteral("generic Prescott"))
                     && text.contains(QStringLiteral("101 GFLOP/s"))
                     && text.contains(QStringLiteral("fused CPU kernels off (SEEKBENCH_FUSED_KERNELS=0)")),
                 qPrintable(text)); // the current attempt's, not the first one's
        const QString precision = ui::precisionSummary(ui::runEnvironment(dir.path()));
        QVERIFY2(precision.contains(QStringLiteral("bf16")) && precision.contains(QStringLiteral("300 GFLOP/s")),
                 qPrintable(precision));
        QVERIFY(ui::precisionSummary(
                    QJsonObject{{QStringLiteral("precision"), QStringLiteral("fp32")},
                                {QStringLiteral("precision_selection"), QStringLiteral("set in the config")}})
                    .contains(QStringLiteral("as the config sets it")));
        QTemporaryDir empty;
        QVERIFY(ui::blasSummary(ui::runEnvironment(empty.path())).contains(QStringLiteral("not recorded")));
        QVERIFY(ui::precisionSummary(ui::runEnvironment(empty.path())).isEmpty());

        ui::AppSetup::setBlasSelection(false);
        QCOMPARE(qgetenv("SEEKBENCH_BLAS_SELECT"), QByteArray("0"));
        QVERIFY(!ui::AppSetup::blasSelection());
        ui::AppSetup::setBlasSelection(true);
        QVERIFY(!qEnvironmentVariableIsSet("SEEKBENCH_BLAS_SELECT"));
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
