#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace seekbench::ui {

class CliClient;
struct CliResult;

// The Sweeps mode's actions, each through `seekbench-cli sweep ...` (the GUI never runs
// trials itself): new sweep from a space file, run/resume (the driver detached), stop,
// export as CSV, a sweep report (PDF or HTML), and open the selected trial's run. Each is enabled only when the engine
// can do it for the selected sweep.
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

    void setProject(const QString &projectDir, bool readOnly);
    void setSweep(const std::optional<SweepSummary> &sweep);
    void setTrialRun(const QString &runId); // the selected trial's run; empty: none
    // The same as the actions after their file dialogs (tests, scripted use).
    // runAfter: once created, run it (detached), as "Create and run" in Tune this run.
    void createFromFile(const QString &spaceFile, bool runAfter = false);
    void exportTo(const QString &csvFile);
    // The sweep report (`seekbench-cli report --sweep`): PDF or HTML by the file's suffix,
    // in the interface language.
    void reportTo(const QString &file);
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
    void chooseReportFile();
    void runVerb(const QStringList &arguments, const QString &failureTitle, const QString &doneText,
                 const std::function<void()> &then = {});
    void showFailure(const QString &title, const CliResult &result);

    QWidget *m_parent;
    CliClient *m_cli;
    QAction *m_new, *m_run, *m_resume, *m_stop, *m_export, *m_report, *m_openRun;
    QString m_projectDir, m_runId;
    bool m_readOnly = false;
    std::optional<SweepSummary> m_sweep;
};

} // namespace seekbench::ui
