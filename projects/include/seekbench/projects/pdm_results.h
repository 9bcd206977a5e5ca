#pragma once

// What a predictive maintenance run leaves in the project's store (schema 14), for the
// desktop's fleet overview, alert timeline, machine and policy views, the `pdm alerts|
// explain|simulate|report` verbs and the maintenance case report. Core computes it
// (seekbench/pdm/run_results.h) when the run is evaluated; this file keeps and reads it.
// See docs/pdm-store.md. Every value reaches SQL through bound parameters; what is read
// back is checked (a BLOB of the wrong size, an explanation that is not JSON) and the error
// names the run and the row.

#include "seekbench/pdm/run_results.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct PdmRunRecord
{
    std::string runId, fleet;
    pdm::TimeUnit timeUnit = pdm::TimeUnit::Seconds;
    double step = 0, horizon = 0, minLead = 0;
    int history = 0;
    std::vector<std::string> sensors, modes;
    std::vector<double> thresholds;
    std::string evaluationJson; // eval/pdm_evaluation.json of the run
    std::string replayJson;     // pdm::policyReplayJson
    double createdAt = 0;
};

struct PdmAlertQuery
{
    std::optional<std::int32_t> machine, mode;
    std::optional<pdm::Split> split;
    int limit = 1000000;
};

// An alert as stored, with the run it belongs to.
struct PdmStoredAlert
{
    std::string runId;
    pdm::AlertRecord record;
};

class PdmResultStore
{
public:
    explicit PdmResultStore(const Project &project, bool readOnly = false);
    ~PdmResultStore();
    PdmResultStore(const PdmResultStore &) = delete;
    PdmResultStore &operator=(const PdmResultStore &) = delete;

    // Replaces everything the run had, in one transaction; the alerts get their ids.
    void save(const std::string &runId, const std::string &fleet, const pdm::RunResults &results,
              const std::string &evaluationJson);

    // Runs with results, newest first.
    std::vector<PdmRunRecord> runs();
    std::optional<PdmRunRecord> run(const std::string &runId);
    // Every machine's health, in fleet order.
    std::vector<pdm::MachineHealth> machines(const std::string &runId);
    std::optional<pdm::MachineScores> machineScores(const std::string &runId, std::int32_t machine);
    // By time, then machine.
    std::vector<pdm::AlertRecord> alerts(const std::string &runId, const PdmAlertQuery &query = {});
    std::optional<PdmStoredAlert> alert(std::int64_t id);
    // The run's kept policy replay. Throws std::invalid_argument naming the run when it has
    // no results or its replay cannot be read.
    pdm::PolicyReplay replay(const std::string &runId);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
