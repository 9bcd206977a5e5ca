#pragma once

// The kg verbs that train and evaluate (kg_train.cpp) and read graphs (kg_graph.cpp),
// registered with the corpus verbs in kg.cpp.

#include "seekbench/kg/corpus.h"
#include "seekbench/kg/extraction.h"
#include "seekbench/kg/graph.h"
#include "seekbench/kg/ontology.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/project.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::cli {

struct VerbArgs;

// A corpus of the project, read and checked, with its ontology (the generating one, or
// one made of the corpus's own annotations). Bad documents are reported on stderr.
struct LoadedCorpus
{
    std::string name;
    kg::Corpus corpus;
    kg::Ontology ontology;
    bool generatedOntology = false;
};
LoadedCorpus loadCorpus(const projects::Project &project, const std::string &name);

// Stores a graph with the sentences its edges cite (replacing one of the same name) and
// returns its id. In kg_train.cpp.
std::int64_t storeKgGraph(const projects::Project &project, projects::KgGraphRecord meta, const kg::Corpus &corpus,
                          const kg::KnowledgeGraph &graph, const std::vector<kg::SentencePrediction> &predictions);

// kg train --project DIR (--config FILE [--corpus NAME] [--name NAME] | --resume RUN_ID)
int kgTrainVerb(VerbArgs &o);
// kg evaluate --project DIR --run RUN_ID: the run's evaluation again, its graph stored again.
int kgEvaluateVerb(VerbArgs &o);
// kg build --project DIR (--run RUN_ID | --corpus NAME --extractor dictionary) [--name NAME]
int kgBuildVerb(VerbArgs &o);
// kg graphs --project DIR
int kgGraphsVerb(VerbArgs &o);
// kg query --project DIR [--graph NAME|ID] (--search TEXT | --node ID [--depth N] ...) [--json]
int kgQueryVerb(VerbArgs &o);
// kg rank --project DIR [--graph NAME|ID] --symptoms A,B,... [--gene G] [--limit N] [--json]
int kgRankVerb(VerbArgs &o);
// kg export --project DIR [--graph NAME|ID] --format graphml|csv|cypher --out PATH
int kgExportVerb(VerbArgs &o);

} // namespace seekbench::cli
