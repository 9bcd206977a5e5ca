#include "seekbench/projects/aml_case_store.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/text/terminal_text.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

namespace seekbench::projects {

struct AmlCaseStore::Impl
{
    sql::Database db;
};

const std::vector<std::string> &amlAlertStatuses()
{
    static const std::vector<std::string> statuses{"new", "reviewing", "escalated", "dismissed"};
    return statuses;
}

bool isAmlAlertStatus(const std::string &status)
{
    const auto &all = amlAlertStatuses();
    return std::find(all.begin(), all.end(), status) != all.end();
}

void checkAmlNotes(std::int64_t alertId, const std::string &notes)
{
    std::string other = notes; // newlines and tabs are text in notes
    std::replace(other.begin(), other.end(), '\n', ' ');
    std::replace(other.begin(), other.end(), '\t', ' ');
    if (const std::string c = firstControlCharacter(other); !c.empty())
        throw std::invalid_argument("the notes of alert " + std::to_string(alertId) + " hold a control character (" + c
                                    + "); only newlines and tabs are allowed");
}

namespace {
// SQLite stores infinities, but a finite bound keeps the comparisons obvious.
double finite(double v) { return std::isfinite(v) ? v : (v < 0 ? -1e300 : 1e300); }

double nowSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}
} // namespace

AmlCaseStore::AmlCaseStore(const Project &project) : d(std::make_unique<Impl>())
{
    d->db = openConnection(project, false);
}

AmlCaseStore::~AmlCaseStore() = default;

std::vector<AmlTimelineAlert> AmlCaseStore::alerts(const AmlAlertQuery &q)
{
    if (q.statuses.size() > amlAlertStatuses().size())
        throw std::invalid_argument("too many statuses in the alert filter");
    for (const auto &s : q.statuses)
        if (!isAmlAlertStatus(s))
            throw std::invalid_argument("unknown alert status '" + s + "' in the alert filter");
    std::vector<AmlTimelineAlert> out;
    // The status is the analyst's review of the transaction (aml_alert_reviews), 'new' without one.
    auto st = d->db.prepare(
        "SELECT a.id, a.tx_id, a.account_id, t.ts, a.score, a.severity, coalesce(r.status, 'new'), t.typology "
        "FROM aml_alerts a JOIN aml_transactions t ON t.id = a.tx_id "
        "LEFT JOIN aml_alert_reviews r ON r.run_id = a.run_id AND r.model = a.model AND r.tx_id = a.tx_id "
        "WHERE a.run_id = ?1 AND a.model = ?2 AND t.ts >= ?3 AND t.ts <= ?4 AND a.score >= ?5 "
        "AND (?6 = 0 OR coalesce(r.status, 'new') IN (?7, ?8, ?9, ?10)) AND (?11 IS NULL OR a.account_id = ?11) "
        "AND (?12 IS NULL OR t.typology = ?12) ORDER BY t.ts, a.id LIMIT ?13");
    st.bind(1, q.runId).bind(2, q.model).bind(3, finite(q.fromTs)).bind(4, finite(q.toTs)).bind(5, q.minScore);
    st.bind(6, int(q.statuses.size()));
    for (int i = 0; i < 4; ++i)
        st.bind(7 + i, i < int(q.statuses.size()) ? q.statuses[std::size_t(i)] : std::string());
    if (q.accountId)
        st.bind(11, *q.accountId);
    else
        st.bindNull(11);
    if (q.typology)
        st.bind(12, *q.typology);
    else
        st.bindNull(12);
    st.bind(13, q.limit);
    while (st.step())
        out.push_back(
            {st.int64(0), st.int64(1), st.int64(2), st.real(3), st.real(4), st.text(5), st.text(6), st.text(7)});
    return out;
}

std::optional<std::pair<std::string, std::string>> AmlCaseStore::latestAlertRun()
{
    auto st = d->db.prepare(
        "SELECT run_id, model FROM aml_alerts ORDER BY created_at DESC, model = 'graph' DESC, id DESC LIMIT 1");
    if (!st.step())
        return std::nullopt;
    auto r = std::make_pair(st.text(0), st.text(1));
    st.reset();
    return r;
}

std::vector<AmlActivityDay> AmlCaseStore::activity(std::int64_t accountId)
{
    std::vector<AmlActivityDay> out;
    auto st = d->db.prepare(
        "SELECT CAST(floor(ts / 86400) AS INTEGER) AS day, sum(CASE WHEN dir = 0 THEN amount ELSE 0 END), "
        "sum(CASE WHEN dir = 1 THEN amount ELSE 0 END), sum(dir = 0), sum(dir = 1) FROM ("
        "SELECT ts, amount, 0 AS dir FROM aml_transactions WHERE receiver = ?1 UNION ALL "
        "SELECT ts, amount, 1 AS dir FROM aml_transactions WHERE sender = ?1) GROUP BY day ORDER BY day");
    st.bind(1, accountId);
    while (st.step())
        out.push_back({double(st.int64(0)) * 86400, st.real(1), st.real(2), st.int32(3), st.int32(4)});
    return out;
}

