#pragma once

// A generated graph shaped like a medical knowledge graph, for the explorer's benchmarks and
// tests: diseases in communities (organ systems), each linked to symptoms mostly of its own
// community plus a few common hub symptoms (fever, fatigue) shared by many diseases, to its
// genes, drugs and lab tests. Node types follow the explorer's order: 0 disease, 1 symptom,
// 2 gene, 3 drug, 4 lab test; edge types as kg::RelationType: 1 has symptom, 2 caused by,
// 3 treats, 4 contraindicated for, 5 diagnosed by. Seeded (splitmix64), the same on every platform.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace seekbench::kgbench {

struct KgLikeGraph
{
    struct Edge
    {
        int from = 0, to = 0, type = 0;
        double confidence = 1;
    };
    std::vector<int> nodeType; // per node
    std::vector<Edge> edges;
};

class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    int below(int n) { return int(uniform() * n); }               // [0, n)

private:
    std::uint64_t m_state;
};

// About `nodes` nodes and `edges` edges (a few duplicates are skipped), in `communities` groups.
inline KgLikeGraph makeKgLikeGraph(int nodes, int edges, int communities, std::uint64_t seed)
{
    KgLikeGraph g;
    SplitMix64 rng(seed);
    // Shares of each type, as in a disease-centred ontology.
    const int diseases = nodes * 30 / 100, symptoms = nodes * 30 / 100, genes = nodes * 20 / 100,
              drugs = nodes * 15 / 100;
    const int labs = nodes - diseases - symptoms - genes - drugs;
    std::vector<int> firstOfType{0, diseases, diseases + symptoms, diseases + symptoms + genes,
                                 diseases + symptoms + genes + drugs};
    const int counts[5] = {diseases, symptoms, genes, drugs, labs};
    for (int t = 0; t < 5; ++t)
        g.nodeType.insert(g.nodeType.end(), std::size_t(counts[t]), t);
    const int hubs = std::max(1, symptoms / 100); // common symptoms, shared across communities
    // A node of type t in community c: nodes of a type are split into equal community blocks.
    auto pick = [&](int type, int community) {
        const int n = counts[type];
        const int lo = int(std::int64_t(n) * community / communities),
                  hi = std::max(lo + 1, int(std::int64_t(n) * (community + 1) / communities));
        return firstOfType[std::size_t(type)] + std::min(n - 1, lo + rng.below(hi - lo));
    };
    std::vector<std::uint64_t> seen;
    seen.reserve(std::size_t(edges) * 2);
    auto key = [](int a, int b) { return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b); };
    for (int attempt = 0; int(g.edges.size()) < edges && attempt < edges * 3; ++attempt) {
        const int disease = rng.below(diseases);
        const int community = int(std::int64_t(disease) * communities / diseases);
        const double r = rng.uniform();
        const int other = rng.uniform() < 0.05 ? rng.below(communities) : community; // a few cross links
        KgLikeGraph::Edge e;
        e.from = disease;
        if (r < 0.5) {
            e.type = 1;
            e.to = rng.uniform() < 0.15 ? firstOfType[1] + rng.below(hubs) : pick(1, other);
        } else if (r < 0.65) {
            e.type = 2;
            e.to = pick(2, other);
        } else if (r < 0.8) {
            e.type = 3;
            e.to = pick(3, other);
        } else if (r < 0.88) {
            e.type = 4;
            e.to = pick(3, other);
        } else {
            e.type = 5;
            e.to = pick(4, other);
        }
        e.confidence = 0.3 + 0.7 * rng.uniform();
        seen.push_back(key(e.from, e.to));
        g.edges.push_back(e);
    }
    // Drop repeated pairs, keeping the first.
    std::vector<std::size_t> order(g.edges.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return seen[a] != seen[b] ? seen[a] < seen[b] : a < b; });
    std::vector<bool> keep(g.edges.size(), true);
    for (std::size_t i = 1; i < order.size(); ++i)
        if (seen[order[i]] == seen[order[i - 1]])
            keep[order[i]] = false;
    std::vector<KgLikeGraph::Edge> kept;
    kept.reserve(g.edges.size());
    for (std::size_t i = 0; i < g.edges.size(); ++i)
        if (keep[i])
            kept.push_back(g.edges[i]);
    g.edges = std::move(kept);
    return g;
}

} // namespace seekbench::kgbench
