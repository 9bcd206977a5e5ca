#pragma once

// NASA's C-MAPSS turbofan engine degradation data (Saxena et al., 2008), the field's
// standard remaining-useful-life benchmark: train_FD00x.txt, test_FD00x.txt and
// RUL_FD00x.txt. A data line is 26 numbers separated by spaces (trailing spaces are
// common): unit, cycle, 3 operational settings and 21 sensors. Units become machines named
// "unit 1", "unit 2", ... (by their number in the file), in file order; each cycle a row; the
// settings and sensors are the fleet's sensor columns (cmapssColumns()); time is in Cycles and
// no regime is given. Bad lines are reported as the CSV importers do (import.h): a wrong
// column count, a token that is not a number (naming its column), a unit that is not a
// positive integer, a cycle that does not increase within its unit, a unit that comes back
// after another one started.

#include "seekbench/pdm/import.h"

#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace seekbench::pdm {

inline constexpr int kCmapssFields = 26; // unit, cycle, 3 settings, 21 sensors

// setting_1..3, then the sensors as the C-MAPSS paper names them: T2, T24, T30, T50, P2,
// P15, P30, Nf, Nc, epr, Ps30, phi, NRf, NRc, BPR, farB, htBleed, Nf_dmd, PCNfR_dmd, W31, W32.
const std::vector<std::string> &cmapssColumns();

// The machine name of unit `unit`: "unit 7".
std::string cmapssUnitName(long long unit);

// A run-to-failure (train) file: every unit fails at its last cycle, a FailureEvent in
// failure mode "failure" (the only mode).
FleetImport parseCmapssTrain(std::istream &in, const std::string &file);
FleetImport readCmapssTrain(const std::filesystem::path &path);

// A test file, whose units stop some cycles before failing, and its RUL file: one integer
// a line, line i the remaining cycles of the i-th unit after its last. No FailureEvents.
struct CmapssTestImport : FleetImport
{
    std::vector<double> rul; // per machine; empty when `error` is set
};

// `rulIn` holds the RUL file's text. A RUL file with a line that is not an integer >= 0, or
// with more or fewer lines than the test file has units, is an error naming both counts.
CmapssTestImport parseCmapssTest(std::istream &testIn, const std::string &testFile, std::istream &rulIn,
                                 const std::string &rulFile);
CmapssTestImport readCmapssTest(const std::filesystem::path &testPath, const std::filesystem::path &rulPath);

} // namespace seekbench::pdm
