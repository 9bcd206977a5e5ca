#include "connection.h"
#include "run_store_impl.h"

#include <cstdint>
#include <unordered_map>

// RunStore's listing: filters to bound parameters, then tags and summaries for all
// listed runs in one statement each.

namespace seekbench::projects {

namespace {

// config_yaml last, and only when asked for: SQLite materialises every selected column,
// and a snapshot spills to overflow pages, which a listing of thousands of runs would read.
const char *kRunColumns = "id, name, status, created_at, started_at, ended_at, heartbeat_at, "
                          "heartbeat_interval, host, pid, pid_start, launcher, config_hash, parent_id, "
                          "parent_kind, notes, message, attempt, store_mode, ranks, scheduler, job_id, job_state, "
                          "job_state_at, (SELECT a.resumed_from_step FROM run_attempts a "
                          "WHERE a.run_id = r.id AND a.attempt = r.attempt), color";

RunRecord readRun(const sql::Statement &st, bool withConfig)
{
    RunRecord r;
    r.id = st.text(0);
    r.name = st.text(1);
    // A word this version does not know (a newer writer, a hand edit) lists the run as
    // failed with the word in its message, rather than hiding every run.
    const std::string word = st.text(2);
    const auto status = parseRunStatus(word);
    r.status = status.value_or(RunStatus::Failed);
    r.createdAt = st.real(3);
    r.startedAt = st.optReal(4);
    r.endedAt = st.optReal(5);
    r.heartbeatAt = st.optReal(6);
    r.heartbeatInterval = st.real(7);
    r.host = st.text(8);
    r.pid = st.int64(9);
    r.pidStart = st.int64(10);
    r.launcher = st.text(11);
    r.configHash = st.text(12);
    r.parentId = st.text(13);
    r.parentKind = st.text(14);
    r.notes = st.text(15);
    r.message = st.text(16);
    if (!status)
        r.message = "unknown status '" + word + "' in the store" + (r.message.empty() ? "" : ": " + r.message);
    r.attempt = st.int32(17);
    r.storeMode = st.text(18);
    r.ranks = st.int32(19);
    r.scheduler = st.text(20);
    r.jobId = st.text(21);
    r.jobState = st.text(22);
    r.jobStateAt = st.optReal(23);
    if (const auto from = st.optReal(24))
        r.resumedFromStep = std::int64_t(*from);
    r.color = st.int32(25);
    if (withConfig)
        r.configYaml = st.text(26);
    return r;
}

const char *sqlOp(RunFilter::Op op)
{
    switch (op) {
    case RunFilter::Op::Eq: return "=";
    case RunFilter::Op::Ne: return "<>";
    case RunFilter::Op::Lt: return "<";
    case RunFilter::Op::Le: return "<=";
    case RunFilter::Op::Gt: return ">";
    case RunFilter::Op::Ge: return ">=";
    }
    return "=";
}

} // namespace

std::vector<RunRecord> RunStore::listRuns(const RunFilter &filter)
{
    // The statement text is built from fixed fragments and '?' placeholders only; every
    // value the user gave is bound below in the same order.
    std::string q = std::string("SELECT ") + kRunColumns + (filter.includeConfig ? ", config_yaml" : "")
                    + " FROM runs r WHERE 1";
    std::vector<std::string> texts;
    std::vector<std::pair<std::size_t, double>> numbers; // bind position -> number
    auto placeholder = [&](const std::string &text) {
        texts.push_back(text);
        return "?" + std::to_string(texts.size());
    };
    auto numberPlaceholder = [&](double v) {
        texts.emplace_back();
        numbers.emplace_back(texts.size(), v);
        return "?" + std::to_string(texts.size());
    };
    if (!filter.statuses.empty()) {
        q += " AND r.status IN (";
        for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
            q += (i ? ", " : "") + placeholder(toString(filter.statuses[i]));
        }
        q += ")";
    }
    if (!filter.ids.empty()) {
        q += " AND r.id IN (";
        for (std::size_t i = 0; i < filter.ids.size(); ++i)
            q += (i ? ", " : "") + placeholder(filter.ids[i]);
        q += ")";
    }
    for (const auto &tag : filter.tags)
        q += " AND EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = " + placeholder(tag) + ")";
    for (const auto &c : filter.params) {
        q += " AND EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.key = " + placeholder(c.key);
        if (c.number)
            q += std::string(" AND p.num ") + sqlOp(c.op) + " " + numberPlaceholder(*c.number) + ")";
        else
            q += std::string(" AND p.value ") + sqlOp(c.op) + " " + placeholder(c.text) + ")";
    }
    auto metricConditions = [&](const std::vector<RunFilter::Condition> &conds, const char *column) {
        for (const auto &c : conds) {
            if (!c.number)
                throw ProjectError(Kind::BadInput, "metric condition '" + c.key + toString(c.op) + c.text
                                                       + "' needs a number, not '" + c.text + "'");
            q += " AND EXISTS (SELECT 1 FROM run_summary s WHERE s.run_id = r.id AND s.key = " + placeholder(c.key)
                 + " AND s." + column + " " + sqlOp(c.op) + " " + numberPlaceholder(*c.number) + ")";
        }
    };
    metricConditions(filter.finalMetrics, "final_value");
    metricConditions(filter.bestMetrics, "best_value");
    if (!filter.nameContains.empty())
        q += " AND instr(r.name, " + placeholder(filter.nameContains) + ") > 0";
    q += filter.newestFirst ? " ORDER BY r.created_at DESC, r.id DESC" : " ORDER BY r.created_at, r.id";
    if (filter.limit > 0)
        q += " LIMIT " + numberPlaceholder(static_cast<double>(filter.limit));

