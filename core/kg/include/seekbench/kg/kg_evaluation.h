#pragma once

// A knowledge-graph run's evaluation and its graph: the model's extractions (the run's
// ExtractionOutputs) are linked, marked for negation and hedging, verified and built into
// a graph; beside them, the dictionary + co-occurrence baseline on the same documents.
//
// The protocol (the honest-figures rules): entity, linking and relation scores are those
// of the TEST documents only, which use surface forms no training document has; graph
// precision and recall against the generating ontology are those of the graphs built from
// the test documents; the rare-disease ranking runs on the graphs built from every
// document (a user's graph is built from all the text they have), against the ranking on
// the ontology itself (the ceiling), on patients generated with a fixed seed.

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/graph.h"
#include "seekbench/kg/linking.h"
#include "seekbench/kg/ranking.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::kg {

inline const char *kKgEvaluationFile = "eval/kg_evaluation.json"; // in the run folder

// An ontology made of a corpus's own annotations, for imported corpora that come without
// one: every concept id mentioned in the training documents, typed by its mentions and
// named by its most frequent form; relations from the gold relations of every document.
Ontology ontologyFromCorpus(const Corpus &corpus);

struct KgEvaluationOptions
{
    LinkerOptions link;
    BuildOptions build;
    RankOptions rank;
    PatientOptions patients;
};

// One extractor's figures.
struct ExtractorEvaluation
{
    std::string name; // "model" or "dictionary"
    ExtractionScores test;
    // Gold test mentions written with a held-out form (an unseen synonym or misspelling):
    // found strictly, and linked to their concept.
    std::int64_t unseen_mentions = 0, unseen_found = 0, unseen_linked = 0;
    // Gold test mentions written with a form two or more concepts share (an ambiguous
    // abbreviation): found strictly, and linked to the right one of them.
    std::int64_t ambiguous_mentions = 0, ambiguous_found = 0, ambiguous_linked = 0;
    GraphScore test_graph;
    std::optional<RankingEvaluation> ranking; // with a generated ontology
};

struct KgEvaluation
{
    std::vector<SentencePrediction> predictions; // the model's, linked and marked, every document
    KnowledgeGraph graph;                        // the model's graph over every document
    std::vector<ExtractorEvaluation> extractors; // model, then dictionary
    std::optional<RankingEvaluation> ceiling;    // ranking on the ontology's own graph
    std::map<std::string, double> metrics;       // headline figures, "kg/<name>"
    std::string json;                            // all of it, for kKgEvaluationFile
    std::vector<std::string> notes;
};

// `ontology` is the generating one when the corpus was generated (graph and ranking
// figures need it), else ontologyFromCorpus(corpus). Throws std::invalid_argument when the
// outputs do not belong to the corpus (a sentence id it does not have, an offset outside
// its sentence).
KgEvaluation evaluateKgRun(const Corpus &corpus, const Ontology &ontology, bool generatedOntology,
                           const ExtractionOutputs &outputs, const KgEvaluationOptions &options = {});

// The dictionary baseline's predictions over every document, linked and marked, and its graph.
struct BaselineGraph
{
    std::vector<SentencePrediction> predictions;
    KnowledgeGraph graph;
};
BaselineGraph buildBaselineGraph(const Corpus &corpus, const Ontology &ontology, const BuildOptions &options = {});

} // namespace seekbench::kg
