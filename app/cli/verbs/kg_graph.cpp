// `seekbench-cli kg graphs|query|rank|export`: reading the project's knowledge graphs. The
// work is in projects (the graph store: search, neighbourhoods, evidence) and core (kg:
// ranking, the exports); this file resolves names, wires them and prints.

#include "support/options.h"
#include "support/verb_args.h"
#include "verbs/kg_verbs.h"

#include "seekbench/kg/graph_export.h"
#include "seekbench/kg/linking.h"
#include "seekbench/kg/ranking.h"
#include "seekbench/projects/kg_store.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using nlohmann::json;
namespace fs = std::filesystem;

KgGraphRecord graphOf(VerbArgs &o, KgStore &store)
{
    const auto &which = o.get("--graph");
    if (!which) {
        const std::vector<KgGraphRecord> all = store.graphs();
        if (all.empty())
            throw BadInput("the project has no knowledge graph yet: kg train builds one, or kg build --corpus NAME "
                           "--extractor dictionary");
        return all.front();
    }
    if (auto byName = store.graphByName(*which))
        return *byName;
    if (!which->empty() && which->find_first_not_of("0123456789") == std::string::npos && which->size() < 18)
        if (auto byId = store.graph(std::stoll(*which)))
            return *byId;
    throw BadInput("no graph '" + *which + "' in the project (kg graphs lists them)");
}

json graphJson(const KgGraphRecord &g)
{
    return {{"graph", g.id},
            {"name", g.name},
            {"created", g.created},
            {"run", g.run_id},
            {"checkpoint", g.checkpoint},
            {"corpus", g.corpus},
            {"extractor", g.extractor},
            {"nodes", g.node_count},
            {"edges", g.edge_count}};
}

json nodeJson(const kg::GraphNode &n)
{
    return {{"id", n.concept_id},       {"type", kg::conceptTypeName(n.type)},
            {"name", n.name},           {"forms", n.forms},
            {"candidate", n.candidate}, {"mentions", n.mentions}};
}

json edgeJson(const kg::KnowledgeGraph &g, const kg::GraphEdge &e)
{
    json evidence = json::array();
    for (const kg::EdgeEvidence &v : e.evidence)
        evidence.push_back(
            {{"sentence", v.sentence_id}, {"confidence", v.confidence}, {"negated", v.negated}, {"hedged", v.hedged}});
    return {{"head", g.nodes[std::size_t(e.head)].concept_id},
            {"type", kg::relationTypeName(e.type)},
            {"tail", g.nodes[std::size_t(e.tail)].concept_id},
            {"confidence", e.confidence},
            {"support", e.support},
            {"contradicted", e.contradicted},
            {"evidence", evidence}};
}

// A node by concept id, or by a name or form (exactly, after normalisation).
int resolveNode(KgStore &store, std::int64_t graphId, const kg::KnowledgeGraph &g, const std::string &text,
                std::optional<kg::ConceptType> type)
{
    if (const int i = g.findNode(text); i >= 0)
        return i;
    const std::string norm = kg::normaliseMention(text);
    for (const int i : store.searchNodes(graphId, text, 20)) {
        const kg::GraphNode &n = g.nodes[std::size_t(i)];
        if (type && n.type != *type)
            continue;
        bool exact = kg::normaliseMention(n.name) == norm;
        for (const std::string &f : n.forms)
            exact = exact || kg::normaliseMention(f) == norm;
        if (exact)
            return i;
    }
    return -1;
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
        if (b != std::string::npos)
            out.push_back(item.substr(b, e - b + 1));
    }
    return out;
}

} // namespace

int kgGraphsVerb(VerbArgs &o)
{
    Project project = o.project();
    KgStore store(project, true);
    json all = json::array();
    for (const KgGraphRecord &g : store.graphs())
        all.push_back(graphJson(g));
    std::printf("%s\n", all.dump().c_str());
    return ExitOk;
}

int kgQueryVerb(VerbArgs &o)
{
    Project project = o.project();
    KgStore store(project, true);
    const KgGraphRecord meta = graphOf(o, store);
    const kg::KnowledgeGraph g = store.loadGraph(meta.id);
    const int limit = int(o.integer("--limit", 20, 1, 100000));
    json out = {{"graph", graphJson(meta)}};
    if (const auto &search = o.get("--search")) {
        json nodes = json::array();
        for (const int i : store.searchNodes(meta.id, *search, limit))
            nodes.push_back(nodeJson(g.nodes[std::size_t(i)]));
        out["nodes"] = nodes;
    } else if (const auto &node = o.get("--node")) {
        const int seed = resolveNode(store, meta.id, g, *node, std::nullopt);
        if (seed < 0)
            throw BadInput("no node '" + *node + "' in graph '" + meta.name + "' (try --search)");
        KgEdgeFilter filter;
        if (const auto &rel = o.get("--relation")) {
            const auto t = kg::parseRelationType(*rel);
            if (!t || *t == kg::RelationType::None)
                throw BadInput("--relation must be HAS_SYMPTOM, CAUSED_BY, TREATS, CONTRAINDICATED_FOR or "
                               "DIAGNOSED_BY (got '"
                               + *rel + "')");
            filter.relation_types = 1u << unsigned(*t);
        }
        filter.min_confidence = o.number("--min-confidence", 0);
        const KgNeighbourhood n = store.neighbourhood(meta.id, {seed}, int(o.integer("--depth", 1, 1, 6)), filter);
        json nodes = json::array(), edges = json::array();
        for (std::size_t k = 0; k < n.nodes.size() && k < std::size_t(limit); ++k)
            nodes.push_back(nodeJson(g.nodes[std::size_t(n.nodes[k])]));
        std::vector<std::string> cited;
        for (const int e : n.edges) {
            edges.push_back(edgeJson(g, g.edges[std::size_t(e)]));
            for (const kg::EdgeEvidence &v : g.edges[std::size_t(e)].evidence)
                cited.push_back(v.sentence_id);
        }
        json sentences = json::array();
        for (const KgSentenceRecord &s : store.sentences(meta.id, cited))
            sentences.push_back({{"sentence", s.sentence_id}, {"document", s.document_id}, {"text", s.text}});
        out["nodes"] = nodes;
        out["edges"] = edges;
        out["sentences"] = sentences;
    } else {
        throw BadInput("give --search TEXT or --node CONCEPT_ID");
    }
    std::printf("%s\n", out.dump(o.json ? -1 : 2).c_str());
    return ExitOk;
}

