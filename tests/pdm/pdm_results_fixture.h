#pragma once

// A project with a simulated fleet and a predictive maintenance run's results in its store,
// for the store's, the verbs' and the desktop views' tests, screenshots and benchmarks.
// Everything is the real code path (simulator, fleet file, FleetStore, windows, XGBoost,
// alerts, policies, PdmResultStore) except the sensor model, which needs torch: its scores
// are the plant's threshold rule's (threshold_rule.h) through a logistic, its RUL the windows' own label, its
// temporal attention a ramp toward the latest step and its sensor attention each sensor's
// share of the last step's |z|. Tests that need the LSTM itself train through seekbench-cli.

#include "seekbench/pdm/fleet_file.h"
#include "seekbench/pdm/pdm_dataset.h"
#include "seekbench/pdm/run_evaluation.h"
#include "seekbench/pdm/simulator.h"
#include "seekbench/pdm/threshold_rule.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/pdm_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_manifest.h"

#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>

struct PdmResultsFixture
{
    std::filesystem::path dir;
    std::string runId = "20261205-pdm-fixture", fleet = "plant";
    seekbench::pdm::Windows windows;
    seekbench::pdm::PdmRunEvaluation evaluation;
};

struct PdmFixtureOptions
{
    int machines = 16, days = 60, resolution_s = 600;
    std::uint64_t seed = 3;
    bool createProject = true; // false: `dir` is a project already
};

inline PdmResultsFixture makePdmResults(const std::filesystem::path &dir, const PdmFixtureOptions &fo = {})
{
    namespace pdm = seekbench::pdm;
    namespace projects = seekbench::projects;
    PdmResultsFixture f;
    f.dir = dir;
    if (fo.createProject) {
        projects::ProjectManifest m;
        m.name = "pdm fixture";
        m.scenario = "pdm";
        projects::Project::create(dir, m);
    }
    const projects::Project project = projects::Project::open(dir);
    pdm::SimulatorOptions s;
    s.machines = fo.machines;
    s.days = fo.days;
    s.resolution_s = fo.resolution_s;
    s.seed = fo.seed;
    const pdm::Fleet fleet = pdm::simulateFleetInMemory(s);
    const std::filesystem::path file = projects::fleetFilePath(project, f.fleet);
    std::filesystem::create_directories(file.parent_path());
    pdm::FleetFileWriter writer;
    std::string error;
    bool ok = writer.open(file.string(), fleet.time_unit, fleet.sensors, fleet.failure_modes, error);
    for (const pdm::MachineSeries &m : fleet.machines)
        ok = ok && writer.append(m, error);
    ok = ok && writer.finish(fleet.maintenance, fleet.failures, error);
    if (!ok)
        throw std::runtime_error(error);
    projects::FleetRecord r;
    r.name = f.fleet;
    r.source = "generated";
    r.time_unit = "seconds";
    r.machines = fo.machines;
    r.sensors = pdm::kSimulatedSensorCount;
    r.failures = std::int64_t(fleet.failures.size());
    r.maintenance = std::int64_t(fleet.maintenance.size());
    projects::FleetStore(project).add(r);

    f.windows = pdm::makeWindows(fleet, pdm::defaultWindowOptions(fleet.time_unit));
    const pdm::Windows &w = f.windows;
    pdm::ModelOutputs o;
    o.fingerprint = pdm::windowsFingerprint(w);
    o.windows = std::int64_t(w.size());
    o.modes = w.modes();
    o.history = w.history;
    o.sensors = int(pdm::attentionSensors(w).size());
    // The rule's scores are z-score excesses; a logistic maps them onto (0, 1) in the same
    // order, as a model's probabilities would be.
    o.scores = pdm::thresholdRuleScores(w, pdm::fitThresholdRule(w));
    for (float &v : o.scores)
        v = 1.0f / (1.0f + std::exp(-(v - 1.0f)));
    o.rul = w.rul;
    const int perSensor = w.features / o.sensors;
    for (std::size_t i = 0; i < w.size(); ++i) {
        float sum = 0;
        for (int j = 0; j < w.history; ++j)
            sum += float(j + 1);
        for (int j = 0; j < w.history; ++j)
            o.temporal.push_back(float(j + 1) / sum);
        std::vector<float> last(std::size_t(w.history * w.features));
        w.copyWindow(i, last.data());
        const float *step = last.data() + std::size_t((w.history - 1) * w.features);
        float total = 0;
        std::vector<float> share(std::size_t(o.sensors));
        for (int k = 0; k < o.sensors; ++k)
            total += share[std::size_t(k)] = std::fabs(step[k * perSensor]) + 0.05f;
        for (float v : share)
            o.sensor.push_back(v / total);
    }
    pdm::RunEvaluationOptions eo;
    eo.xgb_rounds = 30;
    f.evaluation = pdm::evaluatePdmRun(w, fleet.failures, o, eo);
    projects::PdmResultStore(project).save(f.runId, f.fleet, f.evaluation.results, f.evaluation.json);
    return f;
}
