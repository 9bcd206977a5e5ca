#pragma once

#include "pdm/pdm_run_loader.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QLabel;
class QTabWidget;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class FleetOverview;
class MachineView;
class PdmAlertsPanel;
class PolicyView;

// The predictive maintenance views of a project, in a window of their own: a run picker
// (newest first), the fleet overview, the alert timeline, the machine asked for from either
// of them, and the policy replay of the run. MainWindow only opens it.
class PdmWindow : public QMainWindow
{
    Q_OBJECT
public:
    PdmWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    FleetOverview *fleetOverview() const { return m_fleet; }
    PdmAlertsPanel *alertsPanel() const { return m_alerts; }
    MachineView *machineView() const { return m_machine; }
    PolicyView *policyView() const { return m_policy; }
    QComboBox *runPicker() const { return m_runs; }
    PdmRunLoader *loader() const { return m_loader; }
    QString currentRunId() const { return m_runId; }
    // The data of the run shown (null before the first load or after a failed one).
    std::shared_ptr<const PdmRunData> currentData() const { return m_data; }
    void addPage(QWidget *page, const QString &title);
    // Lists the runs again and reloads the one shown (what opening the window does).
    void reload();
    // Shows a run (one of the picker's); false when the project has no results for it.
    bool setRun(const QString &runId);

Q_SIGNALS:
    void machineRequested(const QString &runId, int machine, qint64 alertId);
    void runChanged(const QString &runId);
    // Each load's result, for pages that follow the run.
    void runLoaded(std::shared_ptr<const seekbench::ui::PdmRunData> data);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onRunsListed(const QVector<PdmRunChoice> &runs, const QString &error);
    void onLoaded(std::shared_ptr<const PdmRunData> data);
    void onFailed(const QString &runId, const QString &message);
    void retranslate();

    std::shared_ptr<const projects::Project> m_project;
    QString m_projectDir, m_runId;
    std::shared_ptr<const PdmRunData> m_data;
    PdmRunLoader *m_loader;
    QComboBox *m_runs;
    QLabel *m_runLabel, *m_runInfo;
    QTabWidget *m_tabs;
    FleetOverview *m_fleet;
    PdmAlertsPanel *m_alerts;
    MachineView *m_machine;
    PolicyView *m_policy;
};

} // namespace seekbench::ui
