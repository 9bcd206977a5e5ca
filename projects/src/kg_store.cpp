// Writing knowledge graphs into the store: one transaction per graph, one prepared
// statement per table reused for every row (a graph of 50,000 edges and 150,000 evidence
// rows is written in about a second), everything checked before the first write.

#include "kg_store_rows.h"
#include "seekbench/projects/project.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <ctime>
#include <set>
#include <unordered_set>

namespace seekbench::projects {

namespace {

constexpr const char *kTables[] = {"kg_nodes", "kg_forms", "kg_edges", "kg_evidence", "kg_sentences", "kg_rejected"};

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

[[noreturn]] void badInput(const std::string &graphName, const std::string &what)
{
    throw ProjectError(ProjectError::Kind::BadInput, "kg store: graph '" + graphName + "': " + what);
}

void checkConfidence(double value, const std::string &graphName, const std::string &where)
{
    if (!std::isfinite(value))
        badInput(graphName, where + " has a confidence that is not a number");
}

// Everything that would make a graph unreadable is refused before anything is written.
void checkGraph(const KgGraphRecord &meta, const kg::KnowledgeGraph &graph,
                const std::vector<KgSentenceRecord> &sentences)
{
    const std::string &name = meta.name;
    if (name.empty())
        throw ProjectError(ProjectError::Kind::BadInput, "kg store: a graph needs a name");
    if (meta.extractor != "model" && meta.extractor != "dictionary" && meta.extractor != "ontology")
        badInput(name, "unknown extractor '" + meta.extractor + "' (model, dictionary or ontology)");
    const auto nodes = static_cast<std::int64_t>(graph.nodes.size());
    std::unordered_set<std::string_view> ids;
    ids.reserve(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const kg::GraphNode &n = graph.nodes[i];
        if (!ids.insert(n.concept_id).second)
            badInput(name, "node " + std::to_string(i) + ": concept '" + n.concept_id + "' is given twice");
        if (static_cast<int>(n.type) >= kg::kConceptTypes)
            badInput(name, "node " + std::to_string(i) + " has an unknown type");
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const kg::GraphEdge &e = graph.edges[i];
        const std::string where = "edge " + std::to_string(i);
        if (e.head < 0 || e.head >= nodes || e.tail < 0 || e.tail >= nodes)
            badInput(name, where + " points past the graph's " + std::to_string(nodes) + " nodes");
        if (e.type == kg::RelationType::None || static_cast<int>(e.type) >= kg::kRelationTypes)
            badInput(name, where + " has no relation type");
        checkConfidence(e.confidence, name, where);
        for (const kg::EdgeEvidence &ev : e.evidence)
            checkConfidence(ev.confidence, name, where + " evidence '" + ev.sentence_id + "'");
    }
    for (std::size_t i = 0; i < graph.rejected.size(); ++i) {
        if (static_cast<int>(graph.rejected[i].type) >= kg::kRelationTypes)
            badInput(name, "rejected relation " + std::to_string(i) + " has an unknown type");
    }
    std::unordered_set<std::string_view> sentenceIds;
    for (const KgSentenceRecord &s : sentences) {
        const std::string where = "sentence '" + s.sentence_id + "'";
        if (!sentenceIds.insert(s.sentence_id).second)
            badInput(name, where + " is given twice");
        for (const kg::PredictedEntity &e : s.entities) {
            if (e.begin < 0 || e.end < e.begin || std::size_t(e.end) > s.text.size())
                badInput(name, where + " has an entity outside its text");
            checkConfidence(e.confidence, name, where);
            checkConfidence(e.link_score, name, where);
        }
        for (const kg::PredictedRelation &r : s.relations) {
            if (r.head < 0 || r.tail < 0 || std::size_t(r.head) >= s.entities.size()
                || std::size_t(r.tail) >= s.entities.size())
                badInput(name, where + " has a relation between entities it does not have");
            checkConfidence(r.confidence, name, where);
        }
    }
}

void deleteRows(sql::Database &db, std::int64_t graphId)
{
    for (const char *table : kTables)
        db.prepare("DELETE FROM " + std::string(table) + " WHERE graph_id = ?").bind(1, graphId).run();
    db.prepare("DELETE FROM kg_graphs WHERE id = ?").bind(1, graphId).run();
}

void bindOptionalText(sql::Statement &st, int index, const std::string &value)
{
    if (value.empty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

void insertNodes(sql::Database &db, std::int64_t id, const kg::KnowledgeGraph &graph)
{
    auto node = db.prepare("INSERT INTO kg_nodes(graph_id, idx, concept_id, type, name, forms_json, candidate, "
                           "mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto form = db.prepare("INSERT OR IGNORE INTO kg_forms(graph_id, form_norm, node_idx) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const kg::GraphNode &n = graph.nodes[i];
        node.bind(1, id)
            .bind(2, static_cast<std::int64_t>(i))
            .bind(3, n.concept_id)
            .bind(4, static_cast<int>(n.type))
            .bind(5, n.name)
            .bind(6, nlohmann::json(n.forms).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
            .bind(7, n.candidate ? 1 : 0)
            .bind(8, n.mentions)
            .run();
        std::set<std::string> norms{kgrows::normaliseForm(n.name)};
        for (const std::string &f : n.forms)
            norms.insert(kgrows::normaliseForm(f));
        for (const std::string &norm : norms) {
            if (!norm.empty())
                form.bind(1, id).bind(2, norm).bind(3, static_cast<std::int64_t>(i)).run();
        }
    }
}

void insertEdges(sql::Database &db, std::int64_t id, const kg::KnowledgeGraph &graph)
{
    auto edge = db.prepare("INSERT INTO kg_edges(graph_id, idx, head, tail, type, confidence, support, "
                           "contradicted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto evidence = db.prepare("INSERT INTO kg_evidence(graph_id, edge_idx, ord, sentence_id, confidence, negated, "
                               "hedged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const kg::GraphEdge &e = graph.edges[i];
        const auto idx = static_cast<std::int64_t>(i);
        edge.bind(1, id)
            .bind(2, idx)
            .bind(3, e.head)
            .bind(4, e.tail)
            .bind(5, static_cast<int>(e.type))
            .bind(6, e.confidence)
            .bind(7, e.support)
            .bind(8, e.contradicted ? 1 : 0)
            .run();
        for (std::size_t k = 0; k < e.evidence.size(); ++k) {
            const kg::EdgeEvidence &ev = e.evidence[k];
            evidence.bind(1, id)
                .bind(2, idx)
                .bind(3, static_cast<std::int64_t>(k))
                .bind(4, ev.sentence_id)
                .bind(5, static_cast<double>(ev.confidence))
                .bind(6, ev.negated ? 1 : 0)
                .bind(7, ev.hedged ? 1 : 0)
                .run();
        }
    }
}

void insertSentencesAndRejected(sql::Database &db, std::int64_t id, const kg::KnowledgeGraph &graph,
                                const std::vector<KgSentenceRecord> &sentences)
{
    auto sentence = db.prepare("INSERT INTO kg_sentences(graph_id, sentence_id, document_id, text, entities_json, "
                               "relations_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const KgSentenceRecord &s : sentences) {
        sentence.bind(1, id)
            .bind(2, s.sentence_id)
            .bind(3, s.document_id)
            .bind(4, s.text)
            .bind(5, kgrows::entitiesJson(s.entities))
            .bind(6, kgrows::relationsJson(s.relations))
            .run();
    }
    auto rejected = db.prepare("INSERT INTO kg_rejected(graph_id, idx, sentence_id, head_id, tail_id, type, reason) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (std::size_t i = 0; i < graph.rejected.size(); ++i) {
        const kg::RejectedRelation &r = graph.rejected[i];
        rejected.bind(1, id)
            .bind(2, static_cast<std::int64_t>(i))
            .bind(3, r.sentence_id)
            .bind(4, r.head_id)
            .bind(5, r.tail_id)
            .bind(6, static_cast<int>(r.type))
            .bind(7, r.reason)
            .run();
    }
}

} // namespace

KgStore::KgStore(const Project &project, bool readOnly) : d(new Impl{project, {}})
{
    d->db = openConnection(project, readOnly);
}

KgStore::~KgStore() = default;

std::int64_t KgStore::saveGraph(const KgGraphRecord &meta, const kg::KnowledgeGraph &graph,
                                const std::vector<KgSentenceRecord> &sentences)
{
    checkGraph(meta, graph, sentences);
    const std::string created = meta.created.empty() ? utcNow() : meta.created;
    std::int64_t id = 0;
    sql::withWriteTransaction(d->db, [&] {
        auto existing = d->db.prepare("SELECT id FROM kg_graphs WHERE name = ?");
        existing.bind(1, meta.name);
        if (existing.step()) {
            const std::int64_t old = existing.int64(0);
            existing.reset();
            deleteRows(d->db, old);
        }
        auto insert = d->db.prepare(
            "INSERT INTO kg_graphs(name, created, run_id, checkpoint, corpus, extractor, node_count, edge_count, "
            "scores_json, options_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        insert.bind(1, meta.name).bind(2, created);
        bindOptionalText(insert, 3, meta.run_id);
        bindOptionalText(insert, 4, meta.checkpoint);
        insert.bind(5, meta.corpus)
            .bind(6, meta.extractor)
            .bind(7, static_cast<std::int64_t>(graph.nodes.size()))
            .bind(8, static_cast<std::int64_t>(graph.edges.size()));
        bindOptionalText(insert, 9, meta.scores_json);
        insert.bind(10, meta.options_json.empty() ? std::string("{}") : meta.options_json).run();
        id = d->db.lastInsertRowid();
        insertNodes(d->db, id, graph);
        insertEdges(d->db, id, graph);
        insertSentencesAndRejected(d->db, id, graph, sentences);
    });
    return id;
}

bool KgStore::removeGraph(std::int64_t id)
{
    bool found = false;
    sql::withWriteTransaction(d->db, [&] {
        auto st = d->db.prepare("SELECT 1 FROM kg_graphs WHERE id = ?");
        st.bind(1, id);
        found = st.step();
        st.reset();
        if (found)
            deleteRows(d->db, id);
    });
    return found;
}

} // namespace seekbench::projects
