#pragma once

// What an extractor found in a sentence (the NER + RE model, or the dictionary baseline),
// the file the model's run writes them to, and the scores against gold annotations.

#include "seekbench/kg/corpus.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::kg {

struct PredictedEntity
{
    int begin = 0; // UTF-8 byte offsets into the sentence's text, whole words
    int end = 0;
    ConceptType type = ConceptType::Disease;
    float confidence = 1; // mean probability of the span's BIO tags
    // The link (linking.h fills these): an ontology concept id, or for a mention that
    // links to nothing a candidate id "NEW:<type>:<normalised text>" with candidate set.
    std::string concept_id;
    bool candidate = false;
    float link_score = 0;
    std::string link_method; // "exact", "context", "fuzzy", "embedding", "new"
    bool negated = false;    // cue-based (negation.h), not predicted by the model
    bool hedged = false;
    std::vector<float> embedding; // the span's contextual embedding (model only; may be empty)
};

struct PredictedRelation
{
    int head = 0; // indices into SentencePrediction::entities
    int tail = 0;
    RelationType type = RelationType::Treats;
    float confidence = 1; // the relation head's probability of `type`
};

struct SentencePrediction
{
    std::string sentence_id;
    std::vector<PredictedEntity> entities;
    std::vector<PredictedRelation> relations;
};

// The model's outputs file (runs/<id>/kg_outputs.json + kg_outputs.f32): for every
// sentence of the corpus the model ran on, its predictions; the embeddings live in the
// .f32 file (little-endian float32, `dim` per entity, in order) so the JSON stays small.
// Also the concept prototypes: for each concept seen in training, the mean contextual
// embedding of its gold training mentions, which linking compares mentions against.
inline const char *kExtractionOutputsFile = "eval/kg_outputs.json"; // in the run folder

struct ExtractionOutputs
{
    std::string run_id;
    std::string checkpoint; // the checkpoint file the outputs came from
    std::string corpus;     // the corpus name in the project
    int dim = 0;            // embedding size
    std::vector<SentencePrediction> sentences;
    std::vector<std::string> prototype_ids; // concept ids
    std::vector<float> prototypes;          // prototype_ids.size() x dim
    std::vector<int> prototype_counts;      // mentions averaged
};
bool writeExtractionOutputs(const std::string &jsonPath, const ExtractionOutputs &outputs, std::string &error);
// Untrusted input: sizes are checked against the .f32 file's real size, offsets against
// nothing (the caller checks them against the corpus). nullopt with `error` naming the
// file and the field on any damage.
std::optional<ExtractionOutputs> readExtractionOutputs(const std::string &jsonPath, std::string &error);

struct Prf
{
    std::int64_t tp = 0, fp = 0, fn = 0;
    double precision() const;
    double recall() const;
    double f1() const; // 0 when tp == 0
};

struct ExtractionScores
{
    Prf entities_strict;  // span and type exactly equal
    Prf entities_lenient; // spans overlap and type equal (each gold and predicted used once)
    std::array<Prf, kConceptTypes> entities_strict_by_type;
    std::array<Prf, kConceptTypes> entities_lenient_by_type;
    // A predicted relation is true when its head and tail match gold entities strictly
    // and its type equals the gold relation's (None never counts).
    Prf relations;
    std::array<Prf, kRelationTypes> relations_by_type; // index 0 (None) unused
    // Of the gold entities with a concept id that were found strictly, the share linked
    // to that concept; and over all gold entities with a concept id (end to end).
    std::int64_t linked_correct = 0, linked_found = 0, gold_with_concept = 0;
    double linkingAccuracy() const; // linked_correct / linked_found
    double linkingEndToEnd() const; // linked_correct / gold_with_concept
};

// Pairs gold and predicted sentences by sentence id; a gold sentence without a prediction
// counts all its entities and relations as missed, a prediction without a gold sentence is
// ignored.
ExtractionScores scoreExtraction(const std::vector<Sentence> &gold, const std::vector<SentencePrediction> &predicted);

} // namespace seekbench::kg
