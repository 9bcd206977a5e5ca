#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QWidget;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class CliClient;
struct CliResult;

// The Sweeps mode's actions, each through `seekbench-cli sweep ...` (the GUI never runs
// trials itself): new sweep from a space file, run/resume (the driver detached), stop,
// export as CSV, and open the selected trial's run. Report… opens the Report dialog on the
// selected sweep (reports/report_dialog.h), which builds and writes it in-process. Each is
// enabled only when the engine can do it for the selected sweep.
class SweepActions : public QObject
{
    Q_OBJECT
public:
    explicit SweepActions(QWidget *dialogParent);

    QList<QAction *> actions() const;
    QAction *newFromFile() const { return m_new; }
    QAction *run() const { return m_run; }
    QAction *resume() const { return m_resume; }
    QAction *stop() const { return m_stop; }
    QAction *exportCsv() const { return m_export; }
    QAction *report() const { return m_report; }
    QAction *openRun() const { return m_openRun; }
    CliClient *cli() const { return m_cli; }

    // `project`: the window's open project (its session's), which the Report dialog reads;
    // null: opened on demand (actions outside a main window).
    void setProject(const QString &projectDir, bool readOnly,
                    std::shared_ptr<const projects::Project> project = nullptr);
    void setSweep(const std::optional<SweepSummary> &sweep);
    void setTrialRun(const QString &runId); // the selected trial's run; empty: none
    // The same as the actions after their file dialogs (tests, scripted use).
    // runAfter: once created, run it (detached), as "Create and run" in Tune this run.
    void createFromFile(const QString &spaceFile, bool runAfter = false);
    void exportTo(const QString &csvFile);
    // The sweep report (`seekbench-cli report --sweep`): PDF or HTML by the file's suffix,
    // in the interface language (scripted use; Report… opens the dialog instead).
    void reportTo(const QString &file);
    // What Report… does: the Report dialog on the selected sweep, window-modal and not
    // blocking. False (with a message) when the project cannot be read.
    bool openReportDialog();
    void retranslate();

Q_SIGNALS:
    void runRequested(const QString &runId);
    void sweepsChanged(); // a verb changed a sweep: read the store again
    void message(const QString &text);
    void verbFinished(bool ok); // after each verb (tests)

private:
    void updateEnabled();
    void chooseSpaceFile();
    void chooseExportFile();
    std::shared_ptr<const projects::Project> project() const;
    void runVerb(const QStringList &arguments, const QString &failureTitle, const QString &doneText,
                 const std::function<void()> &then = {});
    void showFailure(const QString &title, const CliResult &result);

    QWidget *m_parent;
    CliClient *m_cli;
    QAction *m_new, *m_run, *m_resume, *m_stop, *m_export, *m_report, *m_openRun;
    QString m_projectDir, m_runId;
    std::shared_ptr<const projects::Project> m_project;
    bool m_readOnly = false;
    std::optional<SweepSummary> m_sweep;
};

} // namespace seekbench::ui
