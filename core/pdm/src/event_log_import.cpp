#include "seekbench/pdm/import.h"

#include "import_support.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/timestamp.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <unordered_map>

// The maintenance and failure logs (import.h), merged into a fleet read before.

namespace seekbench::pdm {
namespace {

// A finite number >= 0, the whole of `text`.
bool parseNonNegative(const std::string &text, double &value)
{
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v) || v < 0)
        return false;
    value = v;
    return true;
}

// An event's time in the fleet's unit: a timestamp, or a number of cycles.
bool parseEventTime(const std::string &text, TimeUnit unit, double &time)
{
    return unit == TimeUnit::Cycles ? parseNonNegative(text, time) : parseTimestamp(text, time);
}

// Maintenance (`maintenance`) or failure log lines merged into `fleet`.
LogImport parseLog(std::istream &in, const std::string &file, Fleet &fleet, bool maintenance)
{
    LogImport r;
    CsvLineReader csv(in, kMaxLineBytes);
    std::vector<std::string> fields;
    std::string error;
    const std::vector<std::string> known = maintenance ? std::vector<std::string>{"machine", "time", "kind", "mode",
                                                                                  "downtime_hours"}
                                                       : std::vector<std::string>{"machine", "time", "mode"};
    CsvHeader h;
    if (!csv.header(fields, error) && error.empty())
        error = maintenance ? "the file is empty: expected a header line machine,time,kind[,mode][,downtime_hours]"
                            : "the file is empty: expected a header line machine,time,mode";
    if (error.empty())
        error = csvHeaderColumns(fields, known, 3, 0, h);
    if (!error.empty()) {
        r.error = file + ": " + error;
        return r;
    }
    std::unordered_map<std::string, std::int32_t> machines;
    for (std::size_t i = 0; i < fleet.machines.size(); ++i)
        machines.emplace(fleet.machines[i].name, std::int32_t(i));
    const std::size_t maintenanceBefore = fleet.maintenance.size(), failuresBefore = fleet.failures.size();
    while (csv.nextRecord(fields, h.names)) {
        auto field = [&](const std::string &name) {
            const auto k = std::size_t(std::find(known.begin(), known.end(), name) - known.begin());
            return k < known.size() && h.at[k] >= 0 ? fields[std::size_t(h.at[k])] : std::string();
        };
        const std::string machine = field("machine"), timeText = field("time"), mode = field("mode");
        const auto m = machines.find(machine);
        if (m == machines.end()) {
            csv.reject("machine: " + csvShown(machine) + " is not a machine of the fleet");
            continue;
        }
        double time = 0;
        if (!parseEventTime(timeText, fleet.time_unit, time)) {
            csv.reject("time: " + csvShown(timeText)
                       + (fleet.time_unit == TimeUnit::Cycles ? " is not a number of cycles" : kNotATimestamp));
            continue;
        }
        MaintenanceEvent event;
        if (maintenance) {
            const std::string kind = asciiLower(field("kind")), downtime = field("downtime_hours");
            if (kind != "scheduled" && kind != "corrective") {
                csv.reject("kind: " + csvShown(field("kind")) + " is not scheduled or corrective");
                continue;
            }
            event.kind = kind == "scheduled" ? MaintenanceKind::Scheduled : MaintenanceKind::Corrective;
            if (!downtime.empty() && !parseNonNegative(downtime, event.downtime_hours)) {
                csv.reject("downtime_hours: " + csvShown(downtime) + " is not a number of hours >= 0");
                continue;
            }
        }
        if (mode.empty() && !maintenance) {
            csv.reject("mode: empty (a failure names its failure mode)");
            continue;
        }
        if (std::string p = nameProblem("mode", mode); !mode.empty() && !p.empty()) {
            csv.reject(std::move(p));
            continue;
        }
        std::int32_t modeIndex = -1;
        if (!mode.empty()) {
            const auto it = std::find(fleet.failure_modes.begin(), fleet.failure_modes.end(), mode);
            modeIndex = std::int32_t(it - fleet.failure_modes.begin());
            if (it == fleet.failure_modes.end())
                fleet.failure_modes.push_back(mode);
        }
        if (maintenance) {
            event.machine = m->second;
            event.time = time;
            event.mode = modeIndex;
            fleet.maintenance.push_back(event);
        } else {
            fleet.failures.push_back({m->second, time, modeIndex});
        }
    }
    auto byMachineTime = [](const auto &a, const auto &b) {
        return a.machine != b.machine ? a.machine < b.machine : a.time < b.time;
    };
    std::stable_sort(fleet.maintenance.begin(), fleet.maintenance.end(), byMachineTime);
    std::stable_sort(fleet.failures.begin(), fleet.failures.end(), byMachineTime);
    r.events = std::int64_t(fleet.maintenance.size() - maintenanceBefore + fleet.failures.size() - failuresBefore);
    r.bad = badLinesOf(csv, file);
    r.lines = csv.lines();
    return r;
}

} // namespace

LogImport parseMaintenanceCsv(std::istream &in, const std::string &file, Fleet &fleet)
{
    return parseLog(in, file, fleet, true);
}

LogImport readMaintenanceCsv(const std::filesystem::path &path, Fleet &fleet)
{
    LogImport r;
    std::ifstream in;
    return openImportFile(path, in, r.error) ? parseLog(in, path.string(), fleet, true) : r;
}

LogImport parseFailureCsv(std::istream &in, const std::string &file, Fleet &fleet)
{
    return parseLog(in, file, fleet, false);
}

LogImport readFailureCsv(const std::filesystem::path &path, Fleet &fleet)
{
    LogImport r;
    std::ifstream in;
    return openImportFile(path, in, r.error) ? parseLog(in, path.string(), fleet, false) : r;
}

} // namespace seekbench::pdm
