#include "seekbench/pdm/windows.h"
#include "seekbench/text/number_text.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace seekbench::pdm {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// splitmix64 over the seed and a machine's name: the split does not depend on the order
// machines were imported in.
std::uint64_t nameHash(std::uint64_t seed, const std::string &name)
{
    std::uint64_t h = seed ^ 0x9e3779b97f4a7c15ULL;
    for (unsigned char c : name) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    h += 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}

struct Baseline
{
    // [sensor][regime + 1]: index 0 is the machine-wide figure, used for readings of a
    // regime the baseline period did not see and for series without regimes.
    std::vector<std::vector<double>> mean, scale;
};

Baseline fitBaseline(const MachineSeries &m, double until, std::size_t sensors)
{
    Baseline b;
    b.mean.assign(sensors, std::vector<double>(129, 0.0));
    b.scale.assign(sensors, std::vector<double>(129, 0.0));
    for (std::size_t s = 0; s < sensors; ++s) {
        std::vector<double> n(129, 0), sum(129, 0), sq(129, 0);
        for (std::size_t r = 0; r < m.rows() && m.time[r] <= until; ++r) {
            const float v = m.values[s][r];
            if (isMissing(v))
                continue;
            const int g = m.regime.empty() || m.regime[r] < 0 ? -1 : m.regime[r];
            for (int slot = 0; slot <= g + 1; slot += std::max(1, g + 1)) { // 0, and the regime's
                n[slot] += 1;
                sum[slot] += v;
                sq[slot] += double(v) * v;
            }
        }
        for (int slot = 0; slot < 129; ++slot) {
            if (n[slot] == 0) {
                b.mean[s][slot] = slot == 0 ? 0.0 : kInf; // kInf: use the machine-wide figure
                b.scale[s][slot] = 1.0;
                continue;
            }
            const double mean = sum[slot] / n[slot];
            const double sd = std::sqrt(std::max(0.0, sq[slot] / n[slot] - mean * mean));
            b.mean[s][slot] = mean;
            b.scale[s][slot] = sd > 1e-6 * std::max(1.0, std::abs(mean)) ? sd : 1.0;
        }
    }
    return b;
}

double zScore(const Baseline &b, std::size_t s, int regime, float v)
{
    int slot = regime < 0 ? 0 : regime + 1;
    if (std::isinf(b.mean[s][slot]))
        slot = 0;
    return (v - b.mean[s][slot]) / b.scale[s][slot];
}

struct MachineEvents
{
    std::vector<double> failure_time;
    std::vector<int> failure_mode;
    std::vector<std::pair<double, double>> down; // (failure, end of repair]
};

MachineEvents eventsOf(const Fleet &fleet, int machine)
{
    MachineEvents e;
    for (const FailureEvent &f : fleet.failures)
        if (f.machine == machine) {
            e.failure_time.push_back(f.time);
            e.failure_mode.push_back(f.mode);
        }
    std::vector<std::size_t> order(e.failure_time.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return e.failure_time[a] < e.failure_time[b]; });
    MachineEvents sorted;
    for (std::size_t i : order) {
        sorted.failure_time.push_back(e.failure_time[i]);
        sorted.failure_mode.push_back(e.failure_mode[i]);
    }
    const double hour = fleet.time_unit == TimeUnit::Seconds ? 3600.0 : 0.0;
    for (double f : sorted.failure_time) {
        double repaired = -kInf;
        for (const MaintenanceEvent &m : fleet.maintenance)
            if (m.machine == machine && m.time >= f
                && (repaired == -kInf || m.time + m.downtime_hours * hour < repaired))
                repaired = m.time + m.downtime_hours * hour;
        if (repaired > f)
            sorted.down.emplace_back(f, repaired);
    }
    return sorted;
}

void checkFleet(const Fleet &fleet)
{
    if (fleet.machines.empty())
        throw std::runtime_error("the fleet has no machines");
    if (fleet.sensors.empty())
        throw std::runtime_error("the fleet has no sensors");
    for (const MachineSeries &m : fleet.machines) {
        if (m.values.size() != fleet.sensors.size())
            throw std::runtime_error("machine '" + m.name + "' has " + std::to_string(m.values.size())
                                     + " sensor columns, the fleet " + std::to_string(fleet.sensors.size()));
        for (std::size_t s = 0; s < m.values.size(); ++s)
            if (m.values[s].size() != m.rows())
                throw std::runtime_error("machine '" + m.name + "': sensor '" + fleet.sensors[s] + "' has "
                                         + std::to_string(m.values[s].size()) + " readings for "
                                         + std::to_string(m.rows()) + " rows");
        if (!m.regime.empty() && m.regime.size() != m.rows())
            throw std::runtime_error("machine '" + m.name + "' has regimes for " + std::to_string(m.regime.size())
                                     + " of its " + std::to_string(m.rows()) + " rows");
        for (std::size_t r = 0; r < m.rows(); ++r)
            if (!std::isfinite(m.time[r]) || (r > 0 && m.time[r] <= m.time[r - 1]))
                throw std::runtime_error("machine '" + m.name + "': row " + std::to_string(r + 1) + " (time "
                                         + shortNumber(m.time[r]) + ") is not after the row before it");
    }
    for (const FailureEvent &f : fleet.failures)
        if (f.machine < 0 || std::size_t(f.machine) >= fleet.machines.size() || f.mode < 0
            || std::size_t(f.mode) >= fleet.failure_modes.size())
            throw std::runtime_error("a failure at time " + shortNumber(f.time) + " names machine "
                                     + std::to_string(f.machine) + " or mode " + std::to_string(f.mode)
                                     + ", which the fleet does not have");
}

