// `seekbench-cli kg generate|import|corpora|train|evaluate|build|graphs|query|rank|export`:
// the medical knowledge graph scenario without a display (issue 25). The work is in core
// (kg: the generators, the importers, linking, verification, ranking; engine: the NER + RE
// model) and projects (the corpora and the graphs); this file parses options, wires them
// and prints.

#include "support/options.h"
#include "support/verb_args.h"
#include "verbs/kg_verbs.h"
#include "verbs/verbs.h"

#include "seekbench/kg/corpus_import.h"
#include "seekbench/kg/kg_evaluation.h"
#include "seekbench/projects/kg_corpora.h"
#include "seekbench/projects/project_layout.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <set>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Counts a corpus's documents, sentences, entities and relations into its record.
void count(const kg::Corpus &corpus, KgCorpusRecord &r)
{
    r.documents = std::int64_t(corpus.documents.size());
    r.sentences = r.entities = r.relations = r.train_documents = r.validation_documents = r.test_documents = 0;
    for (const kg::Document &d : corpus.documents) {
        (d.split == kg::Split::Train        ? r.train_documents
         : d.split == kg::Split::Validation ? r.validation_documents
                                            : r.test_documents)++;
        r.sentences += std::int64_t(d.sentences.size());
        for (const kg::Sentence &s : d.sentences) {
            r.entities += std::int64_t(s.entities.size());
            r.relations += std::int64_t(s.relations.size());
        }
    }
}

json recordJson(const KgCorpusRecord &r)
{
    return {{"corpus", r.name},
            {"file", r.corpus_file.string()},
            {"ontology", r.has_ontology ? r.ontology_file.string() : std::string()},
            {"source", r.source},
            {"documents", r.documents},
            {"train_documents", r.train_documents},
            {"validation_documents", r.validation_documents},
            {"test_documents", r.test_documents},
            {"sentences", r.sentences},
            {"entities", r.entities},
            {"relations", r.relations},
            {"bad_lines", r.bad_lines}};
}

std::string nameOf(VerbArgs &o)
{
    const std::string name = o.required("--name", "NAME");
    if (const std::string problem = kgCorpusNameProblem(name); !problem.empty())
        throw BadInput(problem);
    return name;
}

void writeCorpusFile(const Project &project, const std::string &name, const kg::Corpus &corpus)
{
    std::string error;
    fs::create_directories(kgCorpusFile(project, name).parent_path());
    if (!kg::writeCorpus(kgCorpusFile(project, name).string(), corpus, error))
        throw CliFailure(ExitRuntime, error);
}

int generateVerb(VerbArgs &o)
{
    kg::OntologyOptions on;
    on.seed = std::uint64_t(o.integer("--seed", std::int64_t(on.seed), 0, std::numeric_limits<std::int64_t>::max()));
    on.diseases = int(o.integer("--diseases", on.diseases, 2, 100000));
    on.rare_share = o.number("--rare-share", on.rare_share);
    on.symptoms = int(o.integer("--symptoms", on.symptoms, 2, 1000000));
    on.genes = int(o.integer("--genes", on.genes, 1, 1000000));
    on.drugs = int(o.integer("--drugs", on.drugs, 1, 1000000));
    on.lab_tests = int(o.integer("--lab-tests", on.lab_tests, 1, 1000000));
    if (on.rare_share < 0 || on.rare_share > 1)
        throw BadInput("--rare-share must be in [0, 1]");
    kg::CorpusOptions co;
    co.seed = on.seed + 1;
    co.documents = int(o.integer("--documents", co.documents, 1, 10000000));
    co.validation_share = o.number("--validation-share", co.validation_share);
    co.test_share = o.number("--test-share", co.test_share);
    if (co.validation_share < 0 || co.test_share < 0 || co.validation_share + co.test_share >= 1)
        throw BadInput("--validation-share and --test-share must be >= 0 and leave training documents (sum < 1)");
    Project project = o.project();
    const std::string name = nameOf(o);
    const auto started = Clock::now();
    const kg::Ontology ontology = kg::generateOntology(on);
    const kg::Corpus corpus = kg::generateCorpus(ontology, co);
    std::string error;
    fs::create_directories(kgOntologyFile(project, name).parent_path());
    if (!kg::writeOntology(kgOntologyFile(project, name).string(), ontology, error))
        throw CliFailure(ExitRuntime, error);
    writeCorpusFile(project, name, corpus);
    KgCorpusRecord r;
    r.name = name;
    r.source = "generated";
    r.command = o.commandLine("kg generate");
    r.origin_json = json{{"seed", on.seed},
                         {"diseases", on.diseases},
                         {"rare_share", on.rare_share},
                         {"symptoms", on.symptoms},
                         {"genes", on.genes},
                         {"drugs", on.drugs},
                         {"lab_tests", on.lab_tests},
                         {"documents", co.documents},
                         {"validation_share", co.validation_share},
                         {"test_share", co.test_share}}
                        .dump();
    count(corpus, r);
    writeKgCorpusMeta(project, r);
    const auto found = findKgCorpus(project, name);
    std::fprintf(stderr,
                 "generated corpus '%s': %zu concepts, %zu true relations; %lld documents (%lld train, %lld "
                 "validation, %lld test), %lld sentences, %lld entities, %lld relations in %.1f s\n",
                 name.c_str(), ontology.concepts.size(), ontology.relations.size(), (long long)r.documents,
                 (long long)r.train_documents, (long long)r.validation_documents, (long long)r.test_documents,
                 (long long)r.sentences, (long long)r.entities, (long long)r.relations,
                 std::chrono::duration<double>(Clock::now() - started).count());
    std::printf("%s\n", recordJson(found ? *found : r).dump().c_str());
    return ExitOk;
}

