// Reading knowledge graphs back from the store, as untrusted rows: every index is checked
// against the graph it belongs to, every type against its range, every JSON field for its
// kind. A damaged row is a ProjectError naming the table, the graph and the row.

#include "kg_store_rows.h"
#include "seekbench/projects/project.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <unordered_set>

namespace seekbench::projects {

namespace {

using kgrows::damaged;

constexpr const char *kGraphColumns = "SELECT id, name, created, run_id, checkpoint, corpus, extractor, node_count, "
                                      "edge_count, scores_json, options_json FROM kg_graphs ";

KgGraphRecord readGraph(const sql::Statement &st)
{
    KgGraphRecord g;
    g.id = st.int64(0);
    g.name = st.text(1);
    g.created = st.text(2);
    g.run_id = st.text(3); // NULL reads as ""
    g.checkpoint = st.text(4);
    g.corpus = st.text(5);
    g.extractor = st.text(6);
    g.node_count = st.int64(7);
    g.edge_count = st.int64(8);
    g.scores_json = st.text(9);
    g.options_json = st.text(10);
    if (g.extractor != "model" && g.extractor != "dictionary" && g.extractor != "ontology")
        damaged("kg_graphs", g.id, std::to_string(g.id), "unknown extractor '" + g.extractor + "'");
    if (g.node_count < 0 || g.node_count > INT_MAX || g.edge_count < 0 || g.edge_count > INT_MAX)
        damaged("kg_graphs", g.id, std::to_string(g.id), "impossible node or edge count");
    return g;
}

// A stored count or index that must fit an int and lie in [0, limit).
int index(const sql::Statement &st, int col, std::int64_t limit, const char *table, std::int64_t graphId,
          const std::string &row, const char *what)
{
    const std::int64_t v = st.int64(col);
    if (v < 0 || v >= limit)
        damaged(table, graphId, row,
                std::string(what) + " " + std::to_string(v) + " is outside 0.." + std::to_string(limit - 1));
    return static_cast<int>(v);
}

kg::ConceptType conceptType(const sql::Statement &st, int col, const char *table, std::int64_t graphId,
                            const std::string &row)
{
    return static_cast<kg::ConceptType>(index(st, col, kg::kConceptTypes, table, graphId, row, "node type"));
}

kg::RelationType relationType(const sql::Statement &st, int col, const char *table, std::int64_t graphId,
                              const std::string &row)
{
    return static_cast<kg::RelationType>(index(st, col, kg::kRelationTypes, table, graphId, row, "relation type"));
}

double confidence(const sql::Statement &st, int col, const char *table, std::int64_t graphId, const std::string &row)
{
    const double v = st.real(col);
    if (st.isNull(col) || !std::isfinite(v))
        damaged(table, graphId, row, "confidence is not a number");
    return v;
}

std::vector<std::string> forms(const std::string &text, std::int64_t graphId, const std::string &row)
{
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array())
        damaged("kg_nodes", graphId, row, "forms are not a JSON list");
    std::vector<std::string> out;
    for (const nlohmann::json &f : j) {
        if (!f.is_string())
            damaged("kg_nodes", graphId, row, "a form is not text");
        out.push_back(f.get<std::string>());
    }
    return out;
}

std::vector<kg::GraphNode> readNodes(sql::Database &db, std::int64_t id)
{
    auto st = db.prepare("SELECT idx, concept_id, type, name, forms_json, candidate, mentions FROM kg_nodes "
                         "WHERE graph_id = ? ORDER BY idx");
    st.bind(1, id);
    std::vector<kg::GraphNode> nodes;
    while (st.step()) {
        const std::string row = std::to_string(st.int64(0));
        if (st.int64(0) != static_cast<std::int64_t>(nodes.size()))
            damaged("kg_nodes", id, row, "index where " + std::to_string(nodes.size()) + " was expected");
        kg::GraphNode n;
        n.concept_id = st.text(1);
        n.type = conceptType(st, 2, "kg_nodes", id, row);
        n.name = st.text(3);
        n.forms = forms(st.text(4), id, row);
        n.candidate = st.int64(5) != 0;
        n.mentions = index(st, 6, INT_MAX, "kg_nodes", id, row, "mentions");
        nodes.push_back(std::move(n));
    }
    return nodes;
}

std::vector<kg::GraphEdge> readEdges(sql::Database &db, std::int64_t id, std::int64_t nodes)
{
    auto st = db.prepare("SELECT idx, head, tail, type, confidence, support, contradicted FROM kg_edges "
                         "WHERE graph_id = ? ORDER BY idx");
    st.bind(1, id);
    std::vector<kg::GraphEdge> edges;
    while (st.step()) {
        const std::string row = std::to_string(st.int64(0));
        if (st.int64(0) != static_cast<std::int64_t>(edges.size()))
            damaged("kg_edges", id, row, "index where " + std::to_string(edges.size()) + " was expected");
        kg::GraphEdge e;
        e.head = index(st, 1, nodes, "kg_edges", id, row, "head node");
        e.tail = index(st, 2, nodes, "kg_edges", id, row, "tail node");
        e.type = relationType(st, 3, "kg_edges", id, row);
        e.confidence = confidence(st, 4, "kg_edges", id, row);
        e.support = index(st, 5, INT_MAX, "kg_edges", id, row, "support");
        e.contradicted = st.int64(6) != 0;
        edges.push_back(std::move(e));
    }
    auto ev = db.prepare("SELECT edge_idx, ord, sentence_id, confidence, negated, hedged FROM kg_evidence "
                         "WHERE graph_id = ? ORDER BY edge_idx, ord");
    ev.bind(1, id);
    while (ev.step()) {
        const std::string row = std::to_string(ev.int64(0)) + "/" + std::to_string(ev.int64(1));
        kg::GraphEdge &e = edges[static_cast<std::size_t>(
            index(ev, 0, static_cast<std::int64_t>(edges.size()), "kg_evidence", id, row, "edge"))];
        kg::EdgeEvidence item;
        item.sentence_id = ev.text(2);
        item.confidence = static_cast<float>(confidence(ev, 3, "kg_evidence", id, row));
        item.negated = ev.int64(4) != 0;
        item.hedged = ev.int64(5) != 0;
        e.evidence.push_back(std::move(item));
    }
    return edges;
}

} // namespace

