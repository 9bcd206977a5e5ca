#pragma once

// The fleet file (.sbfleet): a Fleet on disk, written one machine at a time and read one
// machine at a time, so a 1,000-machine year never has to be in memory.
//
// Layout, little-endian, no padding; a string is a u32 byte length (at most 4096) and
// its UTF-8 bytes:
//
//   header    char[8] "SBFLEET\0" | u32 version (1) | u8 time unit (0 seconds, 1 cycles)
//             | u32 sensor count S (<= 4096) | S strings | u32 failure mode count (<= 1024)
//             | the mode strings | u32 CRC-32C of the header before it
//   machine   char[4] "SBMB" | string name | u64 rows N | u8 has regime (0 or 1)
//   blocks    | f64[N] time | S x f32[N] values, sensor by sensor (NaN = missing, kept
//             bit-exact) | i8[N] regime (when it has one) | u32 CRC-32C of the block before it
//   footer    char[8] "SBFOOT\0\0" | u64 machine count M
//             | M x (string name, u64 block offset, u64 rows, u8 has regime)
//             | u64 maintenance count | each: i32 machine, f64 time, i8 kind, i32 mode,
//               f64 downtime hours | u64 failure count | each: i32 machine, f64 time, i32 mode
//             | u32 CRC-32C of the footer before it
//   trailer   u64 footer offset | u64 footer size | char[8] "SBFLEND\0"   (the last 24 bytes)
//
// The file is untrusted input: every count and size is checked against the file's real
// size before anything is allocated, and each machine block carries its own checksum, so
// damage is reported naming the machine.

#include "seekbench/pdm/fleet.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace seekbench {
class AtomicFile;
}

namespace seekbench::pdm {

constexpr std::uint32_t kFleetFileVersion = 1;

// Writes <path>.tmp and renames it over `path` in finish() after syncing it. A writer
// destroyed, or failing, before finish() removes its temporary file and leaves `path` as it
// was. Every call returns false with a message naming the file after an error; a writer
// that failed once stays failed.
class FleetFileWriter
{
public:
    FleetFileWriter();
    ~FleetFileWriter();
    FleetFileWriter(const FleetFileWriter &) = delete;
    FleetFileWriter &operator=(const FleetFileWriter &) = delete;

    bool open(const std::string &path, TimeUnit timeUnit, const std::vector<std::string> &sensors,
              const std::vector<std::string> &failureModes, std::string &error);
    // One machine: values must hold one column per sensor, each of time.size() rows, and
    // regime be empty or of time.size() rows.
    bool append(const MachineSeries &machine, std::string &error);
    // Writes the machine index and the events, syncs and renames the file into place.
    bool finish(const std::vector<MaintenanceEvent> &maintenance, const std::vector<FailureEvent> &failures,
                std::string &error);

    std::size_t machineCount() const { return m_index.size(); }

private:
    struct IndexEntry
    {
        std::string name;
        std::uint64_t offset, rows;
        bool hasRegime;
    };
    template<typename F>
    bool guarded(std::string &error, F &&f);
    void write(const void *data, std::size_t size, std::uint32_t *crc = nullptr);

    std::unique_ptr<AtomicFile> m_file;
    std::string m_path;
    std::size_t m_sensorCount = 0;
    std::uint64_t m_offset = 0;
    std::vector<IndexEntry> m_index;
};

class FleetFileReader
{
public:
    // Opens the file and reads its header, machine index and events (not the readings).
    // Returns null with `error` naming the file and the problem.
    static std::unique_ptr<FleetFileReader> open(const std::string &path, std::string &error);
    ~FleetFileReader();
    FleetFileReader(const FleetFileReader &) = delete;
    FleetFileReader &operator=(const FleetFileReader &) = delete;

    const std::string &path() const { return m_path; }
    TimeUnit timeUnit() const { return m_timeUnit; }
    const std::vector<std::string> &sensors() const { return m_sensors; }
    const std::vector<std::string> &failureModes() const { return m_failureModes; }
    const std::vector<MaintenanceEvent> &maintenance() const { return m_maintenance; }
    const std::vector<FailureEvent> &failures() const { return m_failures; }

    std::size_t machineCount() const { return m_index.size(); }
    const std::string &machineName(std::size_t i) const { return m_index.at(i).name; }
    std::uint64_t machineRows(std::size_t i) const { return m_index.at(i).rows; }

    // Reads machine i into `out` (replaced) and checks its checksum. Safe to call from
    // several threads at once.
    bool readMachine(std::size_t i, MachineSeries &out, std::string &error) const;
    // Everything in memory. Throws std::runtime_error with readMachine's message.
    Fleet readAll() const;

private:
    struct IndexEntry
    {
        std::string name;
        std::uint64_t offset, rows;
        bool hasRegime;
    };
    FleetFileReader() = default;
    void load();
    std::uint64_t blockSize(const IndexEntry &entry) const;
    [[noreturn]] void diagnoseMissingTrailer(std::uint64_t headerEnd) const;

    std::string m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
    TimeUnit m_timeUnit = TimeUnit::Seconds;
    std::vector<std::string> m_sensors, m_failureModes;
    std::vector<IndexEntry> m_index;
    std::vector<MaintenanceEvent> m_maintenance;
    std::vector<FailureEvent> m_failures;
};

} // namespace seekbench::pdm
