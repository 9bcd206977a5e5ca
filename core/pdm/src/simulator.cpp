#include "seekbench/pdm/simulator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace seekbench::pdm {

namespace {

constexpr std::int64_t kMaxRowsPerMachine = 40'000'000;
constexpr double kTwoPi = 6.283185307179586;

std::uint64_t mix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// xoshiro256**, seeded through splitmix64. Normals are Irwin-Hall sums of four 16-bit
// uniforms: integer arithmetic only, so every standard library gives the same numbers.
class Rng
{
public:
    Rng(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t x = mix64(seed + 0x9E3779B97F4A7C15ULL) ^ mix64(stream ^ 0xD1B54A32D192ED03ULL);
        for (auto &word : m_s) {
            x += 0x9E3779B97F4A7C15ULL;
            word = mix64(x);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    float normal() // mean 0, sd 1, within +-3.46
    {
        const std::uint64_t x = next();
        const auto sum = static_cast<std::int32_t>((x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF)
                                                   + (x >> 48));
        return static_cast<float>(sum - 131070) * (1.0f / 37837.23f);
    }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    std::int64_t geometric(double p) // trials up to the first success, >= 1
    {
        return p >= 1.0 ? 1 : 1 + static_cast<std::int64_t>(std::floor(std::log(1.0 - uniform()) / std::log1p(-p)));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_s{};
};

[[noreturn]] void outOfRange(const char *field, double value, const std::string &range)
{
    std::ostringstream s;
    s << field << " = " << value << " is out of range (" << range << ")";
    throw std::invalid_argument(s.str());
}

void checkRange(const char *field, double value, double lo, double hi)
{
    if (!(value >= lo && value <= hi)) {
        std::ostringstream range;
        range << lo << " .. " << hi;
        outOfRange(field, value, range.str());
    }
}

struct ModeState
{
    std::int64_t onsetLeft = 0; // running rows until the onset
    std::int64_t elapsed = 0;   // running rows since the onset
    std::int64_t duration = 1;  // rows from the onset to the failure
};

// Per mode: the progression time in days (min, max), and the share of the mean onset that
// always passes after a repair (wear-out rather than memoryless).
struct ModeSpec
{
    double minDays, maxDays, onsetFloor;
};
constexpr std::array<ModeSpec, kSimulatedFailureModeCount> kModes{{{5, 12, 0.2}, {1, 3, 0}, {2, 6, 0.1}}};
constexpr const char *kModeNames[kSimulatedFailureModeCount] = {"bearing_wear", "overheating", "pump_cavitation"};

class MachineSimulator
{
public:
    MachineSimulator(const SimulatorOptions &o, int index)
        : m_o(o), m_index(index), m_rng(o.seed, static_cast<std::uint64_t>(index)),
          m_rowsPerDay(86400.0 / o.resolution_s), m_onsetMean{o.bearing_wear_onset_days, o.overheating_onset_days,
                                                              o.pump_cavitation_onset_days}
    {}

    void run(MachineSeries &out, std::vector<MaintenanceEvent> &maintenance, std::vector<FailureEvent> &failures);

private:
    std::int64_t rowsFor(double days) const { return std::max<std::int64_t>(1, std::llround(days * m_rowsPerDay)); }
    void resetMode(int mode)
    {
        const ModeSpec &spec = kModes[mode];
        const double mean = m_onsetMean[static_cast<std::size_t>(mode)];
        const double days = mean * spec.onsetFloor + m_rng.exponential(mean * (1.0 - spec.onsetFloor));
        m_modes[mode]
            = {rowsFor(days), 0,
               std::max<std::int64_t>(2, rowsFor(m_rng.uniform(spec.minDays, spec.maxDays) * m_o.progression_scale))};
    }
    void calibrate(std::int64_t row)
    {
        m_calibratedRow = row;
        for (float &rate : m_driftRate)
            rate = static_cast<float>(m_o.drift * m_rng.uniform(-1.0, 1.0));
    }

    const SimulatorOptions &m_o;
    int m_index;
    Rng m_rng;
    double m_rowsPerDay;
    std::array<double, kSimulatedFailureModeCount> m_onsetMean;
    std::array<ModeState, kSimulatedFailureModeCount> m_modes{};
    std::array<float, 4> m_driftRate{}; // temperature, pressure, current, RMS
    std::int64_t m_calibratedRow = 0;
};

void MachineSimulator::run(MachineSeries &out, std::vector<MaintenanceEvent> &maintenance,
                           std::vector<FailureEvent> &failures)
{
    const std::int64_t rows = simulatedRowsPerMachine(m_o);
    const double dt = m_o.resolution_s;
    out.name = "m" + std::to_string(m_index);
    out.time.resize(static_cast<std::size_t>(rows));
    out.values.assign(kSimulatedSensorCount, std::vector<float>(static_cast<std::size_t>(rows)));
    out.regime.resize(static_cast<std::size_t>(rows));

    // The machine's own build: baselines vary by a few percent between machines.
    const double speed0 = 1500 * m_rng.uniform(0.97, 1.03);
    const double current0 = 20 * m_rng.uniform(0.9, 1.1);
    const double tempRise0 = 22 * m_rng.uniform(0.85, 1.15);
    const double pressure0 = 6 * m_rng.uniform(0.9, 1.1);
    const double rms0 = 2 * m_rng.uniform(0.8, 1.2);
    const float noise = static_cast<float>(m_o.noise);
    const double alpha = 1.0 - std::exp(-dt / 1200.0); // thermal lag
    const double cd = std::cos(kTwoPi * dt / 86400.0), sd = std::sin(kTwoPi * dt / 86400.0);
    const double phase = m_rng.uniform(0, kTwoPi);
    double ac = std::cos(phase), as = std::sin(phase); // the daily ambient cycle, rotated per row
    for (int m = 0; m < kSimulatedFailureModeCount; ++m)
        resetMode(m);
    calibrate(0);
    const std::int64_t scheduleRows = m_o.scheduled_interval_days > 0 ? rowsFor(m_o.scheduled_interval_days) : 0;
    std::int64_t nextService = scheduleRows > 0 ? 1 + static_cast<std::int64_t>(m_rng.uniform() * scheduleRows) : rows;
    const double regimeMeanRows = m_o.regime_mean_hours * 3600.0 / dt;
    int regime = static_cast<int>(m_rng.uniform() * m_o.regimes);
    std::int64_t nextSwitch = std::max<std::int64_t>(1, std::llround(m_rng.exponential(regimeMeanRows)));
    bool stopped = false;
    std::int64_t stopEnd = 0;
    int pendingReset = -2; // -2 none, -1 all modes, else the mode
    double temperature = 20 + 5 * as + tempRise0;
    float *const col[kSimulatedSensorCount] = {out.values[0].data(), out.values[1].data(), out.values[2].data(),
                                               out.values[3].data(), out.values[4].data(), out.values[5].data()};
    double speedBase = 0, currentBase = 0, tempBase = 0, pressureBase = 0, rmsBase = 0;
    auto setRegime = [&] {
        const double f = m_o.regimes > 1 ? static_cast<double>(regime) / (m_o.regimes - 1) : 0.5;
        speedBase = speed0 * (0.8 + 0.4 * f);
        currentBase = current0 * (0.6 + 0.5 * f);
        tempBase = tempRise0 * (0.6 + 0.5 * f);
        pressureBase = pressure0 * (0.5 + 0.8 * f);
        rmsBase = rms0 * (0.8 + 0.5 * f);
    };
    setRegime();
    auto restart = [&](std::int64_t row) {
        stopped = false;
        for (int m = 0; m < kSimulatedFailureModeCount; ++m)
            if (pendingReset == -1 || pendingReset == m)
                resetMode(m);
        if (pendingReset == -1)
            calibrate(row);
        pendingReset = -2;
    };
    auto stop = [&](std::int64_t row, double hours, int reset) {
        stopped = true;
        pendingReset = reset;
        stopEnd = row + std::llround(hours * 3600.0 / dt);
        if (stopEnd <= row)
            restart(row);
    };

    for (std::int64_t i = 0; i < rows; ++i) {
        const double t = m_o.start_time + static_cast<double>(i) * dt;
        out.time[static_cast<std::size_t>(i)] = t;
        if (i == nextSwitch) {
            if (m_o.regimes > 1)
                regime = (regime + 1 + static_cast<int>(m_rng.uniform() * (m_o.regimes - 1))) % m_o.regimes;
            nextSwitch = i + std::max<std::int64_t>(1, std::llround(m_rng.exponential(regimeMeanRows)));
            setRegime();
        }
        out.regime[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(regime);
        const double nc = ac * cd - as * sd;
        as = as * cd + ac * sd;
        ac = nc;
        const double ambient = 20 + 5 * as;

        if (stopped && i >= stopEnd)
            restart(i);
        if (!stopped && i >= nextService) {
            maintenance.push_back({m_index, t, MaintenanceKind::Scheduled, -1, m_o.scheduled_downtime_hours});
            while (nextService <= i)
                nextService += scheduleRows;
            stop(i, m_o.scheduled_downtime_hours, -1);
        }
        std::array<float, kSimulatedFailureModeCount> d{};
        if (!stopped) {
            for (int m = 0; m < kSimulatedFailureModeCount && !stopped; ++m) {
                ModeState &s = m_modes[static_cast<std::size_t>(m)];
                if (s.onsetLeft > 0) {
                    --s.onsetLeft;
                    continue;
                }
                if (++s.elapsed >= s.duration) {
                    failures.push_back({m_index, t, m});
                    maintenance.push_back({m_index, t, MaintenanceKind::Corrective, m, m_o.corrective_downtime_hours});
                    stop(i, m_o.corrective_downtime_hours, m);
                    break;
                }
                const float x = static_cast<float>(s.elapsed) / static_cast<float>(s.duration);
                d[static_cast<std::size_t>(m)] = m == 0 ? x * (0.1f + x * (0.3f + 0.6f * x * x)) : (m == 1 ? x : x * x);
            }
        }
        const std::size_t r = static_cast<std::size_t>(i);
        if (stopped) {
            temperature += alpha * (ambient - temperature);
            col[0][r] = std::max(0.0f, 0.05f + 0.01f * noise * m_rng.normal());
            col[1][r] = 3.0f + 0.15f * noise * m_rng.normal();
            col[2][r] = static_cast<float>(temperature) + 0.3f * noise * m_rng.normal();
            col[3][r] = std::max(0.0f, 0.02f * noise * m_rng.normal());
            col[4][r] = col[5][r] = 0.0f;
            continue;
        }
        const float dB = d[0], dO = d[1], dC = d[2];
        temperature += alpha * (ambient + tempBase + 30.0 * dO + 12.0 * dB * dB * dB - temperature);
        const float days = static_cast<float>(static_cast<double>(i - m_calibratedRow) / m_rowsPerDay);
        float kurtosis = 3.0f + dB + 2.0f * dC;
        if (dB > 0 || dC > 0) {
            const double spike = (dB > 0 ? 0.05 + 0.4 * dB : 0.0) + 0.1 * dC;
            if (m_rng.uniform() < spike)
                kurtosis += (1.5f + 6.0f * (dB + dC)) * static_cast<float>(0.5 + m_rng.uniform());
        }
        const float rms = static_cast<float>(rmsBase) * (1.0f + 3.0f * dB + 0.4f * dC);
        const float pressure = static_cast<float>(pressureBase) * (1.0f - 0.25f * dO - 0.12f * dC);
        const float current = static_cast<float>(currentBase) * (1.0f + 0.2f * dO);
        const float pressureNoise = 0.02f * noise * (1.0f + 10.0f * dC);
        col[0][r] = std::max(0.0f, rms * (1 + 0.05f * noise * m_rng.normal()) * (1 + m_driftRate[3] * days));
        col[1][r] = std::max(1.0f, kurtosis + 0.15f * noise * m_rng.normal());
        col[2][r] = (static_cast<float>(temperature) + 0.3f * noise * m_rng.normal()) * (1 + m_driftRate[0] * days);
        col[3][r] = std::max(0.0f, pressure * (1 + pressureNoise * m_rng.normal()) * (1 + m_driftRate[1] * days));
        col[4][r] = current * (1 + 0.015f * noise * m_rng.normal()) * (1 + m_driftRate[2] * days);
        col[5][r] = static_cast<float>(speedBase) * (1.0f + 0.003f * noise * m_rng.normal());
    }

    // Dropouts: per sensor, a two-state chain whose missing share is dropout_rate.
    const double p = m_o.dropout_rate;
    if (p > 0) {
        const double L = m_o.dropout_run_rows;
        const double startProb = p / (L * (1.0 - p));
        for (float *c : col) {
            std::int64_t pos = 0;
            bool missing = m_rng.uniform() < p;
            while (pos < rows) {
                const std::int64_t len = missing ? m_rng.geometric(1.0 / L) : m_rng.geometric(startProb);
                const std::int64_t end = std::min(rows, pos + len);
                if (missing)
                    std::fill(c + pos, c + end, kMissing);
                pos = end;
                missing = !missing;
            }
        }
    }
}

} // namespace

const char *failureModeName(FailureMode mode)
{
    const int m = static_cast<int>(mode);
    return m >= 0 && m < kSimulatedFailureModeCount ? kModeNames[m] : "?";
}

void validateSimulatorOptions(const SimulatorOptions &o)
{
    checkRange("machines", o.machines, 1, 100000);
    checkRange("days", o.days, 1, 3650);
    checkRange("resolution_s", o.resolution_s, 1, 86400);
    checkRange("start_time", o.start_time, 0, 4102444800.0);
    checkRange("regimes", o.regimes, 1, 8);
    checkRange("regime_mean_hours", o.regime_mean_hours, 0.5, 2160);
    checkRange("noise", o.noise, 0, 10);
    checkRange("drift", o.drift, 0, 0.05);
    checkRange("dropout_rate", o.dropout_rate, 0, 0.5);
    checkRange("dropout_run_rows", o.dropout_run_rows, 1, 100000);
    if (!(o.scheduled_interval_days == 0 || (o.scheduled_interval_days >= 1 && o.scheduled_interval_days <= 3650)))
        outOfRange("scheduled_interval_days", o.scheduled_interval_days, "0 for none, or 1 .. 3650");
    checkRange("scheduled_downtime_hours", o.scheduled_downtime_hours, 0, 720);
    checkRange("corrective_downtime_hours", o.corrective_downtime_hours, 0, 720);
    checkRange("bearing_wear_onset_days", o.bearing_wear_onset_days, 1, 36500);
    checkRange("overheating_onset_days", o.overheating_onset_days, 1, 36500);
    checkRange("pump_cavitation_onset_days", o.pump_cavitation_onset_days, 1, 36500);
    checkRange("progression_scale", o.progression_scale, 0.05, 20);
    const std::int64_t rows = simulatedRowsPerMachine(o);
    if (rows < 1 || rows > kMaxRowsPerMachine)
        outOfRange("days", o.days,
                   "at resolution_s = " + std::to_string(o.resolution_s) + ", 1 .. "
                       + std::to_string(kMaxRowsPerMachine * o.resolution_s / 86400)
                       + ": at most 40 M rows per machine");
}

std::int64_t simulatedRowsPerMachine(const SimulatorOptions &o)
{
    return o.resolution_s > 0 ? static_cast<std::int64_t>(o.days) * 86400 / o.resolution_s : 0;
}

void simulateMachine(const SimulatorOptions &options, int index, MachineSeries &out,
                     std::vector<MaintenanceEvent> &maintenance, std::vector<FailureEvent> &failures)
{
    validateSimulatorOptions(options);
    if (index < 0 || index >= options.machines)
        outOfRange("machine index", index, "0 .. " + std::to_string(options.machines - 1));
    MachineSimulator(options, index).run(out, maintenance, failures);
}

void simulateFleet(const SimulatorOptions &options, const MachineSink &sink)
{
    validateSimulatorOptions(options);
    for (int i = 0; i < options.machines; ++i) {
        MachineSeries series;
        std::vector<MaintenanceEvent> maintenance;
        std::vector<FailureEvent> failures;
        MachineSimulator(options, i).run(series, maintenance, failures);
        sink(std::move(series), std::move(maintenance), std::move(failures));
    }
}

std::vector<std::string> simulatedSensorNames()
{
    std::vector<std::string> names;
    for (int s = 0; s < kSimulatedSensorCount; ++s)
        names.emplace_back(sensorName(static_cast<Sensor>(s)));
    return names;
}

std::vector<std::string> simulatedFailureModeNames() { return {std::begin(kModeNames), std::end(kModeNames)}; }

Fleet simulateFleetInMemory(const SimulatorOptions &options)
{
    Fleet fleet;
    fleet.time_unit = TimeUnit::Seconds;
    fleet.sensors = simulatedSensorNames();
    fleet.failure_modes = simulatedFailureModeNames();
    simulateFleet(options, [&](MachineSeries &&series, std::vector<MaintenanceEvent> &&maintenance,
                               std::vector<FailureEvent> &&failures) {
        fleet.machines.push_back(std::move(series));
        fleet.maintenance.insert(fleet.maintenance.end(), maintenance.begin(), maintenance.end());
        fleet.failures.insert(fleet.failures.end(), failures.begin(), failures.end());
    });
    return fleet;
}

double estimateMachineBytes(const SimulatorOptions &options)
{
    const double rows = static_cast<double>(simulatedRowsPerMachine(options));
    return rows * (sizeof(double) + kSimulatedSensorCount * sizeof(float) + sizeof(std::int8_t)) + 256;
}

double estimateFleetFileBytes(const SimulatorOptions &o)
{
    // Events per machine, generously: every scheduled service, and failures as if every
    // mode restarted its mean onset right after each repair, twice over.
    const double services = o.scheduled_interval_days > 0 ? o.days / o.scheduled_interval_days + 1 : 0;
    double failures = 0;
    for (double onset : {o.bearing_wear_onset_days, o.overheating_onset_days, o.pump_cavitation_onset_days})
        failures += 2.0 * o.days / std::max(1.0, onset * 0.25) + 2;
    const double eventBytes = (services + failures) * 25 + failures * 16;
    return 4096 + o.machines * (estimateMachineBytes(o) + 128 + eventBytes);
}

} // namespace seekbench::pdm
