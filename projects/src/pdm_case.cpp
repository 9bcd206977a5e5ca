#include "seekbench/projects/pdm_case.h"

#include "seekbench/pdm/fleet_file.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace seekbench::projects {

namespace {

std::size_t argmax(const std::vector<float> &v)
{
    return std::size_t(std::max_element(v.begin(), v.end()) - v.begin());
}

PdmRunRecord runOf(PdmResultStore &store, const std::string &runId)
{
    if (!runId.empty()) {
        if (auto r = store.run(runId))
            return *r;
        throw std::invalid_argument("no predictive maintenance results for run '" + runId + "' in the project");
    }
    auto runs = store.runs();
    if (runs.empty())
        throw std::invalid_argument("the project has no predictive maintenance results (seekbench-cli pdm train "
                                    "makes them)");
    return runs.front();
}

pdm::MachineHealth machineOf(PdmResultStore &store, const PdmRunRecord &run, const std::string &name,
                             std::optional<std::int32_t> index)
{
    for (auto &m : store.machines(run.runId))
        if (index ? m.machine == *index : m.name == name)
            return m;
    if (index)
        throw std::invalid_argument("run '" + run.runId + "' has no machine " + std::to_string(*index)
                                    + " (the alert names it)");
    throw std::invalid_argument("no machine '" + name + "' in run '" + run.runId + "'");
}

// The machine's log and the most-attended sensor's readings around the case's moment, when
// the fleet file is there and still the one the run was trained on.
void readFleet(const Project &project, PdmCase &c)
{
    const auto record = FleetStore(project, true).find(c.run.fleet);
    if (!record)
        return; // NoRecord
    c.fleetFile = record->path;
    const FleetFileState state = fleetFileState(project, *record);
    if (state != FleetFileState::Present) {
        c.fleetState = state == FleetFileState::Missing ? PdmFleetFileState::Missing : PdmFleetFileState::Changed;
        return;
    }
    std::string error;
    const auto reader = pdm::FleetFileReader::open((project.dir() / record->path).string(), error);
    const auto m = std::size_t(c.machine.machine);
    if (!reader || m >= reader->machineCount() || reader->machineName(m) != c.machine.name) {
        c.fleetState = PdmFleetFileState::Unreadable;
        c.fleetProblem = reader ? "the file has no machine '" + c.machine.name + "' at index " + std::to_string(m)
                                : error;
        return;
    }
    for (const auto &e : reader->maintenance())
        if (e.machine == c.machine.machine)
            c.maintenance.push_back(e);
    for (const auto &f : reader->failures())
        if (f.machine == c.machine.machine)
            c.failures.push_back(f);
    const auto byTime = [](const auto &a, const auto &b) { return a.time < b.time; };
    std::stable_sort(c.maintenance.begin(), c.maintenance.end(), byTime);
    std::stable_sort(c.failures.begin(), c.failures.end(), byTime);
    c.fleetState = PdmFleetFileState::Read;

    const auto &attention = c.sensorAttention();
    if (attention.empty() || attention.size() != c.run.sensors.size() || !std::isfinite(c.moment()))
        return;
    const std::string &sensor = c.run.sensors[argmax(attention)];
    const auto &names = reader->sensors();
    const auto column = std::find(names.begin(), names.end(), sensor);
    if (column == names.end())
        return;
    pdm::MachineSeries series;
    if (!reader->readMachine(m, series, error)) {
        c.fleetState = PdmFleetFileState::Unreadable;
        c.fleetProblem = error;
        c.maintenance.clear();
        c.failures.clear();
        return;
    }
    c.readingsSensor = sensor;
    c.readingsAt = c.moment();
    c.readingsFrom = c.readingsAt - c.run.history * c.run.step;
    c.readingsTo = c.alert ? c.readingsAt + c.run.horizon : c.readingsAt;
    const auto &values = series.values[std::size_t(column - names.begin())];
    const auto first = std::upper_bound(series.time.begin(), series.time.end(), c.readingsFrom);
    for (auto it = first; it != series.time.end() && *it <= c.readingsTo; ++it) {
        c.readingTime.push_back(*it);
        c.readingValue.push_back(values[std::size_t(it - series.time.begin())]);
    }
}

} // namespace

double PdmCase::moment() const { return alert ? alert->alert.time : machine.last_time; }

const std::vector<float> &PdmCase::temporal() const { return alert ? alert->temporal : machine.temporal; }

const std::vector<float> &PdmCase::sensorAttention() const { return alert ? alert->sensor : machine.sensor; }

PdmCase loadPdmCase(const Project &project, const PdmCaseRequest &request)
{
    PdmResultStore store(project, true);
    PdmCase c;
    c.projectDir = project.dir().string();
    if (request.alertId) {
        auto stored = store.alert(*request.alertId);
        if (!stored)
            throw std::invalid_argument("no alert " + std::to_string(*request.alertId) + " in the project");
        c.run = runOf(store, stored->runId);
        c.alert = std::move(stored->record);
        c.machine = machineOf(store, c.run, {}, c.alert->alert.machine);
    } else if (!request.machineName.empty()) {
        c.run = runOf(store, request.runId);
        c.machine = machineOf(store, c.run, request.machineName, std::nullopt);
    } else {
        throw std::invalid_argument("a maintenance case needs an alert or a machine");
    }
    if (auto scores = store.machineScores(c.run.runId, c.machine.machine))
        c.scores = std::move(*scores);
    PdmAlertQuery query;
    query.machine = c.machine.machine;
    c.machineAlerts = store.alerts(c.run.runId, query);
    if (const auto record = RunStore(project).findRun(c.run.runId))
        c.runName = record->name;
    readFleet(project, c);
    return c;
}

} // namespace seekbench::projects