int importVerb(VerbArgs &o)
{
    Project project = o.project();
    const std::string name = nameOf(o);
    const std::string format = o.required("--format", "brat|conll|pubtator");
    const std::string input = o.required("--input", "PATH");
    kg::ImportOptions options;
    if (const auto &split = o.get("--split")) {
        if (*split == "train")
            options.split = kg::Split::Train;
        else if (*split == "validation")
            options.split = kg::Split::Validation;
        else if (*split == "test")
            options.split = kg::Split::Test;
        else
            throw BadInput("--split must be train, validation or test (got '" + *split + "')");
    }
    kg::CorpusImport in;
    if (format == "brat")
        in = kg::importBrat(input, options);
    else if (format == "conll")
        in = kg::importConll(input, options);
    else if (format == "pubtator")
        in = kg::importPubTator(input, options);
    else
        throw BadInput("--format must be brat, conll or pubtator (got '" + format + "')");
    if (!in.error.empty())
        throw BadInput(in.error);
    for (const kg::ImportBadLine &b : in.bad)
        std::fprintf(stderr, "%s:%lld: %s\n", b.file.c_str(), (long long)b.line, b.reason.c_str());
    std::string quarantine;
    if (!in.bad.empty()) {
        const fs::path q = o.get("--quarantine")
                               ? fs::path(*o.get("--quarantine"))
                               : project.layout().datasetsDir()
                                     / ("quarantine-kg-" + name + "-" + std::to_string(std::time(nullptr)) + ".csv");
        std::string error;
        fs::create_directories(fs::absolute(q).parent_path());
        if (!kg::writeImportQuarantine(q.string(), in.bad, error))
            throw CliFailure(ExitRuntime, error + "; nothing was imported");
        quarantine = q.string();
    }
    if (in.corpus.documents.empty())
        throw BadInput("no document could be read from " + input + (quarantine.empty() ? "" : "; see " + quarantine));

    // --mode append adds the documents to an existing corpus (a test part imported apart, say).
    const std::string mode = o.get("--mode") ? *o.get("--mode") : "new";
    if (mode != "new" && mode != "append")
        throw BadInput("--mode must be new or append (got '" + mode + "')");
    kg::Corpus corpus;
    std::int64_t bad = std::int64_t(in.bad.size());
    if (mode == "append") {
        const auto existing = findKgCorpus(project, name);
        if (!existing)
            throw BadInput("no corpus '" + name + "' to append to (seekbench-cli kg corpora lists them)");
        kg::CorpusRead read = kg::readCorpus(existing->corpus_file.string());
        if (!read.error.empty() || !read.bad.empty())
            throw BadInput("corpus '" + name
                           + "' cannot be appended to: " + (read.error.empty() ? read.bad.front().reason : read.error));
        corpus = std::move(read.corpus);
        bad += existing->bad_lines;
    } else if (findKgCorpus(project, name)) {
        throw BadInput("a corpus '" + name + "' exists already: give --mode append to add to it, or another --name");
    }
    std::set<std::string> ids;
    for (const kg::Document &d : corpus.documents)
        ids.insert(d.id);
    for (kg::Document &d : in.corpus.documents) {
        if (!ids.insert(d.id).second)
            throw BadInput("document '" + d.id + "' of " + input + " is in corpus '" + name
                           + "' already; nothing was imported");
        corpus.documents.push_back(std::move(d));
    }
    writeCorpusFile(project, name, corpus);
    KgCorpusRecord r;
    r.name = name;
    r.source = format;
    r.command = o.commandLine("kg import");
    r.origin_json = json{{"input", input}, {"quarantine", quarantine}}.dump();
    count(corpus, r);
    r.bad_lines = bad;
    writeKgCorpusMeta(project, r);
    std::fprintf(stderr, "imported %zu documents from %s into corpus '%s'; %zu bad lines%s%s\n",
                 in.corpus.documents.size(), input.c_str(), name.c_str(), in.bad.size(),
                 quarantine.empty() ? "" : " kept in ", quarantine.c_str());
    std::printf("%s\n", recordJson(*findKgCorpus(project, name)).dump().c_str());
    return ExitOk;
}

