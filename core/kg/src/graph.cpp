// Verification into the knowledge graph (graph.h): linked mentions become nodes, relations
// that fit their signature become edges with their evidence aggregated by noisy-OR, and
// TREATS / CONTRAINDICATED_FOR pairs both present are flagged for review.

#include "seekbench/kg/graph.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace seekbench::kg {

namespace {

constexpr std::string_view kCandidatePrefix = "NEW:";

std::string article(ConceptType type)
{
    const std::string_view name = conceptTypeName(type);
    return std::string(name.front() == 'a' || name.front() == 'e' || name.front() == 'i' || name.front() == 'o'
                               || name.front() == 'u'
                           ? "an "
                           : "a ")
           + std::string(name);
}

// "TREATS needs a drug head; 'SYM0003' is a symptom", naming the end that does not fit.
std::string signatureReason(RelationType type, const std::string &headId, ConceptType head, const std::string &tailId,
                            ConceptType tail)
{
    const std::string relation(relationTypeName(type));
    for (const RelationSignature &s : kRelationSignatures) {
        if (s.type != type)
            continue;
        if (s.head != head)
            return relation + " needs " + article(s.head) + " head; '" + headId + "' is " + article(head);
        return relation + " needs " + article(s.tail) + " tail; '" + tailId + "' is " + article(tail);
    }
    return relation + " is not a relation between concepts";
}

struct NodeBuilder
{
    GraphNode node;
    std::map<std::string, int> form_counts;
};

struct EdgeBuilder
{
    int head = 0, tail = 0;
    RelationType type = RelationType::Treats;
    std::unordered_map<std::string, EdgeEvidence> by_sentence; // one piece of evidence per sentence
    std::vector<std::string> order;                            // sentences in the order first seen
};

std::uint64_t edgeKey(int head, RelationType type, int tail)
{
    return (std::uint64_t(static_cast<std::uint32_t>(head)) << 34)
           | (std::uint64_t(static_cast<std::uint32_t>(tail)) << 4) | static_cast<std::uint64_t>(type);
}

void flagContradictions(KnowledgeGraph &graph)
{
    std::unordered_map<std::uint64_t, int> treats;
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
        if (graph.edges[e].type == RelationType::Treats)
            treats.emplace(edgeKey(graph.edges[e].head, RelationType::None, graph.edges[e].tail), static_cast<int>(e));
    }
    for (GraphEdge &edge : graph.edges) {
        if (edge.type != RelationType::ContraindicatedFor)
            continue;
        const auto it = treats.find(edgeKey(edge.head, RelationType::None, edge.tail));
        if (it != treats.end()) {
            edge.contradicted = true;
            graph.edges[static_cast<std::size_t>(it->second)].contradicted = true;
        }
    }
}

} // namespace

