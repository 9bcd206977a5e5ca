#pragma once

// A thin RAII layer over the SQLite C API, internal to projects. Every value reaches SQL
// through bind(): no statement text is ever built from user data.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace seekbench::projects::sql {

// A SQLite failure, with the result code kept so callers can tell BUSY from CORRUPT.
class SqlError : public std::runtime_error
{
public:
    SqlError(int code, const std::string &message, int systemErrno = 0)
        : std::runtime_error(message), m_code(code), m_systemErrno(systemErrno)
    {}
    int code() const { return m_code; }
    bool isBusy() const { return (m_code & 0xff) == SQLITE_BUSY || (m_code & 0xff) == SQLITE_LOCKED; }
    bool isCorrupt() const { return (m_code & 0xff) == SQLITE_CORRUPT || (m_code & 0xff) == SQLITE_NOTADB; }
    // No room: SQLITE_FULL (ENOSPC, or a short write at the file size limit), or an I/O
    // error whose errno is ENOSPC, EDQUOT or EFBIG (a write past RLIMIT_FSIZE).
    bool isDiskFull() const;

private:
    int m_code;
    int m_systemErrno; // sqlite3_system_errno() when the error was raised
};

class Statement;

class Database
{
public:
    Database() = default;
    // flags: SQLITE_OPEN_* ; throws SqlError naming the file.
    Database(const std::string &path, int flags);
    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    sqlite3 *handle() const { return m_db; }
    bool isOpen() const { return m_db != nullptr; }
    const std::string &path() const { return m_path; }

    // Runs statements without parameters (schema, pragmas). Never for user data.
    void exec(const char *sql);
    Statement prepare(std::string_view sql);
    std::int64_t lastInsertRowid() const;
    int changes() const;
    int userVersion();
    void setBusyTimeout(int ms);
    // A connection to a store this process cannot write: every WriteTransaction then
    // throws ProjectError(ReadOnly) with this text, before SQLite is asked to write.
    void setReadOnlyReason(std::string why) { m_readOnlyReason = std::move(why); }
    const std::string &readOnlyReason() const { return m_readOnlyReason; }

    [[noreturn]] void fail(int code, std::string_view what) const;

    // Whether a connection of this process has the database file at path open (the same
    // file by device and inode, whatever the path's spelling). Such a file must not be
    // opened and closed by plain I/O here: closing any descriptor of a file drops every
    // POSIX lock this process holds on it, and SQLite's locks are POSIX locks, so another
    // process could then write under a connection that believes it holds a lock.
    static bool openInThisProcess(const std::string &path);

private:
    void registerOpen();
    void unregisterOpen();

    sqlite3 *m_db = nullptr;
    std::string m_path;
    std::string m_readOnlyReason;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_file; // (device, inode) while open
};

class Statement
{
public:
    Statement() = default;
    Statement(const Database *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view value);
    Statement &bind(int index, const std::string &value) { return bind(index, std::string_view(value)); }
    Statement &bind(int index, const char *value) { return bind(index, std::string_view(value)); }
    Statement &bindNull(int index);
    // Bytes as a BLOB (an empty span binds an empty BLOB, not NULL).
    Statement &bindBlob(int index, const void *data, std::size_t bytes);
    Statement &bind(int index, const std::optional<double> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // true while a row is available; resets itself when done so no read stays open.
    bool step();
    // step() for statements without results.
    void run();
    // Ends any read transaction this statement holds and clears bindings.
    void reset();

    std::int64_t int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    int int32(int col) const { return sqlite3_column_int(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    std::string text(int col) const;
    // A BLOB column's bytes; "" for NULL.
    std::string blob(int col) const;
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::optional<double> optReal(int col) const
    {
        return isNull(col) ? std::nullopt : std::optional<double>(real(col));
    }

private:
    const Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// BEGIN IMMEDIATE with a bounded retry on BUSY, COMMIT on commit(), ROLLBACK otherwise.
class WriteTransaction
{
public:
    explicit WriteTransaction(Database &db, int attempts = 40);
    ~WriteTransaction();
    void commit();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

private:
    Database &m_db;
    bool m_open = false;
};

// Runs `body` in a write transaction, retrying the whole body when SQLite reports BUSY
// mid-transaction (a WAL snapshot went stale). Bounded: rethrows after `attempts`.
template<typename F>
void withWriteTransaction(Database &db, F &&body, int attempts = 20);

} // namespace seekbench::projects::sql

#include "sql_inl.h"
