// `seekbench-cli kg train|evaluate|build`: the NER + RE model on a corpus, its evaluation
// beside the dictionary baseline, and the graphs they build. The work is in core (kg:
// linking, verification, the baseline, the evaluation; engine: the trainer and the model)
// and projects (the run's record, the graph store).

#include "support/options.h"
#include "support/scenario_run.h"
#include "support/verb_args.h"
#include "verbs/kg_verbs.h"
#include "verbs/verbs.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/formats/atomic_file.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/kg/kg_dataset.h"
#include "seekbench/kg/kg_evaluation.h"
#include "seekbench/projects/kg_store.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/projects/run_store.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The sentences a graph's edges and rejections cite, with the extractor's entities, for
// the provenance the views show.
std::vector<KgSentenceRecord> citedSentences(const kg::Corpus &corpus, const kg::KnowledgeGraph &graph,
                                             const std::vector<kg::SentencePrediction> &predictions)
{
    std::set<std::string> cited;
    for (const kg::GraphEdge &e : graph.edges)
        for (const kg::EdgeEvidence &v : e.evidence)
            cited.insert(v.sentence_id);
    for (const kg::RejectedRelation &r : graph.rejected)
        cited.insert(r.sentence_id);
    std::map<std::string, const kg::SentencePrediction *> byId;
    for (const kg::SentencePrediction &p : predictions)
        byId.emplace(p.sentence_id, &p);
    std::vector<KgSentenceRecord> out;
    for (const kg::Document &d : corpus.documents) {
        for (const kg::Sentence &s : d.sentences) {
            if (!cited.count(s.id))
                continue;
            KgSentenceRecord r;
            r.sentence_id = s.id;
            r.document_id = d.id;
            r.text = s.text;
            if (const auto it = byId.find(s.id); it != byId.end()) {
                r.entities = it->second->entities;
                for (kg::PredictedEntity &e : r.entities)
                    e.embedding.clear();
                r.relations = it->second->relations;
            }
            out.push_back(std::move(r));
        }
    }
    return out;
}

} // namespace

std::int64_t storeKgGraph(const Project &project, KgGraphRecord meta, const kg::Corpus &corpus,
                          const kg::KnowledgeGraph &graph, const std::vector<kg::SentencePrediction> &predictions)
{
    meta.node_count = std::int64_t(graph.nodes.size());
    meta.edge_count = std::int64_t(graph.edges.size());
    // A graph of the same name is replaced: a name names its newest build.
    return KgStore(project).saveGraph(meta, graph, citedSentences(corpus, graph, predictions));
}

