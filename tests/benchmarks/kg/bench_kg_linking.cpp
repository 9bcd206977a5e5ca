// Linking of a trained run's mentions (issue 25, normalisation): the linker's variants on
// one split of a project's corpus, against the first linker (whole-form trigrams, no
// document context) measured in the same run. For each: linking accuracy (gold mentions
// found strictly and linked right), the share of mentions written with a held-out form
// (an unseen synonym or misspelling) linked right, the precision and recall of the graph
// built from the split's documents against the generating ontology, and the time per
// 1,000 mentions of Linker::linkAll over the whole corpus.
//
// The honest protocol: choose settings on --split validation (and --grid there), then run
// --split test once for the chosen ones.
//
//   bench_kg_linking --corpus P/datasets/kg/clinical.corpus.jsonl
//       --ontology P/datasets/kg/clinical.ontology.json
//       --outputs P/runs/<run>/eval/kg_outputs.json --split validation [--grid]

#include "seekbench/kg/graph.h"
#include "seekbench/kg/linking.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

using namespace seekbench::kg;

namespace {

std::string processorName()
{
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos)
            return line.substr(line.find(':') + 2);
    }
    return "unknown";
}

struct Variant
{
    std::string name;
    LinkerOptions options;
};

struct Figures
{
    double accuracy = 0, unseen_linked = 0, graph_precision = 0, graph_recall = 0, ms_per_1000 = 0;
    std::int64_t unseen = 0, candidates = 0;
};

struct SplitGold
{
    std::vector<Sentence> gold;
};

Figures measure(const Corpus &corpus, const Ontology &ontology, const ExtractionOutputs &outputs,
                const SplitGold &split, const LinkerOptions &options, bool printErrors = false)
{
    std::vector<SentencePrediction> predictions = outputs.sentences;
    std::size_t mentions = 0;
    for (const SentencePrediction &p : predictions)
        mentions += p.entities.size();
    const Linker linker(ontology, outputs.prototype_ids, outputs.prototypes, outputs.dim, options);
    const auto t0 = std::chrono::steady_clock::now();
    linker.linkAll(corpus, predictions);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::unordered_map<std::string, const Sentence *> text;
    for (const Sentence &s : split.gold)
        text.emplace(s.id, &s);
    std::vector<SentencePrediction> chosen;
    for (SentencePrediction &p : predictions) {
        if (const auto it = text.find(p.sentence_id); it != text.end()) {
            markNegationAndHedging(it->second->text, p);
            chosen.push_back(std::move(p));
        }
    }
    Figures f;
    f.ms_per_1000 = mentions ? 1e6 * seconds / double(mentions) : 0;
    f.accuracy = scoreExtraction(split.gold, chosen).linkingAccuracy();
    std::unordered_map<std::string, const SentencePrediction *> byId;
    for (const SentencePrediction &p : chosen)
        byId.emplace(p.sentence_id, &p);
    std::int64_t linked = 0;
    for (const Sentence &s : split.gold) {
        for (const EntitySpan &g : s.entities) {
            const int c = g.concept_id.empty() ? -1 : ontology.find(g.concept_id);
            if (c < 0)
                continue;
            const std::string form = normaliseMention(s.text.substr(std::size_t(g.begin), std::size_t(g.end - g.begin)));
            const auto &held = ontology.concepts[std::size_t(c)].held_out_forms;
            if (std::none_of(held.begin(), held.end(),
                             [&](const std::string &h) { return normaliseMention(h) == form; }))
                continue;
            ++f.unseen;
            const auto it = byId.find(s.id);
            if (it == byId.end())
                continue;
            for (const PredictedEntity &p : it->second->entities) {
                if (p.begin != g.begin || p.end != g.end || p.type != g.type)
                    continue;
                linked += p.concept_id == g.concept_id;
                if (printErrors && p.concept_id != g.concept_id) {
                    const int wrong = ontology.find(p.concept_id);
                    std::printf("  %-9s '%s' is %s, linked to %s by %s (%.2f)\n",
                                std::string(conceptTypeName(g.type)).c_str(), form.c_str(),
                                ontology.concepts[std::size_t(c)].name.c_str(),
                                wrong < 0 ? p.concept_id.c_str() : ontology.concepts[std::size_t(wrong)].name.c_str(),
                                p.link_method.c_str(), double(p.link_score));
                }
            }
        }
    }
    f.unseen_linked = f.unseen ? double(linked) / double(f.unseen) : 0;
    const GraphScore graph = scoreGraph(buildGraph(ontology, chosen), ontology, split.gold);
    f.graph_precision = graph.stated.precision();
    f.graph_recall = graph.stated.recall();
    f.candidates = graph.candidate_nodes;
    return f;
}

