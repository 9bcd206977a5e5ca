#include "seekbench/projects/run_store.h"

#include "connection.h"
#include "params.h"
#include "run_store_impl.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/text/terminal_text.h"
#include "sha256.h"
#include "sql.h"
#include "summary.h"
#include "tiles.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <random>
#include <unordered_map>

namespace fs = std::filesystem;

namespace seekbench::projects {

using Kind = ProjectError::Kind;

namespace {

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

} // namespace

RunStatus requireRunStatus(const std::string &word)
{
    if (auto status = parseRunStatus(word))
        return *status;
    throw ProjectError(Kind::BadInput, "'" + word
                                           + "' is not a run status (queued, running, finished, "
                                             "failed, cancelled, crashed)");
}

RunStore::RunStore(const Project &project) : d(std::make_unique<Impl>(project)) {}
RunStore::~RunStore() = default;

std::string RunStore::newRunId()
{
    // Sortable by creation time, unique across hosts without coordination.
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    static thread_local std::mt19937_64 rng(std::random_device{}() ^ static_cast<std::uint64_t>(nowSeconds() * 1e6));
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08llx", static_cast<unsigned long long>(rng() & 0xffffffffULL));
    return std::string(stamp) + "-" + suffix;
}

std::string RunStore::createRun(const NewRun &run)
{
    const std::string id = newRunId();
    const ProcessIdentity proc = run.process ? *run.process : ProcessIdentity::current();
    const double now = nowSeconds();
    const fs::path dir = d->project.runDir(id);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw ProjectError(Kind::Io, "cannot create " + dir.string() + ": " + ec.message());
    if (!run.configYaml.empty()) {
        const fs::path snapshot = d->project.layout().runConfigPath(id);
        std::ofstream out(snapshot);
        out << run.configYaml;
        if (!out)
            throw ProjectError(Kind::Io, "cannot write " + snapshot.string());
    }
    const auto params = flattenConfigParams(run.configYaml);
    const std::string mode = toString(d->project.storageMode());
    d->write([&] {
        auto st = d->db.prepare(R"(INSERT INTO runs(id, name, status, created_at, started_at, host, pid,
            pid_start, launcher, config_yaml, config_hash, parent_id, parent_kind, notes, attempt,
            heartbeat_at, heartbeat_interval, store_mode, ranks, scheduler, color)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?4, ?15, ?16, ?17, ?18,
                    (SELECT coalesce(max(color) + 1, 0) FROM runs)))");
        st.bind(1, id).bind(2, run.name.empty() ? id : run.name).bind(3, toString(run.status)).bind(4, now);
        if (run.status == RunStatus::Running)
            st.bind(5, now);
        else
            st.bindNull(5);
        st.bind(6, proc.host).bind(7, proc.pid).bind(8, proc.startTime).bind(9, run.launcher);
        st.bind(10, run.configYaml).bind(11, run.configHash);
        if (run.parentId.empty())
            st.bindNull(12).bindNull(13);
        else
            st.bind(12, run.parentId).bind(13, run.parentKind);
        st.bind(14, run.notes)
            .bind(15, run.heartbeatInterval)
            .bind(16, mode)
            .bind(17, std::max(1, run.ranks))
            .bind(18, run.scheduler);
        st.run();
        auto att = d->db.prepare("INSERT INTO run_attempts(run_id, attempt, started_at, host, pid) "
                                 "VALUES (?1, 1, ?2, ?3, ?4)");
        att.bind(1, id).bind(2, now).bind(3, proc.host).bind(4, proc.pid).run();
        auto p = d->db.prepare("INSERT INTO run_params(run_id, key, value, num) VALUES (?1, ?2, ?3, ?4)");
        for (const auto &[key, value] : params) {
            double num = 0;
            p.bind(1, id).bind(2, key).bind(3, value);
            if (parseNumber(value, num))
                p.bind(4, num);
            else
                p.bindNull(4);
            p.run();
        }
        auto t = d->db.prepare("INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES (?1, ?2)");
        for (const auto &tag : run.tags)
            t.bind(1, id).bind(2, tag).run();
    });
    return id;
}

