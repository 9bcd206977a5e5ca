#include "seekbench/projects/tracer.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace seekbench::projects {

struct Tracer::Impl
{
    sql::Database db;
    // Next transfers out of an account after a time, within the window and tolerance:
    // one range scan of aml_tx_forward (sender, ts, amount, receiver).
    sql::Statement next;
    // Earlier transfers into an account: a range scan of aml_tx_backward.
    sql::Statement prev;
    sql::Statement byId;
    std::int64_t queries = 0;

    struct Edge
    {
        std::int64_t id, from, to;
        double ts, amount;
    };

    std::vector<Edge> step(bool forward, const Edge &last, const TraceOptions &o, bool &limited)
    {
        auto &st = forward ? next : prev;
        const double lo = last.amount * (1 - o.tolerance), hi = last.amount * (1 + o.tolerance);
        if (forward)
            st.bind(1, last.to).bind(2, last.ts).bind(3, last.ts + o.windowSeconds);
        else
            st.bind(1, last.from).bind(2, last.ts - o.windowSeconds).bind(3, last.ts);
        st.bind(4, lo).bind(5, hi).bind(6, o.perAccountLimit);
        ++queries;
        std::vector<Edge> out;
        while (st.step()) {
            Edge e{st.int64(0), 0, 0, st.real(1), st.real(2)};
            if (forward) {
                e.from = last.to;
                e.to = st.int64(3);
            } else {
                e.from = st.int64(3);
                e.to = last.from;
            }
            out.push_back(e);
        }
        limited = int(out.size()) >= o.perAccountLimit;
        return out;
    }

    // Expands chains from the seeds hop by hop; a chain ends when nothing follows it,
    // when it closes a cycle, or at maxHops.
    void trace(bool forward, std::vector<std::vector<Edge>> frontier, const TraceOptions &o, TraceResult &result)
    {
        auto emit = [&](const std::vector<Edge> &path, bool cycle) {
            if (int(result.chains.size()) >= o.frontierCap) {
                result.truncated = true;
                return;
            }
            TraceChain c;
            c.forward = forward;
            c.cycle = cycle;
            std::vector<Edge> ordered = path;
            if (!forward)
                std::reverse(ordered.begin(), ordered.end());
            const double start = path.front().amount;
            for (std::size_t i = 0; i < ordered.size(); ++i) {
                const auto &e = ordered[i];
                c.hops.push_back({e.id, e.from, e.to, e.ts, e.amount, i ? e.ts - ordered[i - 1].ts : 0.0,
                                  start > 0 ? e.amount / start : 0.0});
            }
            result.deepest = std::max(result.deepest, int(c.hops.size()));
            result.chains.push_back(std::move(c));
        };
        for (int hop = 1; !frontier.empty(); ++hop) {
            std::vector<std::vector<Edge>> grown;
            for (const auto &path : frontier) {
                if (hop >= o.maxHops) {
                    emit(path, false);
                    continue;
                }
                bool limited = false;
                const auto nexts = step(forward, path.back(), o, limited);
                result.truncated = result.truncated || limited;
                if (nexts.empty()) {
                    emit(path, false);
                    continue;
                }
                for (const auto &e : nexts) {
                    const std::int64_t reached = forward ? e.to : e.from;
                    bool cycle = false;
                    for (const auto &p : path)
                        cycle = cycle || p.from == reached || p.to == reached;
                    auto longer = path;
                    longer.push_back(e);
                    if (cycle)
                        emit(longer, true);
                    else if (int(grown.size()) < o.frontierCap)
                        grown.push_back(std::move(longer));
                    else
                        result.truncated = true;
                }
            }
            frontier = std::move(grown);
        }
    }
};

