// A built graph against the ontology that generated its text (graph.h's GraphScore).
//
// `all`: an edge is true when the ontology holds the same (head, type, tail); recall over
// every ontology relation. `stated`: recall over the relations the gold sentences state;
// an edge counts as false there only when neither the ontology nor those sentences hold it
// (an edge the ontology holds but these sentences do not state is no error).

#include "seekbench/kg/graph.h"

#include <algorithm>
#include <unordered_set>

namespace seekbench::kg {

namespace {

std::string key(const std::string &head, RelationType type, const std::string &tail)
{
    return head + '\x1f' + std::to_string(static_cast<int>(type)) + '\x1f' + tail;
}

std::size_t relationIndex(RelationType type)
{
    return std::min<std::size_t>(static_cast<std::size_t>(type), kRelationTypes - 1);
}

} // namespace

GraphScore scoreGraph(const KnowledgeGraph &graph, const Ontology &ontology, const std::vector<Sentence> &stated)
{
    const auto conceptCount = static_cast<int>(ontology.concepts.size());
    std::unordered_set<std::string> truth;
    for (const OntologyRelation &r : ontology.relations) {
        if (r.head >= 0 && r.head < conceptCount && r.tail >= 0 && r.tail < conceptCount)
            truth.insert(key(ontology.concepts[static_cast<std::size_t>(r.head)].id, r.type,
                             ontology.concepts[static_cast<std::size_t>(r.tail)].id));
    }
    std::unordered_set<std::string> statedKeys;
    std::array<std::int64_t, kRelationTypes> statedByType{};
    for (const Sentence &sentence : stated) {
        const auto entities = static_cast<int>(sentence.entities.size());
        for (const RelationMention &r : sentence.relations) {
            if (r.type == RelationType::None || r.head < 0 || r.head >= entities || r.tail < 0 || r.tail >= entities)
                continue;
            const std::string &head = sentence.entities[static_cast<std::size_t>(r.head)].concept_id;
            const std::string &tail = sentence.entities[static_cast<std::size_t>(r.tail)].concept_id;
            if (!head.empty() && !tail.empty() && statedKeys.insert(key(head, r.type, tail)).second)
                ++statedByType[relationIndex(r.type)];
        }
    }

    GraphScore score;
    std::unordered_set<std::string> seen;
    const auto nodeCount = static_cast<int>(graph.nodes.size());
    for (const GraphEdge &edge : graph.edges) {
        if (edge.contradicted)
            ++score.contradicted_edges;
        if (edge.head < 0 || edge.head >= nodeCount || edge.tail < 0 || edge.tail >= nodeCount)
            continue;
        const std::string k = key(graph.nodes[static_cast<std::size_t>(edge.head)].concept_id, edge.type,
                                  graph.nodes[static_cast<std::size_t>(edge.tail)].concept_id);
        if (!seen.insert(k).second)
            continue; // the same relation twice is one claim
        const bool inOntology = truth.contains(k);
        const bool isStated = statedKeys.contains(k);
        ++(inOntology ? score.all.tp : score.all.fp);
        Prf &byType = score.stated_by_type[relationIndex(edge.type)];
        if (isStated)
            ++byType.tp;
        else if (!inOntology)
            ++byType.fp;
    }
    score.all.fn = static_cast<std::int64_t>(truth.size()) - score.all.tp;
    for (std::size_t t = 0; t < kRelationTypes; ++t) {
        Prf &byType = score.stated_by_type[t];
        byType.fn = statedByType[t] - byType.tp;
        score.stated.tp += byType.tp;
        score.stated.fp += byType.fp;
        score.stated.fn += byType.fn;
    }
    for (const GraphNode &node : graph.nodes)
        score.candidate_nodes += node.candidate ? 1 : 0;
    score.rejected = static_cast<std::int64_t>(graph.rejected.size());
    return score;
}

} // namespace seekbench::kg
