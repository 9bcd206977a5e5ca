#include "seekbench/pdm/import.h"

#include "import_support.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/timestamp.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <unordered_map>

namespace seekbench::pdm {
namespace {

// A reading: a finite float, or missing (empty, NaN, NA). false: not a number.
bool parseReading(const std::string &text, float &value)
{
    const std::string l = asciiLower(text);
    if (l.empty() || l == "nan" || l == "na") {
        value = kMissing;
        return true;
    }
    return parseFiniteFloat(text, value);
}

// -1 for empty; false: not an integer 0..127.
bool parseRegime(const std::string &text, int &regime)
{
    regime = -1;
    if (text.empty())
        return true;
    if (text.size() > 3 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return false;
    regime = std::stoi(text);
    return regime <= 127;
}

bool sameReading(float a, float b) { return (isMissing(a) && isMissing(b)) || a == b; }

std::string readingText(float v)
{
    if (isMissing(v))
        return "missing";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", double(v));
    return buf;
}

// Gathers readings per machine in first-seen order, then lays them out as a Fleet.
class FleetBuilder
{
public:
    int machine(const std::string &name) const
    {
        const auto it = machineIndex_.find(name);
        return it == machineIndex_.end() ? -1 : it->second;
    }
    int sensor(const std::string &name) const
    {
        const auto it = sensorIndex_.find(name);
        return it == sensorIndex_.end() ? -1 : it->second;
    }
    std::size_t sensorCount() const { return sensors_.size(); }

    // "" or why (machine, time, sensor) = value conflicts with an earlier line.
    std::string conflict(const std::string &machineName, double time, const std::string &sensorName, float value) const
    {
        const int m = machine(machineName), s = sensor(sensorName);
        if (m < 0 || s < 0)
            return {};
        const Machine &mb = machines_[std::size_t(m)];
        const auto row = mb.rowOf.find(time);
        if (row == mb.rowOf.end())
            return {};
        const auto cell = mb.cells.find(key(row->second, s));
        if (cell == mb.cells.end() || sameReading(cell->second.value, value))
            return {};
        return readingText(value) + " conflicts with " + readingText(cell->second.value) + " at line "
               + std::to_string(cell->second.line) + " (same machine, time and sensor)";
    }
    // "" or why the regime conflicts with the one an earlier line gave the same row.
    std::string regimeConflict(const std::string &machineName, double time, int regime) const
    {
        const int m = machine(machineName);
        if (m < 0 || regime < 0)
            return {};
        const Machine &mb = machines_[std::size_t(m)];
        const auto row = mb.rowOf.find(time);
        if (row == mb.rowOf.end())
            return {};
        const int had = mb.regime[std::size_t(row->second)];
        if (had < 0 || had == regime)
            return {};
        return std::to_string(regime) + " conflicts with " + std::to_string(had) + " at line "
               + std::to_string(mb.regimeLine[std::size_t(row->second)]);
    }

    void add(const std::string &machineName, double time, int regime, const std::string &sensorName, float value,
             std::int64_t line)
    {
        int m = machine(machineName);
        if (m < 0) {
            m = int(machines_.size());
            machineIndex_.emplace(machineName, m);
            machines_.push_back({machineName, {}, {}, {}, {}, {}});
        }
        int s = sensor(sensorName);
        if (s < 0) {
            s = int(sensors_.size());
            sensorIndex_.emplace(sensorName, s);
            sensors_.push_back(sensorName);
        }
        Machine &mb = machines_[std::size_t(m)];
        auto [row, isNew] = mb.rowOf.emplace(time, std::int32_t(mb.time.size()));
        if (isNew) {
            mb.time.push_back(time);
            mb.regime.push_back(std::int8_t(regime));
            mb.regimeLine.push_back(line);
        } else if (regime >= 0 && mb.regime[std::size_t(row->second)] < 0) {
            mb.regime[std::size_t(row->second)] = std::int8_t(regime);
            mb.regimeLine[std::size_t(row->second)] = line;
        }
        mb.cells.emplace(key(row->second, s), Cell{value, line});
    }

    Fleet build()
    {
        Fleet fleet;
        fleet.time_unit = TimeUnit::Seconds;
        fleet.sensors = sensors_;
        for (Machine &mb : machines_) {
            std::vector<std::int32_t> order(mb.time.size());
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(),
                      [&](auto a, auto b) { return mb.time[std::size_t(a)] < mb.time[std::size_t(b)]; });
            std::vector<std::int32_t> rank(order.size());
            MachineSeries series;
            series.name = mb.name;
            const bool anyRegime = std::any_of(mb.regime.begin(), mb.regime.end(), [](auto r) { return r >= 0; });
            for (std::size_t i = 0; i < order.size(); ++i) {
                rank[std::size_t(order[i])] = std::int32_t(i);
                series.time.push_back(mb.time[std::size_t(order[i])]);
                if (anyRegime)
                    series.regime.push_back(mb.regime[std::size_t(order[i])]);
            }
            series.values.assign(sensors_.size(), std::vector<float>(order.size(), kMissing));
            for (const auto &[k, cell] : mb.cells)
                series.values[std::size_t(k & kSensorMask)][std::size_t(rank[std::size_t(k >> kSensorBits)])]
                    = cell.value;
            mb = Machine{};
            fleet.machines.push_back(std::move(series));
        }
        return fleet;
    }

private:
    static constexpr int kSensorBits = 13; // kMaxSensorColumns fits
    static constexpr std::uint64_t kSensorMask = (std::uint64_t(1) << kSensorBits) - 1;
    static std::uint64_t key(std::int32_t row, int sensor)
    {
        return (std::uint64_t(row) << kSensorBits) | std::uint64_t(sensor);
    }

    struct Cell
    {
        float value;
        std::int64_t line;
    };
    struct Machine
    {
        std::string name;
        std::unordered_map<double, std::int32_t> rowOf; // time -> row, rows in first-seen order
        std::vector<double> time;
        std::vector<std::int8_t> regime;
        std::vector<std::int64_t> regimeLine;
        std::unordered_map<std::uint64_t, Cell> cells; // (row, sensor) -> reading
    };
    std::vector<std::string> sensors_;
    std::unordered_map<std::string, int> sensorIndex_, machineIndex_;
    std::vector<Machine> machines_;
};

FleetCsvLayout layoutOf(const std::vector<std::string> &fields)
{
    for (const auto &f : fields)
        if (const std::string l = asciiLower(trimSpaces(f)); l == "sensor" || l == "value")
            return FleetCsvLayout::Long;
    return FleetCsvLayout::Wide;
}

FleetImport parseFleet(std::istream &in, const FleetCsvLayout *given, const std::string &file)
{
    FleetImport r;
    CsvLineReader csv(in, kMaxLineBytes);
    std::vector<std::string> fields;
    std::string error;
    if (!csv.header(fields, error)) {
        r.error = file + ": "
                  + (error.empty() ? "the file is empty: expected a header line machine,time,sensor,value[,regime] "
                                     "or machine,time[,regime],<sensor>..."
                                   : error);
        return r;
    }
    const FleetCsvLayout layout = given ? *given : layoutOf(fields);
    const bool isLong = layout == FleetCsvLayout::Long;
    enum { Machine, Time, Regime, Sensor, Value };
    CsvHeader h;
    error = isLong ? csvHeaderColumns(fields, {"machine", "time", "regime", "sensor", "value"}, 2, 0, h)
                   : csvHeaderColumns(fields, {"machine", "time", "regime"}, 2, kMaxSensorColumns, h);
    if (error.empty() && !isLong && h.otherColumns.empty())
        error = "line 1: the header names no sensor column";
    if (error.empty() && isLong && (h.at[Sensor] < 0 || h.at[Value] < 0))
        error = std::string("line 1: the header has no '") + (h.at[Sensor] < 0 ? "sensor" : "value") + "' column";
    if (!error.empty()) {
        r.error = file + ": " + error;
        return r;
    }
    FleetBuilder fleet;
    std::vector<float> values;
    while (csv.nextRecord(fields, h.names)) {
        auto field = [&](int k) {
            return h.at[std::size_t(k)] < 0 ? std::string() : fields[std::size_t(h.at[std::size_t(k)])];
        };
        const std::string machine = field(Machine), timeText = field(Time), regimeText = field(Regime);
        double time = 0;
        int regime = -1;
        if (std::string p = nameProblem("machine", machine); !p.empty()) {
            csv.reject(std::move(p));
            continue;
        }
        if (!parseTimestamp(timeText, time)) {
            csv.reject("time: " + csvShown(timeText) + kNotATimestamp);
            continue;
        }
        if (!parseRegime(regimeText, regime)) {
            csv.reject("regime: " + csvShown(regimeText) + " is not an integer 0..127");
            continue;
        }
        if (std::string c = fleet.regimeConflict(machine, time, regime); !c.empty()) {
            csv.reject("regime: " + c);
            continue;
        }
        // The line's (sensor, value) pairs: one in the long layout, a column each in the wide.
        std::vector<const std::string *> sensors;
        if (isLong) {
            sensors.push_back(&fields[std::size_t(h.at[Sensor])]);
            if (std::string p = nameProblem("sensor", *sensors[0]); !p.empty()) {
                csv.reject(std::move(p));
                continue;
            }
            if (fleet.sensor(*sensors[0]) < 0 && fleet.sensorCount() == kMaxSensorColumns) {
                csv.reject("sensor: " + csvShown(*sensors[0]) + " would be sensor "
                           + std::to_string(kMaxSensorColumns + 1) + ", more than the "
                           + std::to_string(kMaxSensorColumns) + " allowed");
                continue;
            }
        } else {
            for (int c : h.otherColumns)
                sensors.push_back(&h.names[std::size_t(c)]);
        }
        std::string problem;
        values.assign(sensors.size(), kMissing);
        for (std::size_t i = 0; i < sensors.size() && problem.empty(); ++i) {
            const std::string &text = fields[std::size_t(isLong ? h.at[Value] : h.otherColumns[i])];
            const std::string column = isLong ? "value" : *sensors[i];
            if (!parseReading(text, values[i]))
                problem = column + ": " + csvShown(text) + " is not a number";
            else if (std::string c = fleet.conflict(machine, time, *sensors[i], values[i]); !c.empty())
                problem = column + ": " + c;
        }
        if (!problem.empty()) {
            csv.reject(std::move(problem));
            continue;
        }
        for (std::size_t i = 0; i < sensors.size(); ++i)
            fleet.add(machine, time, regime, *sensors[i], values[i], csv.lineNumber());
    }
    r.fleet = fleet.build();
    r.bad = badLinesOf(csv, file);
    r.lines = csv.lines();
    if (r.lines == 0)
        r.error = file + ": the file has a header but no readings";
    return r;
}

} // namespace

FleetCsvLayout detectFleetCsvLayout(const std::string &headerLine)
{
    std::vector<std::string> fields;
    splitCsvLine(headerLine, fields);
    return layoutOf(fields);
}

FleetImport parseFleetCsv(std::istream &in, const std::string &file) { return parseFleet(in, nullptr, file); }

FleetImport parseFleetCsv(std::istream &in, FleetCsvLayout layout, const std::string &file)
{
    return parseFleet(in, &layout, file);
}

FleetImport readFleetCsv(const std::filesystem::path &path)
{
    FleetImport r;
    std::ifstream in;
    return openImportFile(path, in, r.error) ? parseFleet(in, nullptr, path.string()) : r;
}

FleetImport readFleetCsv(const std::filesystem::path &path, FleetCsvLayout layout)
{
    FleetImport r;
    std::ifstream in;
    return openImportFile(path, in, r.error) ? parseFleet(in, &layout, path.string()) : r;
}

bool writeBadLines(const std::filesystem::path &path, const std::vector<BadLine> &bad)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "file,line,reason,text\n";
    for (const BadLine &b : bad)
        out << csvQuoted(b.file) << ',' << b.line << ',' << csvQuoted(b.reason) << ',' << csvQuoted(b.text) << '\n';
    out.flush();
    return bool(out);
}

} // namespace seekbench::pdm