std::string RunStore::cloneRun(const std::string &parentId, const std::string &name)
{
    const RunRecord parent = run(parentId);
    NewRun n;
    n.name = name.empty() ? parent.name + " (clone)" : name;
    n.configYaml = parent.configYaml;
    n.configHash = parent.configHash;
    n.launcher = parent.launcher;
    n.status = RunStatus::Queued;
    n.tags = parent.tags;
    n.parentId = parentId;
    n.parentKind = "clone";
    return createRun(n);
}

int RunStore::beginAttempt(const std::string &runId, std::int64_t checkpointStep,
                           const std::optional<ProcessIdentity> &process)
{
    d->requireRun(runId);
    const ProcessIdentity proc = process ? *process : ProcessIdentity::current();
    int attempt = 0;
    d->write([&] {
        auto cur = d->db.prepare("SELECT attempt FROM runs WHERE id = ?1");
        cur.bind(1, runId);
        cur.step();
        attempt = cur.int32(0) + 1;
        cur.reset();
        const double now = nowSeconds();
        auto up = d->db.prepare(R"(UPDATE runs SET attempt = ?2, status = 'running', started_at = ?3,
            ended_at = NULL, heartbeat_at = ?3, host = ?4, pid = ?5, pid_start = ?6, message = ''
            WHERE id = ?1)");
        up.bind(1, runId).bind(2, attempt).bind(3, now).bind(4, proc.host).bind(5, proc.pid).bind(6, proc.startTime).run();
        auto att = d->db.prepare("INSERT OR REPLACE INTO run_attempts(run_id, attempt, started_at, "
                                 "resumed_from_step, host, pid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        att.bind(1, runId)
            .bind(2, attempt)
            .bind(3, now)
            .bind(4, checkpointStep)
            .bind(5, proc.host)
            .bind(6, proc.pid)
            .run();
        // Points past the checkpoint were computed by the attempt that is being replaced:
        // hide them, so the curve continues from the checkpoint without duplicate steps.
        std::vector<std::pair<std::int64_t, std::string>> curves;
        auto cs = d->db.prepare("SELECT id, key, rank FROM curves WHERE run_id = ?1");
        cs.bind(1, runId);
        while (cs.step())
            curves.emplace_back(cs.int64(0), cs.int32(2) == 0 ? cs.text(1) : std::string());
        auto sup = d->db.prepare("UPDATE metrics SET superseded = 1 WHERE curve_id = ?1 AND step > ?2 "
                                 "AND attempt < ?3 AND superseded = 0");
        for (const auto &[curveId, key] : curves) {
            sup.bind(1, curveId).bind(2, checkpointStep).bind(3, attempt).run();
            if (d->db.changes() > 0) {
                tiles::rebuildCurve(d->db, curveId, checkpointStep + 1);
                if (!key.empty())
                    summary::recompute(d->db, runId, key, curveId);
            }
        }
    });
    return attempt;
}

void RunStore::finishRun(const std::string &runId, RunStatus status, const std::string &message,
                         const std::map<std::string, double> &finalMetrics,
                         const std::map<std::string, double> &bestMetrics)
{
    d->requireRun(runId);
    d->write([&] {
        const double now = nowSeconds();
        auto up = d->db.prepare("UPDATE runs SET status = ?2, message = ?3, ended_at = ?4, heartbeat_at = ?4 "
                                "WHERE id = ?1");
        up.bind(1, runId).bind(2, toString(status)).bind(3, message).bind(4, now).run();
        // The trainer's own final/best figures win over what the writer derived.
        auto fin = d->db.prepare(R"(INSERT INTO run_summary(run_id, key, final_value, final_step)
            VALUES (?1, ?2, ?3, 0) ON CONFLICT(run_id, key) DO UPDATE SET final_value = excluded.final_value)");
        for (const auto &[key, value] : finalMetrics)
            fin.bind(1, runId).bind(2, key).bind(3, value).run();
        auto best = d->db.prepare(R"(INSERT INTO run_summary(run_id, key, best_value, best_step)
            VALUES (?1, ?2, ?3, 0) ON CONFLICT(run_id, key) DO UPDATE SET best_value = excluded.best_value)");
        for (const auto &[key, value] : bestMetrics)
            best.bind(1, runId).bind(2, key).bind(3, value).run();
    });
}

void RunStore::addFinalMetrics(const std::string &runId, const std::map<std::string, double> &metrics, std::int64_t step)
{
    d->requireRun(runId);
    d->write([&] {
        auto fin = d->db.prepare(R"(INSERT INTO run_summary(run_id, key, final_value, final_step)
            VALUES (?1, ?2, ?3, ?4) ON CONFLICT(run_id, key) DO UPDATE SET final_value = excluded.final_value,
            final_step = excluded.final_step)");
        for (const auto &[key, value] : metrics)
            fin.bind(1, runId).bind(2, key).bind(3, value).bind(4, step).run();
    });
}

void RunStore::setStatus(const std::string &runId, RunStatus status, const std::string &message)
{
    d->requireRun(runId);
    d->write([&] {
        auto up = d->db.prepare("UPDATE runs SET status = ?2, message = ?3 WHERE id = ?1");
        up.bind(1, runId).bind(2, toString(status)).bind(3, message).run();
    });
}

void RunStore::heartbeat(const std::string &runId)
{
    d->write([&] {
        auto up = d->db.prepare("UPDATE runs SET heartbeat_at = ?2 WHERE id = ?1");
        up.bind(1, runId).bind(2, nowSeconds()).run();
    });
}

void RunStore::setWriter(const std::string &runId, const std::optional<ProcessIdentity> &process)
{
    d->requireRun(runId);
    const ProcessIdentity proc = process ? *process : ProcessIdentity::current();
    d->write([&] {
        d->db.prepare("UPDATE runs SET host = ?2, pid = ?3, pid_start = ?4, heartbeat_at = ?5 WHERE id = ?1")
            .bind(1, runId)
            .bind(2, proc.host)
            .bind(3, proc.pid)
            .bind(4, proc.startTime)
            .bind(5, nowSeconds())
            .run();
    });
}

void RunStore::setRanks(const std::string &runId, int ranks)
{
    if (ranks < 1)
        throw ProjectError(Kind::BadInput,
                           "run '" + runId + "': ranks must be at least 1, not " + std::to_string(ranks));
    d->requireRun(runId);
    d->write([&] { d->db.prepare("UPDATE runs SET ranks = ?2 WHERE id = ?1").bind(1, runId).bind(2, ranks).run(); });
}

void RunStore::setJob(const std::string &runId, const std::string &scheduler, const std::string &jobId,
                      const std::string &state)
{
    d->requireRun(runId);
    d->write([&] {
        d->db.prepare("UPDATE runs SET scheduler = ?2, job_id = ?3, job_state = ?4, job_state_at = ?5 WHERE id = ?1")
            .bind(1, runId)
            .bind(2, scheduler)
            .bind(3, jobId)
            .bind(4, state)
            .bind(5, nowSeconds())
            .run();
    });
}

void RunStore::setJobState(const std::string &runId, const std::string &state)
{
    d->requireRun(runId);
    d->write([&] {
        // The job's start is the run's start (a queued run has none yet).
        d->db
            .prepare("UPDATE runs SET job_state = ?2, job_state_at = ?3, started_at = CASE WHEN ?2 = 'RUNNING' "
                     "THEN coalesce(started_at, ?3) ELSE started_at END WHERE id = ?1")
            .bind(1, runId)
            .bind(2, state)
            .bind(3, nowSeconds())
            .run();
    });
}

void RunStore::addTag(const std::string &runId, const std::string &tag)
{
    if (tag.empty())
        throw ProjectError(Kind::BadInput, "an empty tag for run '" + runId + "'");
    // A tag is one word of a list (tables, filters): a newline or an escape would break it.
    if (const std::string c = firstControlCharacter(tag); !c.empty())
        throw ProjectError(Kind::BadInput, "the tag '" + terminalText(tag) + "' for run '" + runId
                                               + "' holds a control character (" + c
                                               + "); a tag is one line of printable text");
    d->requireRun(runId);
    d->write([&] {
        d->db.prepare("INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES (?1, ?2)").bind(1, runId).bind(2, tag).run();
    });
}

void RunStore::removeTag(const std::string &runId, const std::string &tag)
{
    d->requireRun(runId);
    d->write([&] {
        d->db.prepare("DELETE FROM run_tags WHERE run_id = ?1 AND tag = ?2").bind(1, runId).bind(2, tag).run();
    });
}

void RunStore::setNotes(const std::string &runId, const std::string &notes)
{
    d->requireRun(runId);
    d->write([&] { d->db.prepare("UPDATE runs SET notes = ?2 WHERE id = ?1").bind(1, runId).bind(2, notes).run(); });
}

void RunStore::appendNote(const std::string &runId, const std::string &note)
{
    d->requireRun(runId);
    d->write([&] {
        d->db
            .prepare("UPDATE runs SET notes = CASE WHEN notes = '' THEN ?2 ELSE notes || char(10) || ?2 END "
                     "WHERE id = ?1")
            .bind(1, runId)
            .bind(2, note)
            .run();
    });
}

void RunStore::deleteRun(const std::string &runId)
{
    const RunRecord r = run(runId);
    if (RunControl::isLive(r)) // running with a live writer, or queued with a scheduler's job
        throw ProjectError(Kind::BadInput,
                           "run '" + runId + "' is " + toString(r.status) + "; stop it before deleting it");
    d->write([&] {
        for (const char *q : {"DELETE FROM metrics WHERE curve_id IN (SELECT id FROM curves WHERE run_id = ?1)",
                              "DELETE FROM tiles WHERE curve_id IN (SELECT id FROM curves WHERE run_id = ?1)",
                              "DELETE FROM curves WHERE run_id = ?1", "DELETE FROM run_summary WHERE run_id = ?1",
                              "DELETE FROM run_tags WHERE run_id = ?1", "DELETE FROM run_params WHERE run_id = ?1",
                              "DELETE FROM run_attempts WHERE run_id = ?1",
                              "DELETE FROM system_samples WHERE run_id = ?1", "DELETE FROM events WHERE run_id = ?1",
                              "DELETE FROM logs WHERE run_id = ?1", "DELETE FROM artifacts WHERE run_id = ?1",
                              "DELETE FROM segment_imports WHERE run_id = ?1", "DELETE FROM runs WHERE id = ?1"})
            d->db.prepare(q).bind(1, runId).run();
    });
    std::error_code ec;
    fs::remove_all(d->project.runDir(runId), ec);
}

void RunStore::addLog(const std::string &runId, const std::string &level, const std::string &message)
{
    d->write([&] {
        d->db.prepare("INSERT INTO logs(run_id, wall_time, level, message) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, runId)
            .bind(2, nowSeconds())
            .bind(3, level)
            .bind(4, message)
            .run();
    });
}

ArtifactRecord RunStore::addArtifact(const std::string &runId, const std::string &kind, const std::string &relativePath,
                                     std::optional<std::int64_t> step, const std::string &format,
                                     const std::string &command)
{
    d->requireRun(runId);
    const fs::path file = d->project.resolveInside(relativePath);
    ArtifactRecord a;
    a.kind = kind;
    a.path = d->project.relativePath(file);
    a.sha256 = sha256File(file, &a.bytes);
    a.step = step;
    a.createdAt = nowSeconds();
    a.format = format;
    a.command = command;
    d->write([&] {
        auto st = d->db.prepare(R"(INSERT INTO artifacts(run_id, kind, path, sha256, bytes, step, created_at, format,
            command) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(run_id, path) DO UPDATE SET
            kind = excluded.kind, sha256 = excluded.sha256, bytes = excluded.bytes, step = excluded.step,
            created_at = excluded.created_at, format = excluded.format, command = excluded.command)");
        st.bind(1, runId).bind(2, a.kind).bind(3, a.path).bind(4, a.sha256).bind(5, a.bytes);
        if (step)
            st.bind(6, *step);
        else
            st.bindNull(6);
        st.bind(7, a.createdAt).bind(8, a.format).bind(9, a.command).run();
    });
    return a;
}

std::optional<RunRecord> RunStore::findRun(const std::string &runId)
{
    Project::checkRunId(runId);
    RunFilter f;
    f.ids = {runId};
    f.includeParams = true;
    f.includeConfig = true;
    auto runs = listRuns(f);
    if (runs.empty())
        return std::nullopt;
    return std::move(runs.front());
}

RunRecord RunStore::run(const std::string &runId)
{
    auto r = findRun(runId);
    if (!r)
        throw ProjectError(Kind::NotFound, "no run '" + runId + "' in " + d->project.dir().string());
    return std::move(*r);
}

std::size_t RunStore::countRuns()
{
    auto st = d->db.prepare("SELECT count(*) FROM runs");
    st.step();
    const auto n = static_cast<std::size_t>(st.int64(0));
    st.reset();
    return n;
}

std::vector<CurveInfo> RunStore::curves(const std::string &runId)
{
    std::vector<CurveInfo> out;
    auto st = d->db.prepare("SELECT id, key, rank, coalesce(min_step, 0), coalesce(max_step, 0), points "
                            "FROM curves WHERE run_id = ?1 ORDER BY key, rank");
    st.bind(1, runId);
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.int32(2), st.int64(3), st.int64(4), st.int64(5)});
    return out;
}

