#include "sweeps/sweep_actions.h"

#include "common/cli_client.h"
#include "common/project_paths.h"
#include "reports/report_dialog.h"
#include "reports/report_labels_tr.h"

#include "seekbench/projects/project.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace seekbench::ui {

SweepActions::SweepActions(QWidget *dialogParent) : QObject(dialogParent), m_parent(dialogParent)
{
    m_cli = new CliClient(this);
    auto make = [this](const char *name) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        return a;
    };
    m_new = make("newSweepAction");
    m_run = make("runSweepAction");
    m_resume = make("resumeSweepAction");
    m_stop = make("stopSweepAction");
    m_export = make("exportSweepAction");
    m_report = make("reportSweepAction");
    m_openRun = make("openTrialRunAction");
    connect(m_new, &QAction::triggered, this, [this] { chooseSpaceFile(); });
    connect(m_export, &QAction::triggered, this, [this] { chooseExportFile(); });
    connect(m_report, &QAction::triggered, this, [this] { openReportDialog(); });
    for (QAction *a : {m_run, m_resume})
        connect(a, &QAction::triggered, this, [this, a] {
            if (!m_sweep)
                return;
            runVerb({QStringLiteral("sweep"), a == m_run ? QStringLiteral("run") : QStringLiteral("resume"),
                     QStringLiteral("--sweep"), m_sweep->id, QStringLiteral("--detach")},
                    tr("Cannot run the sweep"), tr("Sweep %1 is running").arg(m_sweep->name));
        });
    connect(m_stop, &QAction::triggered, this, [this] {
        if (m_sweep)
            runVerb({QStringLiteral("sweep"), QStringLiteral("stop"), QStringLiteral("--sweep"), m_sweep->id},
                    tr("Cannot stop the sweep"), tr("Sweep %1 is stopping").arg(m_sweep->name));
    });
    connect(m_openRun, &QAction::triggered, this, [this] {
        if (!m_runId.isEmpty())
            Q_EMIT runRequested(m_runId);
    });
    retranslate();
    updateEnabled();
}

QList<QAction *> SweepActions::actions() const
{
    return {m_new, m_run, m_resume, m_stop, m_export, m_report, m_openRun};
}

void SweepActions::retranslate()
{
    m_new->setText(tr("New sweep from file…"));
    m_new->setToolTip(tr("Record a sweep from a search space file (sweeps/<name>.yaml in the project)"));
    m_run->setText(tr("Run"));
    m_run->setToolTip(tr("Run the sweep's trials on this machine until its budget is spent; the sweep keeps "
                         "running when Seekbench closes"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Continue the stopped sweep: its stopped trials resume from their checkpoints"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop the sweep and its running trials (each writes a checkpoint; Resume continues)"));
    m_export->setText(tr("Export CSV…"));
    m_export->setToolTip(tr("Save the sweep's trials, their params and values as a CSV file"));
    m_report->setText(tr("Report…"));
    m_report->setToolTip(tr("Write a report on the sweep, with a live preview: best trials, best so far, parallel "
                            "coordinates, parameter importance and how to recreate the sweep, as PDF or HTML"));
    m_openRun->setText(tr("Open trial's run"));
    m_openRun->setToolTip(tr("Show the selected trial's run in the Runs mode"));
}

void SweepActions::setProject(const QString &projectDir, bool readOnly, std::shared_ptr<const projects::Project> project)
{
    m_projectDir = projectDir;
    m_project = std::move(project);
    m_readOnly = readOnly;
    if (projectDir.isEmpty())
        m_sweep.reset();
    updateEnabled();
}

void SweepActions::setSweep(const std::optional<SweepSummary> &sweep)
{
    m_sweep = sweep;
    updateEnabled();
}

void SweepActions::setTrialRun(const QString &runId)
{
    m_runId = runId;
    updateEnabled();
}

void SweepActions::updateEnabled()
{
    const bool writable = !m_projectDir.isEmpty() && !m_readOnly;
    const bool usable = m_sweep && m_sweep->problem.isEmpty() && writable;
    const bool active = usable && m_sweep->state == projects::SweepState::Active;
    m_new->setEnabled(writable);
    m_run->setEnabled(active && !m_sweep->driverAlive);
    m_resume->setEnabled(usable && m_sweep->state == projects::SweepState::Stopped);
    m_stop->setEnabled(active && (m_sweep->driverAlive || m_sweep->running > 0));
    m_export->setEnabled(m_sweep && m_sweep->total > 0 && !m_projectDir.isEmpty());
    m_report->setEnabled(m_sweep.has_value() && !m_projectDir.isEmpty());
    m_openRun->setEnabled(!m_runId.isEmpty());
}

