#include "pdm/machine_loader.h"

#include "seekbench/pdm/fleet_file.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace seekbench::ui {

MachineLoader::MachineLoader(std::shared_ptr<const projects::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)), m_work(this, [this](std::shared_ptr<MachineData> data) {
          if (!data)
              return;
          if (!data->error.isEmpty())
              Q_EMIT failed(data->error);
          else
              Q_EMIT loaded(data);
      })
{}

MachineLoader::~MachineLoader() = default;

void MachineLoader::load(const QString &runId, int machine)
{
    m_work.start([project = m_project, id = runId.toStdString(), machine](const std::atomic<bool> *cancel) {
        return read(*project, id, machine, cancel);
    });
}

std::shared_ptr<MachineData> MachineLoader::read(const projects::Project &project, const std::string &runId,
                                                 int machine, const std::atomic<bool> *cancel)
{
    auto data = std::make_shared<MachineData>();
    const QString runName = QString::fromStdString(runId);
    try {
        projects::PdmResultStore store(project, true);
        const auto run = store.run(runId);
        if (!run) {
            data->error = tr("Run %1 has no predictive maintenance results in this project.").arg(runName);
            return data;
        }
        data->run = *run;
        const QJsonObject importance = QJsonDocument::fromJson(QByteArray::fromStdString(run->evaluationJson))
                                           .object()[QStringLiteral("xgboost_importance")]
                                           .toObject();
        for (auto mode = importance.begin(); mode != importance.end(); ++mode)
            for (const QJsonValue &f : mode.value().toArray())
                data->fleetImportance[mode.key()].append(
                    {f[QStringLiteral("feature")].toString(), f[QStringLiteral("share")].toDouble()});
        const auto machines = store.machines(runId);
        const auto it = std::find_if(machines.begin(), machines.end(),
                                     [machine](const pdm::MachineHealth &h) { return h.machine == machine; });
        if (it == machines.end()) {
            data->error = tr("Machine %1 is not in run %2 (the run has %3 machines).")
                              .arg(machine)
                              .arg(runName)
                              .arg(machines.size());
            return data;
        }
        data->health = *it;
        if (const auto scores = store.machineScores(runId, machine))
            data->scores = *scores;
        projects::PdmAlertQuery query;
        query.machine = machine;
        data->alerts = store.alerts(runId, query);
    } catch (const std::exception &e) {
        data->error = tr("Cannot read the results of run %1: %2").arg(runName, QString::fromUtf8(e.what()));
        return data;
    }
    if (cancel && cancel->load())
        return data;
    readFleet(project, *data, cancel);
    return data;
}

void MachineLoader::readFleet(const projects::Project &project, MachineData &data, const std::atomic<bool> *cancel)
{
    const QString fleet = QString::fromStdString(data.run.fleet);
    try {
        projects::FleetStore fleets(project, true);
        const auto record = fleets.find(data.run.fleet);
        if (!record) {
            data.fleetProblem
                = tr("Fleet %1 of this run is no longer in the project: no sensor readings to show.").arg(fleet);
            return;
        }
        data.fleetPath = QString::fromStdString((project.dir() / record->path).string());
        const auto state = projects::fleetFileState(project, *record);
        if (state == projects::FleetFileState::Missing) {
            data.fleetProblem = tr("The fleet file %1 is missing: no sensor readings to show.").arg(data.fleetPath);
            return;
        }
        if (state == projects::FleetFileState::Changed)
            data.fleetProblem = tr("The fleet file %1 has changed since the run: the readings shown may not be the "
                                   "ones the run saw.")
                                    .arg(data.fleetPath);
    } catch (const std::exception &e) {
        data.fleetProblem = tr("Cannot look up fleet %1: %2").arg(fleet, QString::fromUtf8(e.what()));
        return;
    }
    if (cancel && cancel->load())
        return;
    // A file changed since the run may also be unreadable: both are said.
    const auto problem = [&data](const QString &why) {
        data.fleetProblem = data.fleetProblem.isEmpty() ? why : data.fleetProblem + QLatin1Char(' ') + why;
    };
    std::string error;
    const auto reader = pdm::FleetFileReader::open(data.fleetPath.toStdString(), error);
    if (!reader) {
        problem(tr("Cannot read the fleet file: %1").arg(QString::fromStdString(error)));
        return;
    }
    const auto index = std::size_t(data.health.machine);
    if (index >= reader->machineCount() || reader->machineName(index) != data.health.name) {
        problem(tr("The fleet file %1 has no machine %2 where the run had it: no sensor readings to show.")
                    .arg(data.fleetPath, QString::fromStdString(data.health.name)));
        return;
    }
    if (!reader->readMachine(index, data.series, error)) {
        data.series = {};
        problem(tr("Cannot read the readings of %1: %2")
                    .arg(QString::fromStdString(data.health.name), QString::fromStdString(error)));
        return;
    }
    data.sensors = reader->sensors();
    for (const auto &m : reader->maintenance())
        if (m.machine == data.health.machine)
            data.maintenance.push_back(m);
    for (const auto &f : reader->failures())
        if (f.machine == data.health.machine)
            data.failures.push_back(f);
    data.readingsLoaded = true;
}

} // namespace seekbench::ui
