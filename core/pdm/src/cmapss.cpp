#include "seekbench/pdm/cmapss.h"

#include "import_support.h"
#include "seekbench/text/csv_line.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <unordered_map>

namespace seekbench::pdm {
namespace {

// Splits on spaces and tabs; runs of them, leading and trailing ones, separate nothing.
void splitWhitespace(const std::string &line, std::vector<std::string> &tokens)
{
    tokens.clear();
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            ++i;
        if (i > start)
            tokens.push_back(line.substr(start, i - start));
    }
}

// A whole number >= `min` written in decimal digits only; false otherwise.
bool parseWhole(const std::string &text, long long min, long long &value)
{
    if (text.empty() || text.size() > 15)
        return false;
    value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return value >= min;
}

// Reads a C-MAPSS data file into `r` (bad lines, line count, error and the fleet).
void parseCmapss(std::istream &in, const std::string &file, FleetImport &r)
{
    CsvLineReader reader(in, kMaxLineBytes);
    Fleet &fleet = r.fleet;
    fleet.time_unit = TimeUnit::Cycles;
    fleet.sensors = cmapssColumns();
    fleet.failure_modes = {"failure"};
    const std::size_t columns = fleet.sensors.size();
    std::unordered_map<long long, std::size_t> machineOf; // unit -> machine
    std::unordered_map<long long, std::int64_t> lastLineOf;
    long long current = 0;
    std::vector<std::string> tokens;
    std::vector<float> values(columns);
    while (reader.nextLine()) {
        splitWhitespace(reader.line(), tokens);
        if (tokens.size() != std::size_t(kCmapssFields)) {
            reader.reject("expected " + std::to_string(kCmapssFields)
                          + " columns (unit, cycle, 3 settings, 21 sensors), found " + std::to_string(tokens.size()));
            continue;
        }
        long long unit = 0, cycle = 0;
        if (!parseWhole(tokens[0], 1, unit)) {
            reader.reject("unit: " + csvShown(tokens[0]) + " is not a positive integer");
            continue;
        }
        if (!parseWhole(tokens[1], 1, cycle)) {
            reader.reject("cycle: " + csvShown(tokens[1]) + " is not a positive integer");
            continue;
        }
        std::string problem;
        for (std::size_t c = 0; c < columns && problem.empty(); ++c)
            if (!parseFiniteFloat(tokens[c + 2], values[c]))
                problem = fleet.sensors[c] + ": " + csvShown(tokens[c + 2]) + " is not a number";
        const auto known = machineOf.find(unit);
        if (problem.empty() && known != machineOf.end() && unit != current)
            problem = "unit: unit " + std::to_string(unit) + " reappears after unit " + std::to_string(current)
                      + " started (its last line was line " + std::to_string(lastLineOf[unit]) + ")";
        if (problem.empty() && known != machineOf.end() && double(cycle) <= fleet.machines[known->second].time.back())
            problem = "cycle: " + std::to_string(cycle) + " does not follow cycle "
                      + std::to_string(static_cast<long long>(fleet.machines[known->second].time.back())) + " of unit "
                      + std::to_string(unit) + " (cycles must increase)";
        if (!problem.empty()) {
            reader.reject(std::move(problem));
            continue;
        }
        if (known == machineOf.end()) {
            machineOf.emplace(unit, fleet.machines.size());
            MachineSeries series;
            series.name = cmapssUnitName(unit);
            series.values.resize(columns);
            fleet.machines.push_back(std::move(series));
        }
        MachineSeries &series = fleet.machines[machineOf[unit]];
        series.time.push_back(double(cycle));
        for (std::size_t c = 0; c < columns; ++c)
            series.values[c].push_back(values[c]);
        current = unit;
        lastLineOf[unit] = reader.lineNumber();
    }
    r.bad = badLinesOf(reader, file);
    r.lines = reader.lines();
    if (r.lines == 0)
        r.error = file + ": the file is empty: expected lines of " + std::to_string(kCmapssFields)
                  + " numbers (unit, cycle, 3 settings, 21 sensors)";
}

// The RUL file: one whole number a line. "" or the error.
std::string parseRul(std::istream &in, const std::string &file, std::vector<double> &rul)
{
    CsvLineReader reader(in, kMaxLineBytes);
    while (reader.nextLine()) {
        const std::string text = trimSpaces(reader.line());
        long long value = 0;
        if (!parseWhole(text, 0, value))
            return file + ": line " + std::to_string(reader.lineNumber()) + ": " + csvShown(text)
                   + " is not a whole number of cycles";
        rul.push_back(double(value));
    }
    if (!reader.badLines().empty())
        return file + ": line " + std::to_string(reader.badLines().front().line) + ": "
               + reader.badLines().front().reason;
    return {};
}

} // namespace

const std::vector<std::string> &cmapssColumns()
{
    static const std::vector<std::string> columns{"setting_1", "setting_2", "setting_3", "T2",        "T24", "T30",
                                                  "T50",       "P2",        "P15",       "P30",       "Nf",  "Nc",
                                                  "epr",       "Ps30",      "phi",       "NRf",       "NRc", "BPR",
                                                  "farB",      "htBleed",   "Nf_dmd",    "PCNfR_dmd", "W31", "W32"};
    return columns;
}

std::string cmapssUnitName(long long unit) { return "unit " + std::to_string(unit); }

FleetImport parseCmapssTrain(std::istream &in, const std::string &file)
{
    FleetImport r;
    parseCmapss(in, file, r);
    for (std::size_t m = 0; m < r.fleet.machines.size(); ++m)
        r.fleet.failures.push_back({std::int32_t(m), r.fleet.machines[m].time.back(), 0});
    return r;
}

FleetImport readCmapssTrain(const std::filesystem::path &path)
{
    FleetImport r;
    std::ifstream in;
    return openImportFile(path, in, r.error) ? parseCmapssTrain(in, path.string()) : r;
}

CmapssTestImport parseCmapssTest(std::istream &testIn, const std::string &testFile, std::istream &rulIn,
                                 const std::string &rulFile)
{
    CmapssTestImport r;
    parseCmapss(testIn, testFile, r);
    if (!r.error.empty())
        return r;
    if (std::string error = parseRul(rulIn, rulFile, r.rul); !error.empty())
        r.error = std::move(error);
    else if (r.rul.size() != r.fleet.machines.size())
        r.error = rulFile + ": " + std::to_string(r.rul.size()) + " RUL values for the "
                  + std::to_string(r.fleet.machines.size()) + " units of " + testFile;
    if (!r.error.empty())
        r.rul.clear();
    return r;
}

CmapssTestImport readCmapssTest(const std::filesystem::path &testPath, const std::filesystem::path &rulPath)
{
    CmapssTestImport r;
    std::ifstream test, rul;
    if (!openImportFile(testPath, test, r.error) || !openImportFile(rulPath, rul, r.error))
        return r;
    return parseCmapssTest(test, testPath.string(), rul, rulPath.string());
}

} // namespace seekbench::pdm
