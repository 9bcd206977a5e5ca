#pragma once

// Verification and the knowledge graph: linked extractions become nodes (concepts) and
// edges (relations), each edge with a confidence aggregated over every sentence that
// supports it and the ids of those sentences (provenance).
//
// Verification, in order, for every extracted relation:
//  - type constraint: the head and tail concept types must fit the relation's signature
//    (ontology.h); a relation that does not fit is rejected, with its reason, and kept in
//    KnowledgeGraph::rejected, never silently dropped;
//  - negated mentions ("no response to X") count as evidence against, hedged ones
//    ("possibly") at BuildOptions::hedge_weight of their confidence;
//  - aggregation: confidence = noisy-OR of the supporting sentences' weighted confidences,
//    less the noisy-OR of the evidence against; an edge enters the graph when it reaches
//    BuildOptions::min_confidence;
//  - contradiction: TREATS and CONTRAINDICATED_FOR for the same drug and disease both in
//    the graph are both kept and flagged `contradicted`, for review, never dropped.

#include "seekbench/kg/corpus.h"
#include "seekbench/kg/extraction.h"
#include "seekbench/kg/ontology.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace seekbench::kg {

struct GraphNode
{
    std::string concept_id; // ontology id, or "NEW:..." for a candidate concept
    ConceptType type = ConceptType::Disease;
    std::string name;               // the ontology's canonical name, or the most frequent form
    std::vector<std::string> forms; // surface forms seen in the text, most frequent first
    bool candidate = false;         // not linked to the ontology: needs review
    int mentions = 0;
};

struct EdgeEvidence
{
    std::string sentence_id;
    float confidence = 0; // the extractor's, before weighting
    bool negated = false;
    bool hedged = false;
};

struct GraphEdge
{
    int head = 0; // indices into KnowledgeGraph::nodes
    int tail = 0;
    RelationType type = RelationType::Treats;
    double confidence = 0;
    int support = 0; // supporting sentences (evidence for, not against)
    std::vector<EdgeEvidence> evidence;
    bool contradicted = false;
};

struct RejectedRelation
{
    std::string sentence_id;
    std::string head_id, tail_id;
    RelationType type = RelationType::Treats;
    std::string reason; // "TREATS needs a drug head; 'SYM0003' is a symptom"
};

struct KnowledgeGraph
{
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    std::vector<RejectedRelation> rejected;

    int findNode(const std::string &conceptId) const; // -1 when absent
    void reindex();

private:
    std::unordered_map<std::string, int> m_index;
};

struct BuildOptions
{
    double min_confidence = 0.5;
    double hedge_weight = 0.5;
    int min_support = 1;
};

// `predictions` must be linked (Linker::linkAll) and marked (markNegationAndHedging).
// With the corpus at hand, each node's forms are the mentions' text as written.
KnowledgeGraph buildGraph(const Ontology &ontology, const std::vector<SentencePrediction> &predictions,
                          const BuildOptions &options = {}, const Corpus *corpus = nullptr);

// The ontology's own graph (every true relation, confidence 1): the ranking's ceiling.
KnowledgeGraph ontologyGraph(const Ontology &ontology);

// Graph against the generating ontology: an edge is true when the ontology has the same
// (head concept, type, tail concept). Recall against every ontology relation, and against
// those the corpus states (gold relations in `stated`, e.g. the documents the graph was
// built from).
struct GraphScore
{
    Prf all;    // recall over every ontology relation
    Prf stated; // recall over the relations stated in `stated`
    std::array<Prf, kRelationTypes> stated_by_type;
    std::int64_t candidate_nodes = 0, contradicted_edges = 0, rejected = 0;
};
GraphScore scoreGraph(const KnowledgeGraph &graph, const Ontology &ontology, const std::vector<Sentence> &stated);

} // namespace seekbench::kg
