// The small shared pieces of the knowledge graph types: names, signatures, indexes.

#include "seekbench/kg/corpus.h"
#include "seekbench/kg/extraction.h"
#include "seekbench/kg/graph.h"
#include "seekbench/kg/ontology.h"

#include <array>

namespace seekbench::kg {

namespace {

constexpr std::array<std::string_view, kConceptTypes> kConceptNames = {"disease", "symptom", "gene", "drug", "lab_test"};
constexpr std::array<std::string_view, kRelationTypes> kRelationNames
    = {"none", "HAS_SYMPTOM", "CAUSED_BY", "TREATS", "CONTRAINDICATED_FOR", "DIAGNOSED_BY"};

} // namespace

bool relationAllowed(RelationType type, ConceptType head, ConceptType tail)
{
    for (const RelationSignature &s : kRelationSignatures) {
        if (s.type == type)
            return s.head == head && s.tail == tail;
    }
    return false;
}

std::string_view conceptTypeName(ConceptType type)
{
    const auto i = static_cast<std::size_t>(type);
    return i < kConceptNames.size() ? kConceptNames[i] : std::string_view("unknown");
}

std::string_view relationTypeName(RelationType type)
{
    const auto i = static_cast<std::size_t>(type);
    return i < kRelationNames.size() ? kRelationNames[i] : std::string_view("unknown");
}

std::optional<ConceptType> parseConceptType(std::string_view name)
{
    for (std::size_t i = 0; i < kConceptNames.size(); ++i) {
        if (kConceptNames[i] == name)
            return static_cast<ConceptType>(i);
    }
    return std::nullopt;
}

std::optional<RelationType> parseRelationType(std::string_view name)
{
    for (std::size_t i = 0; i < kRelationNames.size(); ++i) {
        if (kRelationNames[i] == name)
            return static_cast<RelationType>(i);
    }
    return std::nullopt;
}

std::string_view splitName(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Validation: return "validation";
    case Split::Test: return "test";
    }
    return "train";
}

int Ontology::find(std::string_view id) const
{
    const auto it = m_index.find(std::string(id));
    return it == m_index.end() ? -1 : it->second;
}

void Ontology::reindex()
{
    m_index.clear();
    m_index.reserve(concepts.size());
    for (std::size_t i = 0; i < concepts.size(); ++i)
        m_index.emplace(concepts[i].id, static_cast<int>(i));
}

int KnowledgeGraph::findNode(const std::string &conceptId) const
{
    const auto it = m_index.find(conceptId);
    return it == m_index.end() ? -1 : it->second;
}

void KnowledgeGraph::reindex()
{
    m_index.clear();
    m_index.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        m_index.emplace(nodes[i].concept_id, static_cast<int>(i));
}

double Prf::precision() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }

double Prf::recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }

double Prf::f1() const { return tp == 0 ? 0.0 : 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn); }

double ExtractionScores::linkingAccuracy() const
{
    return linked_found == 0 ? 0.0 : static_cast<double>(linked_correct) / static_cast<double>(linked_found);
}

double ExtractionScores::linkingEndToEnd() const
{
    return gold_with_concept == 0 ? 0.0 : static_cast<double>(linked_correct) / static_cast<double>(gold_with_concept);
}

} // namespace seekbench::kg