std::vector<Split> dealMachines(const Fleet &fleet, const MachineEvents *events, const WindowOptions &o)
{
    const std::size_t n = fleet.machines.size();
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const bool fa = !events[a].failure_time.empty(), fb = !events[b].failure_time.empty();
        if (fa != fb)
            return fa;
        const auto ha = nameHash(o.seed, fleet.machines[a].name), hb = nameHash(o.seed, fleet.machines[b].name);
        return ha != hb ? ha < hb : fleet.machines[a].name < fleet.machines[b].name;
    });
    // Dealt like a line drawn through the list: each split gets its share of the machines
    // that failed and of those that did not.
    std::vector<Split> split(n, Split::Train);
    double test = 0.5, validation = 0.5;
    for (std::size_t p = 0; p < n; ++p) {
        test += o.test_share;
        validation += o.validation_share;
        if (test >= 1) {
            split[order[p]] = Split::Test;
            test -= 1;
        } else if (validation >= 1) {
            split[order[p]] = Split::Validation;
            validation -= 1;
        }
    }
    if (std::none_of(split.begin(), split.end(), [](Split s) { return s == Split::Train; }))
        throw std::runtime_error(std::to_string(n) + " machines leave none for training with validation share "
                                 + shortNumber(o.validation_share) + " and test share " + shortNumber(o.test_share));
    return split;
}

} // namespace

