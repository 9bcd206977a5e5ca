#include "connection.h"

#include "seekbench/projects/project.h"

#include <cctype>
#include <cstdio>

namespace seekbench::projects {

namespace {

// A path as a SQLite URI's path: bytes outside the unreserved set and '/' %-escaped.
std::string uriPath(const std::string &path)
{
    std::string out;
    for (const unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

} // namespace

sql::Database openWriteProtected(const std::filesystem::path &dbFile, const std::string &why)
{
    std::error_code ec;
    const bool sideFiles = std::filesystem::exists(dbFile.string() + "-wal", ec)
                           && std::filesystem::exists(dbFile.string() + "-shm", ec);
    const std::string uri = "file:" + uriPath(std::filesystem::absolute(dbFile).string())
                            + (sideFiles ? "?mode=ro" : "?mode=ro&immutable=1");
    sql::Database db(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    db.setReadOnlyReason(why.empty() ? "the store " + dbFile.string() + " is read-only" : why);
    return db;
}

sql::Database openConnection(const std::filesystem::path &dbFile, StorageMode mode, bool readOnly)
{
    const int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    sql::Database db(dbFile.string(), flags);
    db.setBusyTimeout(kBusyTimeoutMs);
    if (!readOnly) {
        if (mode == StorageMode::Local) {
            db.exec("PRAGMA journal_mode=WAL");
            db.exec("PRAGMA synchronous=NORMAL");
        } else {
            // WAL needs shared memory that network file systems do not provide.
            db.exec("PRAGMA journal_mode=DELETE");
            db.exec("PRAGMA synchronous=FULL");
        }
    }
    db.exec("PRAGMA foreign_keys=OFF");
    db.exec("PRAGMA cache_size=-32768");
    return db;
}

sql::Database openConnection(const Project &project, bool readOnly)
{
    if (project.isWriteProtected()) {
        sql::Database db = openWriteProtected(project.databasePath(), "project " + project.dir().string()
                                                                          + " is read-only (" + project.readOnlyReason()
                                                                          + "); it can be read but not changed");
        db.setBusyTimeout(kBusyTimeoutMs);
        db.exec("PRAGMA foreign_keys=OFF");
        db.exec("PRAGMA cache_size=-32768");
        return db;
    }
    return openConnection(project.databasePath(), project.storageMode(), readOnly || project.isReadOnly());
}

} // namespace seekbench::projects
