#pragma once

// Knowledge graphs in the project's store (schema 15, docs/kg-store.md): each graph the
// medical knowledge graph scenario builds (issue 25), with the run and checkpoint that
// built it, its nodes and their surface forms (searchable), its edges with their evidence,
// the sentences that evidence cites (with the predicted entities and relations, so a view
// can draw them) and the relations verification rejected. A graph is written whole, in
// one transaction, or not at all. Every value reaches SQL through bound parameters; what
// is read back is checked, and a damaged row is a ProjectError naming the table, the graph
// and the row.

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/graph.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct KgGraphRecord
{
    std::int64_t id = 0;
    std::string name;       // unique in the project
    std::string created;    // UTC, ISO 8601; saveGraph fills it when empty
    std::string run_id;     // empty: no run (the dictionary baseline, the ontology's own graph)
    std::string checkpoint; // empty: none
    std::string corpus;
    std::string extractor;                       // "model", "dictionary" or "ontology"
    std::int64_t node_count = 0, edge_count = 0; // saveGraph sets them from the graph
    std::string scores_json;                     // graph precision/recall and extraction scores; empty: none
    std::string options_json;                    // the build options; empty is stored as "{}"
};

// A sentence an edge cites (or a rejected relation came from), with what the extractor
// found in it. The entities' embeddings are not stored.
struct KgSentenceRecord
{
    std::string sentence_id, document_id, text;
    std::vector<kg::PredictedEntity> entities;
    std::vector<kg::PredictedRelation> relations;
};

// Which edges a neighbourhood follows. Masks have bit (1 << type) set for each type kept.
struct KgEdgeFilter
{
    std::uint32_t relation_types = ~0u;
    std::uint32_t node_types = ~0u;
    double min_confidence = 0;
    bool contradicted_only = false;
};

struct KgNeighbourhood
{
    std::vector<int> nodes; // the seeds first, then in the order they were reached
    std::vector<int> edges; // every edge passing the filter between two of `nodes`, ascending
};

class KgStore
{
public:
    explicit KgStore(const Project &project, bool readOnly = false);
    ~KgStore();
    KgStore(const KgStore &) = delete;
    KgStore &operator=(const KgStore &) = delete;

    // Writes the graph in one transaction and returns its id. A graph of the same name is
    // replaced in that transaction. Throws ProjectError(BadInput) for a graph that does not
    // hold together (an edge or evidence pointing past the nodes, a concept id given twice,
    // a sentence given twice, an unknown extractor), and nothing is written.
    std::int64_t saveGraph(const KgGraphRecord &meta, const kg::KnowledgeGraph &graph,
                           const std::vector<KgSentenceRecord> &sentences);

    // Newest first.
    std::vector<KgGraphRecord> graphs();
    std::optional<KgGraphRecord> graph(std::int64_t id);
    std::optional<KgGraphRecord> graphByName(const std::string &name);
    // Deletes the graph and all its rows; false when there was none.
    bool removeGraph(std::int64_t id);

    // The whole graph, evidence and rejected relations included, indexed (findNode works).
    // Throws ProjectError(NotFound) for an unknown id.
    kg::KnowledgeGraph loadGraph(std::int64_t id);

    // Nodes whose name or a form contains `text` (normalised as kg::normaliseMention does):
    // an exact form first, then forms starting with it, then forms containing it, each
    // group by mentions, most first. At most `limit`.
    std::vector<int> searchNodes(std::int64_t id, const std::string &text, int limit = 50);

    // The seeds and what lies within `depth` edges of them, following edges either way that
    // pass `filter` to nodes whose type passes it (the seeds are kept whatever their type).
    KgNeighbourhood neighbourhood(std::int64_t id, const std::vector<int> &seeds, int depth,
                                  const KgEdgeFilter &filter = {});

    // The stored sentences among `sentenceIds`, in that order; ids not stored are skipped.
    std::vector<KgSentenceRecord> sentences(std::int64_t id, const std::vector<std::string> &sentenceIds);
    std::vector<kg::RejectedRelation> rejected(std::int64_t id);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
