// Start to interactive with a 1,000-run project: main window shown and the runs table
// filled (offscreen).   bench_gui_startup [RUNS=1000]
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "shell/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>

using namespace seekbench;

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::atoi(argv[1]) : 1000;
    QTemporaryDir tmp;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, tmp.filePath(QStringLiteral("settings")));
    projects::ProjectManifest m;
    m.name = "bench";
    m.storage = "local";
    const std::string dir = tmp.filePath(QStringLiteral("p")).toStdString();
    {
        projects::Project p = projects::Project::create(dir, m);
        projects::RunStore store(p);
        for (int i = 0; i < runs; ++i) {
            projects::NewRun r;
            r.name = "run " + std::to_string(i);
            r.configYaml = "training:\n  lr: " + std::to_string(1e-4 * (i + 1)) + "\n  max_steps: 1000\n";
            const auto id = store.createRun(r);
            store.finishRun(id, seekbench::RunStatus::Finished, "",
                            {{"train/loss", 1.0 / (i + 1)}, {"eval/loss", 2.0 / (i + 1)}},
                            {{"eval/loss", 1.5 / (i + 1)}});
        }
    }
    const double appMs = clock.nsecsElapsed() / 1e6;
    QElapsedTimer start;
    start.start();
    ui::MainWindow window;
    window.show();
    window.openProject(QString::fromStdString(dir));
    auto *model = window.runsMode()->model();
    while (model->rowCount() < runs && start.elapsed() < 20000)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double ms = start.nsecsElapsed() / 1e6;
    std::printf("gui startup: %d runs; window shown and runs table filled in %.0f ms (target <= 1500 ms)"
                " [project setup before it: %.0f ms]\n",
                model->rowCount(), ms, appMs);
    return model->rowCount() == runs ? 0 : 1;
}