std::vector<KgGraphRecord> KgStore::graphs()
{
    auto st = d->db.prepare(std::string(kGraphColumns) + "ORDER BY created DESC, id DESC");
    std::vector<KgGraphRecord> out;
    while (st.step())
        out.push_back(readGraph(st));
    return out;
}

std::optional<KgGraphRecord> KgStore::graph(std::int64_t id)
{
    auto st = d->db.prepare(std::string(kGraphColumns) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    KgGraphRecord g = readGraph(st);
    st.reset();
    return g;
}

std::optional<KgGraphRecord> KgStore::graphByName(const std::string &name)
{
    auto st = d->db.prepare(std::string(kGraphColumns) + "WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    KgGraphRecord g = readGraph(st);
    st.reset();
    return g;
}

kg::KnowledgeGraph KgStore::loadGraph(std::int64_t id)
{
    const auto meta = graph(id);
    if (!meta)
        throw ProjectError(ProjectError::Kind::NotFound, "kg store: no graph " + std::to_string(id));
    kg::KnowledgeGraph g;
    g.nodes = readNodes(d->db, id);
    if (static_cast<std::int64_t>(g.nodes.size()) != meta->node_count)
        damaged("kg_graphs", id, std::to_string(id),
                "records " + std::to_string(meta->node_count) + " nodes, kg_nodes holds "
                    + std::to_string(g.nodes.size()));
    g.edges = readEdges(d->db, id, meta->node_count);
    if (static_cast<std::int64_t>(g.edges.size()) != meta->edge_count)
        damaged("kg_graphs", id, std::to_string(id),
                "records " + std::to_string(meta->edge_count) + " edges, kg_edges holds "
                    + std::to_string(g.edges.size()));
    g.rejected = rejected(id);
    g.reindex();
    return g;
}

std::vector<int> KgStore::searchNodes(std::int64_t id, const std::string &text, int limit)
{
    const std::string query = kgrows::normaliseForm(text);
    if (query.empty() || limit <= 0)
        return {};
    // A form starting with the query lies in [query, query + 0xFF): no UTF-8 text holds the
    // byte 0xFF, so this range is exactly the prefix matches, read off the index.
    auto st = d->db.prepare(
        "SELECT f.node_idx, min(CASE WHEN f.form_norm = ?2 THEN 0 WHEN f.form_norm >= ?2 AND f.form_norm < ?3 "
        "THEN 1 ELSE 2 END) AS rank, n.mentions FROM kg_forms f JOIN kg_nodes n ON n.graph_id = f.graph_id "
        "AND n.idx = f.node_idx WHERE f.graph_id = ?1 AND instr(f.form_norm, ?2) > 0 GROUP BY f.node_idx "
        "ORDER BY rank, n.mentions DESC, f.node_idx LIMIT ?4");
    st.bind(1, id).bind(2, query).bind(3, query + '\xff').bind(4, limit);
    std::vector<int> out;
    while (st.step())
        out.push_back(index(st, 0, INT_MAX, "kg_forms", id, st.text(0), "node"));
    return out;
}

KgNeighbourhood KgStore::neighbourhood(std::int64_t id, const std::vector<int> &seeds, int depth,
                                       const KgEdgeFilter &filter)
{
    const auto meta = graph(id);
    if (!meta)
        throw ProjectError(ProjectError::Kind::NotFound, "kg store: no graph " + std::to_string(id));
    if (depth < 0)
        throw ProjectError(ProjectError::Kind::BadInput, "kg store: a neighbourhood's depth cannot be negative");
    KgNeighbourhood out;
    std::unordered_set<int> reached, edges;
    std::vector<int> frontier;
    for (const int seed : seeds) {
        if (seed < 0 || seed >= meta->node_count)
            throw ProjectError(ProjectError::Kind::BadInput,
                               "kg store: graph " + std::to_string(id) + " has no node " + std::to_string(seed));
        if (reached.insert(seed).second) {
            out.nodes.push_back(seed);
            frontier.push_back(seed);
        }
    }
    // Each end's edges, with the type of the node at the other end (NULL: a damaged edge).
    // Without statistics SQLite would rather scan the graph's whole primary key range than
    // look up a secondary index of a WITHOUT ROWID table: the index is named.
    auto fromHead = d->db.prepare(
        "SELECT e.idx, e.tail, e.type, e.confidence, e.contradicted, n.type FROM kg_edges e INDEXED BY kg_edges_by_head "
        "LEFT JOIN kg_nodes n ON n.graph_id = e.graph_id AND n.idx = e.tail "
        "WHERE e.graph_id = ?1 AND e.head = ?2");
    auto fromTail = d->db.prepare(
        "SELECT e.idx, e.head, e.type, e.confidence, e.contradicted, n.type FROM kg_edges e INDEXED BY kg_edges_by_tail "
        "LEFT JOIN kg_nodes n ON n.graph_id = e.graph_id AND n.idx = e.head "
        "WHERE e.graph_id = ?1 AND e.tail = ?2");
    // The last level is scanned too, only for the edges between nodes already reached.
    for (int level = 0; level <= depth && !frontier.empty(); ++level) {
        std::vector<int> next;
        for (const int node : frontier) {
            for (sql::Statement *st : {&fromHead, &fromTail}) {
                st->bind(1, id).bind(2, node);
                while (st->step()) {
                    const std::string row = std::to_string(st->int64(0));
                    if (st->isNull(5))
                        damaged("kg_edges", id, row, "an end is past the graph's nodes");
                    const int other = index(*st, 1, meta->node_count, "kg_edges", id, row, "node");
                    const auto type = static_cast<int>(relationType(*st, 2, "kg_edges", id, row));
                    const auto otherType = static_cast<int>(conceptType(*st, 5, "kg_nodes", id, std::to_string(other)));
                    if (!(filter.relation_types >> type & 1u) || !(filter.node_types >> otherType & 1u)
                        || confidence(*st, 3, "kg_edges", id, row) < filter.min_confidence
                        || (filter.contradicted_only && st->int64(4) == 0))
                        continue;
                    if (!reached.count(other)) {
                        if (level == depth)
                            continue;
                        reached.insert(other);
                        out.nodes.push_back(other);
                        next.push_back(other);
                    }
                    edges.insert(static_cast<int>(st->int64(0)));
                }
            }
        }
        frontier = std::move(next);
    }
    out.edges.assign(edges.begin(), edges.end());
    std::sort(out.edges.begin(), out.edges.end());
    return out;
}

std::vector<KgSentenceRecord> KgStore::sentences(std::int64_t id, const std::vector<std::string> &sentenceIds)
{
    auto st = d->db.prepare("SELECT document_id, text, entities_json, relations_json FROM kg_sentences "
                            "WHERE graph_id = ?1 AND sentence_id = ?2");
    std::vector<KgSentenceRecord> out;
    for (const std::string &sid : sentenceIds) {
        st.bind(1, id).bind(2, sid);
        if (!st.step())
            continue;
        KgSentenceRecord s;
        s.sentence_id = sid;
        s.document_id = st.text(0);
        s.text = st.text(1);
        std::string error;
        if (!kgrows::parseEntities(st.text(2), s.text.size(), s.entities, error)
            || !kgrows::parseRelations(st.text(3), s.entities.size(), s.relations, error))
            damaged("kg_sentences", id, "'" + sid + "'", error);
        st.reset();
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<kg::RejectedRelation> KgStore::rejected(std::int64_t id)
{
    auto st = d->db.prepare("SELECT idx, sentence_id, head_id, tail_id, type, reason FROM kg_rejected "
                            "WHERE graph_id = ? ORDER BY idx");
    st.bind(1, id);
    std::vector<kg::RejectedRelation> out;
    while (st.step()) {
        kg::RejectedRelation r;
        r.sentence_id = st.text(1);
        r.head_id = st.text(2);
        r.tail_id = st.text(3);
        r.type = relationType(st, 4, "kg_rejected", id, std::to_string(st.int64(0)));
        r.reason = st.text(5);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace seekbench::projects
