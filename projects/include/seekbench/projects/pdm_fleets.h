#pragma once

// The predictive maintenance scenario's fleets in a project (issue 26). A fleet's readings
// live in its fleet file, datasets/fleets/<name>.sbfleet (seekbench/pdm/fleet_file.h); the
// store records each fleet: where it came from (generated, with its options, or imported,
// with its files), its size, how many lines were refused and where they were kept, and the
// file's size and SHA-256 as written, so a changed or missing file is noticed. Fleet names
// are plain ([A-Za-z0-9_-], 1-64 characters), so a name never leaves datasets/fleets/.
// Every value reaches SQL through bound parameters.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct FleetRecord
{
    std::int64_t id = 0;
    std::string name;
    std::string path;      // relative to the project: datasets/fleets/<name>.sbfleet
    std::string source;    // generated | csv | cmapss_train | cmapss_test
    std::string origin;    // the generator's options as JSON, or the files imported
    std::string time_unit; // seconds | cycles
    std::int64_t machines = 0, rows = 0, sensors = 0, failures = 0, maintenance = 0;
    std::int64_t bad_lines = 0;
    std::string quarantine; // where the refused lines were kept; "" for none
    std::int64_t bytes = 0;
    std::string sha256;
    double created_at = 0;
    std::string command; // the command that made it; "" from the desktop
};

// "" when `name` can name a fleet, else why not ("fleet name 'a/b': only letters, digits,
// '-' and '_', 1 to 64 of them").
std::string fleetNameProblem(const std::string &name);
// datasets/fleets/<name>.sbfleet in the project. Throws std::invalid_argument with
// fleetNameProblem() for a bad name.
std::filesystem::path fleetFilePath(const Project &project, const std::string &name);

class FleetStore
{
public:
    explicit FleetStore(const Project &project, bool readOnly = false);
    ~FleetStore();
    FleetStore(const FleetStore &) = delete;
    FleetStore &operator=(const FleetStore &) = delete;

    // Records the fleet file just written at fleetFilePath(project, r.name): its size and
    // SHA-256 are read back from the disk. A fleet of the same name is replaced. Returns
    // the record as stored. Throws ProjectError when the store cannot be written or the
    // file cannot be read.
    FleetRecord add(FleetRecord r);
    // Oldest first.
    std::vector<FleetRecord> fleets();
    std::optional<FleetRecord> find(const std::string &name);
    // Forgets the record and deletes its file. False when there was none.
    bool remove(const std::string &name);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

enum class FleetFileState { Present, Changed, Missing };
// Compares the file with its record (size first, then SHA-256).
FleetFileState fleetFileState(const Project &project, const FleetRecord &r);

} // namespace seekbench::projects
