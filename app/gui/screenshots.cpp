#include "screenshots.h"

#include "common/project_paths.h"

#include "project/project_templates.h"

#include "project/project_session.h"
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace seekbench::ui {

bool Screenshots::openDemo(MainWindow &window, const QString &dir)
{
    if (!QFileInfo::exists(pathText(layoutOf(dir).manifestPath()))) {
        try {
            createProjectFromTemplate(QDir(dir).absolutePath(), QStringLiteral("Demo"),
                                      QStringLiteral("The demo project Seekbench creates on first start"),
                                      QStringLiteral("text_classification"));
        } catch (const std::exception &) {
            return false;
        }
    }
    return window.openProject(dir);
}

void Screenshots::takeAndQuit(MainWindow &window, const QString &dir)
{
    QDir().mkpath(dir);
    // Give the store watcher time for the first listing and the curves.
    QTimer::singleShot(1500, &window, [&window] {
        RunsMode *mode = window.runsMode();
        QTableView *table = mode->table()->table();
        if (table->model()->rowCount() > 0)
            table->selectRow(0);
    });
    QTimer::singleShot(4000, &window, [&window, dir] {
        RunsMode *mode = window.runsMode();
        window.grab().save(dir + QStringLiteral("/main-window.png"));
        if (RunView *view = mode->view()) {
            auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("runTabs"));
            if (tabs) {
                tabs->setCurrentIndex(1);
                QApplication::processEvents();
            }
        }
    });
    QTimer::singleShot(5500, &window, [&window, dir] {
        window.grab().save(dir + QStringLiteral("/system-tab.png"));
        RunsMode *mode = window.runsMode();
        QTableView *table = mode->table()->table();
        if (table->model()->rowCount() > 1) {
            table->selectAll();
            if (RunView *view = mode->view())
                if (auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("runTabs")))
                    tabs->setCurrentIndex(0);
        }
    });
    QTimer::singleShot(8000, &window, [&window, dir] {
        window.grab().save(dir + QStringLiteral("/compare.png"));
        window.setCloseChoice(MainWindow::CloseChoice::LeaveRunning);
        window.close();
        QApplication::quit();
    });
}

} // namespace seekbench::ui
