#include "seekbench/projects/pdm_fleets.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "sha256.h"

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>

namespace seekbench::projects {

namespace fs = std::filesystem;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

constexpr const char *kColumns
    = "SELECT id, name, path, source, origin, time_unit, machines, rows, sensors, failures, maintenance, "
      "bad_lines, quarantine, bytes, sha256, created_at, command FROM pdm_fleets ";

// The stored path is not trusted: a fleet's file is always datasets/fleets/<name>.sbfleet of
// this project (a changed row cannot point a reader outside the project). A name that
// could not have been stored gives an empty path, which no reader opens.
FleetRecord readRecord(sql::Statement &st, const Project &project)
{
    FleetRecord r;
    r.id = st.int64(0);
    r.name = st.text(1);
    r.path = fleetNameProblem(r.name).empty()
                 ? fleetFilePath(project, r.name).lexically_relative(project.dir()).generic_string()
                 : std::string();
    r.source = st.text(3);
    r.origin = st.text(4);
    r.time_unit = st.text(5);
    r.machines = st.int64(6);
    r.rows = st.int64(7);
    r.sensors = st.int64(8);
    r.failures = st.int64(9);
    r.maintenance = st.int64(10);
    r.bad_lines = st.int64(11);
    r.quarantine = st.text(12);
    r.bytes = st.int64(13);
    r.sha256 = st.text(14);
    r.created_at = st.real(15);
    r.command = st.text(16);
    return r;
}

} // namespace

std::string fleetNameProblem(const std::string &name)
{
    bool ok = !name.empty() && name.size() <= 64;
    for (char c : name)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    return ok ? std::string() : "fleet name '" + name + "': only letters, digits, '-' and '_', 1 to 64 of them";
}

fs::path fleetFilePath(const Project &project, const std::string &name)
{
    if (const std::string problem = fleetNameProblem(name); !problem.empty())
        throw std::invalid_argument(problem);
    return project.layout().datasetsDir() / "fleets" / (name + ".sbfleet");
}

struct FleetStore::Impl
{
    const Project &project;
    sql::Database db;
};

FleetStore::FleetStore(const Project &project, bool readOnly) : d(new Impl{project, {}})
{
    d->db = openConnection(project, readOnly);
}

FleetStore::~FleetStore() = default;

FleetRecord FleetStore::add(FleetRecord r)
{
    const fs::path file = fleetFilePath(d->project, r.name);
    r.path = fs::relative(file, d->project.dir()).generic_string();
    r.sha256 = sha256File(file, &r.bytes);
    if (r.created_at <= 0)
        r.created_at = now();
    sql::withWriteTransaction(d->db, [&] {
        d->db.prepare("DELETE FROM pdm_fleets WHERE name = ?").bind(1, r.name).run();
        auto st = d->db.prepare(
            "INSERT INTO pdm_fleets(name, path, source, origin, time_unit, machines, rows, sensors, failures, "
            "maintenance, bad_lines, quarantine, bytes, sha256, created_at, command) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        st.bind(1, r.name)
            .bind(2, r.path)
            .bind(3, r.source)
            .bind(4, r.origin)
            .bind(5, r.time_unit)
            .bind(6, r.machines)
            .bind(7, r.rows)
            .bind(8, r.sensors)
            .bind(9, r.failures)
            .bind(10, r.maintenance)
            .bind(11, r.bad_lines)
            .bind(12, r.quarantine)
            .bind(13, r.bytes)
            .bind(14, r.sha256)
            .bind(15, r.created_at)
            .bind(16, r.command)
            .run();
        r.id = d->db.lastInsertRowid();
    });
    return r;
}

std::vector<FleetRecord> FleetStore::fleets()
{
    auto st = d->db.prepare(std::string(kColumns) + "ORDER BY created_at, id");
    std::vector<FleetRecord> out;
    while (st.step())
        out.push_back(readRecord(st, d->project));
    return out;
}

std::optional<FleetRecord> FleetStore::find(const std::string &name)
{
    auto st = d->db.prepare(std::string(kColumns) + "WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return readRecord(st, d->project);
}

bool FleetStore::remove(const std::string &name)
{
    const auto r = find(name);
    if (!r)
        return false;
    sql::withWriteTransaction(d->db, [&] { d->db.prepare("DELETE FROM pdm_fleets WHERE id = ?").bind(1, r->id).run(); });
    std::error_code ec;
    fs::remove(fleetFilePath(d->project, name), ec);
    return true;
}

FleetFileState fleetFileState(const Project &project, const FleetRecord &r)
{
    const fs::path file = project.dir() / r.path;
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    const auto modified = fs::last_write_time(file, ec);
    if (ec)
        return FleetFileState::Missing;
    if (std::int64_t(size) != r.bytes)
        return FleetFileState::Changed;
    // Hashing a fleet file takes seconds (a 40-machine, 4-month fleet is 230 MB), and every
    // machine opened asks again: the hash is kept per file while its size and time stay.
    struct Hashed
    {
        std::uintmax_t size;
        fs::file_time_type modified;
        std::string sha256;
    };
    static std::mutex mutex;
    static std::map<std::string, Hashed> hashed;
    const std::string key = fs::absolute(file).lexically_normal().string();
    {
        const std::lock_guard<std::mutex> lock(mutex);
        const auto it = hashed.find(key);
        if (it != hashed.end() && it->second.size == size && it->second.modified == modified)
            return it->second.sha256 == r.sha256 ? FleetFileState::Present : FleetFileState::Changed;
    }
    try {
        const std::string sha = sha256File(file);
        const std::lock_guard<std::mutex> lock(mutex);
        hashed[key] = {size, modified, sha};
        return sha == r.sha256 ? FleetFileState::Present : FleetFileState::Changed;
    } catch (const ProjectError &) {
        return FleetFileState::Missing;
    }
}

} // namespace seekbench::projects