Windows makeWindows(const Fleet &fleet, const WindowOptions &options)
{
    validateWindowOptions(options);
    checkFleet(fleet);
    Windows w;
    w.options = options;
    w.time_unit = fleet.time_unit;
    WindowOptions &o = w.options;
    if (o.stats == StepStats::Auto)
        o.stats = fleet.time_unit == TimeUnit::Cycles ? StepStats::Mean : StepStats::Full;
    double tmin = kInf, tmax = -kInf;
    for (const MachineSeries &m : fleet.machines)
        if (m.rows() > 0) {
            tmin = std::min(tmin, m.time.front());
            tmax = std::max(tmax, m.time.back());
        }
    if (!(tmin <= tmax))
        throw std::runtime_error("the fleet has no readings");
    if (std::isnan(o.test_from))
        o.test_from = fleet.time_unit == TimeUnit::Cycles ? kInf : tmin + 0.75 * (tmax - tmin);

    const std::size_t sensors = fleet.sensors.size();
    const int per_sensor = o.stats == StepStats::Mean ? 2 : 4;
    w.history = o.history;
    w.features = int(sensors) * per_sensor;
    for (const std::string &s : fleet.sensors) {
        w.feature_names.push_back(s + ".mean");
        if (per_sensor == 4) {
            w.feature_names.push_back(s + ".std");
            w.feature_names.push_back(s + ".max");
        }
        w.feature_names.push_back(s + ".missing");
    }
    w.failure_modes = fleet.failure_modes;
    const double origin = std::ceil(tmin / o.step) * o.step - o.step;
    const long grid = std::max(1L, long(std::ceil((tmax - origin) / o.step)));
    auto stepOf = [&](double t) { return std::clamp(long(std::ceil((t - origin) / o.step)) - 1, 0L, grid - 1); };

    std::vector<MachineEvents> events;
    for (std::size_t m = 0; m < fleet.machines.size(); ++m)
        events.push_back(eventsOf(fleet, int(m)));
    w.machine_split = dealMachines(fleet, events.data(), o);

    const std::size_t F = std::size_t(w.features);
    std::vector<double> fsum(F, 0), fsq(F, 0), fn(F, 0);
    for (std::size_t mi = 0; mi < fleet.machines.size(); ++mi) {
        const MachineSeries &m = fleet.machines[mi];
        w.machine_names.push_back(m.name);
        MachineSteps ms;
        ms.end_time.resize(std::size_t(grid));
        for (long j = 0; j < grid; ++j)
            ms.end_time[std::size_t(j)] = origin + double(j + 1) * o.step;
        ms.values.assign(std::size_t(grid) * F, kMissing);
        if (m.rows() == 0) {
            w.steps.push_back(std::move(ms));
            continue;
        }
        const double baseline_end = m.time.front() + o.baseline;
        const Baseline b = o.baseline > 0 ? fitBaseline(m, baseline_end, sensors) : Baseline{};
        // Per step and sensor: rows, readings, sum, sum of squares, maximum.
        std::vector<double> rows(std::size_t(grid), 0), n(std::size_t(grid) * sensors, 0),
            sum(std::size_t(grid) * sensors, 0), sq(std::size_t(grid) * sensors, 0),
            mx(std::size_t(grid) * sensors, -kInf);
        for (std::size_t r = 0; r < m.rows(); ++r) {
            const std::size_t j = std::size_t(stepOf(m.time[r]));
            rows[j] += 1;
            const int regime = m.regime.empty() ? -1 : m.regime[r];
            for (std::size_t s = 0; s < sensors; ++s) {
                const float v = m.values[s][r];
                if (isMissing(v))
                    continue;
                const double z = o.baseline > 0 ? zScore(b, s, regime, v) : double(v);
                const std::size_t k = j * sensors + s;
                n[k] += 1;
                sum[k] += z;
                sq[k] += z * z;
                mx[k] = std::max(mx[k], z);
            }
        }
        const long first = stepOf(m.time.front()), last = stepOf(m.time.back());
        for (long j = first; j <= last; ++j) {
            float *out = &ms.values[std::size_t(j) * F];
            for (std::size_t s = 0; s < sensors; ++s) {
                const std::size_t k = std::size_t(j) * sensors + s;
                float *f = out + s * std::size_t(per_sensor);
                f[per_sensor - 1] = rows[std::size_t(j)] > 0 ? float(1.0 - n[k] / rows[std::size_t(j)]) : 1.0f;
                if (n[k] == 0)
                    continue;
                const double mean = sum[k] / n[k];
                f[0] = float(mean);
                if (per_sensor == 4) {
                    f[1] = float(std::sqrt(std::max(0.0, sq[k] / n[k] - mean * mean)));
                    f[2] = float(mx[k]);
                }
            }
        }

        // The windows of this machine.
        const MachineEvents &e = events[mi];
        const Split ms_split = w.machine_split[mi];
        const bool held_before_cut = ms_split != Split::Test;
        const double known_until = held_before_cut ? std::min(m.time.back(), o.test_from) : m.time.back();
        for (long j = first + o.history - 1; j <= last; j += o.stride) {
            const double t = ms.end_time[std::size_t(j)];
            if (t < baseline_end && o.baseline > 0)
                continue;
            // Without a cut (+inf, fleets in cycles) the test machines' windows are all test windows.
            if (held_before_cut ? t + o.horizon > o.test_from : std::isfinite(o.test_from) && t < o.test_from)
                continue;
            if (std::any_of(e.down.begin(), e.down.end(), [&](auto d) { return t > d.first && t <= d.second; }))
                continue;
            const auto next = std::lower_bound(e.failure_time.begin(), e.failure_time.end(), t);
            const bool failure_known = next != e.failure_time.end() && (!held_before_cut || *next <= o.test_from);
            if (!failure_known && t + o.horizon > known_until)
                continue; // the data cannot say whether it fails within the horizon
            for (std::size_t k = 0; k < fleet.failure_modes.size(); ++k) {
                bool fails = false;
                for (auto it = next; it != e.failure_time.end() && *it <= t + o.horizon; ++it)
                    fails = fails || e.failure_mode[std::size_t(it - e.failure_time.begin())] == int(k);
                w.failure.push_back(fails ? 1 : 0);
            }
            const double rul = failure_known ? *next - t : known_until - t;
            w.rul.push_back(float(std::min(rul, o.rul_cap)));
            w.rul_observed.push_back(failure_known || rul >= o.rul_cap ? 1 : 0);
            w.machine.push_back(std::int32_t(mi));
            w.end_step.push_back(std::int32_t(j));
            w.time.push_back(t);
            w.split.push_back(ms_split);
        }
        // Feature statistics: the training machines' steps before the cut.
        if (ms_split == Split::Train)
            for (long j = first; j <= last && ms.end_time[std::size_t(j)] <= o.test_from; ++j) {
                if (o.baseline > 0 && ms.end_time[std::size_t(j)] < baseline_end)
                    continue;
                for (std::size_t f = 0; f < F; ++f) {
                    const float v = ms.values[std::size_t(j) * F + f];
                    if (isMissing(v))
                        continue;
                    fn[f] += 1;
                    fsum[f] += v;
                    fsq[f] += double(v) * v;
                }
            }
        w.steps.push_back(std::move(ms));
    }
    w.feature_mean.assign(F, 0.0f);
    w.feature_scale.assign(F, 1.0f);
    for (std::size_t f = 0; f < F; ++f) {
        if (fn[f] == 0)
            continue;
        const double mean = fsum[f] / fn[f];
        const double sd = std::sqrt(std::max(0.0, fsq[f] / fn[f] - mean * mean));
        w.feature_mean[f] = float(mean);
        w.feature_scale[f] = sd > 1e-6 ? float(sd) : 1.0f;
    }
    return w;
}

} // namespace seekbench::pdm
