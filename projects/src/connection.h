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
sql::Database openConnection(const Project &project, bool readOnly = false);

// Busy timeout of every connection: long enough for eight writers on two cores.
constexpr int kBusyTimeoutMs = 15000;

} // namespace seekbench::projects
