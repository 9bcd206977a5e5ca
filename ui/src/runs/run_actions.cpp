#include "runs/run_actions.h"

#include "export/export_model_dialog.h"
#include "export/serve_dialog.h"
#include "reports/report_dialog.h"
#include "runs/run_files_view.h"

#include "launch/launch_dialog.h"
#include "launch/run_launcher.h"
#include "project/project_session.h"
#include "runs/run_controller.h"
#include "runs/run_view.h"
#include "runs/runs_table_view.h"
#include "seekbench/projects/run_control.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

namespace seekbench::ui {

using seekbench::projects::RunRecord;

namespace {
const RunRecord *findRun(ProjectSession *session, const QString &id)
{
    if (!session)
        return nullptr;
    for (const RunRecord &r : session->runs())
        if (QString::fromStdString(r.id) == id)
            return &r;
    return nullptr;
}
} // namespace

RunActions::RunActions(RunsTableView *table, RunView *view, QWidget *dialogParent)
    : QObject(dialogParent), m_table(table), m_view(view), m_parent(dialogParent)
{
    m_launch = make("launchAction", QKeySequence(Qt::CTRL | Qt::Key_L), &RunActions::launch);
    m_stop = make("stopAction", QKeySequence(Qt::CTRL | Qt::Key_Period), &RunActions::stop);
    m_resume = make("resumeAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &RunActions::resume);
    m_clone = make("cloneAction", QKeySequence(Qt::CTRL | Qt::Key_D), &RunActions::cloneAndEdit);
    m_rerun = make("rerunAction", QKeySequence(), &RunActions::rerunExactly);
    m_tune = make("tuneAction", QKeySequence(), &RunActions::tune);
    m_exportModel = make("exportModelAction", QKeySequence(), &RunActions::exportModel);
    m_serveModel = make("serveModelAction", QKeySequence(), &RunActions::serveModel);
    m_report = make("reportAction", QKeySequence(), &RunActions::report);
    m_delete = make("deleteAction", QKeySequence::Delete, &RunActions::trash);
    m_tag = make("tagAction", QKeySequence(Qt::CTRL | Qt::Key_T), &RunActions::tag);
    m_note = make("noteAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &RunActions::note);
    m_rename = make("renameAction", QKeySequence(Qt::Key_F2), &RunActions::rename);
    m_baseline = make("baselineAction", QKeySequence(), &RunActions::pinBaseline);
    retranslate();
    updateEnabled();
}

QAction *RunActions::make(const char *objectName, const QKeySequence &shortcut, void (RunActions::*slot)())
{
    auto *a = new QAction(this);
    a->setObjectName(QString::fromLatin1(objectName));
    a->setShortcut(shortcut);
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    return a;
}

void RunActions::retranslate()
{
    m_launch->setText(tr("&Launch run…"));
    m_stop->setText(tr("&Stop run"));
    m_resume->setText(tr("&Resume run"));
    m_clone->setText(tr("&Clone and edit…"));
    m_rerun->setText(tr("Re-run e&xactly"));
    m_rerun->setToolTip(tr("Start a new run with the same config, seeds and data as this one."));
    m_tune->setText(tr("T&une this run…"));
    m_tune->setToolTip(tr("Create a sweep over this run's hyperparameters, starting from its config."));
    m_exportModel->setText(tr("E&xport model…"));
    m_exportModel->setToolTip(
        tr("Write the run's trained model as safetensors, TorchScript (fp32 or INT8) or a Triton repository."));
    m_serveModel->setText(tr("Ser&ve model…"));
    m_serveModel->setToolTip(tr("Serve one of the run's TorchScript exports over HTTP (KServe v2) and watch its "
                                "request rate and latency."));
    m_report->setText(tr("Re&port…"));
    m_report->setToolTip(tr("A report of the run, or a comparison of the selected runs, as PDF or HTML: curves, "
                            "metrics, config and how every number was obtained."));
    m_delete->setText(tr("&Delete run…"));
    m_tag->setText(tr("&Tag…"));
    m_note->setText(tr("&Note…"));
    m_rename->setText(tr("Re&name…"));
    m_baseline->setText(tr("Pin as compare &baseline"));
}

QList<QAction *> RunActions::actions() const
{
    return {m_launch,     m_stop,   m_resume, m_clone,  m_rerun, m_tune, m_exportModel,
            m_serveModel, m_report, m_rename, m_delete, m_tag,   m_note, m_baseline};
}

int RunActions::stopGraceSeconds() { return QSettings().value(QStringLiteral("runs/stopGraceSeconds"), 30).toInt(); }

void RunActions::setSession(ProjectSession *session, RunLauncher *launcher, RunController *controller, RunView *view)
{
    m_view = view;
    m_session = session;
    m_launcher = launcher;
    m_controller = controller;
    updateEnabled();
}

void RunActions::updateEnabled()
{
    const QStringList ids = m_table->selectedRunIds();
    const RunRecord *one = ids.size() == 1 ? findRun(m_session, ids.front()) : nullptr;
    // Running, or queued with a scheduler's job (RunControl's rule): stop, never resume or delete.
    const bool running = one && (one->status == seekbench::RunStatus::Running || projects::RunControl::isLive(*one));
    // A read-only project (ProjectSession::isReadOnly) is only read: every action that
    // writes its store or starts a run in it is off.
    const bool writable = m_session && !m_session->isReadOnly();
    m_launch->setEnabled(writable);
    m_stop->setEnabled(running && m_controller && !m_controller->isStopping(ids.front()));
    m_resume->setEnabled(writable && one && !running && one->status != seekbench::RunStatus::Finished);
    m_clone->setEnabled(writable && one);
    m_rerun->setEnabled(writable && one);
    m_tune->setEnabled(writable && one);
    // Export writes into the project and records artifacts; a run without a checkpoint
    // yet gets the CLI's message naming the folder.
    m_exportModel->setEnabled(writable && one);
    m_serveModel->setEnabled(one); // reads the run's exports; writes nothing into the project
    // A report reads the store; it is written where the user says (reports/ by default).
    m_report->setEnabled(m_session && !ids.isEmpty() && findRun(m_session, ids.front()));
    m_delete->setEnabled(writable && one && !running);
    m_tag->setEnabled(writable && one);
    m_note->setEnabled(writable && one);
    m_rename->setEnabled(writable && one);
    m_baseline->setEnabled(ids.size() > 1);
}

void RunActions::showContextMenu(const QPoint &globalPos)
{
    updateEnabled();
    QMenu menu(m_parent);
    for (QAction *a : actions())
        menu.addAction(a);
    menu.exec(globalPos);
}

void RunActions::launch()
{
    if (!m_session || !m_launcher)
        return;
    LaunchDialog dialog(m_session->dir(), m_parent);
    dialog.setEarlierRuns(m_session->runs(), m_table->currentRunId());
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_launcher->launch(dialog.savedConfigPath(), dialog.runName(), &error, {}, dialog.target()))
        QMessageBox::warning(m_parent, tr("Launch refused"), error);
    else
        Q_EMIT message(tr("Starting run %1…").arg(dialog.runName()));
}

void RunActions::stop()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r || !m_controller)
        return;
    m_controller->stop(*r, stopGraceSeconds());
    updateEnabled();
}