AmlEgoNetwork AmlCaseStore::egoNetwork(std::int64_t accountId, const AmlEgoOptions &o)
{
    AmlEgoNetwork net;
    auto name = d->db.prepare("SELECT name, coalesce(label, -1) FROM aml_accounts WHERE id = ?1");
    auto addNode = [&](std::int64_t id, int hop) {
        name.bind(1, id);
        if (!name.step())
            return false;
        net.nodes.push_back({id, name.text(0), hop, name.int32(1)});
        name.reset();
        return true;
    };
    if (!addNode(accountId, 0))
        throw std::invalid_argument("no account with id " + std::to_string(accountId) + " in the project");
    std::unordered_map<std::int64_t, int> hopOf{{accountId, 0}};
    std::unordered_map<std::int64_t, bool> seenTx;
    // Newest first, so a cap keeps the transfers closest to the chosen time.
    auto out = d->db.prepare("SELECT id, sender, receiver, ts, amount, coalesce(label, -1) FROM aml_transactions "
                             "WHERE sender = ?1 AND ts <= ?2 ORDER BY ts DESC LIMIT ?3");
    auto in = d->db.prepare("SELECT id, sender, receiver, ts, amount, coalesce(label, -1) FROM aml_transactions "
                            "WHERE receiver = ?1 AND ts <= ?2 ORDER BY ts DESC LIMIT ?3");
    std::vector<std::int64_t> frontier{accountId};
    for (int hop = 1; hop <= o.hops && !frontier.empty(); ++hop) {
        std::vector<std::int64_t> next;
        for (const std::int64_t a : frontier) {
            for (sql::Statement *st : {&out, &in}) {
                st->bind(1, a).bind(2, finite(o.upToTs)).bind(3, o.perAccountLimit);
                int rows = 0;
                while (st->step()) {
                    ++rows;
                    const AmlEgoEdge e{st->int64(0), st->int64(1), st->int64(2),
                                       st->real(3),  st->real(4),  st->int32(5)};
                    const std::int64_t other = e.from == a ? e.to : e.from;
                    if (!hopOf.count(other)) {
                        if (int(net.nodes.size()) >= o.maxNodes) {
                            net.truncated = true;
                            continue;
                        }
                        hopOf[other] = hop;
                        next.push_back(other);
                        net.nodes.push_back({other, {}, hop, -1});
                    }
                    if (seenTx.emplace(e.txId, true).second) {
                        if (int(net.edges.size()) >= o.maxEdges)
                            net.truncated = true;
                        else
                            net.edges.push_back(e);
                    }
                }
                if (rows >= o.perAccountLimit)
                    net.truncated = true;
            }
        }
        frontier = std::move(next);
    }
    for (auto &n : net.nodes) {
        if (n.hop == 0)
            continue;
        name.bind(1, n.accountId);
        if (name.step()) {
            n.name = name.text(0);
            n.label = name.int32(1);
        }
        name.reset();
    }
    std::sort(net.edges.begin(), net.edges.end(),
              [](const AmlEgoEdge &x, const AmlEgoEdge &y) { return x.ts != y.ts ? x.ts < y.ts : x.txId < y.txId; });
    return net;
}

void AmlCaseStore::review(std::int64_t alertId, const std::optional<std::string> &status,
                          const std::optional<std::string> &notes)
{
    if (status && !isAmlAlertStatus(*status))
        throw std::invalid_argument("unknown alert status '" + terminalText(*status) + "' for alert "
                                    + std::to_string(alertId) + " (new, reviewing, escalated or dismissed)");
    if (notes)
        checkAmlNotes(alertId, *notes);
    // Keyed by the alert's transaction in its run and model, so that the review outlives
    // this set of alerts; an unchanged field keeps its reviewed value.
    int changed = 0;
    sql::withWriteTransaction(d->db, [&] {
        auto st = d->db.prepare(
            "INSERT OR REPLACE INTO aml_alert_reviews(run_id, model, tx_id, status, notes, updated_at) "
            "SELECT a.run_id, a.model, a.tx_id, coalesce(?2, r.status, 'new'), coalesce(?3, r.notes, ''), ?4 "
            "FROM aml_alerts a LEFT JOIN aml_alert_reviews r "
            "ON r.run_id = a.run_id AND r.model = a.model AND r.tx_id = a.tx_id WHERE a.id = ?1");
        st.bind(1, alertId);
        if (status)
            st.bind(2, *status);
        else
            st.bindNull(2);
        if (notes)
            st.bind(3, *notes);
        else
            st.bindNull(3);
        st.bind(4, nowSeconds()).run();
        changed = d->db.changes();
    });
    if (changed == 0)
        throw std::invalid_argument("no alert " + std::to_string(alertId) + " in the project");
}

} // namespace seekbench::projects