LinkerOptions options(StringMatch match, double embeddingWeight, double minScore, double documentWeight)
{
    LinkerOptions o;
    o.string_match = match;
    o.embedding_weight = embeddingWeight;
    o.min_score = minScore;
    o.document_weight = documentWeight;
    return o;
}

std::vector<Variant> variants(bool grid)
{
    std::vector<Variant> v = {
        {"first (trigrams)", options(StringMatch::Trigrams, 0.6, 0.55, 0)},
        {"trigrams+document", options(StringMatch::Trigrams, 0.6, 0.55, LinkerOptions{}.document_weight)},
        {"words", options(StringMatch::Words, LinkerOptions{}.embedding_weight, LinkerOptions{}.min_score, 0)},
        {"words+document (default)", LinkerOptions{}},
    };
    if (!grid)
        return v;
    for (double w : {0.3, 0.4, 0.5, 0.6, 0.7}) {
        for (double m : {0.45, 0.5, 0.55, 0.6}) {
            for (double d : {0.0, 0.2, 0.3, 0.4}) {
                char name[64];
                std::snprintf(name, sizeof name, "words w=%.2f min=%.2f doc=%.2f", w, m, d);
                v.push_back({name, options(StringMatch::Words, w, m, d)});
            }
        }
    }
    return v;
}

int usage()
{
    std::fprintf(stderr, "usage: bench_kg_linking --corpus FILE --ontology FILE --outputs kg_outputs.json "
                         "[--split validation|test] [--grid] [--errors (validation only)]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    std::string corpusPath, ontologyPath, outputsPath, splitName = "validation";
    bool grid = false, errors = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--grid" || arg == "--errors") {
            (arg == "--grid" ? grid : errors) = true;
            continue;
        }
        if (i + 1 >= argc)
            return usage();
        const std::string value = argv[++i];
        if (arg == "--corpus")
            corpusPath = value;
        else if (arg == "--ontology")
            ontologyPath = value;
        else if (arg == "--outputs")
            outputsPath = value;
        else if (arg == "--split")
            splitName = value;
        else
            return usage();
    }
    // Listing the errors is for choosing settings: on the validation documents only.
    if (corpusPath.empty() || ontologyPath.empty() || outputsPath.empty()
        || (splitName != "validation" && splitName != "test") || (errors && splitName == "test"))
        return usage();
    const Split wanted = splitName == "test" ? Split::Test : Split::Validation;

    const CorpusRead read = readCorpus(corpusPath);
    if (!read.error.empty() || !read.bad.empty()) {
        std::fprintf(stderr, "%s: %s\n", corpusPath.c_str(),
                     read.error.empty() ? (std::to_string(read.bad.size()) + " bad lines").c_str() : read.error.c_str());
        return 1;
    }
    std::string error;
    const auto ontology = readOntology(ontologyPath, error);
    const auto outputs = ontology ? readExtractionOutputs(outputsPath, error) : std::nullopt;
    if (!ontology || !outputs) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    SplitGold split;
    for (const Document &d : read.corpus.documents) {
        if (d.split != wanted)
            continue;
        split.gold.insert(split.gold.end(), d.sentences.begin(), d.sentences.end());
    }
    std::size_t mentions = 0;
    for (const SentencePrediction &p : outputs->sentences)
        mentions += p.entities.size();
    std::printf("processor: %s\nsplit: %s (%zu sentences); linkAll over %zu mentions of %zu sentences\n\n",
                processorName().c_str(), splitName.c_str(), split.gold.size(), mentions, outputs->sentences.size());
    std::printf("%-34s %9s %14s %10s %10s %6s %10s %12s\n", "variant", "accuracy", "unseen linked", "graph P",
                "graph R", "cand", "ms/1000", "ratio P, R");
    if (errors) {
        std::printf("unseen forms linked wrong by the default linker:\n");
        measure(read.corpus, *ontology, *outputs, split, LinkerOptions{}, true);
        return 0;
    }
    Figures first;
    bool haveFirst = false;
    for (const Variant &v : variants(grid)) {
        const Figures f = measure(read.corpus, *ontology, *outputs, split, v.options);
        if (!haveFirst) {
            first = f;
            haveFirst = true;
        }
        std::printf("%-34s %9.3f %7.3f (%4lld) %10.3f %10.3f %6lld %10.1f %5.2f, %5.2f\n", v.name.c_str(), f.accuracy,
                    f.unseen_linked, static_cast<long long>(f.unseen), f.graph_precision, f.graph_recall,
                    static_cast<long long>(f.candidates), f.ms_per_1000,
                    first.graph_precision > 0 ? f.graph_precision / first.graph_precision : 0,
                    first.graph_recall > 0 ? f.graph_recall / first.graph_recall : 0);
    }
    return 0;
}
