#include "pdm_test_support.h"
#include "seekbench/pdm/simulator.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

using namespace seekbench::pdm;

namespace {

constexpr double kDay = 86400, kHour = 3600;

SimulatorOptions smallFleet()
{
    SimulatorOptions o;
    o.machines = 5;
    o.days = 120;
    o.seed = 42;
    return o;
}

// Only one failure mode, frequent, and no confounders (drift, dropouts, scheduled service).
SimulatorOptions onlyMode(FailureMode mode)
{
    SimulatorOptions o = smallFleet();
    o.drift = 0;
    o.dropout_rate = 0;
    o.scheduled_interval_days = 0;
    o.bearing_wear_onset_days = mode == FailureMode::BearingWear ? 20 : 36500;
    o.overheating_onset_days = mode == FailureMode::Overheating ? 15 : 36500;
    o.pump_cavitation_onset_days = mode == FailureMode::PumpCavitation ? 20 : 36500;
    return o;
}

std::size_t rowAt(const MachineSeries &m, double t)
{
    return static_cast<std::size_t>(std::lower_bound(m.time.begin(), m.time.end(), t) - m.time.begin());
}

float value(const MachineSeries &m, Sensor s, std::size_t row) { return m.values[static_cast<int>(s)][row]; }

bool running(const MachineSeries &m, std::size_t row) { return value(m, Sensor::Speed, row) > 100; }

// Whether the machine stands still (speed 0, or not read) for `hours` from time t.
bool stoppedFor(const MachineSeries &m, double t, double hours)
{
    for (std::size_t r = rowAt(m, t); r < m.rows() && m.time[r] < t + hours * kHour; ++r)
        if (!isMissing(value(m, Sensor::Speed, r)) && value(m, Sensor::Speed, r) != 0.0f)
            return false;
    return true;
}

struct OneMachine
{
    MachineSeries m;
    std::vector<MaintenanceEvent> maintenance;
    std::vector<FailureEvent> failures;
};

OneMachine simulateOne(const SimulatorOptions &o, int index)
{
    OneMachine one;
    simulateMachine(o, index, one.m, one.maintenance, one.failures);
    return one;
}

// Mean of a sensor per regime over the running rows of the same machine never degrading
// (its build and ambient cycle are drawn before anything else).
std::array<double, 8> healthyRegimeMeans(SimulatorOptions o, int index, Sensor sensor)
{
    o.bearing_wear_onset_days = o.overheating_onset_days = o.pump_cavitation_onset_days = 36500;
    const MachineSeries m = simulateOne(o, index).m;
    std::array<double, 8> sum{}, n{};
    for (std::size_t r = 0; r < m.rows(); ++r)
        if (running(m, r) && !isMissing(value(m, sensor, r))) {
            sum[static_cast<std::size_t>(m.regime[r])] += value(m, sensor, r);
            ++n[static_cast<std::size_t>(m.regime[r])];
        }
    for (std::size_t k = 0; k < 8; ++k)
        sum[k] = n[k] > 0 ? sum[k] / n[k] : std::nan("");
    return sum;
}

// Over the running rows in [from, to): the mean of value / healthy mean in its regime, or
// without `healthy`, the share of readings above 4 (kurtosis spikes).
double windowStat(const MachineSeries &m, Sensor sensor, const std::array<double, 8> *healthy, std::size_t from,
                  std::size_t to)
{
    double sum = 0, n = 0;
    for (std::size_t r = from; r < to && r < m.rows(); ++r) {
        const float v = value(m, sensor, r);
        const double base = healthy ? (*healthy)[static_cast<std::size_t>(m.regime[r])] : 4.0;
        if (running(m, r) && !isMissing(v) && std::isfinite(base)) {
            sum += healthy ? v / base : (v > base ? 1 : 0);
            ++n;
        }
    }
    return n > 0 ? sum / n : std::nan("");
}

} // namespace

class TestPdmSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fleetShape()
    {
        const Fleet fleet = simulateFleetInMemory(smallFleet());
        QCOMPARE(fleet.time_unit, TimeUnit::Seconds);
        QCOMPARE(fleet.sensors.size(), std::size_t(kSimulatedSensorCount));
        QCOMPARE(fleet.sensors[0], std::string("vibration_rms"));
        QCOMPARE(fleet.failure_modes, (std::vector<std::string>{"bearing_wear", "overheating", "pump_cavitation"}));
        QCOMPARE(fleet.machines.size(), std::size_t(5));
        for (const auto &m : fleet.machines) {
            QCOMPARE(m.rows(), std::size_t(120 * 1440));
            QVERIFY(m.time.front() == 1767225600.0 && m.time[1] - m.time[0] == 60.0 && m.regime.size() == m.rows());
            QVERIFY(std::all_of(m.values.begin(), m.values.end(), [&](auto &c) { return c.size() == m.rows(); }));
        }
        QCOMPARE(fleet.machines[3].name, std::string("m3"));
    }

    void eventsAreSortedAndConsistent()
    {
        const Fleet fleet = simulateFleetInMemory(smallFleet());
        QVERIFY(!fleet.failures.empty());
        auto less = [](auto &a, auto &b) {
            return a.machine < b.machine || (a.machine == b.machine && a.time < b.time);
        };
        QVERIFY(std::is_sorted(fleet.failures.begin(), fleet.failures.end(), less));
        QVERIFY(std::is_sorted(fleet.maintenance.begin(), fleet.maintenance.end(), less));
        for (const auto &f : fleet.failures) {
            QVERIFY(f.mode >= 0 && f.mode < kSimulatedFailureModeCount);
            const auto &m = fleet.machines[static_cast<std::size_t>(f.machine)];
            QVERIFY(f.time >= m.time.front() && f.time <= m.time.back());
            // Each failure is followed by its repair, and the machine stands still meanwhile.
            QVERIFY(std::any_of(fleet.maintenance.begin(), fleet.maintenance.end(), [&](auto &e) {
                return e.machine == f.machine && e.time == f.time && e.kind == MaintenanceKind::Corrective
                       && e.mode == f.mode && e.downtime_hours == 24;
            }));
            QVERIFY(stoppedFor(m, f.time, 24));
        }
    }

    void sameOptionsSameFleet()
    {
        SimulatorOptions o = smallFleet();
        o.dropout_rate = 0.05;
        const Fleet a = simulateFleetInMemory(o), b = simulateFleetInMemory(o);
        for (std::size_t i = 0; i < a.machines.size(); ++i)
            QVERIFY(sameSeries(a.machines[i], b.machines[i]));
        QVERIFY(a.failures.size() == b.failures.size() && a.maintenance.size() == b.maintenance.size());
        for (std::size_t i = 0; i < a.failures.size(); ++i)
            QVERIFY(a.failures[i].time == b.failures[i].time && a.failures[i].mode == b.failures[i].mode);
        o.seed = 43; // and another seed, another fleet
        QVERIFY(!sameSeries(a.machines[0], simulateOne(o, 0).m));
    }

    void machineIndependentOfFleetSize()
    {
        SimulatorOptions small = smallFleet(), large = smallFleet();
        large.machines = 1000;
        const OneMachine a = simulateOne(small, 3), b = simulateOne(large, 3);
        QVERIFY(sameSeries(a.m, b.m));
        QVERIFY(a.maintenance.size() == b.maintenance.size() && a.failures.size() == b.failures.size());
        for (const auto &e : a.maintenance)
            QCOMPARE(e.machine, 3);
        QVERIFY(sameSeries(a.m, simulateFleetInMemory(small).machines[3])); // and as the fleet's machine 3
    }

    // Over the last `hours` before each failure of the only active mode, the mean of a sensor
    // relative to the healthy machine in the same regime ("mean"), or the share of kurtosis
    // readings above 4 ("spikes"), lies in [low, high].
    void degradationSignature_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("sensor");
        QTest::addColumn<int>("hours");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const auto row = [](const char *name, FailureMode mode, Sensor sensor, int hours, double low, double high) {
            QTest::newRow(name) << int(mode) << int(sensor) << hours << low << high;
        };
        const Sensor kurtosis = Sensor::VibrationKurtosis;
        row("bearing_wear: RMS rises", FailureMode::BearingWear, Sensor::VibrationRms, 24, 2.0, 100);
        row("bearing_wear: kurtosis spikes", FailureMode::BearingWear, kurtosis, 24, 0.05, 1);
        row("overheating: temperature rises", FailureMode::Overheating, Sensor::BearingTemperature, 12, 1.25, 100);
        row("overheating: current rises", FailureMode::Overheating, Sensor::MotorCurrent, 12, 1.1, 100);
        row("overheating: pressure drops", FailureMode::Overheating, Sensor::Pressure, 12, 0, 0.9);
        row("overheating: RMS unchanged", FailureMode::Overheating, Sensor::VibrationRms, 12, 0.9, 1.1);
        row("pump_cavitation: kurtosis spikes", FailureMode::PumpCavitation, kurtosis, 12, 0.02, 1);
        row("pump_cavitation: pressure drops", FailureMode::PumpCavitation, Sensor::Pressure, 12, 0, 0.97);
    }

    void degradationSignature()
    {
        QFETCH(int, mode);
        QFETCH(int, sensor);
        QFETCH(int, hours);
        QFETCH(double, low);
        QFETCH(double, high);
        const SimulatorOptions o = onlyMode(static_cast<FailureMode>(mode));
        const Fleet fleet = simulateFleetInMemory(o);
        const auto s = static_cast<Sensor>(sensor);
        std::vector<std::array<double, 8>> healthy;
        for (int i = 0; i < o.machines; ++i)
            healthy.push_back(healthyRegimeMeans(o, i, s));
        int checked = 0;
        for (const auto &f : fleet.failures) {
            QCOMPARE(f.mode, mode);
            const auto &m = fleet.machines[static_cast<std::size_t>(f.machine)];
            const std::size_t row = rowAt(m, f.time), from = row - static_cast<std::size_t>(hours) * 60;
            if (row < static_cast<std::size_t>(hours) * 60)
                continue;
            const auto *base = s == Sensor::VibrationKurtosis ? nullptr : &healthy[std::size_t(f.machine)];
            const double v = windowStat(m, s, base, from, row);
            QVERIFY2(v >= low && v <= high,
                     qPrintable(QStringLiteral("%1 at %2: %3").arg(QString::fromStdString(m.name)).arg(f.time).arg(v)));
            ++checked;
        }
        QVERIFY(checked >= 3);
    }

    void noSignatureBeforeOnset()
    {
        // Bearing wear's onset comes at least 4 days (0.2 x 20) after a repair: the day after is healthy.
        const SimulatorOptions o = onlyMode(FailureMode::BearingWear);
        const Fleet fleet = simulateFleetInMemory(o);
        QVERIFY(fleet.maintenance.size() >= 3);
        for (const auto &e : fleet.maintenance) {
            const auto &m = fleet.machines[static_cast<std::size_t>(e.machine)];
            const std::size_t from = rowAt(m, e.time + e.downtime_hours * kHour), to = from + 1440;
            const auto healthy = healthyRegimeMeans(o, e.machine, Sensor::VibrationRms);
            const double rms = windowStat(m, Sensor::VibrationRms, &healthy, from, to);
            QVERIFY2(to > m.rows() || (rms > 0.95 && rms < 1.05), qPrintable(QString::number(rms)));
            QVERIFY(to > m.rows() || windowStat(m, Sensor::VibrationKurtosis, nullptr, from, to) == 0);
        }
        for (const auto &m : fleet.machines) // and the first day of the series
            QCOMPARE(windowStat(m, Sensor::VibrationKurtosis, nullptr, 0, 1440), 0.0);
    }

    void scheduledMaintenance()
    {
        SimulatorOptions o = smallFleet();
        o.bearing_wear_onset_days = 20;
        o.overheating_onset_days = 30;
        o.pump_cavitation_onset_days = 30;
        o.scheduled_interval_days = 10;
        const Fleet serviced = simulateFleetInMemory(o);
        std::vector<std::vector<double>> times(5);
        for (const auto &e : serviced.maintenance)
            if (e.kind == MaintenanceKind::Scheduled) {
                QCOMPARE(e.mode, -1);
                QCOMPARE(e.downtime_hours, 4.0);
                times[static_cast<std::size_t>(e.machine)].push_back(e.time);
                QVERIFY(stoppedFor(serviced.machines[static_cast<std::size_t>(e.machine)], e.time, 4));
            }
        for (const auto &t : times) {
            QVERIFY(t.size() >= 11 && t.size() <= 12);
            for (std::size_t i = 1; i < t.size(); ++i) // every 10 days, later only when the machine was down
                QVERIFY(std::abs(t[i] - t[i - 1] - 10 * kDay) <= 2 * kDay);
        }
        o.scheduled_interval_days = 0;
        const Fleet unserviced = simulateFleetInMemory(o);
        for (const auto &e : unserviced.maintenance)
            QCOMPARE(e.kind, MaintenanceKind::Corrective);
        QVERIFY2(serviced.failures.size() * 2 < unserviced.failures.size(),
                 qPrintable(QStringLiteral("%1 vs %2").arg(serviced.failures.size()).arg(unserviced.failures.size())));
    }

    void dropoutRate()
    {
        SimulatorOptions o = smallFleet();
        o.dropout_rate = 0.05;
        o.dropout_run_rows = 10;
        const Fleet fleet = simulateFleetInMemory(o);
        double missing = 0, total = 0, runs = 0;
        for (const auto &m : fleet.machines)
            for (const auto &column : m.values)
                for (std::size_t r = 0; r < column.size(); ++r, ++total) {
                    missing += std::isnan(column[r]) ? 1 : 0;
                    runs += std::isnan(column[r]) && (r == 0 || !std::isnan(column[r - 1])) ? 1 : 0;
                }
        QVERIFY2(std::abs(missing / total - 0.05) < 0.005, qPrintable(QString::number(missing / total)));
        QVERIFY(missing / runs > 8 && missing / runs < 12); // in runs of about 10 rows
        o.dropout_rate = 0;
        const Fleet clean = simulateFleetInMemory(o);
        for (const auto &column : clean.machines[0].values)
            QVERIFY(std::none_of(column.begin(), column.end(), [](float v) { return std::isnan(v); }));
    }

    void regimesShiftBaselines()
    {
        const SimulatorOptions o = smallFleet();
        for (int i = 0; i < 2; ++i) {
            const auto speed = healthyRegimeMeans(o, i, Sensor::Speed); // NaN where a regime never came
            QVERIFY(speed[1] > 1.1 * speed[0] && speed[2] > 1.1 * speed[1]);
            const MachineSeries m = simulateOne(o, i).m;
            int switches = 0;
            for (std::size_t r = 0; r < m.rows(); ++r) {
                QVERIFY(m.regime[r] >= 0 && m.regime[r] < 3);
                switches += r > 0 && m.regime[r] != m.regime[r - 1] ? 1 : 0;
            }
            QVERIFY(switches > 120 / 4 && switches < 120 * 24); // every few hours to days
        }
    }

    void invalidOptions_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        const QString rows = QStringLiteral(
            "machines=0 machines=100001 days=0 days=3651 resolution_s=0 resolution_s=86401 start_time=-1 "
            "start_time=nan regimes=0 regimes=9 regime_mean_hours=0.1 noise=-0.1 noise=11 noise=nan drift=0.06 "
            "dropout_rate=-0.01 dropout_rate=0.6 dropout_run_rows=0.5 scheduled_interval_days=0.5 "
            "scheduled_interval_days=-1 scheduled_downtime_hours=1000 corrective_downtime_hours=-1 "
            "bearing_wear_onset_days=0 overheating_onset_days=inf pump_cavitation_onset_days=0.5 "
            "progression_scale=0.01 progression_scale=21");
        for (const QString &row : rows.split(QLatin1Char(' '))) {
            const QStringList parts = row.split(QLatin1Char('='));
            QTest::newRow(qPrintable(row)) << parts[0] << std::strtod(qPrintable(parts[1]), nullptr);
        }
    }

    void invalidOptions()
    {
        QFETCH(QString, field);
        QFETCH(double, value);
        using Setter = void (*)(SimulatorOptions &, double);
        // clang-format off
#define SB_FIELD(name) {#name, [](SimulatorOptions &o, double v) { o.name = static_cast<decltype(o.name)>(v); }}
        const std::map<std::string, Setter> setters = {SB_FIELD(machines), SB_FIELD(days), SB_FIELD(resolution_s),
            SB_FIELD(start_time), SB_FIELD(regimes), SB_FIELD(regime_mean_hours), SB_FIELD(noise), SB_FIELD(drift),
            SB_FIELD(dropout_rate), SB_FIELD(dropout_run_rows), SB_FIELD(scheduled_interval_days),
            SB_FIELD(scheduled_downtime_hours), SB_FIELD(corrective_downtime_hours), SB_FIELD(bearing_wear_onset_days),
            SB_FIELD(overheating_onset_days), SB_FIELD(pump_cavitation_onset_days), SB_FIELD(progression_scale)};
        // clang-format on
#undef SB_FIELD
        SimulatorOptions o = smallFleet();
        QVERIFY(setters.count(field.toStdString()) == 1);
        setters.at(field.toStdString())(o, value);
        for (int call = 0; call < 2; ++call) {
            try {
                call == 0 ? validateSimulatorOptions(o) : simulateFleet(o, [](auto &&, auto &&, auto &&) {});
                QFAIL("no exception");
            } catch (const std::invalid_argument &e) {
                const QString message = QString::fromStdString(e.what());
                QVERIFY2(message.startsWith(field + QStringLiteral(" = ")), e.what());
                QVERIFY2(message.contains(QStringLiteral("range")), e.what());
            }
        }
    }

    void tooManyRowsAndBadIndex()
    {
        SimulatorOptions o = smallFleet();
        o.days = 3650;
        o.resolution_s = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateSimulatorOptions(o));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, simulateOne(smallFleet(), 5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, simulateOne(smallFleet(), -1));
    }

    void estimates()
    {
        SimulatorOptions o;
        o.machines = 1000;
        o.days = 365;
        const double machine = estimateMachineBytes(o);
        QVERIFY(machine > 525600.0 * 33 && machine < 525600.0 * 34);
        const double file = estimateFleetFileBytes(o);
        QVERIFY(file > 1000 * machine && file < 1000 * machine * 1.01);
    }
};

QTEST_APPLESS_MAIN(TestPdmSimulator)
#include "test_pdm_simulator.moc"
