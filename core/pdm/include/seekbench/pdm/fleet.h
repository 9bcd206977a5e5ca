#pragma once

// A fleet's sensor readings, maintenance log and failures for the predictive maintenance
// scenario, as plain columns. This is how the scenario's data travels between its parts:
// the simulator and the importers make it, the fleet file stores it, windowing reads it.
// No SQL, no torch, no Qt.
//
// Time is a plain number in the fleet's `time_unit`: seconds since 1970-01-01 UTC for the
// simulator and timestamped CSV, cycles for C-MAPSS. A reading that was not taken (a
// sensor dropout, a gap in an imported log) is NaN, never 0 and never dropped.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace seekbench::pdm {

enum class TimeUnit { Seconds, Cycles };
const char *timeUnitName(TimeUnit unit); // "seconds" | "cycles"

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
inline bool isMissing(float v) { return std::isnan(v); }

// The simulator's sensors, in this order (imports name their own columns).
enum class Sensor : int {
    VibrationRms = 0,       // mm/s
    VibrationKurtosis = 1,  // dimensionless, 3 for a healthy bearing
    BearingTemperature = 2, // degrees C
    Pressure = 3,           // bar
    MotorCurrent = 4,       // A
    Speed = 5,              // rpm
};
constexpr int kSimulatedSensorCount = 6;
const char *sensorName(Sensor sensor); // "vibration_rms", ...

// One machine's readings: rows ascending in time, one column per fleet sensor. `regime` is
// the operating regime in force at each row (-1 unknown: imports without one).
struct MachineSeries
{
    std::string name;
    std::vector<double> time;
    std::vector<std::vector<float>> values; // [sensor][row]; kMissing where not read
    std::vector<std::int8_t> regime;        // per row; empty when unknown for every row

    std::size_t rows() const { return time.size(); }
};

enum class MaintenanceKind : std::int8_t { Scheduled = 0, Corrective = 1 };
const char *maintenanceKindName(MaintenanceKind kind); // "scheduled" | "corrective"

// An action on a machine. Both kinds reset the degradation of the modes they repair:
// `mode` is the failure mode repaired (-1: all, as an overhaul or scheduled service does).
struct MaintenanceEvent
{
    std::int32_t machine = 0; // index into Fleet::machines
    double time = 0;
    MaintenanceKind kind = MaintenanceKind::Scheduled;
    std::int32_t mode = -1;
    double downtime_hours = 0;
};

// A failure: the machine stopped in failure mode `mode` (index into Fleet::failure_modes).
struct FailureEvent
{
    std::int32_t machine = 0;
    double time = 0;
    std::int32_t mode = 0;
};

struct Fleet
{
    TimeUnit time_unit = TimeUnit::Seconds;
    std::vector<std::string> sensors;       // column names, one per MachineSeries::values entry
    std::vector<std::string> failure_modes; // "bearing_wear", ...; C-MAPSS: "failure"
    std::vector<MachineSeries> machines;
    std::vector<MaintenanceEvent> maintenance; // ascending by (machine, time)
    std::vector<FailureEvent> failures;        // ascending by (machine, time)
};

} // namespace seekbench::pdm
