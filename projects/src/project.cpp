#include "seekbench/projects/project.h"

#include "connection.h"
#include "project_lock.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/schema.h"
#include "sql.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <thread>

#include <stdlib.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace seekbench::projects {

namespace {

using Kind = ProjectError::Kind;

// The database and the files SQLite keeps beside it (WAL mode, and the rollback journal
// of segment mode).
const char *kSideFiles[] = {"", "-wal", "-shm", "-journal"};

// Whether this process can write the project: the folder (new runs, the store's side
// files) and the store with its -wal/-shm when they exist. access() also reports a
// read-only mount (EROFS) and an immutable file, which bind root as well.
bool projectWritable(const fs::path &dir)
{
    if (::access(dir.c_str(), W_OK) != 0)
        return false;
    const std::string db = (dir / Project::kDatabaseFile).string();
    for (const char *suffix : {"", "-wal", "-shm"}) {
        const std::string file = db + suffix;
        if (::access(file.c_str(), F_OK) == 0 && ::access(file.c_str(), W_OK) != 0)
            return false;
    }
    return true;
}

std::string recoveryHint(const fs::path &dir)
{
    return "It was not modified. To recover, run `seekbench-cli project recover " + dir.string()
           + "`: it moves the file aside (seekbench.db.damaged-<time>) and salvages what SQLite "
             "can still read into a fresh store.";
}

// A private copy of the database and its WAL files. Opening a WAL database replays its
// log into the main file, so every check opens the copy, never the original.
class CheckCopy
{
public:
    explicit CheckCopy(const fs::path &db)
    {
        char templ[] = "/tmp/seekbench-check-XXXXXX";
        if (const char *t = std::getenv("TMPDIR"); t && *t) {
            m_base = fs::path(t) / "seekbench-check-XXXXXX";
        } else {
            m_base = templ;
        }
        std::string buf = m_base.string();
        if (!::mkdtemp(buf.data()))
            throw ProjectError(Kind::Io, "cannot create a temporary folder to check " + db.string());
        m_dir = buf;
        // The WAL first: a frame appended while the main file is copied is still in it.
        for (const char *suffix : {"-wal", "-shm", "-journal", ""}) {
            const fs::path from = db.string() + suffix;
            std::error_code ec;
            if (fs::exists(from, ec))
                fs::copy_file(from, m_dir / (std::string("check.db") + suffix), ec);
        }
    }
    ~CheckCopy()
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    fs::path db() const { return m_dir / "check.db"; }

private:
    fs::path m_base;
    fs::path m_dir;
};

ProjectError newerSchema(const fs::path &dbFile, int version)
{
    return ProjectError(Kind::NewerSchema,
                        "the run store " + dbFile.string() + " has schema version " + std::to_string(version)
                            + ", newer than this build of Seekbench knows (" + std::to_string(Schema::kLatest)
                            + "); open the project with a newer Seekbench");
}

// Checks the database on a copy. Returns its schema version. `deep` runs the full
// integrity_check; otherwise quick_check runs on stores up to 64 MB and larger ones get
// the structural checks only, so that opening a big project stays fast.
int checkDatabase(const fs::path &dir, bool deep, bool writeProtected = false)
{
    const fs::path dbFile = dir / Project::kDatabaseFile;
    std::error_code ec;
    if (!fs::exists(dbFile, ec))
        throw ProjectError(Kind::DamagedDatabase, "the run store " + dbFile.string()
                                                      + " is missing. To start a fresh one, run "
                                                        "`seekbench-cli project recover "
                                                      + dir.string() + "`.");
    if (sql::Database::openInThisProcess(dbFile.string())) {
        // This process already has the store open, so it was checked when it was opened,
        // and SQLite holds POSIX locks on its files. Reading the header or copying the
        // files with plain I/O would close descriptors of them, which drops those locks
        // (another process could then write under a live connection). Ask SQLite, whose
        // connections in one process share their locks.
        try {
            sql::Database db(dbFile.string(), SQLITE_OPEN_READONLY);
            // Another connection of this process may be writing (a save on a worker
            // thread): wait for it as every connection does, and never call a lock damage.
            db.setBusyTimeout(kBusyTimeoutMs);
            const int version = db.userVersion();
            if (version > Schema::kLatest)
                throw newerSchema(dbFile, version);
            return version;
        } catch (const sql::SqlError &e) {
            if (e.isBusy())
                throw ProjectError(Kind::Database, "the run store " + dbFile.string() + " stayed busy for "
                                                       + std::to_string(kBusyTimeoutMs / 1000)
                                                       + " s; try again when its writer is done (" + e.what() + ")");
            throw ProjectError(Kind::DamagedDatabase, "the run store " + dbFile.string() + " is damaged (" + e.what()
                                                          + "). " + recoveryHint(dir));
        }
    }
    if (Schema::versionInHeader(dbFile) < 0)
        throw ProjectError(Kind::DamagedDatabase, "the run store " + dbFile.string()
                                                      + " is damaged: it is not a SQLite database. "
                                                      + recoveryHint(dir));
    std::string problem;
    // A large store with no pending WAL content has no log to replay: a read-only
    // connection to the original reads without writing, so opening a big project does
    // not copy it. Everything else is checked on a copy.
    const std::uintmax_t walBytes = fs::exists(dbFile.string() + "-wal", ec)
                                        ? fs::file_size(dbFile.string() + "-wal", ec)
                                        : 0;
    const bool big = fs::file_size(dbFile, ec) > 64u * 1024 * 1024;
    const bool hotJournal = fs::exists(dbFile.string() + "-journal", ec);
    const bool inPlace = !deep && big && walBytes == 0 && !hotJournal;
    // A copy taken while other processes write may catch a page mid-checkpoint: damage
    // that does not survive a second copy was such a race, not a damaged file.
    for (int attempt = 0; attempt < 3; ++attempt) {
        problem.clear();
        // Only the first try reads in place; any doubt is settled on a copy.
        const bool here = inPlace && attempt == 0;
        std::unique_ptr<CheckCopy> copy;
        if (!here)
            copy = std::make_unique<CheckCopy>(dbFile);
        try {
            sql::Database db = here && writeProtected
                                   ? openWriteProtected(dbFile)
                                   : sql::Database(here ? dbFile.string() : copy->db().string(),
                                                   here ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
            const int version = db.userVersion();
            if (version > Schema::kLatest)
                throw newerSchema(dbFile, version);
            if (version < 1) {
                problem = "it holds no Seekbench schema (user_version 0)";
                break;
            }
            auto tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name "
                                     "IN ('runs', 'curves', 'metrics', 'events', 'artifacts')");
            tables.step();
            if (tables.int32(0) != 5) {
                tables.reset();
                problem = "tables of the run store are missing";
                break;
            }
            tables.reset();
            if (deep || !big) {
                auto check = db.prepare(deep ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)");
                std::string report;
                while (check.step()) {
                    const auto line = check.text(0);
                    if (line != "ok")
                        report += (report.empty() ? "" : "; ") + line;
                }
                if (!report.empty())
                    problem = report;
            } else {
                db.exec("SELECT count(*) FROM runs");
            }
            if (problem.empty())
                return version;
        } catch (const sql::SqlError &e) {
            problem = e.what();
            // SQLite names the file it read: the private copy's temporary path means
            // nothing to a user, the store's own path does.
            if (copy)
                for (std::size_t at = problem.find(copy->db().string()); at != std::string::npos;
                     at = problem.find(copy->db().string(), at + dbFile.string().size()))
                    problem.replace(at, copy->db().string().size(), dbFile.string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw ProjectError(Kind::DamagedDatabase,
                       "the run store " + dbFile.string() + " is damaged (" + problem + "). " + recoveryHint(dir));
}

void loadManifestOrThrow(const fs::path &dir, ProjectManifest &manifest)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw ProjectError(Kind::NotAProject, dir.string() + " does not exist");
    if (!fs::is_directory(dir, ec))
        throw ProjectError(Kind::NotAProject, dir.string() + " is not a folder");
    const fs::path file = dir / Project::kManifestFile;
    if (!fs::exists(file, ec))
        throw ProjectError(Kind::NotAProject,
                           dir.string() + " is not a Seekbench project: " + Project::kManifestFile + " is missing");
    manifest = ProjectManifest::load(file);
}

std::string timeStamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

} // namespace

Project::Project(Project &&) noexcept = default;
Project &Project::operator=(Project &&) noexcept = default;
Project::~Project() = default;

Project Project::create(const fs::path &dirIn, const ProjectManifest &manifest)
{
    const fs::path dir = fs::absolute(dirIn).lexically_normal();
    std::error_code ec;
    if (fs::exists(dir / kManifestFile, ec))
        throw ProjectError(Kind::BadInput, dir.string() + " is already a Seekbench project");
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw ProjectError(Kind::BadInput, dir.string() + " exists and is not a folder");
    if (manifest.name.empty())
        throw ProjectError(Kind::BadInput, "a project needs a name (creating " + dir.string() + ")");
    // Round-trip the manifest so that what is written is what open() will accept.
    ProjectManifest::parse(manifest.toYaml(), (dir / kManifestFile).string());
    const ProjectLayout layout(dir);
    for (const fs::path &sub : {layout.runsDir(), layout.datasetsDir(), layout.reportsDir()}) {
        fs::create_directories(sub, ec);
        if (ec)
            throw ProjectError(Kind::Io, "cannot create " + sub.string() + ": " + ec.message());
    }
    if (fs::exists(dir / kDatabaseFile, ec))
        throw ProjectError(Kind::BadInput, dir.string() + " already holds a seekbench.db");
    try {
        Schema::createDatabaseAtVersion(dir / kDatabaseFile, Schema::kLatest);
    } catch (const sql::SqlError &e) {
        throw ProjectError(Kind::Io, std::string("cannot create the run store: ") + e.what());
    }
    // The manifest last: a folder without it is not a project, so a failed create leaves
    // nothing that looks like one.
    {
        const fs::path tmp = dir / (std::string(kManifestFile) + ".tmp");
        std::ofstream out(tmp);
        out << manifest.toYaml();
        out.close();
        if (!out)
            throw ProjectError(Kind::Io, "cannot write " + (dir / kManifestFile).string());
        fs::rename(tmp, dir / kManifestFile, ec);
        if (ec)
            throw ProjectError(Kind::Io, "cannot write " + (dir / kManifestFile).string() + ": " + ec.message());
    }
    return open(dir);
}

Project Project::open(const fs::path &dir) { return open(dir, OpenOptions{}); }

Project Project::open(const fs::path &dirIn, const OpenOptions &options)
{
    Project p;
    p.m_dir = fs::absolute(dirIn).lexically_normal();
    loadManifestOrThrow(p.m_dir, p.m_manifest);
    p.m_writeProtected = !projectWritable(p.m_dir);
    p.m_readOnly = options.readOnly || p.m_writeProtected;
    p.m_storage = options.storage ? *options.storage : resolveStorageMode(p.m_manifest.storage, p.m_dir);
    p.m_versionAtOpen = checkDatabase(p.m_dir, /*deep=*/false, p.m_writeProtected);

    if (p.m_storage == StorageMode::Segments && !p.m_readOnly) {
        // One writer of seekbench.db in segment mode; everyone else reads.
        p.m_lock = ProjectLock::tryAcquire(p.m_dir);
        if (!p.m_lock)
            p.m_readOnly = p.m_lockedOut = true;
    }
    if (p.m_versionAtOpen < Schema::kLatest) {
        if (p.m_writeProtected)
            throw ProjectError(Kind::ReadOnly, "project " + p.m_dir.string() + " is read-only (" + p.readOnlyReason()
                                                   + ") and its run store has schema version "
                                                   + std::to_string(p.m_versionAtOpen)
                                                   + ", older than this Seekbench's (" + std::to_string(Schema::kLatest)
                                                   + "); open it once with write access to migrate it");
        if (p.m_readOnly)
            throw ProjectError(Kind::Locked, "the run store of " + p.m_dir.string() + " has schema version "
                                                 + std::to_string(p.m_versionAtOpen)
                                                 + " and needs a migration, which a read-only open cannot do");
        try {
            // Set a consistent copy aside first (VACUUM INTO reads through the WAL).
            auto db = openConnection(p.databasePath(), p.m_storage, false);
            const fs::path before = p.m_dir / ("seekbench.db.before-v" + std::to_string(Schema::kLatest));
            std::error_code ec;
            if (!fs::exists(before, ec)) {
                auto st = db.prepare("VACUUM INTO ?1");
                st.bind(1, before.string()).run();
            }
        } catch (const sql::SqlError &e) {
            throw ProjectError(Kind::Io,
                               "cannot copy the run store aside before migrating it: " + std::string(e.what()));
        }
        Schema::migrateFile(p.databasePath());
    }
    if (!p.m_readOnly && options.markStaleRuns) {
        RunStore store(p);
        p.m_staleMarked = store.markStaleRuns();
    }
    return p;
}

void Project::requireWritable() const
{
    if (m_writeProtected)
        throw ProjectError(Kind::ReadOnly, "project " + m_dir.string() + " is read-only (" + readOnlyReason()
                                               + "); it can be read but not changed");
}

std::string Project::readOnlyReason() const
{
    if (m_writeProtected)
        return "this user cannot write the folder or its store: a read-only file system or permissions";
    if (m_lockedOut)
        return "another process holds the writer lock";
    return m_readOnly ? "opened read-only" : "";
}

void Project::validate(const fs::path &dirIn)
{
    const fs::path dir = fs::absolute(dirIn).lexically_normal();
    ProjectManifest manifest;
    loadManifestOrThrow(dir, manifest);
    checkDatabase(dir, /*deep=*/true);
}

Project::Recovery Project::recoverDamaged(const fs::path &dirIn)
{
    const fs::path dir = fs::absolute(dirIn).lexically_normal();
    ProjectManifest manifest;
    loadManifestOrThrow(dir, manifest);
    Recovery r;
    const fs::path db = dir / kDatabaseFile;
    std::error_code ec;
    const bool hadDatabase = fs::exists(db, ec);
    std::unique_ptr<CheckCopy> copy;
    if (hadDatabase) {
        copy = std::make_unique<CheckCopy>(db);
        r.movedTo = dir / (std::string(kDatabaseFile) + ".damaged-" + timeStamp());
        for (const char *suffix : kSideFiles) {
            const fs::path from = db.string() + suffix;
            if (fs::exists(from, ec))
                fs::rename(from, r.movedTo.string() + suffix, ec);
            if (ec)
                throw ProjectError(Kind::Io, "cannot move " + from.string() + " aside: " + ec.message());
        }
    }
    Schema::createDatabaseAtVersion(db, Schema::kLatest);
    if (!copy)
        return r;
    // Salvage from the private copy, table by table: a table with a damaged page fails
    // alone. An older schema is migrated in the copy first.
    try {
        Schema::migrateFile(copy->db());
    } catch (const std::exception &) {
    }
    sql::Database fresh(db.string(), SQLITE_OPEN_READWRITE);
    try {
        auto attach = fresh.prepare("ATTACH DATABASE ?1 AS old");
        attach.bind(1, copy->db().string()).run();
    } catch (const sql::SqlError &) {
        r.lost.push_back("all tables (the file cannot be opened)");
        return r;
    }
    static const char *kTables[][2] = {
        {"runs", "INSERT OR IGNORE INTO main.runs SELECT * FROM old.runs"},
        {"run_tags", "INSERT OR IGNORE INTO main.run_tags SELECT * FROM old.run_tags"},
        {"run_params", "INSERT OR IGNORE INTO main.run_params SELECT * FROM old.run_params"},
        {"run_attempts", "INSERT OR IGNORE INTO main.run_attempts SELECT * FROM old.run_attempts"},
        {"curves", "INSERT OR IGNORE INTO main.curves SELECT * FROM old.curves"},
        {"metrics", "INSERT OR IGNORE INTO main.metrics SELECT * FROM old.metrics"},
        {"tiles", "INSERT OR IGNORE INTO main.tiles SELECT * FROM old.tiles"},
        {"run_summary", "INSERT OR IGNORE INTO main.run_summary SELECT * FROM old.run_summary"},
        {"system_samples", "INSERT OR IGNORE INTO main.system_samples SELECT * FROM old.system_samples"},
        {"events", "INSERT OR IGNORE INTO main.events SELECT * FROM old.events"},
        {"logs", "INSERT OR IGNORE INTO main.logs SELECT * FROM old.logs"},
        {"artifacts", "INSERT OR IGNORE INTO main.artifacts SELECT * FROM old.artifacts"},
        {"segment_imports", "INSERT OR IGNORE INTO main.segment_imports SELECT * FROM old.segment_imports"},
    };
    for (const auto &t : kTables) {
        try {
            sql::WriteTransaction tx(fresh);
            fresh.exec(t[1]);
            tx.commit();
            r.salvaged.push_back(t[0]);
        } catch (const sql::SqlError &) {
            r.lost.push_back(t[0]);
        }
    }
    fresh.exec("DETACH DATABASE old");
    return r;
}

void Project::checkRunId(const std::string &runId) { ProjectLayout::checkRunId(runId); }

fs::path Project::runDir(const std::string &runId) const { return layout().runDir(runId); }

fs::path Project::resolveInside(const fs::path &relative) const
{
    if (relative.empty() || relative.is_absolute())
        throw ProjectError(Kind::BadInput,
                           "'" + relative.string() + "' must be a path relative to the project " + m_dir.string());
    const fs::path joined = (m_dir / relative).lexically_normal();
    const auto rel = joined.lexically_relative(m_dir);
    if (rel.empty() || *rel.begin() == "..")
        throw ProjectError(Kind::BadInput, "'" + relative.string() + "' leaves the project folder " + m_dir.string());
    // Symlinks: resolve what exists and check again.
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(joined, ec);
    const fs::path realRoot = fs::weakly_canonical(m_dir, ec);
    if (!ec) {
        const auto realRel = real.lexically_relative(realRoot);
        if (realRel.empty() || *realRel.begin() == "..")
            throw ProjectError(Kind::BadInput, "'" + relative.string() + "' points outside the project folder "
                                                   + m_dir.string() + " (through a link)");
    }
    return joined;
}

std::string Project::relativePath(const fs::path &inside) const
{
    const fs::path rel = fs::absolute(inside).lexically_normal().lexically_relative(m_dir);
    if (rel.empty() || *rel.begin() == "..")
        throw ProjectError(Kind::BadInput, inside.string() + " is not inside the project folder " + m_dir.string());
    return rel.generic_string();
}

} // namespace seekbench::projects
