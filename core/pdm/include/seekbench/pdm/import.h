#pragma once

// Reading a fleet's real sensor logs, maintenance log and failure log from CSV. The rules
// are the AML import's (seekbench/aml/csv_import.h): the header names the columns, in any
// order, and an unknown or repeated column is an error; every bad line is reported with its
// file, line number, a reason naming the column and the value (control characters and bad
// bytes escaped) and its raw text, and the good lines around it are kept. Nothing in a
// field is ever evaluated: `=cmd()` is a value that is not a number. Files are read line by
// line; a line over kMaxLineBytes is a bad line, and memory grows with the readings kept,
// not with the file's line lengths.
//
// Sensor readings come in two layouts:
//   long: machine,time,sensor,value[,regime]   one reading a line
//   wide: machine,time[,regime],<sensor>...    one row a line, a column per sensor
// time: ISO 8601 in UTC or seconds since the epoch (seekbench/text/timestamp.h); value:
// a finite number, or empty, NaN or NA for a reading that was not taken (kept as kMissing);
// regime: an integer 0..127 or empty (unknown, -1). Machines are named as in the file and
// kept in first-seen order; each machine's distinct times become its rows, ascending; a
// sensor not read at a row is kMissing there. The same reading (machine, time, sensor) given
// twice with different values makes the later line bad ("conflicts with line N").

#include "seekbench/pdm/fleet.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace seekbench::pdm {

inline constexpr std::size_t kMaxLineBytes = std::size_t(1) << 20; // 1 MiB
inline constexpr std::size_t kMaxSensorColumns = 4096;

struct BadLine
{
    std::string file;      // as given to the reader
    std::int64_t line = 0; // 1-based line in the file
    std::string reason;    // "value: '=cmd()' is not a number"; printable UTF-8
    std::string text;      // the raw line (its first 1 KiB when it is over kMaxLineBytes)
};

struct FleetImport
{
    Fleet fleet; // the good lines' readings
    std::vector<BadLine> bad;
    std::int64_t lines = 0; // data lines read (header and blank lines excluded)
    std::string error;      // non-empty: the file could not be read at all (missing, not a regular
                            // file, no or a bad header) or has no data line; names the file
};

enum class FleetCsvLayout { Long, Wide };

// The layout a header line names: Long when it has a `sensor` or a `value` column, else
// Wide. Only the column names are looked at; the readers check the rest.
FleetCsvLayout detectFleetCsvLayout(const std::string &headerLine);

// `file` names the input in bad lines and errors. Without a layout, the header's is used.
FleetImport parseFleetCsv(std::istream &in, const std::string &file);
FleetImport parseFleetCsv(std::istream &in, FleetCsvLayout layout, const std::string &file);
// Reads `path` in the layout its header names, or in `layout`.
FleetImport readFleetCsv(const std::filesystem::path &path);
FleetImport readFleetCsv(const std::filesystem::path &path, FleetCsvLayout layout);

// What merging a maintenance or failure log into a fleet did.
struct LogImport
{
    std::vector<BadLine> bad;
    std::int64_t lines = 0;  // data lines read
    std::int64_t events = 0; // events added to the fleet
    std::string error;       // non-empty: nothing was read, and the fleet is unchanged
};

// Maintenance log: machine,time,kind[,mode][,downtime_hours], any order. kind: scheduled or
// corrective; mode: a failure mode's name, empty for all (-1); downtime_hours: a number >= 0,
// empty for 0. Failure log: machine,time,mode. Both merge into `fleet`: a machine must be
// one of its machines (else the line is bad), a new failure mode is appended to
// fleet.failure_modes, and the events stay sorted by (machine, time). time is in the
// fleet's unit: a timestamp for Seconds, a number of cycles for Cycles.
LogImport parseMaintenanceCsv(std::istream &in, const std::string &file, Fleet &fleet);
LogImport readMaintenanceCsv(const std::filesystem::path &path, Fleet &fleet);
LogImport parseFailureCsv(std::istream &in, const std::string &file, Fleet &fleet);
LogImport readFailureCsv(const std::filesystem::path &path, Fleet &fleet);

// The refused lines as CSV (file,line,reason,text), for the user to mend and import again.
// False when the file cannot be written.
bool writeBadLines(const std::filesystem::path &path, const std::vector<BadLine> &bad);

} // namespace seekbench::pdm
