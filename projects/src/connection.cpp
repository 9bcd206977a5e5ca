#include "connection.h"

#include "seekbench/projects/project.h"

namespace seekbench::projects {

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
    return openConnection(project.databasePath(), project.storageMode(), readOnly || project.isReadOnly());
}

} // namespace seekbench::projects