int corporaVerb(VerbArgs &o)
{
    Project project = o.project();
    json all = json::array();
    for (const KgCorpusListing &l : listKgCorpora(project)) {
        json j = recordJson(l.record);
        j["command"] = l.record.command;
        if (!l.problem.empty())
            j["problem"] = l.problem;
        all.push_back(j);
    }
    std::printf("%s\n", all.dump().c_str());
    return ExitOk;
}

} // namespace

LoadedCorpus loadCorpus(const Project &project, const std::string &name)
{
    const auto record = findKgCorpus(project, name);
    if (!record)
        throw BadInput("no corpus '" + name + "' in " + project.dir().string()
                       + " (seekbench-cli kg corpora lists them)");
    kg::CorpusRead read = kg::readCorpus(record->corpus_file.string());
    if (!read.error.empty())
        throw BadInput(read.error);
    for (const kg::CorpusBadLine &b : read.bad)
        std::fprintf(stderr, "%s:%lld: %s (document skipped)\n", b.file.c_str(), (long long)b.line, b.reason.c_str());
    LoadedCorpus c;
    c.name = name;
    c.corpus = std::move(read.corpus);
    if (record->has_ontology) {
        std::string error;
        auto ontology = kg::readOntology(record->ontology_file.string(), error);
        if (!ontology)
            throw BadInput(error);
        c.ontology = std::move(*ontology);
        c.generatedOntology = true;
    } else {
        c.ontology = kg::ontologyFromCorpus(c.corpus);
    }
    return c;
}

void registerKgVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *kg = addVerbGroup(root, "kg", "medical knowledge graph: corpora, extraction, graphs and ranking",
                                "generate | import | corpora | train | evaluate | build | graphs | query | rank | "
                                "export",
                                "seekbench-cli kg generate --project DIR --name clinical --documents 1200");
    addArgsVerb(*kg, "generate", "an ontology and an annotated clinical corpus made from it",
                "seekbench-cli kg generate --project DIR --name clinical --documents 1200 --seed 7",
                {kProjectOpt,
                 {"--name", "NAME", "the corpus's name in the project (required)"},
                 {"--seed", "S", "random seed (default 1)"},
                 {"--diseases", "N", "diseases (default 120)"},
                 {"--rare-share", "X", "share of rare diseases (default 0.5)"},
                 {"--symptoms", "N", "symptoms (default 300)"},
                 {"--genes", "N", "genes (default 80)"},
                 {"--drugs", "N", "drugs (default 90)"},
                 {"--lab-tests", "N", "lab tests (default 40)"},
                 {"--documents", "N", "case notes and textbook paragraphs (default 1200)"},
                 {"--validation-share", "X", "share of documents for validation (default 0.1)"},
                 {"--test-share", "X", "share of documents for the test (default 0.2)"}},
                false, generateVerb, exitCode);
    addArgsVerb(*kg, "import", "an annotated corpus: BRAT standoff, CoNLL BIO or PubTator",
                "seekbench-cli kg import --project DIR --name ncbi --format pubtator --input train.txt",
                {kProjectOpt,
                 {"--name", "NAME", "the corpus's name in the project (required)"},
                 {"--format", "brat|conll|pubtator", "the files' format (required)"},
                 {"--input", "PATH", "a file, or a folder of BRAT .txt/.ann pairs (required)"},
                 {"--split", "train|validation|test", "the documents' split (default train)"},
                 {"--mode", "new|append", "a new corpus, or add to an existing one (default new)"},
                 {"--quarantine", "FILE", "write refused lines here"}},
                false, importVerb, exitCode);
    addArgsVerb(*kg, "corpora", "the project's corpora with their counts", "seekbench-cli kg corpora --project DIR",
                {kProjectOpt}, false, corporaVerb, exitCode);
    addArgsVerb(*kg, "train", "train the NER + RE model on a corpus, then evaluate it beside the dictionary baseline",
                "seekbench-cli kg train --project DIR --config kg.yaml --corpus clinical",
                {kProjectOpt,
                 {"--config", "kg.yaml", "the run config (data.kind kg_corpus), or --resume"},
                 {"--corpus", "NAME", "the corpus (default: the config's kg.corpus)"},
                 {"--name", "NAME", "the run's name"},
                 {"--resume", "RUN_ID", "continue a run"}},
                false, kgTrainVerb, exitCode);
    addArgsVerb(*kg, "evaluate", "evaluate a trained run again and store its graph",
                "seekbench-cli kg evaluate --project DIR --run RUN_ID",
                {kProjectOpt, {"--run", "RUN_ID", "the run (required)"}}, false, kgEvaluateVerb, exitCode);
    addArgsVerb(*kg, "build", "build and store a graph: from a run's extractions, or with the dictionary baseline",
                "seekbench-cli kg build --project DIR --corpus clinical --extractor dictionary",
                {kProjectOpt,
                 {"--run", "RUN_ID", "the run whose extractions to use"},
                 {"--corpus", "NAME", "with --extractor dictionary: the corpus"},
                 {"--extractor", "model|dictionary|ontology", "what extracts (default model with --run)"},
                 {"--name", "NAME", "the graph's name (default: the run or corpus and extractor)"},
                 {"--min-confidence", "X", "edges below this confidence stay out (default 0.5)"}},
                false, kgBuildVerb, exitCode);
    addArgsVerb(*kg, "graphs", "the project's graphs", "seekbench-cli kg graphs --project DIR", {kProjectOpt}, false,
                kgGraphsVerb, exitCode);
    addArgsVerb(*kg, "query", "search a graph by name or synonym, or a node's neighbourhood with its evidence",
                "seekbench-cli kg query --project DIR --search fabry",
                {kProjectOpt,
                 {"--graph", "NAME|ID", "the graph (default: the newest)"},
                 {"--search", "TEXT", "nodes whose name or a synonym matches"},
                 {"--node", "CONCEPT_ID", "a node's neighbourhood"},
                 {"--depth", "N", "hops from the node (default 1)"},
                 {"--relation", "TYPE", "only this relation type"},
                 {"--min-confidence", "X", "only edges at least this confident"},
                 {"--limit", "N", "at most N results (default 20)"}},
                true, kgQueryVerb, exitCode);
    addArgsVerb(*kg, "rank", "rank diseases from observed symptoms (and a gene), with the paths that explain them",
                "seekbench-cli kg rank --project DIR --symptoms 'joint stiffness,blurred vision' --gene KRT14",
                {kProjectOpt,
                 {"--graph", "NAME|ID", "the graph (default: the newest)"},
                 {"--symptoms", "A,B,...", "symptoms by concept id, name or synonym (required)"},
                 {"--gene", "G", "a gene by concept id, name or synonym"},
                 {"--limit", "N", "diseases to list (default 10)"}},
                true, kgRankVerb, exitCode);
    addArgsVerb(*kg, "export", "export a graph: GraphML, CSV (nodes and edges) or a Cypher script for Neo4j",
                "seekbench-cli kg export --project DIR --format cypher --out graph.cypher",
                {kProjectOpt,
                 {"--graph", "NAME|ID", "the graph (default: the newest)"},
                 {"--format", "graphml|csv|cypher", "the format (required)"},
                 {"--out", "PATH", "the file (graphml, cypher) or folder (csv) to write (required)"}},
                false, kgExportVerb, exitCode);
}

} // namespace seekbench::cli
