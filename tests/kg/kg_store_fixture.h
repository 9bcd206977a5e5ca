#pragma once

// A small hand-made knowledge graph for the store's tests: a rare disease with its
// symptoms, gene, lab test, a drug that both treats it and is contraindicated (a flagged
// contradiction), a candidate concept, a second disease sharing a symptom, evidence of
// every kind (hedged, negated), the sentences it cites and a rejected relation.
//
//   0 DIS0001 Fabry disease      --HAS_SYMPTOM(0)--> 1 SYM0001 Fever
//   0                            --HAS_SYMPTOM(1)--> 2 SYM0002 Acroparesthesia
//   0                            --CAUSED_BY(2)----> 3 GEN0001 GLA
//   4 DRG0001 Agalsidase beta    --TREATS(3)-------> 0           (contradicted)
//   4                            --CONTRAINDICATED_FOR(4)--> 0   (contradicted)
//   0                            --DIAGNOSED_BY(5)-> 6 LAB0001
//   7 DIS0002 Fever of unknown origin --HAS_SYMPTOM(6)--> 1
//   5 NEW:disease:fabric lung    --HAS_SYMPTOM(7)--> 2           (candidate)
//   8 GEN0002 Beta-globin (no edge)

#include "seekbench/kg/graph.h"
#include "seekbench/projects/kg_store.h"

#include <QByteArray>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kgfixture {

using namespace seekbench;

inline kg::GraphNode node(const std::string &id, kg::ConceptType type, const std::string &name,
                          std::vector<std::string> forms, int mentions, bool candidate = false)
{
    kg::GraphNode n;
    n.concept_id = id;
    n.type = type;
    n.name = name;
    n.forms = std::move(forms);
    n.mentions = mentions;
    n.candidate = candidate;
    return n;
}

inline kg::GraphEdge edge(int head, int tail, kg::RelationType type, double confidence,
                          std::vector<kg::EdgeEvidence> evidence, bool contradicted = false)
{
    kg::GraphEdge e;
    e.head = head;
    e.tail = tail;
    e.type = type;
    e.confidence = confidence;
    e.evidence = std::move(evidence);
    for (const kg::EdgeEvidence &ev : e.evidence)
        e.support += ev.negated ? 0 : 1;
    e.contradicted = contradicted;
    return e;
}

inline kg::EdgeEvidence evidence(const std::string &sentence, float confidence, bool negated = false,
                                 bool hedged = false)
{
    return kg::EdgeEvidence{sentence, confidence, negated, hedged};
}

inline kg::KnowledgeGraph graph()
{
    using kg::ConceptType;
    using kg::RelationType;
    kg::KnowledgeGraph g;
    g.nodes = {
        node("DIS0001", ConceptType::Disease, "Fabry disease", {"Fabry disease", "Anderson-Fabry disease"}, 12),
        node("SYM0001", ConceptType::Symptom, "Fever", {"fever", "pyrexia", "high temperature"}, 30),
        node("SYM0002", ConceptType::Symptom, "Acroparesthesia", {"acroparesthesia", "burning pain"}, 5),
        node("GEN0001", ConceptType::Gene, "GLA", {"GLA"}, 4),
        node("DRG0001", ConceptType::Drug, "Agalsidase beta", {"agalsidase beta", "Fabrazyme"}, 6),
        node("NEW:disease:fabric lung", ConceptType::Disease, "fabric lung", {"fabric lung"}, 2, true),
        node("LAB0001", ConceptType::LabTest, "Alpha-galactosidase assay", {"alpha-Gal A activity"}, 3),
        node("DIS0002", ConceptType::Disease, "Fever of unknown origin", {"FUO"}, 8),
        node("GEN0002", ConceptType::Gene, "Beta-globin", {"HBB"}, 1),
    };
    g.edges = {
        edge(0, 1, RelationType::HasSymptom, 0.9,
             {evidence("d1:0", 0.9f), evidence("d1:1", 0.8f, false, true), evidence("d2:0", 0.7f)}),
        edge(0, 2, RelationType::HasSymptom, 0.8, {evidence("d1:0", 0.85f), evidence("d2:1", 0.6f)}),
        edge(0, 3, RelationType::CausedBy, 0.95, {evidence("d3:0", 0.95f)}),
        edge(4, 0, RelationType::Treats, 0.7, {evidence("d4:0", 0.7f)}, true),
        edge(4, 0, RelationType::ContraindicatedFor, 0.6, {evidence("d4:1", 0.6f), evidence("d4:2", 0.5f, true)}, true),
        edge(0, 6, RelationType::DiagnosedBy, 0.85, {evidence("d5:0", 0.85f)}),
        edge(7, 1, RelationType::HasSymptom, 0.4, {evidence("d6:0", 0.4f)}),
        edge(5, 2, RelationType::HasSymptom, 0.55, {evidence("d7:0", 0.55f)}),
    };
    g.rejected = {
        {"d9:3", "SYM0001", "DIS0001", RelationType::Treats, "TREATS needs a drug head; 'SYM0001' is a symptom"}};
    g.reindex();
    return g;
}

inline std::vector<projects::KgSentenceRecord> sentences()
{
    projects::KgSentenceRecord s;
    s.sentence_id = "d1:0";
    s.document_id = "d1";
    s.text = "Fabry disease presents with fever and burning pain.";
    kg::PredictedEntity fabry;
    fabry.begin = 0;
    fabry.end = 13;
    fabry.type = kg::ConceptType::Disease;
    fabry.confidence = 0.97f;
    fabry.concept_id = "DIS0001";
    fabry.link_score = 1;
    fabry.link_method = "exact";
    kg::PredictedEntity fever = fabry;
    fever.begin = 28;
    fever.end = 33;
    fever.type = kg::ConceptType::Symptom;
    fever.concept_id = "SYM0001";
    fever.hedged = true;
    kg::PredictedEntity pain = fever;
    pain.begin = 38;
    pain.end = 50;
    pain.concept_id = "SYM0002";
    pain.link_method = "context";
    pain.link_score = 0.75f;
    pain.negated = true;
    pain.hedged = false;
    s.entities = {fabry, fever, pain};
    s.relations = {{0, 1, kg::RelationType::HasSymptom, 0.9f}, {0, 2, kg::RelationType::HasSymptom, 0.85f}};
    projects::KgSentenceRecord rejected;
    rejected.sentence_id = "d9:3";
    rejected.document_id = "d9";
    rejected.text = "Fever treats Fabry disease.";
    return {s, rejected};
}

inline projects::KgGraphRecord meta(const std::string &name)
{
    projects::KgGraphRecord m;
    m.name = name;
    m.run_id = "run-1";
    m.checkpoint = "checkpoints/best.pt";
    m.corpus = "clinical";
    m.extractor = "model";
    m.scores_json = R"({"graph":{"precision":0.8,"recall":0.6}})";
    m.options_json = R"({"min_confidence":0.5})";
    return m;
}

inline std::vector<int> sorted(std::vector<int> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

// "0,4,5": lists compared as text, so a failure shows both lists.
inline QByteArray joined(const std::vector<int> &v)
{
    QByteArray text;
    for (const int i : v)
        text += (text.isEmpty() ? "" : ",") + QByteArray::number(i);
    return text;
}

inline std::uint32_t bit(kg::RelationType t) { return 1u << static_cast<int>(t); }
inline std::uint32_t bit(kg::ConceptType t) { return 1u << static_cast<int>(t); }

} // namespace kgfixture
