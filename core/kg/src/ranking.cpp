// Rare-disease ranking (ranking.h): information-content-weighted symptom overlap, in the
// manner of Phenomizer, computed from the graph in one pass over its edges per query (a
// 50,000-edge graph takes about a millisecond, so no index is kept between queries).

#include "seekbench/kg/ranking.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace seekbench::kg {

namespace {

struct DiseaseTally
{
    double total_ic = 0;   // of every symptom the disease has
    double matched = 0;    // IC x confidence of the observed symptoms it has
    double matched_ic = 0; // IC of the observed symptoms it has
    double gene = 0;       // confidence of the CAUSED_BY edge to the query gene
    std::vector<int> matched_edges;
};

bool validEdge(const KnowledgeGraph &graph, const GraphEdge &edge)
{
    const auto n = static_cast<int>(graph.nodes.size());
    return edge.head >= 0 && edge.head < n && edge.tail >= 0 && edge.tail < n;
}

} // namespace

std::vector<RankedDisease> rankDiseases(const KnowledgeGraph &graph, const RankQuery &query, const RankOptions &options,
                                        std::vector<std::string> *unknown)
{
    // The query's symptoms and gene as nodes; ids the graph lacks (or of another type) are
    // no evidence and are reported.
    const auto nodeCount = graph.nodes.size();
    std::vector<char> isObserved(nodeCount, 0);
    std::vector<int> observed;
    auto lookUp = [&](const std::string &id, ConceptType type) {
        const int node = graph.findNode(id);
        if (node < 0 || static_cast<std::size_t>(node) >= nodeCount
            || graph.nodes[static_cast<std::size_t>(node)].type != type) {
            if (unknown)
                unknown->push_back(id);
            return -1;
        }
        return node;
    };
    for (const std::string &id : query.symptoms) {
        const int node = lookUp(id, ConceptType::Symptom);
        if (node >= 0 && !isObserved[static_cast<std::size_t>(node)]) {
            isObserved[static_cast<std::size_t>(node)] = 1;
            observed.push_back(node);
        }
    }
    const int gene = query.gene.empty() ? -1 : lookUp(query.gene, ConceptType::Gene);

    // IC(s) = -ln(diseases with s / diseases), from the graph's HAS_SYMPTOM edges.
    std::vector<int> diseasesWith(nodeCount, 0);
    for (const GraphEdge &edge : graph.edges) {
        if (edge.type == RelationType::HasSymptom && validEdge(graph, edge))
            ++diseasesWith[static_cast<std::size_t>(edge.tail)];
    }
    double diseases = 0;
    for (const GraphNode &node : graph.nodes)
        diseases += node.type == ConceptType::Disease ? 1 : 0;
    std::vector<double> ic(nodeCount, 0.0);
    for (std::size_t s = 0; s < nodeCount; ++s) {
        // A symptom no disease has would have infinite IC: count it as one disease's.
        const double with = std::max(1, diseasesWith[s]);
        ic[s] = diseases > with ? -std::log(with / diseases) : 0.0;
    }
    double observedIc = 0;
    for (int s : observed)
        observedIc += ic[static_cast<std::size_t>(s)];

    std::unordered_map<int, DiseaseTally> tallies;
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
        const GraphEdge &edge = graph.edges[e];
        if (!validEdge(graph, edge))
            continue;
        if (edge.type == RelationType::HasSymptom) {
            DiseaseTally &t = tallies[edge.head];
            const double weight = ic[static_cast<std::size_t>(edge.tail)];
            t.total_ic += weight;
            if (isObserved[static_cast<std::size_t>(edge.tail)]) {
                t.matched += weight * edge.confidence;
                t.matched_ic += weight;
                t.matched_edges.push_back(static_cast<int>(e));
            }
        } else if (edge.type == RelationType::CausedBy && edge.tail == gene) {
            DiseaseTally &t = tallies[edge.head];
            t.gene = std::max(t.gene, edge.confidence);
            t.matched_edges.push_back(static_cast<int>(e));
        }
    }

    std::vector<RankedDisease> ranked;
    std::unordered_map<int, std::size_t> rankedIndex;
    for (auto &[node, t] : tallies) {
        if (t.matched_edges.empty())
            continue; // nothing observed supports it
        // Observed symptoms the disease lacks are noise against it; normalising by its own
        // total IC keeps long symptom lists from winning by size alone.
        const double missing = options.missing_penalty * (observedIc - t.matched_ic);
        double score = t.matched - missing;
        if (t.total_ic > 0)
            score /= t.total_ic;
        score += options.gene_bonus * t.gene;
        std::sort(t.matched_edges.begin(), t.matched_edges.end());
        rankedIndex[node] = ranked.size();
        ranked.push_back({node, score, std::move(t.matched_edges), {}, {}});
    }
    std::sort(ranked.begin(), ranked.end(), [&](const RankedDisease &a, const RankedDisease &b) {
        if (a.score != b.score)
            return a.score > b.score;
        const GraphNode &x = graph.nodes[static_cast<std::size_t>(a.node)];
        const GraphNode &y = graph.nodes[static_cast<std::size_t>(b.node)];
        if (x.mentions != y.mentions)
            return x.mentions > y.mentions;
        return x.concept_id < y.concept_id;
    });
    if (options.limit > 0 && ranked.size() > static_cast<std::size_t>(options.limit))
        ranked.resize(static_cast<std::size_t>(options.limit));

    // Treatments and contraindications of the diseases kept.
    rankedIndex.clear();
    for (std::size_t i = 0; i < ranked.size(); ++i)
        rankedIndex[ranked[i].node] = i;
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
        const GraphEdge &edge = graph.edges[e];
        if (edge.type != RelationType::Treats && edge.type != RelationType::ContraindicatedFor)
            continue;
        const auto it = rankedIndex.find(edge.tail);
        if (it == rankedIndex.end())
            continue;
        RankedDisease &r = ranked[it->second];
        (edge.type == RelationType::Treats ? r.treatment_edges : r.contraindication_edges).push_back(static_cast<int>(e));
    }
    return ranked;
}

