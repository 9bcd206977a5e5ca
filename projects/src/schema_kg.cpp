// The medical knowledge graph scenario's tables (issue 25; docs/kg-store.md), kept beside
// schema.cpp, which runs them in its migration step 14 -> 15.

namespace seekbench::projects {

// Issue 25: knowledge graphs built from text, each tied to the run and checkpoint that
// built it. Rows of a graph are keyed by (graph_id, index in the graph), so that reading a
// graph back is one range scan per table. kg_forms holds every node's normalised name and
// forms, for search by name or synonym; the edges are indexed by both ends for
// neighbourhood expansion.
extern const char *const kMigrateTo15;
const char *const kMigrateTo15 = R"(
CREATE TABLE kg_graphs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL,
  run_id TEXT, checkpoint TEXT, corpus TEXT NOT NULL, extractor TEXT NOT NULL,
  node_count INTEGER NOT NULL, edge_count INTEGER NOT NULL, scores_json TEXT,
  options_json TEXT NOT NULL DEFAULT '{}');
CREATE INDEX kg_graphs_by_run ON kg_graphs(run_id);
CREATE TABLE kg_nodes (graph_id INTEGER NOT NULL, idx INTEGER NOT NULL, concept_id TEXT NOT NULL,
  type INTEGER NOT NULL, name TEXT NOT NULL, forms_json TEXT NOT NULL, candidate INTEGER NOT NULL,
  mentions INTEGER NOT NULL, PRIMARY KEY (graph_id, idx), UNIQUE (graph_id, concept_id)) WITHOUT ROWID;
CREATE TABLE kg_forms (graph_id INTEGER NOT NULL, form_norm TEXT NOT NULL, node_idx INTEGER NOT NULL,
  PRIMARY KEY (graph_id, form_norm, node_idx)) WITHOUT ROWID;
CREATE TABLE kg_edges (graph_id INTEGER NOT NULL, idx INTEGER NOT NULL, head INTEGER NOT NULL,
  tail INTEGER NOT NULL, type INTEGER NOT NULL, confidence REAL NOT NULL, support INTEGER NOT NULL,
  contradicted INTEGER NOT NULL, PRIMARY KEY (graph_id, idx)) WITHOUT ROWID;
CREATE INDEX kg_edges_by_head ON kg_edges(graph_id, head);
CREATE INDEX kg_edges_by_tail ON kg_edges(graph_id, tail);
CREATE TABLE kg_evidence (graph_id INTEGER NOT NULL, edge_idx INTEGER NOT NULL, ord INTEGER NOT NULL,
  sentence_id TEXT NOT NULL, confidence REAL NOT NULL, negated INTEGER NOT NULL, hedged INTEGER NOT NULL,
  PRIMARY KEY (graph_id, edge_idx, ord)) WITHOUT ROWID;
CREATE INDEX kg_evidence_by_sentence ON kg_evidence(graph_id, sentence_id);
CREATE TABLE kg_sentences (graph_id INTEGER NOT NULL, sentence_id TEXT NOT NULL, document_id TEXT NOT NULL,
  text TEXT NOT NULL, entities_json TEXT NOT NULL, relations_json TEXT NOT NULL,
  PRIMARY KEY (graph_id, sentence_id)) WITHOUT ROWID;
CREATE TABLE kg_rejected (graph_id INTEGER NOT NULL, idx INTEGER NOT NULL, sentence_id TEXT NOT NULL,
  head_id TEXT NOT NULL, tail_id TEXT NOT NULL, type INTEGER NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (graph_id, idx)) WITHOUT ROWID;
)";

} // namespace seekbench::projects