void RunActions::resume()
{
    const QString id = m_table->currentRunId();
    if (!id.isEmpty() && m_controller)
        m_controller->resume(id);
}

void RunActions::cloneAndEdit()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r || !m_launcher)
        return;
    LaunchDialog dialog(m_session->dir(), m_parent);
    // The listing leaves the config out: read the run's snapshot.
    dialog.setConfigText(LaunchDialog::runConfigYaml(m_session->dir(), *r),
                         tr("%1 (clone)").arg(QString::fromStdString(r->name)));
    dialog.setEarlierRuns(m_session->runs(), QString::fromStdString(r->id));
    const QString parentId = QString::fromStdString(r->id);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_launcher->launch(dialog.savedConfigPath(), dialog.runName(), &error, parentId, dialog.target()))
        QMessageBox::warning(m_parent, tr("Launch refused"), error);
}

void RunActions::rerunExactly()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r || !m_launcher)
        return;
    // The stored snapshot as it is: the same hyperparameters, the same training and data
    // seeds, so the same synthetic data and initialisation (the CLI sets only the name).
    const QString name = tr("%1 (re-run)").arg(QString::fromStdString(r->name));
    QString path, error;
    const QString yaml = LaunchDialog::runConfigYaml(m_session->dir(), *r);
    if (yaml.isEmpty())
        error = tr("The config snapshot of run %1 cannot be read.").arg(QString::fromStdString(r->id));
    if (!error.isEmpty() || !LaunchDialog::saveConfig(m_session->dir(), name, yaml, &path, &error)
        || !m_launcher->launch(path, name, &error, QString::fromStdString(r->id))) {
        QMessageBox::warning(m_parent, tr("Launch refused"), error);
        return;
    }
    Q_EMIT message(tr("Starting run %1…").arg(name));
}

