#include "seekbench/projects/report/report_store.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "sha256.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <system_error>

namespace seekbench::projects::report {

namespace fs = std::filesystem;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

constexpr const char *kColumns
    = "SELECT id, kind, title, path, format, language, bytes, sha256, created_at, sweep_id, command FROM reports ";

} // namespace

struct ReportStore::Impl
{
    sql::Database db;

    ReportRecord read(sql::Statement &st)
    {
        ReportRecord r;
        r.id = st.int64(0);
        r.kind = st.text(1);
        r.title = st.text(2);
        r.path = st.text(3);
        r.format = st.text(4);
        r.language = st.text(5);
        r.bytes = st.int64(6);
        r.sha256 = st.text(7);
        r.createdAt = st.real(8);
        r.sweepId = st.text(9);
        r.command = st.text(10);
        return r;
    }

    void fillRuns(std::vector<ReportRecord> &records)
    {
        auto st = db.prepare("SELECT run_id FROM report_runs WHERE report_id = ? ORDER BY position");
        for (auto &r : records) {
            st.bind(1, r.id);
            while (st.step())
                r.runIds.push_back(st.text(0));
        }
    }

    std::vector<ReportRecord> list(sql::Statement &st)
    {
        std::vector<ReportRecord> out;
        while (st.step())
            out.push_back(read(st));
        fillRuns(out);
        return out;
    }
};

ReportStore::ReportStore(const Project &project, bool readOnly) : d(std::make_unique<Impl>())
{
    d->db = openConnection(project, readOnly);
}

ReportStore::~ReportStore() = default;

std::int64_t ReportStore::add(const ReportRecord &r)
{
    std::int64_t id = 0;
    sql::withWriteTransaction(d->db, [&] {
        auto old = d->db.prepare("SELECT id FROM reports WHERE path = ?");
        old.bind(1, r.path);
        if (old.step()) {
            const std::int64_t previous = old.int64(0);
            old.reset();
            d->db.prepare("DELETE FROM report_runs WHERE report_id = ?").bind(1, previous).run();
            d->db.prepare("DELETE FROM reports WHERE id = ?").bind(1, previous).run();
        }
        auto st = d->db.prepare("INSERT INTO reports(kind, title, path, format, language, bytes, sha256, created_at, "
                                "sweep_id, command) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        st.bind(1, r.kind)
            .bind(2, r.title)
            .bind(3, r.path)
            .bind(4, r.format)
            .bind(5, r.language)
            .bind(6, r.bytes)
            .bind(7, r.sha256)
            .bind(8, r.createdAt > 0 ? r.createdAt : now())
            .bind(9, r.sweepId)
            .bind(10, r.command)
            .run();
        id = d->db.lastInsertRowid();
        auto run = d->db.prepare("INSERT OR IGNORE INTO report_runs(report_id, run_id, position) VALUES (?1, ?2, ?3)");
        for (std::size_t i = 0; i < r.runIds.size(); ++i)
            run.bind(1, id).bind(2, r.runIds[i]).bind(3, std::int64_t(i)).run();
    });
    return id;
}

std::vector<ReportRecord> ReportStore::reports()
{
    auto st = d->db.prepare(std::string(kColumns) + "ORDER BY created_at DESC, id DESC");
    return d->list(st);
}

std::vector<ReportRecord> ReportStore::reportsOfRun(const std::string &runId)
{
    auto st = d->db.prepare(std::string(kColumns)
                            + "WHERE id IN (SELECT report_id FROM report_runs WHERE run_id = ?) "
                              "ORDER BY created_at DESC, id DESC");
    st.bind(1, runId);
    return d->list(st);
}

std::optional<ReportRecord> ReportStore::findByPath(const std::string &path)
{
    auto st = d->db.prepare(std::string(kColumns) + "WHERE path = ?");
    st.bind(1, path);
    auto found = d->list(st);
    if (found.empty())
        return std::nullopt;
    return found.front();
}

bool ReportStore::remove(std::int64_t id)
{
    bool removed = false;
    sql::withWriteTransaction(d->db, [&] {
        d->db.prepare("DELETE FROM report_runs WHERE report_id = ?").bind(1, id).run();
        auto st = d->db.prepare("DELETE FROM reports WHERE id = ?");
        st.bind(1, id).run();
        removed = d->db.changes() > 0;
    });
    return removed;
}

ReportRecord recordReportFile(const Project &project, const Report &doc, const fs::path &file,
                              const std::vector<std::string> &runIds, const std::string &sweepId,
                              const std::string &command)
{
    ReportRecord r;
    r.kind = doc.kind;
    r.title = doc.title;
    r.language = doc.language.empty() ? "en" : doc.language;
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    r.format = ext == ".pdf" ? "pdf" : "html";
    const fs::path absolute = fs::absolute(file).lexically_normal();
    try {
        r.path = project.relativePath(absolute);
    } catch (const ProjectError &) {
        r.path = absolute.string(); // written outside the project: kept where the user put it
    }
    r.sha256 = sha256File(absolute, &r.bytes); // throws naming the file
    r.createdAt = now();
    r.runIds = runIds;
    r.sweepId = sweepId;
    r.command = command;
    r.id = ReportStore(project).add(r);
    return r;
}

std::string tryRecordReportFile(const Project &project, const Report &doc, const fs::path &file,
                                const std::vector<std::string> &runIds, const std::string &sweepId,
                                const std::string &command)
{
    if (project.isReadOnly())
        return "the project " + project.dir().string() + " is read-only (" + project.readOnlyReason() + ")";
    try {
        recordReportFile(project, doc, file, runIds, sweepId, command);
        return {};
    } catch (const std::exception &e) {
        return e.what();
    }
}

fs::path reportFilePath(const Project &project, const ReportRecord &r)
{
    const fs::path p(r.path);
    return p.is_absolute() ? p : project.dir() / p;
}

ReportFileState reportFileState(const Project &project, const ReportRecord &r)
{
    const fs::path p = reportFilePath(project, r);
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec)
        return ReportFileState::Missing;
    if (std::int64_t(size) != r.bytes)
        return ReportFileState::Changed;
    try {
        return sha256File(p) == r.sha256 ? ReportFileState::Present : ReportFileState::Changed;
    } catch (const std::exception &) {
        return ReportFileState::Missing;
    }
}

} // namespace seekbench::projects::report