RankingEvaluation evaluateRanking(const KnowledgeGraph &graph, const Ontology &ontology,
                                  const std::vector<Patient> &patients, const RankOptions &options)
{
    RankOptions all = options;
    all.limit = 0; // the whole ranking, for the reciprocal rank
    RankingEvaluation result;
    double top1 = 0, top10 = 0, rareTop1 = 0, rareTop10 = 0, reciprocal = 0;
    for (const Patient &patient : patients) {
        const int c = ontology.find(patient.disease_id);
        const bool rare = c >= 0 && ontology.concepts[static_cast<std::size_t>(c)].rare;
        ++result.patients;
        result.rare_patients += rare ? 1 : 0;
        const int target = graph.findNode(patient.disease_id);
        if (target < 0)
            continue; // a disease the graph lacks is a miss
        const std::vector<RankedDisease> ranking = rankDiseases(graph, {patient.symptoms, patient.gene}, all);
        const auto it = std::find_if(ranking.begin(), ranking.end(),
                                     [&](const RankedDisease &r) { return r.node == target; });
        if (it == ranking.end())
            continue;
        const auto rank = static_cast<double>(it - ranking.begin() + 1);
        reciprocal += 1 / rank;
        top1 += rank <= 1 ? 1 : 0;
        top10 += rank <= 10 ? 1 : 0;
        rareTop1 += rare && rank <= 1 ? 1 : 0;
        rareTop10 += rare && rank <= 10 ? 1 : 0;
    }
    if (result.patients > 0) {
        const auto n = static_cast<double>(result.patients);
        result.top1 = top1 / n;
        result.top10 = top10 / n;
        result.mean_reciprocal_rank = reciprocal / n;
    }
    if (result.rare_patients > 0) {
        const auto n = static_cast<double>(result.rare_patients);
        result.rare_top1 = rareTop1 / n;
        result.rare_top10 = rareTop10 / n;
    }
    return result;
}

} // namespace seekbench::kg