    std::vector<RunRecord> runs;
    std::unordered_map<std::string, std::size_t> index;
    try {
        auto st = d->db.prepare(q);
        std::size_t n = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const int pos = static_cast<int>(i + 1);
            if (n < numbers.size() && numbers[n].first == i + 1)
                st.bind(pos, numbers[n++].second);
            else
                st.bind(pos, texts[i]);
        }
        while (st.step()) {
            runs.push_back(readRun(st, filter.includeConfig));
            index.emplace(runs.back().id, runs.size() - 1);
        }
        if (runs.empty())
            return runs;
        // Tags and summaries in one pass each: two statements for any number of runs.
        // A page of runs looks its rows up by key; a whole listing reads each table once.
        const bool few = runs.size() <= 256;
        auto tags = d->db.prepare(few ? "SELECT run_id, tag FROM run_tags WHERE run_id = ?1"
                                      : "SELECT run_id, tag FROM run_tags");
        std::string sq = "SELECT run_id, key, final_value, final_step, best_value, best_step FROM run_summary";
        if (few)
            sq += " WHERE run_id = ?1";
        if (!filter.summaryKeys.empty()) {
            sq += few ? " AND key IN (" : " WHERE key IN (";
            for (std::size_t i = 0; i < filter.summaryKeys.size(); ++i)
                sq += (i ? ", ?" : "?") + std::to_string(i + 2);
            sq += ")";
        }
        auto sums = d->db.prepare(sq);
        auto collect = [&](const std::string *only) {
            if (only)
                tags.bind(1, *only);
            while (tags.step())
                if (auto it = index.find(tags.text(0)); it != index.end())
                    runs[it->second].tags.push_back(tags.text(1));
            if (only)
                sums.bind(1, *only);
            for (std::size_t i = 0; i < filter.summaryKeys.size(); ++i)
                sums.bind(static_cast<int>(i + 2), filter.summaryKeys[i]);
            while (sums.step()) {
                if (auto it = index.find(sums.text(0)); it != index.end()) {
                    MetricSummary &m = runs[it->second].summary[sums.text(1)];
                    m.finalValue = sums.optReal(2);
                    m.finalStep = sums.int64(3);
                    m.bestValue = sums.optReal(4);
                    m.bestStep = sums.int64(5);
                }
            }
        };
        if (few) {
            std::vector<std::string> ids;
            for (const auto &r : runs)
                ids.push_back(r.id);
            for (const auto &id : ids)
                collect(&id);
        } else {
            collect(nullptr);
        }
        if (filter.includeParams) {
            auto ps = d->db.prepare("SELECT key, value FROM run_params WHERE run_id = ?1");
            for (auto &r : runs) {
                ps.bind(1, r.id);
                while (ps.step())
                    r.params[ps.text(0)] = ps.text(1);
            }
        }
    } catch (const sql::SqlError &e) {
        throw ProjectError(Kind::Database, e.what());
    }
    return runs;
}

} // namespace seekbench::projects
