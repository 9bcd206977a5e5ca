// Tracing latency at 1,000,000 transactions (issue 9: a 6-hop chain, hub accounts
// included, within 200 ms). Generates the demo data at that size, stores it in a fresh
// project, then traces: 6-hop cycle chains forward, chains into and out of hub
// accounts (frontier capped), and whole accounts. The baseline, measured in the same
// process, is the article's window-function formulation (LEAD over a partition by
// account, ordered by time) over the whole table.
//   bench_aml_trace [transactions]   (default 1000000)

#include "seekbench/aml/generator.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

using namespace seekbench;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double cpuNow() { return double(std::clock()) / CLOCKS_PER_SEC; }

struct Stats
{
    double median = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

} // namespace

int main(int argc, char **argv)
{
    const long target = argc > 1 ? std::atol(argv[1]) : 1000000;
    aml::GeneratorOptions g;
    g.months = 6;
    g.accounts = int(double(target) / (11.7 * g.months));
    g.seed = 9;
    const auto tmpRoot = std::filesystem::path(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    const auto dir = tmpRoot / ("bench_aml_trace-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);

    double t = now(), c = cpuNow();
    const aml::AmlData data = aml::generateTransactions(g);
    std::printf("generated %zu transactions, %zu accounts, %zu patterns in %.1f s (CPU %.1f s)\n", data.tx.size(),
                data.accounts.size(), data.patterns.size(), now() - t, cpuNow() - c);
    projects::ProjectManifest m;
    m.name = "bench";
    m.scenario = "aml";
    auto project = projects::Project::create(dir, m);
    t = now();
    c = cpuNow();
    projects::TransactionStore(project).append(data);
    std::printf("stored with the tracing indexes in %.1f s (CPU %.1f s)\n", now() - t, cpuNow() - c);

    projects::Tracer tracer(project);
    projects::TraceOptions o;
    o.maxHops = 6;
    // Warm the page cache the way an analyst's session would.
    tracer.fromTransaction(1, o);

    // 6-hop chains: the first transfer of every cycle run with 7 members.
    std::vector<double> chainMs;
    int deep = 0, truncated = 0;
    for (const auto &p : data.patterns) {
        if (p.typology != aml::kCycle || p.accounts.size() < 7)
            continue;
        const auto first = *std::min_element(p.transactions.begin(), p.transactions.end());
        auto r = tracer.fromTransaction(data.tx.id[std::size_t(first)], o);
        chainMs.push_back(r.elapsedMs);
        deep += r.deepest >= 6;
        truncated += r.truncated;
    }
    const Stats chain = stats(chainMs);
    std::printf(
        "6-hop cycle chains, both directions: %zu traced, %d reached 6 hops, %d truncated; median %.2f ms, p95 %.2f ms, max %.2f ms\n",
        chainMs.size(), deep, truncated, chain.median, chain.p95, chain.max);

    // Hubs: transfers into and out of the highest-degree accounts.
    std::vector<std::size_t> degree(data.accounts.size(), 0);
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        degree[std::size_t(data.tx.sender[i])]++;
        degree[std::size_t(data.tx.receiver[i])]++;
    }
    std::vector<std::size_t> hubs(degree.size());
    for (std::size_t i = 0; i < hubs.size(); ++i)
        hubs[i] = i;
    std::partial_sort(hubs.begin(), hubs.begin() + 10, hubs.end(),
                      [&](auto a, auto b) { return degree[a] > degree[b]; });
    std::vector<double> hubMs;
    int hubTruncated = 0;
    std::size_t hubDegree = degree[hubs[0]];
    for (int h = 0; h < 10; ++h) {
        int taken = 0;
        for (std::size_t i = data.tx.size() / 3; i < data.tx.size() && taken < 10; i += 997) {
            if (std::size_t(data.tx.receiver[i]) != hubs[std::size_t(h)]
                && std::size_t(data.tx.sender[i]) != hubs[std::size_t(h)])
                continue;
            auto r = tracer.fromTransaction(data.tx.id[i], o);
            hubMs.push_back(r.elapsedMs);
            hubTruncated += r.truncated;
            ++taken;
        }
    }
    const Stats hub = stats(hubMs);
    std::printf(
        "through hub accounts (top 10, up to %zu transactions each): %zu traced, %d truncated; median %.2f ms, p95 %.2f ms, max %.2f ms\n",
        hubDegree, hubMs.size(), hubTruncated, hub.median, hub.p95, hub.max);

    // Whole accounts (every transfer out and in, capped), hubs included.
    std::vector<double> accountMs;
    int accountTruncated = 0;
    for (int h = 0; h < 10; ++h) {
        auto r = tracer.fromAccount(std::int64_t(hubs[std::size_t(h)]) + 1, 0, 1e18, o);
        accountMs.push_back(r.elapsedMs);
        accountTruncated += r.truncated;
    }
    for (std::size_t a = 0; a < data.accounts.size(); a += data.accounts.size() / 20) {
        auto r = tracer.fromAccount(std::int64_t(a) + 1, 0, 1e18, o);
        accountMs.push_back(r.elapsedMs);
        accountTruncated += r.truncated;
    }
    const Stats acc = stats(accountMs);
    std::printf(
        "from whole accounts (10 hubs + 20 others): %zu traced, %d truncated; median %.2f ms, p95 %.2f ms, max %.2f ms\n",
        accountMs.size(), accountTruncated, acc.median, acc.p95, acc.max);

    // Baseline: the window-function pass (the next transfer of every account) over the table.
    sqlite3 *db = nullptr;
    sqlite3_open_v2(project.databasePath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    const char *sql
        = "SELECT count(*), sum(gap) FROM (SELECT LEAD(ts) OVER (PARTITION BY sender ORDER BY ts) - ts AS gap "
          "FROM aml_transactions)";
    std::vector<double> windowMs;
    for (int k = 0; k < 3; ++k) {
        sqlite3_stmt *st = nullptr;
        const double s = now();
        sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
        }
        sqlite3_finalize(st);
        windowMs.push_back((now() - s) * 1000);
    }
    sqlite3_close(db);
    const Stats win = stats(windowMs);
    std::printf("baseline: LEAD over a partition by account, whole table: median %.0f ms\n", win.median);
    std::printf(
        "ratio: window pass / 6-hop trace (median) = %.0fx; worst trace (hubs included) %.1f ms against the 200 ms target: %s\n",
        win.median / std::max(1e-9, chain.median), std::max({chain.max, hub.max, acc.max}),
        std::max({chain.max, hub.max, acc.max}) <= 200 ? "met" : "NOT met");
    std::filesystem::remove_all(dir);
    return 0;
}