KnowledgeGraph buildGraph(const Ontology &ontology, const std::vector<SentencePrediction> &predictions,
                          const BuildOptions &options, const Corpus *corpus)
{
    std::unordered_map<std::string, const std::string *> textOf;
    if (corpus) {
        for (const Document &d : corpus->documents)
            for (const Sentence &s : d.sentences)
                textOf.emplace(s.id, &s.text);
    }
    std::vector<NodeBuilder> nodes;
    std::unordered_map<std::string, int> nodeIndex;
    auto nodeOf = [&](const PredictedEntity &entity, const std::string *text) {
        const auto [it, added] = nodeIndex.try_emplace(entity.concept_id, static_cast<int>(nodes.size()));
        if (added) {
            NodeBuilder b;
            b.node.concept_id = entity.concept_id;
            const int c = ontology.find(entity.concept_id);
            if (c >= 0 && !entity.candidate) {
                const Concept &concept_ = ontology.concepts[static_cast<std::size_t>(c)];
                b.node.type = concept_.type;
                b.node.name = concept_.name;
            } else {
                // Not in the ontology: a candidate of the type it was predicted as.
                b.node.type = entity.type;
                b.node.candidate = true;
            }
            nodes.push_back(std::move(b));
        }
        NodeBuilder &b = nodes[static_cast<std::size_t>(it->second)];
        ++b.node.mentions;
        // The form as written when the text is at hand; else a candidate's id holds its
        // normalised form.
        if (text && entity.begin >= 0 && entity.end > entity.begin && std::size_t(entity.end) <= text->size()) {
            ++b.form_counts[text->substr(std::size_t(entity.begin), std::size_t(entity.end - entity.begin))];
        } else if (b.node.candidate && entity.concept_id.starts_with(kCandidatePrefix)) {
            const std::string &id = entity.concept_id;
            const auto colon = id.find(':', kCandidatePrefix.size());
            ++b.form_counts[colon == std::string::npos ? id : id.substr(colon + 1)];
        }
        return it->second;
    };

    KnowledgeGraph graph;
    std::vector<EdgeBuilder> edges;
    std::unordered_map<std::uint64_t, int> edgeIndex;
    for (const SentencePrediction &prediction : predictions) {
        const auto text = textOf.find(prediction.sentence_id);
        const std::string *sentenceText = text == textOf.end() ? nullptr : text->second;
        std::vector<int> entityNode(prediction.entities.size(), -1);
        for (std::size_t i = 0; i < prediction.entities.size(); ++i) {
            if (!prediction.entities[i].concept_id.empty())
                entityNode[i] = nodeOf(prediction.entities[i], sentenceText);
        }
        for (const PredictedRelation &r : prediction.relations) {
            if (r.type == RelationType::None)
                continue;
            RejectedRelation rejected{prediction.sentence_id, {}, {}, r.type, {}};
            const auto count = static_cast<int>(prediction.entities.size());
            if (r.head < 0 || r.head >= count || r.tail < 0 || r.tail >= count || r.head == r.tail) {
                rejected.reason = "entity indices " + std::to_string(r.head) + " and " + std::to_string(r.tail)
                                  + " do not name two of the sentence's " + std::to_string(count) + " entities";
                graph.rejected.push_back(std::move(rejected));
                continue;
            }
            const PredictedEntity &head = prediction.entities[static_cast<std::size_t>(r.head)];
            const PredictedEntity &tail = prediction.entities[static_cast<std::size_t>(r.tail)];
            rejected.head_id = head.concept_id;
            rejected.tail_id = tail.concept_id;
            const int h = entityNode[static_cast<std::size_t>(r.head)];
            const int t = entityNode[static_cast<std::size_t>(r.tail)];
            if (h < 0 || t < 0) {
                rejected.reason = std::string("the ") + (h < 0 ? "head" : "tail")
                                  + " mention is not linked to a concept";
                graph.rejected.push_back(std::move(rejected));
                continue;
            }
            const GraphNode &headNode = nodes[static_cast<std::size_t>(h)].node;
            const GraphNode &tailNode = nodes[static_cast<std::size_t>(t)].node;
            if (!relationAllowed(r.type, headNode.type, tailNode.type)) {
                rejected.reason = signatureReason(r.type, headNode.concept_id, headNode.type, tailNode.concept_id,
                                                  tailNode.type);
                graph.rejected.push_back(std::move(rejected));
                continue;
            }
            const auto [it, added] = edgeIndex.try_emplace(edgeKey(h, r.type, t), static_cast<int>(edges.size()));
            if (added)
                edges.push_back({h, t, r.type, {}, {}});
            EdgeBuilder &edge = edges[static_cast<std::size_t>(it->second)];
            const EdgeEvidence evidence{prediction.sentence_id, r.confidence, head.negated || tail.negated,
                                        head.hedged || tail.hedged};
            const auto [seen, first] = edge.by_sentence.try_emplace(prediction.sentence_id, evidence);
            if (first)
                edge.order.push_back(prediction.sentence_id);
            else if (evidence.confidence > seen->second.confidence)
                seen->second = evidence;
        }
    }

    graph.nodes.reserve(nodes.size());
    for (NodeBuilder &b : nodes) {
        std::vector<std::pair<std::string, int>> forms(b.form_counts.begin(), b.form_counts.end());
        std::stable_sort(forms.begin(), forms.end(), [](const auto &a, const auto &c) { return a.second > c.second; });
        for (auto &[form, n] : forms)
            b.node.forms.push_back(form);
        if (b.node.name.empty())
            b.node.name = b.node.forms.empty() ? b.node.concept_id : b.node.forms.front();
        graph.nodes.push_back(std::move(b.node));
    }
    for (EdgeBuilder &b : edges) {
        GraphEdge edge{b.head, b.tail, b.type, 0, 0, {}, false};
        double notFor = 1, notAgainst = 1;
        for (const std::string &sentence : b.order) {
            const EdgeEvidence &evidence = b.by_sentence.at(sentence);
            const double weight = evidence.hedged ? options.hedge_weight : 1.0;
            const double p = std::clamp(weight * evidence.confidence, 0.0, 1.0);
            if (evidence.negated) {
                notAgainst *= 1 - p;
            } else {
                notFor *= 1 - p;
                ++edge.support;
            }
            edge.evidence.push_back(evidence);
        }
        edge.confidence = std::max(0.0, (1 - notFor) - (1 - notAgainst));
        if (edge.confidence < options.min_confidence || edge.support < options.min_support)
            continue;
        std::stable_sort(edge.evidence.begin(), edge.evidence.end(),
                         [](const EdgeEvidence &a, const EdgeEvidence &c) { return a.confidence > c.confidence; });
        graph.edges.push_back(std::move(edge));
    }
    flagContradictions(graph);
    graph.reindex();
    return graph;
}

KnowledgeGraph ontologyGraph(const Ontology &ontology)
{
    KnowledgeGraph graph;
    graph.nodes.reserve(ontology.concepts.size());
    for (const Concept &c : ontology.concepts) {
        GraphNode node{c.id, c.type, c.name, {c.name}, false, 0};
        for (const auto *list : {&c.synonyms, &c.abbreviations, &c.misspellings, &c.held_out_forms})
            node.forms.insert(node.forms.end(), list->begin(), list->end());
        graph.nodes.push_back(std::move(node));
    }
    const auto count = static_cast<int>(ontology.concepts.size());
    for (const OntologyRelation &r : ontology.relations) {
        if (r.head < 0 || r.head >= count || r.tail < 0 || r.tail >= count)
            continue; // readOntology rejects such files; a hand-made ontology may not
        graph.edges.push_back({r.head, r.tail, r.type, 1.0, 0, {}, false});
    }
    flagContradictions(graph);
    graph.reindex();
    return graph;
}

} // namespace seekbench::kg