std::vector<EventRecord> RunStore::events(const std::string &runId, const std::string &kind)
{
    std::vector<EventRecord> out;
    auto st = d->db.prepare(
        kind.empty()
            ? "SELECT kind, step, wall_time, rank, attempt, json FROM events WHERE run_id = ?1 ORDER BY wall_time, id"
            : "SELECT kind, step, wall_time, rank, attempt, json FROM events WHERE run_id = ?1 AND kind = ?2 ORDER BY wall_time, id");
    st.bind(1, runId);
    if (!kind.empty())
        st.bind(2, kind);
    while (st.step())
        out.push_back({st.text(0), st.int64(1), st.real(2), st.int32(3), st.int32(4), st.text(5)});
    return out;
}

std::vector<ArtifactRecord> RunStore::artifacts(const std::string &runId)
{
    std::vector<ArtifactRecord> out;
    auto st = d->db.prepare(
        "SELECT kind, path, sha256, bytes, step, created_at, format, command FROM artifacts WHERE run_id = ?1 "
        "ORDER BY created_at, id");
    st.bind(1, runId);
    while (st.step()) {
        ArtifactRecord a{st.text(0),   st.text(1), st.text(2), st.int64(3),
                         std::nullopt, st.real(5), st.text(6), st.text(7)};
        if (!st.isNull(4))
            a.step = st.int64(4);
        out.push_back(a);
    }
    return out;
}

