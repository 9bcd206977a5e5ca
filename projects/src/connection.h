#pragma once

#include "seekbench/projects/storage_mode.h"
#include "sql.h"

#include <filesystem>

namespace seekbench::projects {

class Project;

// One SQLite connection with the store's settings: WAL (local) or a rollback journal
// (segments), a busy timeout, and synchronous=NORMAL in WAL, which keeps every committed
// transaction across a process crash (the kill -9 tests) at a fraction of FULL's cost.
sql::Database openConnection(const std::filesystem::path &dbFile, StorageMode mode, bool readOnly);
// A write-protected project (Project::isWriteProtected) is read this way, whatever
// `readOnly` says.
sql::Database openConnection(const Project &project, bool readOnly = false);

// A store this process cannot write (a read-only mount or folder, a read-only file): a WAL
// database needs its -shm to be read, and that file cannot be created here. With -wal and
// -shm present (a writer that may write is at work) they are read as they are
// (mode=ro); without them the file is opened immutable, which reads it with no side files.
// Writes through the connection fail with ProjectError(ReadOnly) naming `why`.
sql::Database openWriteProtected(const std::filesystem::path &dbFile, const std::string &why = {});

// Busy timeout of every connection: long enough for eight writers on two cores.
constexpr int kBusyTimeoutMs = 15000;

} // namespace seekbench::projects
