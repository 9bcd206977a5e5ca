// The whole loop on a temporary project with the real seekbench-cli: create the
// project, refuse an invalid config with the reason shown, launch a small config
// detached, see the loss curve get points, close the window with the run still going
// (leaving it running), reopen and reattach, stop, resume, see it finish with a final
// metric.
#include "common/run_list.h"
#include "launch/launch_dialog.h"
#include "project/new_project_dialog.h"
#include "project/project_session.h"
#include "runs/log_view.h"
#include "runs/run_actions.h"
#include "runs/run_view.h"
#include "runs/runs_mode.h"
#include "runs/runs_table_model.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/process_identity.h"
#include "seekbench/widgets/live_plot.h"
#include "shell/main_window.h"
#include "shell/notifier.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace seekbench::ui;
using seekbench::projects::RunRecord;

namespace {
// Answers the next modal dialog named `name` with `handler` (dialogs run their own loop).
void whenModal(const QString &name, std::function<void(QWidget *)> handler)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, name, handler] {
        QWidget *modal = QApplication::activeModalWidget();
        if (modal && modal->objectName() == name) {
            timer->stop();
            timer->deleteLater();
            handler(modal);
        }
    });
    timer->start();
}

QString writeConfig(const QString &dir, const QString &name, int maxSteps, bool valid)
{
    QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml"));
    in.open(QIODevice::ReadOnly);
    QString text = QString::fromUtf8(in.readAll());
    // Small and quick, but long enough to close, reattach and stop it before it ends.
    text.replace(QStringLiteral("max_steps: 200"), QStringLiteral("max_steps: %1").arg(maxSteps));
    text.replace(QStringLiteral("hidden_size: 64"), QStringLiteral("hidden_size: 32"));
    text.replace(QStringLiteral("intermediate_size: 128"), QStringLiteral("intermediate_size: 64"));
    text.replace(QStringLiteral("num_hidden_layers: 2"), QStringLiteral("num_hidden_layers: 1"));
    text.replace(QStringLiteral("train_samples: 4096"), QStringLiteral("train_samples: 256"));
    text.replace(QStringLiteral("eval_samples: 512"), QStringLiteral("eval_samples: 64"));
    text.replace(QStringLiteral("seq_len: 32"), QStringLiteral("seq_len: 16"));
    text.replace(QStringLiteral("batch_size: 32"), QStringLiteral("batch_size: 8"));
    text.replace(QStringLiteral("eval_every: 50"), QStringLiteral("eval_every: 40"));
    text.replace(QStringLiteral("checkpoint_every: 100"), QStringLiteral("checkpoint_every: 20"));
    if (!valid) // 32 hidden units over 3 heads: not divisible
        text.replace(QStringLiteral("num_attention_heads: 4"), QStringLiteral("num_attention_heads: 3"));
    const QString path = dir + QLatin1Char('/') + name;
    QFile out(path);
    out.open(QIODevice::WriteOnly);
    out.write(text.toUtf8());
    return path;
}

const RunRecord *onlyRun(MainWindow &w)
{
    const auto &runs = w.runsMode()->model()->runs();
    return runs.size() == 1 ? &runs.front() : nullptr;
}

QString statusOf(MainWindow &w)
{
    const RunRecord *r = onlyRun(w);
    return r ? QString::fromLatin1(toString(r->status)) : QString();
}
} // namespace

class TestGuiFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("SeekbenchTest"));
        qputenv("SEEKBENCH_CLI", SEEKBENCH_CLI_PATH);
        qputenv("OMP_NUM_THREADS", "1");
    }

    void fullLoop()
    {
        // Create the project through the new-project dialog.
        const QString projectDir = m_tmp.filePath(QStringLiteral("project"));
        {
            NewProjectDialog dialog;
            dialog.setFolder(projectDir);
            QVERIFY(dialog.createProject());
        }
        const QString bad = writeConfig(m_tmp.path(), QStringLiteral("bad.yaml"), 600, false);
        const QString good = writeConfig(m_tmp.path(), QStringLiteral("good.yaml"), 2000, true);

        auto window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(window->openProject(projectDir));
        QCOMPARE(window->recentProjects().value(0), projectDir);

        // Launch through the Runs menu action: the invalid config is refused with its
        // reason, the valid one starts.
        QString refusal;
        bool refusedButtonDisabled = false;
        whenModal(QStringLiteral("launchDialog"), [&](QWidget *w) {
            auto *dialog = static_cast<LaunchDialog *>(w);
            auto *launch = dialog->findChild<QPushButton *>(QStringLiteral("launchButton"));
            dialog->loadFile(bad);
            refusedButtonDisabled = !launch->isEnabled();
            launch->click(); // refused: stays open
            refusal = dialog->findChild<QLabel *>(QStringLiteral("problemsLabel"))->text();
            dialog->loadFile(good);
            dialog->setConfigText(dialog->findChild<QPlainTextEdit *>(QStringLiteral("configEditor"))->toPlainText(),
                                  QStringLiteral("flow"));
            QVERIFY(launch->isEnabled());
            launch->click();
        });
        window->runsMode()->actions()->launchAction()->trigger();
        QVERIFY(refusedButtonDisabled);
        QVERIFY2(refusal.contains(QStringLiteral("refused")) && refusal.contains(QStringLiteral("num_attention_heads")),
                 qPrintable(refusal));

        // The run appears, gets selected, and its loss curve fills live.
        QTRY_VERIFY2_WITH_TIMEOUT(statusOf(*window) == QLatin1String("running"),
                                  qPrintable(window->notifier()->history().join(QLatin1Char('\n'))), 30000);
        const QString runId = QString::fromStdString(onlyRun(*window)->id);
        QTRY_COMPARE_WITH_TIMEOUT(window->runsMode()->table()->currentRunId(), runId, 10000);
        auto *loss = window->runsMode()->view()->lossPlot();
        QTRY_VERIFY_WITH_TIMEOUT(loss->pointCount() > 5, 30000);
        QVERIFY(QFile::exists(projectDir + QStringLiteral("/runs/") + runId + QStringLiteral("/train.out.log")));
        // The overview shows the epoch; the system chart fills from the store's samples.
        QTRY_VERIFY_WITH_TIMEOUT(window->runsMode()->view()->detailsText().contains(QStringLiteral("epoch")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window->runsMode()->view()->systemPlots().value(0)->pointCount() > 0, 15000);

        // Close with the run live: asked, leave it running; it keeps training.
        bool asked = false;
        whenModal(QStringLiteral("leaveRunsBox"), [&](QWidget *box) {
            asked = true;
            box->findChild<QPushButton *>(QStringLiteral("leaveRunningButton"))->click();
        });
        QVERIFY(window->close());
        QVERIFY(asked);
        const RunRecord before = *onlyRun(*window);
        window.reset();
        QVERIFY((seekbench::projects::ProcessIdentity{before.host, before.pid, before.pidStart}.isAliveHere()));

        // Reopen: reattached through the store, the curve keeps growing.
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(window->openProject(projectDir));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(*window) == QLatin1String("running"), 10000);
        window->runsMode()->table()->selectRun(runId);
        loss = window->runsMode()->view()->lossPlot();
        QTRY_VERIFY_WITH_TIMEOUT(loss->pointCount() > 5, 20000);
        const int reattached = loss->pointCount();
        QTRY_VERIFY_WITH_TIMEOUT(loss->pointCount() > reattached, 20000);

        // Stop: graceful, with the countdown in the status bar.
        QTRY_VERIFY(window->runsMode()->actions()->stopAction()->isEnabled());
        window->runsMode()->actions()->stopAction()->trigger();
        QVERIFY(window->runsMode()->statusWidget()->text().contains(QStringLiteral("kill in")));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(*window) == QLatin1String("cancelled"), 40000);

        // Resume: same run, next attempt, to the end with a final metric.
        QTRY_VERIFY(window->runsMode()->actions()->resumeAction()->isEnabled());
        window->runsMode()->actions()->resumeAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(*window) == QLatin1String("running"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(*window) == QLatin1String("finished"), 170000);
        // A desktop notification said so (the tray, where the desktop has one).
        QTRY_VERIFY(window->notifier()->history().join(QLatin1Char('\n')).contains(QStringLiteral("Run finished")));
        const RunRecord *done = onlyRun(*window);
        QCOMPARE(done->attempt, 2);
        QVERIFY(done->summary.count("train/loss") && done->summary.at("train/loss").finalValue);
        auto *model = window->runsMode()->model();
        QVERIFY(!model->index(0, RunsTableModel::FixedColumns).data().toString().isEmpty());
        // The resumed attempt's log is in the run folder and searchable.
        QTRY_VERIFY_WITH_TIMEOUT(window->runsMode()
                                         ->logView()
                                         ->findChild<QComboBox *>(QStringLiteral("logFileCombo"))
                                         ->findText(QStringLiteral("resume.err.log"))
                                     >= 0,
                                 5000);
        // Rename through the store; a refused name leaves the old one and says why.
        QMetaObject::invokeMethod(window->session()->watcher(), "renameRun", Qt::QueuedConnection,
                                  Q_ARG(QString, runId), Q_ARG(QString, QStringLiteral("renamed")));
        QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(onlyRun(*window)->name), QStringLiteral("renamed"), 10000);
        QVERIFY(window->close()); // nothing live: no question
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestGuiFlow)
#include "test_gui_flow.moc"
