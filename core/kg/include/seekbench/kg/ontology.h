#pragma once

// The medical knowledge graph scenario's ontology (issue 25, the article's section 2.3):
// concepts of five types with their surface forms, and the true relations between them.
// The generator makes one, seeded and reproducible, so that the text made from it can be
// scored against it: entities, links, relations, the built graph and the diagnoses.
//
// Relation directions (head -> tail), which are also the type constraints verification
// checks (kRelationSignatures):
//   HAS_SYMPTOM          disease -> symptom    frequency: share of the disease's patients with it
//   CAUSED_BY            disease -> gene
//   TREATS               drug    -> disease
//   CONTRAINDICATED_FOR  drug    -> disease
//   DIAGNOSED_BY         disease -> lab test

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace seekbench::kg {

enum class ConceptType : std::uint8_t { Disease = 0, Symptom, Gene, Drug, LabTest };
inline constexpr int kConceptTypes = 5;

// None is the relation head's "no relation" class.
enum class RelationType : std::uint8_t { None = 0, HasSymptom, CausedBy, Treats, ContraindicatedFor, DiagnosedBy };
inline constexpr int kRelationTypes = 6; // including None

struct RelationSignature
{
    RelationType type;
    ConceptType head;
    ConceptType tail;
};
inline constexpr RelationSignature kRelationSignatures[] = {
    {RelationType::HasSymptom, ConceptType::Disease, ConceptType::Symptom},
    {RelationType::CausedBy, ConceptType::Disease, ConceptType::Gene},
    {RelationType::Treats, ConceptType::Drug, ConceptType::Disease},
    {RelationType::ContraindicatedFor, ConceptType::Drug, ConceptType::Disease},
    {RelationType::DiagnosedBy, ConceptType::Disease, ConceptType::LabTest},
};
// Whether `type` may go from a `head` concept to a `tail` concept.
bool relationAllowed(RelationType type, ConceptType head, ConceptType tail);

// Stable names, used in files, the store, exports and the CLI: "disease", "symptom",
// "gene", "drug", "lab_test"; "none", "HAS_SYMPTOM", "CAUSED_BY", "TREATS",
// "CONTRAINDICATED_FOR", "DIAGNOSED_BY".
std::string_view conceptTypeName(ConceptType type);
std::string_view relationTypeName(RelationType type);
std::optional<ConceptType> parseConceptType(std::string_view name);
std::optional<RelationType> parseRelationType(std::string_view name);

struct Concept
{
    std::string id; // "DIS0001", "SYM0042", "GEN0007", "DRG0003", "LAB0002"
    ConceptType type = ConceptType::Disease;
    std::string name; // canonical name
    // Other names. The generator splits each concept's forms in two: `synonyms`,
    // `abbreviations` and `misspellings` are what training text uses; `held_out_forms`
    // (unseen synonyms and misspellings) appear only in held-out documents.
    std::vector<std::string> synonyms;
    std::vector<std::string> abbreviations; // some shared by two concepts: ambiguous
    std::vector<std::string> misspellings;
    std::vector<std::string> held_out_forms;
    double prevalence = 0; // diseases: cases per 100,000; 0 for other types
    bool rare = false;     // diseases: prevalence below 50 per 100,000 (the EU's threshold)
};

struct OntologyRelation
{
    int head = 0; // index into Ontology::concepts
    int tail = 0;
    RelationType type = RelationType::HasSymptom;
    double frequency = 1; // HAS_SYMPTOM: share of patients; 1 for the others
};

struct Ontology
{
    std::vector<Concept> concepts;
    std::vector<OntologyRelation> relations;

    // Index of a concept id, or -1.
    int find(std::string_view id) const;
    // Rebuilds the id index; call after changing `concepts` by hand.
    void reindex();

private:
    std::unordered_map<std::string, int> m_index;
};

struct OntologyOptions
{
    std::uint64_t seed = 1;
    int diseases = 120;
    double rare_share = 0.5; // share of diseases that are rare
    int symptoms = 300;
    int genes = 80;
    int drugs = 90;
    int lab_tests = 40;
    int symptoms_per_disease_min = 4;
    int symptoms_per_disease_max = 12;
    double caused_by_gene_share = 0.6; // rare diseases with a causal gene (common: a tenth of it)
    int shared_abbreviations = 12;     // abbreviations given to two concepts, half of them of the same type
};

// Same options, same ontology, on every machine (its own PRNG, no std::distributions).
Ontology generateOntology(const OntologyOptions &options);

// JSON (the project's datasets/kg/<name>.ontology.json): {"format":"seekbench-ontology",
// "version":1,"concepts":[...],"relations":[...]}. The reader treats the file as untrusted:
// it returns nullopt and sets `error` (naming the file and what is wrong: a missing field,
// an unknown type, a relation index out of range, a duplicate id) instead of throwing.
bool writeOntology(const std::string &path, const Ontology &ontology, std::string &error);
std::optional<Ontology> readOntology(const std::string &path, std::string &error);

} // namespace seekbench::kg
