#pragma once

// A maintenance case: everything the maintenance case report shows about an alert or a
// machine of a predictive maintenance run, read from the project's store and the fleet file
// in one place. The report itself is a report document (report/pdm_case_document.h):
// `seekbench-cli pdm report` writes it as HTML, the desktop's machine view as HTML or PDF.

#include "seekbench/pdm/fleet.h"
#include "seekbench/pdm/run_results.h"
#include "seekbench/projects/pdm_results.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct PdmCaseRequest
{
    std::optional<std::int64_t> alertId; // an alert's case
    std::string runId;                   // or a machine's case in this run ('' = the latest with results)
    std::string machineName;
};

// What the case could read of the fleet file: the readings and the maintenance log come
// from it, so without it the report says why and leaves them out.
enum class PdmFleetFileState { Read, NoRecord, Missing, Changed, Unreadable };

struct PdmCase
{
    std::string projectDir;
    std::string runName; // the run's name in the project's run store; "" when it has none
    PdmRunRecord run;
    pdm::MachineHealth machine;
    pdm::MachineScores scores;                   // the machine's windows, in time order
    std::optional<pdm::AlertRecord> alert;       // the case's alert
    std::vector<pdm::AlertRecord> machineAlerts; // every alert of the machine in the run, by time

    PdmFleetFileState fleetState = PdmFleetFileState::NoRecord;
    std::string fleetFile;    // the fleet file's path as recorded (relative to the project); "" with no record
    std::string fleetProblem; // for Unreadable: the reader's message
    std::vector<pdm::MaintenanceEvent> maintenance; // the machine's, by time (empty unless Read)
    std::vector<pdm::FailureEvent> failures;        // likewise

    // The most-attended sensor's raw readings around the case's moment (the alert's first
    // window and the horizon after it; for a machine's case, its last window): empty when
    // the fleet file was not read or the attention names no sensor of the file.
    std::string readingsSensor;                              // its name as the run's attention names it; "" for none
    double readingsFrom = 0, readingsTo = 0, readingsAt = 0; // the span read and the case's moment
    std::vector<double> readingTime;
    std::vector<float> readingValue; // NaN where no reading was taken

    // The moment the case is about: the alert's time, or the machine's last window.
    double moment() const;
    // The attention the case explains: the alert's window's, or the machine's last window's.
    const std::vector<float> &temporal() const;
    const std::vector<float> &sensorAttention() const;
};

// Loads the case. Throws std::invalid_argument naming an unknown alert, run or machine,
// or a request that names neither an alert nor a machine. A fleet file that is missing,
// changed since it was recorded or unreadable is not an error: the case records why and
// has no readings and no maintenance log.
PdmCase loadPdmCase(const Project &project, const PdmCaseRequest &request);

} // namespace seekbench::projects