namespace {

// Evaluates the run in `outDir` (its extractions written when training ended), keeps the
// evaluation in the run folder and the model's graph in the project's store, and prints
// the headline figures, model beside baseline.
std::map<std::string, double> evaluateRun(const Project &project, const std::string &runId, const LoadedCorpus &c,
                                          const std::filesystem::path &outDir)
{
    std::string error;
    const auto outputs = kg::readExtractionOutputs((outDir / kg::kExtractionOutputsFile).string(), error);
    if (!outputs)
        throw CliFailure(ExitRuntime, error);
    const auto started = Clock::now();
    const kg::KgEvaluation e = kg::evaluateKgRun(c.corpus, c.ontology, c.generatedOntology, *outputs);
    AtomicFile out(outDir / kg::kKgEvaluationFile, "evaluation");
    out.write(e.json);
    out.commit();
    KgGraphRecord meta;
    meta.name = runId;
    meta.run_id = runId;
    meta.checkpoint = outputs->checkpoint;
    meta.corpus = c.name;
    meta.extractor = "model";
    meta.scores_json = e.json;
    const std::int64_t id = storeKgGraph(project, meta, c.corpus, e.graph, e.predictions);
    std::fprintf(stderr, "evaluated in %.1f s on the test documents (surface forms unseen in training):\n",
                 std::chrono::duration<double>(Clock::now() - started).count());
    std::fprintf(stderr, "  %-11s %9s %9s %9s %9s %9s %9s %9s\n", "extractor", "entity F1", "lenient", "linking",
                 "unseen", "relation", "graph P", "graph R");
    for (const kg::ExtractorEvaluation &x : e.extractors)
        std::fprintf(stderr, "  %-11s %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f\n", x.name.c_str(),
                     x.test.entities_strict.f1(), x.test.entities_lenient.f1(), x.test.linkingAccuracy(),
                     x.unseen_mentions ? double(x.unseen_found) / double(x.unseen_mentions) : 0.0,
                     x.test.relations.f1(), x.test_graph.stated.precision(), x.test_graph.stated.recall());
    if (e.ceiling) {
        std::fprintf(stderr, "  rare-disease ranking on generated patients (graphs from every document):\n");
        std::fprintf(stderr, "    ontology (ceiling) top-1 %.3f, top-10 %.3f\n", e.ceiling->rare_top1,
                     e.ceiling->rare_top10);
        for (const kg::ExtractorEvaluation &x : e.extractors)
            if (x.ranking)
                std::fprintf(stderr, "    %-18s top-1 %.3f, top-10 %.3f\n", x.name.c_str(), x.ranking->rare_top1,
                             x.ranking->rare_top10);
    }
    std::fprintf(stderr, "  graph %lld kept: %zu nodes, %zu edges, %zu relations rejected by verification\n",
                 (long long)id, e.graph.nodes.size(), e.graph.edges.size(), e.graph.rejected.size());
    for (const std::string &note : e.notes)
        std::fprintf(stderr, "  note: %s\n", note.c_str());
    return e.metrics;
}

} // namespace

int kgTrainVerb(VerbArgs &o)
{
    const auto &configFile = o.get("--config"), &resume = o.get("--resume");
    const std::filesystem::path dir = o.project().dir();
    RunConfig config;
    if (!scenarioConfig(o, "kg_corpus", "kg train", config))
        return ExitBadInput;
    if (const auto &corpus = o.get("--corpus"))
        config.kg.corpus = *corpus;
    if (configFile && config.kg.corpus.empty())
        throw BadInput("the config names no corpus: set kg.corpus or give --corpus NAME (seekbench-cli kg corpora "
                       "lists them)");
    std::optional<LoadedCorpus> corpus;
    if (!resume)
        corpus = loadCorpus(Project::open(dir), config.kg.corpus); // a bad corpus is refused before a run is recorded
    const std::unique_ptr<RunRecorder> session = beginScenarioRun(dir, config, resume);
    config = session->config();
    if (config.data.kind != "kg_corpus")
        throw BadInput("run '" + session->runId() + "' is not a knowledge graph run (data.kind " + config.data.kind
                       + ")");
    if (resume)
        corpus = loadCorpus(Project::open(dir), config.kg.corpus);
    const TrainRequest request
        = scenarioRequest(*session,
                          std::make_shared<kg::KgDataset>(std::make_shared<const kg::Corpus>(corpus->corpus),
                                                          corpus->name,
                                                          "corpus '" + corpus->name + "' of project " + dir.string()));
    std::fprintf(stderr, "run %s: training the NER + RE model on corpus '%s' (%zu documents)\n",
                 session->runId().c_str(), corpus->name.c_str(), corpus->corpus.documents.size());
    return trainScenarioRun(*session, request, "kg train", [&] {
        return evaluateRun(Project::open(dir), session->runId(), *corpus, session->outDir());
    });
}

int kgEvaluateVerb(VerbArgs &o)
{
    Project project = o.project();
    const std::string runId = o.required("--run", "RUN_ID");
    const RunRecord run = RunStore(project).run(runId);
    const ConfigLoad load = parseRunConfig(run.configYaml);
    if (!load.ok())
        throw BadInput("run '" + runId + "' has a config this build cannot read");
    if (load.config.data.kind != "kg_corpus")
        throw BadInput("run '" + runId + "' is not a knowledge graph run (data.kind " + load.config.data.kind + ")");
    const std::filesystem::path outDir = project.layout().runDir(runId);
    evaluateRun(project, runId, loadCorpus(project, load.config.kg.corpus), outDir);
    std::printf("%s\n", readSmallFile(outDir / kg::kKgEvaluationFile, 64u << 20).text.c_str());
    return ExitOk;
}