Tracer::Tracer(const Project &project) : d(std::make_unique<Impl>())
{
    d->db = openConnection(project, true);
    d->next = d->db.prepare(
        "SELECT id, ts, amount, receiver FROM aml_transactions INDEXED BY aml_tx_forward "
        "WHERE sender = ?1 AND ts > ?2 AND ts <= ?3 AND amount BETWEEN ?4 AND ?5 ORDER BY ts LIMIT ?6");
    d->prev = d->db.prepare(
        "SELECT id, ts, amount, sender FROM aml_transactions INDEXED BY aml_tx_backward "
        "WHERE receiver = ?1 AND ts >= ?2 AND ts < ?3 AND amount BETWEEN ?4 AND ?5 ORDER BY ts DESC LIMIT ?6");
    d->byId = d->db.prepare("SELECT id, sender, receiver, ts, amount FROM aml_transactions WHERE id = ?1");
}

Tracer::~Tracer() = default;

namespace {
void checkOptions(const TraceOptions &o)
{
    if (o.maxHops < 1 || o.maxHops > 64)
        throw ProjectError(ProjectError::Kind::BadInput, "hops must be between 1 and 64");
    if (!(o.tolerance >= 0 && o.tolerance < 1))
        throw ProjectError(ProjectError::Kind::BadInput, "the amount tolerance must be in [0, 1)");
    if (!(o.windowSeconds > 0))
        throw ProjectError(ProjectError::Kind::BadInput, "the time window must be positive");
    if (o.frontierCap < 1 || o.perAccountLimit < 1)
        throw ProjectError(ProjectError::Kind::BadInput,
                           "the frontier cap and the per-account limit must be at least 1");
}
} // namespace

TraceResult Tracer::fromTransaction(std::int64_t txId, const TraceOptions &o)
{
    checkOptions(o);
    const auto started = std::chrono::steady_clock::now();
    d->queries = 0;
    d->byId.bind(1, txId);
    if (!d->byId.step())
        throw ProjectError(ProjectError::Kind::NotFound,
                           "no transaction " + std::to_string(txId) + " in the project's store");
    const Impl::Edge seed{d->byId.int64(0), d->byId.int64(1), d->byId.int64(2), d->byId.real(3), d->byId.real(4)};
    d->byId.reset();
    TraceResult r;
    if (o.direction != TraceOptions::Direction::Backward)
        d->trace(true, {{seed}}, o, r);
    if (o.direction != TraceOptions::Direction::Forward)
        d->trace(false, {{seed}}, o, r);
    r.queries = d->queries;
    r.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return r;
}

TraceResult Tracer::fromAccount(std::int64_t accountId, double fromTs, double toTs, const TraceOptions &o)
{
    checkOptions(o);
    const auto started = std::chrono::steady_clock::now();
    d->queries = 0;
    TraceResult r;
    auto seeds = [&](bool forward) {
        auto st = d->db.prepare(
            forward ? "SELECT id, sender, receiver, ts, amount FROM aml_transactions INDEXED BY aml_tx_forward "
                      "WHERE sender = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts LIMIT ?4"
                    : "SELECT id, sender, receiver, ts, amount FROM aml_transactions INDEXED BY aml_tx_backward "
                      "WHERE receiver = ?1 AND ts >= ?2 AND ts <= ?3 ORDER BY ts DESC LIMIT ?4");
        st.bind(1, accountId).bind(2, fromTs).bind(3, toTs).bind(4, o.frontierCap + 1);
        ++d->queries;
        std::vector<std::vector<Impl::Edge>> out;
        while (st.step())
            out.push_back({{st.int64(0), st.int64(1), st.int64(2), st.real(3), st.real(4)}});
        if (int(out.size()) > o.frontierCap) {
            out.resize(std::size_t(o.frontierCap));
            r.truncated = true;
        }
        return out;
    };
    if (o.direction != TraceOptions::Direction::Backward)
        d->trace(true, seeds(true), o, r);
    if (o.direction != TraceOptions::Direction::Forward)
        d->trace(false, seeds(false), o, r);
    r.queries = d->queries;
    r.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return r;
}

} // namespace seekbench::projects
