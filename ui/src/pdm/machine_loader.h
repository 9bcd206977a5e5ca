#pragma once

#include "common/latest_work.h"
#include "seekbench/pdm/fleet.h"
#include "seekbench/pdm/run_results.h"
#include "seekbench/projects/pdm_results.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// Everything the machine view shows of one machine of one run, read off the GUI thread.
struct MachineData
{
    projects::PdmRunRecord run;
    pdm::MachineHealth health;
    pdm::MachineScores scores;
    std::vector<pdm::AlertRecord> alerts; // by time
    // Per failure mode, the features the explainable XGBoost relies on most across the fleet
    // (the evaluation's gain shares, largest first), read from run.evaluationJson here.
    QHash<QString, QList<QPair<QString, double>>> fleetImportance;
    // The fleet file's part: this machine's readings at full resolution and its events.
    // Empty when the file could not be read (fleetProblem says why; the rest still shows).
    pdm::MachineSeries series;
    std::vector<std::string> sensors; // the fleet's columns, one per series.values entry
    std::vector<pdm::MaintenanceEvent> maintenance;
    std::vector<pdm::FailureEvent> failures; // this machine's; `failure` of an alert indexes the run's
    bool readingsLoaded = false;
    QString fleetPath;
    QString fleetProblem; // the file is missing, changed since the run, or damaged
    QString error;        // set instead of the rest when the machine cannot open
};

// Opens a machine of a run on a worker thread: the result store's rows and the fleet
// file's readings. A newer request supersedes the one in flight: its result is dropped.
class MachineLoader : public QObject
{
    Q_OBJECT
public:
    explicit MachineLoader(std::shared_ptr<const projects::Project> project, QObject *parent = nullptr);
    ~MachineLoader() override;

    void load(const QString &runId, int machine);
    bool isLoading() const { return m_work.isRunning(); }
    // The work itself, for tests that want it without threads.
    static std::shared_ptr<MachineData> read(const projects::Project &project, const std::string &runId, int machine,
                                             const std::atomic<bool> *cancel = nullptr);

Q_SIGNALS:
    void loaded(std::shared_ptr<seekbench::ui::MachineData> data);
    void failed(const QString &message);

private:
    static void readFleet(const projects::Project &project, MachineData &data, const std::atomic<bool> *cancel);

    std::shared_ptr<const projects::Project> m_project;
    LatestWork<std::shared_ptr<MachineData>> m_work;
};

} // namespace seekbench::ui

Q_DECLARE_METATYPE(std::shared_ptr<seekbench::ui::MachineData>)
