#include "seekbench/projects/trace_json.h"

#include "seekbench/projects/transactions.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <map>

namespace seekbench::projects {

std::string traceJson(const Project &project, const TraceResult &r)
{
    TransactionStore store(project);
    std::map<std::int64_t, std::string> names;
    auto name = [&](std::int64_t id) {
        auto it = names.find(id);
        if (it == names.end())
            it = names.emplace(id, store.account(id).value_or(AccountRow{}).name).first;
        return it->second;
    };
    nlohmann::json chains = nlohmann::json::array();
    for (const auto &c : r.chains) {
        nlohmann::json hops = nlohmann::json::array();
        for (const auto &h : c.hops)
            hops.push_back({{"tx_id", h.txId},
                            {"from", name(h.from)},
                            {"to", name(h.to)},
                            {"time", aml::formatTimestamp(h.ts)},
                            {"amount", h.amount},
                            {"delay_hours", h.delaySeconds / 3600},
                            {"share", h.share}});
        chains.push_back({{"direction", c.forward ? "forward" : "backward"}, {"cycle", c.cycle}, {"hops", hops}});
    }
    return nlohmann::json{{"chains", chains},
                          {"truncated", r.truncated},
                          {"queries", r.queries},
                          {"deepest", r.deepest},
                          {"elapsed_ms", r.elapsedMs}}
        // Account names are stored text: one from a store written before imports checked
        // UTF-8 gets U+FFFD for its bad bytes instead of failing the whole document.
        .dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string traceText(const Project &project, const TraceResult &r)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, "%zu chains, deepest %d hops, %lld indexed queries, %.1f ms%s\n", r.chains.size(),
                  r.deepest, (long long)r.queries, r.elapsedMs,
                  r.truncated ? " (TRUNCATED: the frontier cap was hit)" : "");
    std::string out = buf;
    const nlohmann::json doc = nlohmann::json::parse(traceJson(project, r));
    for (const auto &c : doc["chains"]) {
        out += c["direction"].get<std::string>() + (c["cycle"].get<bool>() ? " CYCLE" : "") + ":";
        for (const auto &h : c["hops"]) {
            if (&h == &c["hops"].front())
                out += " " + terminalText(h["from"].get<std::string>());
            std::snprintf(buf, sizeof buf, " -[%.2f, +%.1fh, %.0f%%]-> ", h["amount"].get<double>(),
                          h["delay_hours"].get<double>(), 100 * h["share"].get<double>());
            out += buf + terminalText(h["to"].get<std::string>());
        }
        out += "\n";
    }
    return out;
}

} // namespace seekbench::projects