int kgBuildVerb(VerbArgs &o)
{
    Project project = o.project();
    const auto &run = o.get("--run");
    const std::string extractor = o.get("--extractor") ? *o.get("--extractor") : (run ? "model" : "dictionary");
    kg::BuildOptions build;
    build.min_confidence = o.number("--min-confidence", build.min_confidence);
    if (build.min_confidence < 0 || build.min_confidence > 1)
        throw BadInput("--min-confidence must be in [0, 1]");
    KgGraphRecord meta;
    meta.extractor = extractor;
    meta.options_json = json{{"min_confidence", build.min_confidence}}.dump();
    if (extractor == "model") {
        if (!run)
            throw BadInput("--extractor model needs --run RUN_ID (a trained knowledge graph run)");
        const ConfigLoad load = parseRunConfig(RunStore(project).run(*run).configYaml);
        if (!load.ok() || load.config.data.kind != "kg_corpus")
            throw BadInput("run '" + *run + "' is not a knowledge graph run");
        const LoadedCorpus c = loadCorpus(project, load.config.kg.corpus);
        std::string error;
        const auto outputs
            = kg::readExtractionOutputs((project.layout().runDir(*run) / kg::kExtractionOutputsFile).string(), error);
        if (!outputs)
            throw CliFailure(ExitRuntime, error + " (the run writes its extractions when training ends)");
        kg::KgEvaluationOptions options;
        options.build = build;
        const kg::KgEvaluation e = kg::evaluateKgRun(c.corpus, c.ontology, c.generatedOntology, *outputs, options);
        meta.name = o.get("--name") ? *o.get("--name") : *run;
        meta.run_id = *run;
        meta.checkpoint = outputs->checkpoint;
        meta.corpus = c.name;
        meta.scores_json = e.json;
        meta.id = storeKgGraph(project, meta, c.corpus, e.graph, e.predictions);
        meta.node_count = std::int64_t(e.graph.nodes.size());
        meta.edge_count = std::int64_t(e.graph.edges.size());
    } else if (extractor == "dictionary" || extractor == "ontology") {
        const LoadedCorpus c = loadCorpus(project, o.required("--corpus", "NAME"));
        meta.name = o.get("--name") ? *o.get("--name") : c.name + "-" + extractor;
        meta.corpus = c.name;
        if (extractor == "ontology" && !c.generatedOntology)
            throw BadInput("corpus '" + c.name
                           + "' has no ontology of its own: --extractor ontology needs a "
                             "generated corpus");
        const kg::BaselineGraph b = extractor == "dictionary" ? kg::buildBaselineGraph(c.corpus, c.ontology, build)
                                                              : kg::BaselineGraph{{}, kg::ontologyGraph(c.ontology)};
        meta.id = storeKgGraph(project, meta, c.corpus, b.graph, b.predictions);
        meta.node_count = std::int64_t(b.graph.nodes.size());
        meta.edge_count = std::int64_t(b.graph.edges.size());
    } else {
        throw BadInput("--extractor must be model, dictionary or ontology (got '" + extractor + "')");
    }
    std::fprintf(stderr, "stored graph %lld '%s': %lld nodes, %lld edges\n", (long long)meta.id, meta.name.c_str(),
                 (long long)meta.node_count, (long long)meta.edge_count);
    std::printf("%s\n", json{{"graph", meta.id},
                             {"name", meta.name},
                             {"extractor", meta.extractor},
                             {"nodes", meta.node_count},
                             {"edges", meta.edge_count}}
                            .dump()
                            .c_str());
    return ExitOk;
}

} // namespace seekbench::cli
