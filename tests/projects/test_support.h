#pragma once

// Helpers shared by the projects tests: temporary projects, raw SQLite inspection (the
// tests check what is on disk, not only what the API says), writer processes.

#include "seekbench/projects/project.h"
#include "seekbench/run/run_status.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

// Compare statuses as words (QCOMPARE(seekbench::toString(a), seekbench::toString(b))):
// QCOMPARE on the enum itself would find seekbench::toString by ADL on failure and free
// its static text.

namespace testsupport {

inline std::filesystem::path tempPath(const QTemporaryDir &dir, const char *name = "project")
{
    return std::filesystem::path(dir.path().toStdString()) / name;
}

inline seekbench::projects::Project makeProject(const std::filesystem::path &path, const std::string &storage = "local")
{
    seekbench::projects::ProjectManifest m;
    m.name = "test project";
    m.scenario = "text_classification";
    m.storage = storage;
    return seekbench::projects::Project::create(path, m);
}

// One integer from a query on a raw, separate connection.
inline std::int64_t queryInt(const std::filesystem::path &db, const std::string &sql)
{
    sqlite3 *h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        return -1;
    }
    sqlite3_busy_timeout(h, 10000);
    sqlite3_stmt *st = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

inline std::string queryText(const std::filesystem::path &db, const std::string &sql)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_busy_timeout(h, 10000);
    sqlite3_stmt *st = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

inline void execSql(const std::filesystem::path &db, const std::string &sql)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(h, 10000);
    char *err = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    const std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(h);
    if (rc != SQLITE_OK)
        QFAIL(("SQL failed: " + msg + " in: " + sql).c_str());
}

inline std::string readFile(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeFile(const std::filesystem::path &p, const std::string &text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

} // namespace testsupport
