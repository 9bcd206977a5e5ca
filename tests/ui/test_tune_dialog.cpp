// "Tune this run" (issue 22): the form proposes ranges around the run's values, shows the
// grid's size or the budget before anything starts, refuses a space with problems (each
// named), and from the Runs mode creates and runs a real sweep through seekbench-cli.

#include "config_test_support.h"
#include "project/project_session.h"
#include "runs/run_actions.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_view.h"
#include "seekbench/config/config_io.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/sweep_store.h"
#include "seekbench/tuning/search_space.h"
#include "shell/app_setup.h"
#include "shell/main_window.h"
#include "shell/theme.h"
#include "shot_look.h"
#include "sweeps/sweep_list_model.h"
#include "sweeps/sweeps_mode.h"
#include "sweeps/tune_dialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLibraryInfo>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::ui;

namespace {

// A small finished run with an eval/loss, in a fresh project: the run to tune.
std::string addFinishedRun(const QString &dir)
{
    RunConfig c = test::example(QStringLiteral("tiny"));
    c.model.hidden_size = 32;
    c.model.intermediate_size = 64;
    c.model.num_hidden_layers = 1;
    c.data.train_samples = 64;
    c.data.eval_samples = 16;
    c.data.seq_len = 16;
    c.training.batch_size = 8;
    c.training.max_steps = 4;
    c.training.warmup_steps = 1;
    c.training.eval_every = 2;
    c.training.lr = 0.001;
    c.training.threads = 1;
    auto project = projects::Project::open(dir.toStdString());
    projects::RunStore store(project);
    projects::NewRun run;
    run.name = "small run";
    run.configYaml = toYaml(c);
    run.configHash = configHash(c);
    const std::string id = store.createRun(run);
    store.finishRun(id, RunStatus::Finished, "", {{"eval/loss", 1.5}, {"eval/accuracy", 0.5}});
    return id;
}

const projects::RunRecord *findRun(const ProjectSession &s, const std::string &id)
{
    for (const projects::RunRecord &r : s.runs())
        if (r.id == id)
            return &r;
    return nullptr;
}

} // namespace

class TestTuneDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
        AppSetup::installTranslator(QStringLiteral("en")); // English plural forms, as the app
    }

    void proposesAroundTheRunAndPricesTheSweep()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ProjectSession::create(dir, QStringLiteral("tune"), QString());
        const std::string id = addFinishedRun(dir);
        ProjectSession session(dir);
        QTRY_VERIFY(findRun(session, id));
        TuneDialog dialog(dir, *findRun(session, id), 4);

        // Hyperparameters are offered, run settings are not; the learning rate is ticked.
        QVERIFY(dialog.rowOf(QStringLiteral("training.lr")) >= 0);
        QVERIFY(dialog.rowOf(QStringLiteral("model.hidden_size")) >= 0);
        QCOMPARE(dialog.rowOf(QStringLiteral("training.seed")), -1);
        QCOMPARE(dialog.rowOf(QStringLiteral("training.threads")), -1);
        auto space = dialog.space();
        QVERIFY(space);
        QCOMPARE(space->params.size(), std::size_t(1));
        QCOMPARE(space->params[0].key, std::string("training.lr"));
        QCOMPARE(space->params[0].kind, tuning::ParamKind::LogUniform);
        QVERIFY(std::abs(space->params[0].low - 1e-4) < 1e-12 && std::abs(space->params[0].high - 1e-2) < 1e-12);
        QCOMPARE(space->objective.metric, std::string("eval/loss"));
        QCOMPARE(space->objective.direction, tuning::Direction::Minimize);
        // One thread per trial on 4 cores: 4 at once.
        QCOMPARE(dialog.parallelBox()->value(), 4);
        QVERIFY(dialog.problems().isEmpty());
        QVERIFY(dialog.createButton()->isEnabled());
        QVERIFY2(dialog.costText().contains(QStringLiteral("20 trials")), qPrintable(dialog.costText()));

        // A grid needs points; with them its size is shown before anything starts.
        dialog.samplerBox()->setCurrentIndex(dialog.samplerBox()->findData(int(tuning::SamplerKind::Grid)));
        QVERIFY(!dialog.problems().isEmpty());
        QVERIFY(!dialog.createButton()->isEnabled());
        dialog.setGrid(QStringLiteral("training.lr"), QStringLiteral("0.0003, 0.001, 0.003"));
        dialog.setTuned(QStringLiteral("training.optimizer"), true);
        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        const int optimizers = int(findConfigField("training.optimizer")->choices.size());
        QVERIFY2(dialog.costText().contains(QStringLiteral("A grid of %1 points").arg(3 * optimizers)),
                 qPrintable(dialog.costText()));

        // Bad ranges are named, and nothing can be created meanwhile.
        dialog.setRange(QStringLiteral("training.lr"), QStringLiteral("0.01"), QStringLiteral("0.001"));
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY2(dialog.problems().join(QLatin1Char('\n')).contains(QStringLiteral("training.lr")),
                 qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        dialog.setRange(QStringLiteral("training.lr"), QStringLiteral("abc"), QStringLiteral("0.01"));
        QVERIFY(!dialog.createButton()->isEnabled());
        dialog.setRange(QStringLiteral("training.lr"), QStringLiteral("0.0001"), QStringLiteral("0.01"));
        QVERIFY(dialog.createButton()->isEnabled());

        // A name that would overwrite a sweep file, or leave the sweeps folder, is refused.
        dialog.nameEdit()->setText(QStringLiteral("../outside"));
        QVERIFY(!dialog.createButton()->isEnabled());
        QDir(dir).mkpath(QStringLiteral("sweeps"));
        QFile taken(dir + QStringLiteral("/sweeps/taken.yaml"));
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.close();
        dialog.nameEdit()->setText(QStringLiteral("taken"));
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(dialog.problems().join(QLatin1Char('\n')).contains(QStringLiteral("taken")));
    }

    // Pictures for review, with SEEKBENCH_SWEEP_SHOTS=DIR only: the form as it opens, with a
    // second key ticked and a grid chosen, in English and Chinese, light and dark.
    void screenshots_data() { test::addLookRows(); }

    void screenshots()
    {
        SEEKBENCH_SHOT_LOOK();
        const QString suffix = look.suffix();
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ProjectSession::create(dir, QStringLiteral("tune"), QString());
        const std::string id = addFinishedRun(dir);
        ProjectSession session(dir);
        QTRY_VERIFY(findRun(session, id));
        projects::RunRecord run = *findRun(session, id);
        run.startedAt = 1000;
        run.endedAt = 1000 + 95; // a run of 1 min 35 s, for the estimate
        TuneDialog dialog(dir, run, 4);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(200);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/tune-dialog") + suffix + QStringLiteral(".png")));
        dialog.setTuned(QStringLiteral("model.hidden_size"), true);
        dialog.samplerBox()->setCurrentIndex(dialog.samplerBox()->findData(int(tuning::SamplerKind::Grid)));
        QTest::qWait(200);
        QVERIFY(dialog.grab().save(out + QStringLiteral("/tune-dialog-grid") + suffix + QStringLiteral(".png")));
    }

    // From the Runs mode's action to a real sweep that trains its trials.
    void createsAndRunsASweepFromTheRunsMode()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("p"));
        ProjectSession::create(dir, QStringLiteral("tune"), QString());
        const std::string id = addFinishedRun(dir);
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(w.openProject(dir));
        QTRY_COMPARE(w.runsMode()->model()->runs().size(), 1);
        w.runsMode()->table()->selectRun(QString::fromStdString(id));
        QAction *tune = w.runsMode()->actions()->tuneAction();
        QVERIFY(tune->isEnabled());
        bool seen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<TuneDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            seen = true;
            dialog->nameEdit()->setText(QStringLiteral("lr-from-run"));
            dialog->trialsBox()->setValue(2);
            dialog->parallelBox()->setValue(1);
            dialog->createAndRunButton()->click();
        });
        tune->trigger();
        QVERIFY(seen);
        QVERIFY(QFile::exists(dir + QStringLiteral("/sweeps/lr-from-run.yaml")));
        QVERIFY(QFile::exists(dir + QStringLiteral("/sweeps/lr-from-run/base.yaml")));
        SweepsMode *mode = w.sweepsMode();
        QTRY_VERIFY_WITH_TIMEOUT(mode->sweepList()->rowCount() == 1, 30000);
        QCOMPARE(mode->sweepList()->sweeps().front().name, QStringLiteral("lr-from-run"));
        QTRY_COMPARE_WITH_TIMEOUT(mode->selectedSweep(), mode->sweepList()->sweeps().front().id, 10000);
        // The detached driver trains both trials from the run's config.
        const auto project = projects::Project::open(dir.toStdString());
        QTRY_VERIFY_WITH_TIMEOUT(projects::SweepStore(project).require("lr-from-run").state
                                     == projects::SweepState::Finished,
                                 150000);
        const auto trials = projects::SweepStore(project).trials(
            projects::SweepStore(project).require("lr-from-run").id);
        QCOMPARE(trials.size(), std::size_t(2));
        for (const tuning::Trial &t : trials) {
            QCOMPARE(t.state, tuning::TrialState::Complete);
            QVERIFY(t.value && *t.value > 0);
            const double lr = std::stod(t.params.at("training.lr"));
            QVERIFY(lr >= 1e-4 && lr <= 1e-2);
        }
    }
};

QTEST_MAIN(TestTuneDialog)
#include "test_tune_dialog.moc"