std::vector<std::string> RunStore::markStaleRuns()
{
    if (d->project.isWriteProtected()) // nothing can be marked; readers see the runs as they are
        return {};
    std::vector<RunRecord> candidates;
    // A scheduler's job (Slurm) is followed through the scheduler: the process that
    // submitted it is long gone by design (RunControl: Scheduled, never Gone).
    {
        auto st = d->db.prepare("SELECT id, host, pid, pid_start, heartbeat_at, created_at, "
                                "heartbeat_interval FROM runs WHERE status = 'running' AND job_id = ''");
        while (st.step()) {
            RunRecord r;
            r.id = st.text(0);
            r.status = RunStatus::Running;
            r.host = st.text(1);
            r.pid = st.int64(2);
            r.pidStart = st.int64(3);
            r.heartbeatAt = st.optReal(4);
            r.createdAt = st.real(5);
            r.heartbeatInterval = st.real(6);
            candidates.push_back(std::move(r));
        }
    }
    const double now = nowSeconds();
    std::vector<std::pair<std::string, std::string>> stale; // id, why
    for (const auto &c : candidates)
        if (auto why = RunControl::goneReason(c, now); !why.empty())
            stale.emplace_back(c.id, std::move(why));
    std::vector<std::string> marked;
    if (stale.empty())
        return marked;
    d->write([&] {
        marked.clear();
        // The status check in the UPDATE keeps a run that finished meanwhile as it is.
        auto up = d->db.prepare("UPDATE runs SET status = 'crashed', message = ?2, "
                                "ended_at = coalesce(heartbeat_at, created_at) WHERE id = ?1 AND status = 'running'");
        for (const auto &[id, why] : stale) {
            up.bind(1, id).bind(2, "crashed: " + why).run();
            if (d->db.changes() > 0)
                marked.push_back(id);
        }
    });
    return marked;
}

bool higherIsBetter(const std::string &key)
{
    for (const char *word : {"acc", "f1", "auc", "precision", "recall", "score", "per_s", "throughput"})
        if (key.find(word) != std::string::npos)
            return true;
    return false;
}

} // namespace seekbench::projects
