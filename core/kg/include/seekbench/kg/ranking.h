#pragma once

// Rare-disease ranking, the article's "assist the doctor": from observed symptoms (and
// optionally a gene), diseases ranked by their support in a knowledge graph, each with the
// explanatory paths (symptom -> disease, gene -> disease edges, with their evidence) and
// the treatments the graph holds.
//
// Score (in the manner of Phenomizer): each symptom s carries information content
// IC(s) = -ln(diseases with s / diseases), from the graph itself. A disease scores the
// sum over observed symptoms it has of IC(s) x edge confidence, less
// RankOptions::missing_penalty x IC for each observed symptom it lacks (noise), normalised
// by the disease's own total IC so that diseases with long symptom lists are not
// favoured; a causal gene edge matching the query gene adds RankOptions::gene_bonus x the
// edge's confidence. A disease that matches no observed symptom and not the gene is left
// out. Ties break by prevalence in the graph (mentions), then id.

#include "seekbench/kg/graph.h"
#include "seekbench/kg/ontology.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::kg {

struct RankQuery
{
    std::vector<std::string> symptoms; // concept ids
    std::string gene;                  // concept id or empty
};

struct RankOptions
{
    int limit = 10;
    double missing_penalty = 0.25;
    double gene_bonus = 2.0;
};

struct RankedDisease
{
    int node = 0; // index into the graph's nodes
    double score = 0;
    std::vector<int> matched_edges;   // HAS_SYMPTOM and CAUSED_BY edges explaining it
    std::vector<int> treatment_edges; // TREATS edges into it (CONTRAINDICATED_FOR listed apart)
    std::vector<int> contraindication_edges;
};

// Unknown ids in the query are ignored and listed in `unknown` (not an error: a symptom
// the graph never saw is simply no evidence).
std::vector<RankedDisease> rankDiseases(const KnowledgeGraph &graph, const RankQuery &query, const RankOptions &options,
                                        std::vector<std::string> *unknown = nullptr);

struct Patient
{
    std::string disease_id;
    std::vector<std::string> symptoms;
    std::string gene; // the causal gene when the disease has one and the patient was sequenced
};

struct PatientOptions
{
    std::uint64_t seed = 1;
    int patients_per_disease = 5;
    double noise_symptoms = 1;    // mean count of unrelated symptoms added
    double sequenced_share = 0.3; // patients whose causal gene is known
    bool noiseless = false;       // every symptom at frequency >= 0.5, nothing else
};
std::vector<Patient> generatePatients(const Ontology &ontology, const PatientOptions &options);

struct RankingEvaluation
{
    std::int64_t patients = 0, rare_patients = 0;
    double top1 = 0, top10 = 0;           // all patients
    double rare_top1 = 0, rare_top10 = 0; // patients with a rare disease
    double mean_reciprocal_rank = 0;
};
RankingEvaluation evaluateRanking(const KnowledgeGraph &graph, const Ontology &ontology,
                                  const std::vector<Patient> &patients, const RankOptions &options = {});

} // namespace seekbench::kg
