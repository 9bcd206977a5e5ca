// The launch dialog: every preset valid, accepting saves the edited config in the project,
// and a finished run re-runs with exactly its config.

#include "config_test_support.h"

using namespace seekbench::test;

class TestLaunchDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { useTemporarySettings(m_tmp); }

    void everyPresetValid()
    {
        LaunchDialog dialog(m_tmp.path());
        QCOMPARE(LaunchDialog::presetNames().mid(0, 4), (QStringList{QStringLiteral("tiny"), QStringLiteral("small"),
                                                                     QStringLiteral("base"), QStringLiteral("moe")}));
        for (const QString &name : LaunchDialog::presetNames()) {
            dialog.loadPreset(name);
            QVERIFY2(dialog.isValid(), qPrintable(name + QLatin1Char(' ') + dialog.problemsText()));
            QCOMPARE(dialog.runName(), name);
            QVERIFY(dialog.editor()->document()->config() == example(name));
        }
        // Each preset load is undoable.
        dialog.editor()->document()->undo();
        QVERIFY(!(dialog.editor()->document()->config() == example(LaunchDialog::presetNames().back())));
    }

    void acceptSavesTheEditedConfig()
    {
        QTemporaryDir project;
        LaunchDialog dialog(project.path());
        typeInto(*dialog.editor(), QStringLiteral("training.max_steps"), QStringLiteral("70"));
        dialog.findChild<QPushButton *>(QStringLiteral("launchButton"))->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.savedConfigPath().startsWith(project.path() + QStringLiteral("/configs/")));
        const auto load = seekbench::loadRunConfig(dialog.savedConfigPath().toStdString());
        QVERIFY(load.ok());
        QCOMPARE(load.config.training.max_steps, 70);
    }

    // "Re-run exactly" beside "Clone and edit": a new run from the snapshot, byte for
    // byte, through the real seekbench-cli.

    void rerunExactly()
    {
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
        const QString dir = m_tmp.filePath(QStringLiteral("rerun-project"));
        ProjectSession::create(dir, QStringLiteral("rerun"), QString());
        RunConfig c = example(QStringLiteral("tiny"));
        c.model.hidden_size = 32;
        c.model.intermediate_size = 64;
        c.model.num_hidden_layers = 1;
        c.data.train_samples = 64;
        c.data.eval_samples = 16;
        c.data.seq_len = 16;
        c.training.batch_size = 8;
        c.training.max_steps = 3;
        c.training.warmup_steps = 1;
        c.training.eval_every = 0;
        c.training.threads = 1;
        std::string firstId;
        {
            auto project = seekbench::projects::Project::open(dir.toStdString());
            seekbench::projects::RunStore store(project);
            seekbench::projects::NewRun run;
            run.name = "first";
            run.configYaml = seekbench::toYaml(c);
            run.configHash = seekbench::configHash(c);
            run.status = seekbench::RunStatus::Finished;
            firstId = store.createRun(run);
            store.finishRun(firstId, seekbench::RunStatus::Finished, "", {{"train/loss", 1.0}});
        }
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(dir));
        QTRY_COMPARE(window.runsMode()->model()->runs().size(), 1);
        window.runsMode()->table()->selectRun(QString::fromStdString(firstId));
        // Clone and edit opens the editor on the run's snapshot, diffed against it.
        QAction *clone = nullptr;
        for (QAction *a : window.runsMode()->actions()->actions())
            if (a->objectName() == QLatin1String("cloneAction"))
                clone = a;
        QVERIFY(clone);
        window.runsMode()->actions()->updateEnabled();
        bool cloneChecked = false;
        QTimer::singleShot(0, &window, [&] {
            auto *dialog = qobject_cast<LaunchDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            cloneChecked = dialog->editor()->document()->config() == c
                           && dialog->runName() == QStringLiteral("first (clone)")
                           && dialog->findChild<QComboBox *>(QStringLiteral("diffRunCombo"))->currentData().toString()
                                  == QString::fromStdString(firstId)
                           && dialog->editor()->diffModel()->rowCount() == 0;
            dialog->reject();
        });
        clone->trigger();
        QVERIFY(cloneChecked);

        QAction *rerun = window.runsMode()->actions()->rerunAction();
        QVERIFY(window.runsMode()->actions()->actions().contains(rerun));
        window.runsMode()->actions()->updateEnabled();
        QVERIFY(rerun->isEnabled());
        rerun->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.runsMode()->model()->runs().size() == 2, 30000);
        for (const auto &r : window.runsMode()->model()->runs()) {
            // The listing leaves the YAML out; the snapshot in the run's folder is read.
            QVERIFY(r.configYaml.empty());
            const auto load = seekbench::parseRunConfig(LaunchDialog::runConfigYaml(dir, r).toStdString());
            QVERIFY(load.ok());
            // Everything equal but the name the CLI writes into the snapshot (--name):
            // hyperparameters, the training seed, the data seed and so the data.
            RunConfig same = load.config;
            QCOMPARE(same.training.seed, c.training.seed);
            QCOMPARE(same.data.seed, c.data.seed);
            same.name = c.name;
            QVERIFY(same == c);
            if (r.id != firstId)
                QCOMPARE(QString::fromStdString(r.name), QStringLiteral("first (re-run)"));
        }
        // Let it end before the project folder goes.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(window.runsMode()->model()->runs().begin(),
                                             window.runsMode()->model()->runs().end(),
                                             [](const auto &r) { return r.status != seekbench::RunStatus::Running; }),
                                 60000);
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestLaunchDialog)
#include "test_launch_dialog.moc"