void RunActions::tune()
{
    const QString id = m_table->currentRunId();
    if (!id.isEmpty() && findRun(m_session, id))
        Q_EMIT tuneRequested(id);
}

void RunActions::exportModel()
{
    const RunRecord *run = findRun(m_session, m_table->currentRunId());
    if (!run)
        return;
    ExportModelDialog dialog(m_session->dir(), *run, m_parent);
    connect(&dialog, &ExportModelDialog::exported, this, [this] {
        if (m_view)
            m_view->filesView()->refresh();
    });
    dialog.exec();
}

void RunActions::serveModel()
{
    const RunRecord *run = findRun(m_session, m_table->currentRunId());
    if (!run)
        return;
    auto *dialog = new ServeDialog(m_session->dir(), *run, m_parent); // modeless: watch it while working
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void RunActions::report()
{
    const QStringList ids = m_table->selectedRunIds();
    if (ids.isEmpty() || !m_session || !findRun(m_session, ids.front()))
        return;
    // Window-modal and not blocking: the preview and the save run off the GUI thread.
    auto *dialog = new ReportDialog(m_session->watcher()->project(), m_session->runs(), ids, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::saved, this, &RunActions::reportSaved);
    dialog->open();
}

void RunActions::trash()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r)
        return;
    const QString id = QString::fromStdString(r->id);
    const auto answer = QMessageBox::question(
        m_parent, tr("Delete run"),
        tr("Delete run “%1”? Its folder moves to the project's trash folder; its rows leave the store.")
            .arg(QString::fromStdString(r->name)));
    if (answer != QMessageBox::Yes)
        return;
    QMetaObject::invokeMethod(m_session->watcher(), "trashRun", Qt::QueuedConnection, Q_ARG(QString, id));
}

void RunActions::tag()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r)
        return;
    QStringList tags;
    for (const auto &t : r->tags)
        tags << QString::fromStdString(t);
    bool ok = false;
    const QString text = QInputDialog::getText(m_parent, tr("Tags"), tr("Tags, separated by spaces:"),
                                               QLineEdit::Normal, tags.join(QLatin1Char(' ')), &ok);
    if (!ok)
        return;
    const QStringList wanted = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString id = QString::fromStdString(r->id);
    for (const QString &t : tags)
        if (!wanted.contains(t))
            QMetaObject::invokeMethod(m_session->watcher(), "removeTag", Qt::QueuedConnection, Q_ARG(QString, id),
                                      Q_ARG(QString, t));
    for (const QString &t : wanted)
        if (!tags.contains(t))
            QMetaObject::invokeMethod(m_session->watcher(), "addTag", Qt::QueuedConnection, Q_ARG(QString, id),
                                      Q_ARG(QString, t));
}

void RunActions::note()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(m_parent, tr("Note"), tr("Notes on this run:"),
                                                        QString::fromStdString(r->notes), &ok);
    if (ok)
        QMetaObject::invokeMethod(m_session->watcher(), "setNotes", Qt::QueuedConnection,
                                  Q_ARG(QString, QString::fromStdString(r->id)), Q_ARG(QString, text));
}

void RunActions::rename()
{
    const RunRecord *r = findRun(m_session, m_table->currentRunId());
    if (!r)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(m_parent, tr("Rename run"), tr("New name:"), QLineEdit::Normal,
                                               QString::fromStdString(r->name), &ok)
                             .trimmed();
    if (!ok || name.isEmpty() || name == QString::fromStdString(r->name))
        return;
    QMetaObject::invokeMethod(m_session->watcher(), "renameRun", Qt::QueuedConnection,
                              Q_ARG(QString, QString::fromStdString(r->id)), Q_ARG(QString, name));
}

void RunActions::pinBaseline()
{
    const QStringList ids = m_table->selectedRunIds();
    QStringList names;
    for (const QString &id : ids)
        if (const RunRecord *r = findRun(m_session, id))
            names << QString::fromStdString(r->name) + QStringLiteral(" (") + id + QLatin1Char(')');
    bool ok = false;
    const QString chosen = QInputDialog::getItem(m_parent, tr("Compare baseline"), tr("Baseline run:"), names, 0, false,
                                                 &ok);
    if (ok && m_view && names.indexOf(chosen) >= 0)
        m_view->setBaseline(ids[names.indexOf(chosen)]);
}

} // namespace seekbench::ui
