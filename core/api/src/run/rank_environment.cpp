#include "seekbench/run/rank_environment.h"

#include <charconv>
#include <cstdlib>

namespace seekbench {
namespace {

bool parseNonNegative(const std::string &text, int &out)
{
    auto res = std::from_chars(text.data(), text.data() + text.size(), out);
    return res.ec == std::errc() && res.ptr == text.data() + text.size() && out >= 0;
}

struct Reader
{
    const EnvLookup &lookup;
    std::string error;

    std::optional<int> integer(const std::string &name)
    {
        const auto v = lookup(name);
        if (!v)
            return std::nullopt;
        int out = 0;
        if (!parseNonNegative(*v, out)) {
            if (error.empty())
                error = name + "='" + *v + "' is not a non-negative integer";
            return std::nullopt;
        }
        return out;
    }
};

} // namespace

std::optional<std::string> firstSlurmHost(const std::string &nodeList)
{
    if (nodeList.empty())
        return std::nullopt;
    // The first entry ends at a comma outside brackets.
    size_t end = 0;
    int depth = 0;
    for (; end < nodeList.size(); ++end) {
        const char c = nodeList[end];
        if (c == '[')
            ++depth;
        else if (c == ']')
            --depth;
        else if (c == ',' && depth == 0)
            break;
    }
    const std::string first = nodeList.substr(0, end);
    const auto open = first.find('[');
    if (open == std::string::npos)
        return first;
    const auto close = first.find(']', open);
    if (close == std::string::npos)
        return std::nullopt;
    const std::string prefix = first.substr(0, open);
    std::string range = first.substr(open + 1, close - open - 1);
    range = range.substr(0, range.find(','));
    range = range.substr(0, range.find('-'));
    if (range.empty())
        return std::nullopt;
    return prefix + range + first.substr(close + 1); // zero padding is kept as written
}

RankEnvironmentResult readRankEnvironment(const EnvLookup &lookup)
{
    Reader r{lookup, {}};
    RankEnvironment env;
    auto finish = [&](RankEnvironment e) -> RankEnvironmentResult {
        if (!r.error.empty())
            return {std::nullopt, r.error};
        if (auto addr = lookup("MASTER_ADDR"))
            e.masterAddr = *addr;
        if (auto port = r.integer("MASTER_PORT")) {
            if (*port < 1 || *port > 65535)
                return {std::nullopt, "MASTER_PORT='" + std::to_string(*port) + "' is not a port (1-65535)"};
            e.masterPort = *port;
        }
        if (!r.error.empty())
            return {std::nullopt, r.error};
        if (e.worldSize < 1)
            return {std::nullopt, "the world size must be at least 1 (" + e.source + " variables)"};
        if (e.rank >= e.worldSize)
            return {std::nullopt, "rank " + std::to_string(e.rank) + " is not below the world size "
                                      + std::to_string(e.worldSize) + " (" + e.source + " variables)"};
        if (e.localRank >= e.localWorldSize)
            return {std::nullopt, "local rank " + std::to_string(e.localRank) + " is not below the local world size "
                                      + std::to_string(e.localWorldSize)};
        return {e, {}};
    };

    if (lookup("RANK") || lookup("WORLD_SIZE")) {
        env.source = "torchrun";
        const auto rank = r.integer("RANK");
        const auto size = r.integer("WORLD_SIZE");
        if (r.error.empty() && (!rank || !size))
            return {std::nullopt, std::string(rank ? "WORLD_SIZE" : "RANK") + " is not set but "
                                      + (rank ? "RANK" : "WORLD_SIZE") + " is"};
        env.rank = rank.value_or(0);
        env.worldSize = size.value_or(1);
        env.localRank = r.integer("LOCAL_RANK").value_or(env.rank);
        env.localWorldSize = r.integer("LOCAL_WORLD_SIZE").value_or(env.worldSize);
        return finish(env);
    }
    if (lookup("SLURM_PROCID") && lookup("SLURM_NTASKS")) {
        env.source = "slurm";
        env.rank = r.integer("SLURM_PROCID").value_or(0);
        env.worldSize = r.integer("SLURM_NTASKS").value_or(1);
        env.localRank = r.integer("SLURM_LOCALID").value_or(0);
        if (auto perNode = lookup("SLURM_NTASKS_PER_NODE")) {
            // "2" or "2(x3)": tasks per node, the same on every node.
            int n = 0;
            const std::string head = perNode->substr(0, perNode->find('('));
            env.localWorldSize = parseNonNegative(head, n) && n > 0 ? n : env.worldSize;
        } else {
            env.localWorldSize = env.worldSize;
        }
        if (!lookup("MASTER_ADDR")) {
            if (auto nodes = lookup("SLURM_JOB_NODELIST")) {
                auto host = firstSlurmHost(*nodes);
                if (!host)
                    return {std::nullopt, "SLURM_JOB_NODELIST='" + *nodes + "' has no first host"};
                env.masterAddr = *host;
            }
        }
        return finish(env);
    }
    if (lookup("OMPI_COMM_WORLD_RANK")) {
        env.source = "openmpi";
        env.rank = r.integer("OMPI_COMM_WORLD_RANK").value_or(0);
        env.worldSize = r.integer("OMPI_COMM_WORLD_SIZE").value_or(1);
        env.localRank = r.integer("OMPI_COMM_WORLD_LOCAL_RANK").value_or(0);
        env.localWorldSize = r.integer("OMPI_COMM_WORLD_LOCAL_SIZE").value_or(env.worldSize);
        return finish(env);
    }
    return finish(env);
}

RankEnvironmentResult readRankEnvironment()
{
    return readRankEnvironment([](const std::string &name) -> std::optional<std::string> {
        const char *v = std::getenv(name.c_str());
        if (!v)
            return std::nullopt;
        return std::string(v);
    });
}

} // namespace seekbench
