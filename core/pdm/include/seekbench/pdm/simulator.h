#pragma once

// A seeded fleet simulator for the predictive maintenance scenario: machines running in
// operating regimes, slowly drifting and noisy sensors with dropouts, and hidden failure
// modes that degrade after a random onset until the machine fails.
//
// The model, per machine (all times in rows of `resolution_s`):
// - Regimes shift the baselines: speed 1200..1800 rpm, current, bearing temperature (which
//   follows its target with a 20-minute thermal lag and a daily ambient cycle), pressure and
//   vibration RMS rise with the regime index. A machine stays in a regime for an
//   exponentially distributed time (mean `regime_mean_hours`), then moves to another.
// - Each failure mode has a hidden degradation d in [0, 1]. After a repair the mode waits an
//   onset delay (mean `*_onset_days` of operation; bearing wear always waits at least 0.2 of
//   it, cavitation 0.1: wear-out), invisible in the signals, then d grows over a progression
//   time (a few days, times `progression_scale`) and the machine fails when d reaches 1:
//     bearing_wear    d convex, roughly exponential; vibration RMS rises with d, kurtosis
//                     spikes intermittently from the onset on, bearing temperature rises
//                     only late (d^3);
//     overheating     (cooling fault) d linear and fast; bearing temperature and motor
//                     current rise, pressure drops;
//     pump_cavitation d quadratic; pressure fluctuates and drops, kurtosis and RMS rise.
//   Degradation advances only while the machine runs.
// - A failure (FailureEvent at the failing row's time) stops the machine. Its corrective
//   MaintenanceEvent starts at the failure time (mode = the failed mode); the machine is
//   stopped for `corrective_downtime_hours` and the mode is reset when it restarts. Other
//   modes keep their state.
// - Scheduled maintenance (every `scheduled_interval_days` after a random per-machine phase;
//   deferred until the machine runs again if it is down) stops the machine for
//   `scheduled_downtime_hours`, resets every mode (mode -1) and recalibrates the sensors.
// - A stopped machine still reports: speed 0, motor current 0, pressure ~0 bar (gauge),
//   vibration RMS ~0.05 mm/s, kurtosis ~3, bearing temperature cooling toward ambient.
//   Its rows keep the regime that was in force.
// - Calibration drift: temperature, pressure, current and RMS read off by a factor growing
//   by up to `drift` per day since the last calibration (scheduled maintenance).
// - Dropouts: per sensor, runs of missing rows (mean `dropout_run_rows` rows) covering
//   `dropout_rate` of the readings, written as kMissing (NaN), also during downtime.
//
// Reproducibility: a machine depends only on (options, index): its generator is seeded from
// `seed` and the index through splitmix64, so machine 3 is the same in a fleet of 5 or of
// 1000. No std distributions: noise comes from integer bits (Irwin-Hall sums) and event
// times from std::log of uniforms, so standard libraries agree (up to libm's last bit).

#include "seekbench/pdm/fleet.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace seekbench::pdm {

enum class FailureMode : int { BearingWear = 0, Overheating = 1, PumpCavitation = 2 };
constexpr int kSimulatedFailureModeCount = 3;
const char *failureModeName(FailureMode mode); // "bearing_wear" | "overheating" | "pump_cavitation"

struct SimulatorOptions
{
    int machines = 20;                      // 1 .. 100000
    int days = 90;                          // 1 .. 3650; rows per machine at most 40 M
    int resolution_s = 60;                  // 1 .. 86400
    double start_time = 1767225600;         // seconds since 1970, 0 .. 4102444800 (2026-01-01Z)
    std::uint64_t seed = 1;                 // any
    int regimes = 3;                        // 1 .. 8
    double regime_mean_hours = 12;          // 0.5 .. 2160: mean time in one regime
    double noise = 1;                       // 0 .. 10: sensor noise, relative to nominal
    double drift = 0.001;                   // 0 .. 0.05: calibration drift, fraction per day
    double dropout_rate = 0.01;             // 0 .. 0.5: share of readings missing
    double dropout_run_rows = 10;           // 1 .. 100000: mean length of a dropout run
    double scheduled_interval_days = 30;    // 0 (none) or 1 .. 3650
    double scheduled_downtime_hours = 4;    // 0 .. 720
    double corrective_downtime_hours = 24;  // 0 .. 720
    double bearing_wear_onset_days = 45;    // 1 .. 36500: mean operating days to onset
    double overheating_onset_days = 60;     // 1 .. 36500
    double pump_cavitation_onset_days = 50; // 1 .. 36500
    double progression_scale = 1;           // 0.05 .. 20: times the progression durations
};

// Throws std::invalid_argument naming the field, the bad value and the allowed range:
// "dropout_rate = 0.9 is out of range (0 .. 0.5)".
void validateSimulatorOptions(const SimulatorOptions &options);

// Rows per machine: days * 86400 / resolution_s.
std::int64_t simulatedRowsPerMachine(const SimulatorOptions &options);

// One machine, `index` in [0, options.machines). `out` is replaced; events are appended
// (sorted by time) with `machine` = index. Throws std::invalid_argument on bad options.
void simulateMachine(const SimulatorOptions &options, int index, MachineSeries &out,
                     std::vector<MaintenanceEvent> &maintenance, std::vector<FailureEvent> &failures);

using MachineSink
    = std::function<void(MachineSeries &&, std::vector<MaintenanceEvent> &&, std::vector<FailureEvent> &&)>;

// The fleet one machine at a time, in index order: memory is one machine's.
void simulateFleet(const SimulatorOptions &options, const MachineSink &sink);

// The whole fleet in memory, with sensors, failure modes and time unit filled: small fleets.
Fleet simulateFleetInMemory(const SimulatorOptions &options);

// The fleet's sensor and failure mode names, as simulateFleetInMemory fills them.
std::vector<std::string> simulatedSensorNames();
std::vector<std::string> simulatedFailureModeNames();

// Memory of one simulated machine, and the size of the whole fleet as a fleet file (both
// in bytes, events estimated generously), so a caller can refuse what will not fit.
double estimateMachineBytes(const SimulatorOptions &options);
double estimateFleetFileBytes(const SimulatorOptions &options);

} // namespace seekbench::pdm
