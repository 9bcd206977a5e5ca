#include "sql.h"

#include "seekbench/projects/project_error.h"
#include "seekbench/run/disk_full.h"

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace seekbench::projects::sql {
namespace {

using FileId = std::pair<std::uint64_t, std::uint64_t>;

std::optional<FileId> fileIdOf(const std::string &path)
{
    struct stat st
    {};
    if (path.empty() || path == ":memory:" || ::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return FileId{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

// Open connections per database file, process-wide.
std::mutex g_openMutex;
std::map<FileId, int> g_open;

} // namespace

bool Database::openInThisProcess(const std::string &path)
{
    const auto id = fileIdOf(path);
    if (!id)
        return false;
    std::lock_guard lock(g_openMutex);
    return g_open.count(*id) > 0;
}

void Database::registerOpen()
{
    // The file SQLite opened (a URI path names it differently).
    const char *file = sqlite3_db_filename(m_db, "main");
    m_file = fileIdOf(file ? std::string(file) : m_path);
    if (!m_file)
        return;
    std::lock_guard lock(g_openMutex);
    ++g_open[*m_file];
}

void Database::unregisterOpen()
{
    if (!m_file)
        return;
    std::lock_guard lock(g_openMutex);
    if (const auto it = g_open.find(*m_file); it != g_open.end() && --it->second <= 0)
        g_open.erase(it);
    m_file.reset();
}

bool SqlError::isDiskFull() const
{
    return (m_code & 0xff) == SQLITE_FULL || ((m_code & 0xff) == SQLITE_IOERR && isDiskFullErrno(m_systemErrno));
}

Database::Database(const std::string &path, int flags) : m_path(path)
{
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw SqlError(rc, "cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    registerOpen();
}

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    unregisterOpen();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
      m_readOnlyReason(std::move(other.m_readOnlyReason)), m_file(std::exchange(other.m_file, std::nullopt))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        unregisterOpen();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_readOnlyReason = std::move(other.m_readOnlyReason);
        m_file = std::exchange(other.m_file, std::nullopt);
    }
    return *this;
}

void Database::fail(int code, std::string_view what) const
{
    std::string msg(what);
    msg += ": ";
    msg += m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
    // An I/O error says little on its own: SQLite's extended code and the system's errno
    // name what failed (a short read, a lock, the -shm mapping).
    if ((code & 0xff) == SQLITE_IOERR)
        msg += " [SQLite code " + std::to_string(code) + ", errno "
               + std::to_string(m_db ? sqlite3_system_errno(m_db) : 0) + "]";
    msg += " (database " + m_path + ")";
    throw SqlError(code, msg, m_db ? sqlite3_system_errno(m_db) : 0);
}

void Database::exec(const char *sqlText)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sqlText, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if ((sqlite3_extended_errcode(m_db) & 0xff) == SQLITE_IOERR)
            msg += " [SQLite code " + std::to_string(sqlite3_extended_errcode(m_db)) + ", errno "
                   + std::to_string(sqlite3_system_errno(m_db)) + ", in: " + std::string(sqlText).substr(0, 40) + "]";
        throw SqlError(sqlite3_extended_errcode(m_db), msg + " (database " + m_path + ")", sqlite3_system_errno(m_db));
    }
}

Statement Database::prepare(std::string_view sqlText)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sqlText.data(), static_cast<int>(sqlText.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(rc, "cannot prepare statement");
    return Statement(this, stmt);
}

std::int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

int Database::userVersion()
{
    auto st = prepare("PRAGMA user_version");
    st.step();
    const int v = st.int32(0);
    st.reset();
    return v;
}

void Database::setBusyTimeout(int ms) { sqlite3_busy_timeout(m_db, ms); }

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement &Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "cannot bind parameter");
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "cannot bind parameter");
    return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
    const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "cannot bind parameter");
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t bytes)
{
    const int rc = sqlite3_bind_blob64(m_stmt, index, bytes ? data : "", bytes, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db->fail(rc, "cannot bind parameter");
    return *this;
}

std::string Statement::blob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_stmt);
        return false;
    }
    const int code = sqlite3_extended_errcode(m_db->handle());
    sqlite3_reset(m_stmt);
    m_db->fail(code ? code : rc, "statement failed");
}

void Statement::run()
{
    // Bindings are left in place: every caller binds all parameters again, and clearing
    // them costs measurably on the per-point insert path.
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

WriteTransaction::WriteTransaction(Database &db, int attempts) : m_db(db)
{
    if (!m_db.readOnlyReason().empty())
        throw ProjectError(ProjectError::Kind::ReadOnly, m_db.readOnlyReason());
    // busy_timeout already waits inside SQLite; this loop bounds the rare case where the
    // handler gives up (deadlock avoidance returns BUSY at once).
    for (int attempt = 1;; ++attempt) {
        try {
            m_db.exec("BEGIN IMMEDIATE");
            m_open = true;
            return;
        } catch (const SqlError &e) {
            if (!e.isBusy() || attempt >= attempts)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(2 * attempt));
        }
    }
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit()
{
    m_db.exec("COMMIT");
    m_open = false;
}

} // namespace seekbench::projects::sql
