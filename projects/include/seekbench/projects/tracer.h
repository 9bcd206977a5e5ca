#pragma once

// Fund-chain tracing over the project's transaction store: from a transaction or an
// account, money is followed forward (who received it next) and backward (where it came
// from), hop by hop in time order. A hop counts only when the next transfer comes after
// the previous one, within `window`, and with an amount within `tolerance` of it. Each
// hop is one indexed range query over (sender, ts, amount, receiver) or (receiver, ts,
// amount, sender): an iterative frontier search whose frontier is capped, with a
// 'truncated' flag when the cap (or a per-account limit) is hit. Cycles are marked.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct TraceOptions
{
    enum class Direction { Forward, Backward, Both };
    Direction direction = Direction::Both;
    int maxHops = 6;                  // transfers per chain, the starting one included
    double windowSeconds = 72 * 3600; // between a transfer and the next
    double tolerance = 0.1;           // the next amount is within +-10 % of the previous
    int frontierCap = 500;            // open chains kept per hop; also the chains returned
    int perAccountLimit = 50;         // next transfers read per account and hop
};

struct TraceHop
{
    std::int64_t txId = 0;
    std::int64_t from = 0, to = 0; // account ids
    double ts = 0, amount = 0;
    double delaySeconds = 0; // after the previous hop of the chain (0 for the first)
    double share = 1;        // amount / the chain's starting amount
};

struct TraceChain
{
    bool forward = true; // backward chains are returned in time order too
    bool cycle = false;  // the money came back to an account already on the chain
    std::vector<TraceHop> hops;
};

struct TraceResult
{
    std::vector<TraceChain> chains;
    bool truncated = false;
    std::int64_t queries = 0; // indexed range queries run
    int deepest = 0;          // hops of the longest chain
    double elapsedMs = 0;
};

class Tracer
{
public:
    explicit Tracer(const Project &project);
    ~Tracer();
    Tracer(const Tracer &) = delete;
    Tracer &operator=(const Tracer &) = delete;

    // Chains through transaction `txId` (forward from it, backward into it).
    TraceResult fromTransaction(std::int64_t txId, const TraceOptions &options);
    // Chains starting with the account's transfers out (forward) or in (backward) within
    // [fromTs, toTs].
    TraceResult fromAccount(std::int64_t accountId, double fromTs, double toTs, const TraceOptions &options);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