void SweepActions::chooseSpaceFile()
{
    const QString dir = pathText(layoutOf(m_projectDir).sweepsDir());
    const QString file = QFileDialog::getOpenFileName(m_parent, tr("New sweep from a search space file"), dir,
                                                      tr("Search spaces (*.yaml *.yml)"));
    if (!file.isEmpty())
        createFromFile(file);
}

void SweepActions::createFromFile(const QString &spaceFile, bool runAfter)
{
    const QString inside = QDir(m_projectDir).relativeFilePath(QFileInfo(spaceFile).absoluteFilePath());
    const QString name = QFileInfo(spaceFile).completeBaseName();
    std::function<void()> then;
    if (runAfter)
        then = [this, name] {
            runVerb({QStringLiteral("sweep"), QStringLiteral("run"), QStringLiteral("--sweep"), name,
                     QStringLiteral("--detach")},
                    tr("Cannot run the sweep"), tr("Sweep %1 is running").arg(name));
        };
    runVerb({QStringLiteral("sweep"), QStringLiteral("create"), QStringLiteral("--space"), inside},
            tr("Cannot create the sweep"), tr("Sweep %1 created").arg(name), then);
}

void SweepActions::chooseExportFile()
{
    if (!m_sweep)
        return;
    const QString file
        = QFileDialog::getSaveFileName(m_parent, tr("Export the trials"),
                                       QDir(m_projectDir).filePath(m_sweep->name + QStringLiteral(".csv")),
                                       tr("CSV files (*.csv)"));
    if (!file.isEmpty())
        exportTo(file);
}

void SweepActions::exportTo(const QString &csvFile)
{
    if (!m_sweep)
        return;
    runVerb({QStringLiteral("sweep"), QStringLiteral("export"), QStringLiteral("--sweep"), m_sweep->id,
             QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"), csvFile},
            tr("Cannot export the trials"), tr("Trials saved to %1").arg(QDir::toNativeSeparators(csvFile)));
}

// The project the window has open (its session's, shared with the Runs mode); opened here
// when these actions live outside a main window.
std::shared_ptr<const projects::Project> SweepActions::project() const
{
    if (m_project)
        return m_project;
    projects::Project::OpenOptions options;
    options.readOnly = m_readOnly;
    options.markStaleRuns = false; // the session's business
    return std::make_shared<const projects::Project>(projects::Project::open(m_projectDir.toStdString(), options));
}

bool SweepActions::openReportDialog()
{
    if (!m_sweep || m_projectDir.isEmpty())
        return false;
    std::shared_ptr<const projects::Project> p;
    try {
        p = project();
    } catch (const std::exception &e) {
        Q_EMIT message(tr("Cannot open the sweep's report: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    // Window-modal and not blocking: the preview and the save run off the GUI thread.
    auto *dialog = new ReportDialog(std::move(p), m_sweep->id, m_sweep->name, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::saved, this, [this](const QString &file) {
        Q_EMIT message(tr("Report saved to %1").arg(QDir::toNativeSeparators(file)));
    });
    dialog->open();
    return true;
}

void SweepActions::reportTo(const QString &file)
{
    if (!m_sweep)
        return;
    runVerb({QStringLiteral("report"), QStringLiteral("--sweep"), m_sweep->id, QStringLiteral("--out"), file,
             QStringLiteral("--language"), QString::fromStdString(translatedReportLabels().language)},
            tr("Cannot write the sweep's report"), tr("Report saved to %1").arg(QDir::toNativeSeparators(file)));
}

void SweepActions::runVerb(const QStringList &arguments, const QString &failureTitle, const QString &doneText,
                           const std::function<void()> &then)
{
    CliOptions options;
    options.workingDirectory = m_projectDir;
    QStringList args = arguments;
    args << QStringLiteral("--project") << m_projectDir;
    m_cli->run(
        args, this,
        [this, failureTitle, doneText, then](const CliResult &result) {
            if (result.ok())
                Q_EMIT message(doneText);
            else
                showFailure(failureTitle, result);
            Q_EMIT sweepsChanged();
            Q_EMIT verbFinished(result.ok());
            if (result.ok() && then)
                then();
        },
        options);
}

// The CLI's own lines say what is wrong with a space (each "file: key: problem").
void SweepActions::showFailure(const QString &title, const CliResult &result)
{
    QStringList lines;
    for (const QString &line : result.standardError.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            lines << line.trimmed();
    auto *box = new QMessageBox(QMessageBox::Warning, title, result.error, QMessageBox::Ok, m_parent);
    box->setObjectName(QStringLiteral("sweepFailureBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!lines.isEmpty())
        box->setInformativeText(lines.join(QLatin1Char('\n')));
    box->open();
}

} // namespace seekbench::ui