int kgRankVerb(VerbArgs &o)
{
    Project project = o.project();
    KgStore store(project, true);
    const KgGraphRecord meta = graphOf(o, store);
    const kg::KnowledgeGraph g = store.loadGraph(meta.id);
    kg::RankQuery query;
    std::vector<std::string> unresolved;
    for (const std::string &s : splitList(o.required("--symptoms", "A,B,..."))) {
        const int i = resolveNode(store, meta.id, g, s, kg::ConceptType::Symptom);
        (i >= 0 ? query.symptoms.push_back(g.nodes[std::size_t(i)].concept_id) : unresolved.push_back(s));
    }
    if (const auto &gene = o.get("--gene")) {
        const int i = resolveNode(store, meta.id, g, *gene, kg::ConceptType::Gene);
        (i >= 0 ? void(query.gene = g.nodes[std::size_t(i)].concept_id) : unresolved.push_back(*gene));
    }
    if (query.symptoms.empty())
        throw BadInput("none of the symptoms is in graph '" + meta.name + "' (kg query --search finds names)");
    kg::RankOptions options;
    options.limit = int(o.integer("--limit", options.limit, 1, 1000));
    std::vector<std::string> unknown;
    const std::vector<kg::RankedDisease> ranked = kg::rankDiseases(g, query, options, &unknown);
    unresolved.insert(unresolved.end(), unknown.begin(), unknown.end());
    json list = json::array();
    for (const kg::RankedDisease &r : ranked) {
        json paths = json::array(), treatments = json::array(), contra = json::array();
        for (const int e : r.matched_edges)
            paths.push_back(edgeJson(g, g.edges[std::size_t(e)]));
        for (const int e : r.treatment_edges)
            treatments.push_back(edgeJson(g, g.edges[std::size_t(e)]));
        for (const int e : r.contraindication_edges)
            contra.push_back(edgeJson(g, g.edges[std::size_t(e)]));
        list.push_back({{"disease", nodeJson(g.nodes[std::size_t(r.node)])},
                        {"score", r.score},
                        {"paths", paths},
                        {"treatments", treatments},
                        {"contraindicated", contra}});
    }
    if (o.json) {
        std::printf("%s\n", json{{"graph", graphJson(meta)}, {"ranked", list}, {"unknown", unresolved}}.dump().c_str());
        return ExitOk;
    }
    for (const std::string &u : unresolved)
        std::fprintf(stderr, "not in graph '%s', ignored: %s\n", meta.name.c_str(), u.c_str());
    std::printf("%-4s %-8s %-40s %s\n", "rank", "score", "disease", "explained by");
    int rank = 0;
    for (const kg::RankedDisease &r : ranked) {
        std::string why;
        for (const int e : r.matched_edges) {
            const kg::GraphEdge &edge = g.edges[std::size_t(e)];
            const kg::GraphNode &other = g.nodes[std::size_t(edge.head == r.node ? edge.tail : edge.head)];
            char conf[32];
            std::snprintf(conf, sizeof conf, " (%.2f, %d)", edge.confidence, edge.support);
            why += (why.empty() ? "" : "; ") + other.name + conf;
        }
        std::printf("%-4d %-8.3f %-40s %s\n", ++rank, r.score, g.nodes[std::size_t(r.node)].name.c_str(), why.c_str());
        for (const int e : r.treatment_edges)
            std::printf("     treated by %s (%.2f)\n", g.nodes[std::size_t(g.edges[std::size_t(e)].head)].name.c_str(),
                        g.edges[std::size_t(e)].confidence);
    }
    return ExitOk;
}

int kgExportVerb(VerbArgs &o)
{
    Project project = o.project();
    KgStore store(project, true);
    const KgGraphRecord meta = graphOf(o, store);
    const std::string format = o.required("--format", "graphml|csv|cypher");
    const fs::path out = o.required("--out", "PATH");
    const kg::KnowledgeGraph g = store.loadGraph(meta.id);
    std::string error;
    bool ok = false;
    if (format == "graphml") {
        ok = kg::writeGraphMl(g, out.string(), error);
    } else if (format == "cypher") {
        ok = kg::writeCypher(g, out.string(), error);
    } else if (format == "csv") {
        std::error_code ec;
        fs::create_directories(out, ec);
        if (ec)
            throw CliFailure(ExitRuntime, "cannot make the folder " + out.string() + ": " + ec.message());
        ok = kg::writeCsv(g, (out / "nodes.csv").string(), (out / "edges.csv").string(), error);
    } else {
        throw BadInput("--format must be graphml, csv or cypher (got '" + format + "')");
    }
    if (!ok)
        throw CliFailure(ExitRuntime, error);
    std::fprintf(stderr, "exported graph '%s' (%zu nodes, %zu edges) as %s to %s\n", meta.name.c_str(), g.nodes.size(),
                 g.edges.size(), format.c_str(), out.string().c_str());
    return ExitOk;
}

} // namespace seekbench::cli
