#pragma once

// The knowledge graph in the formats other tools read: GraphML (yEd, Gephi, Cytoscape),
// CSV nodes and edges (spreadsheets, Neo4j's LOAD CSV, pandas) and a Cypher script that
// loads into Neo4j (`cypher-shell < graph.cypher`). Names come from text and are
// untrusted: each format escapes them its own way (XML entities with control characters
// dropped, RFC 4180 quoting with a leading ' before a spreadsheet formula, Cypher string
// escapes), and bytes that are not UTF-8 become U+FFFD.
//
// Every writer writes its file atomically (seekbench/formats/atomic_file.h): a full disk or
// an unwritable folder leaves the old file, returns false and names the file in `error`.

#include "seekbench/kg/graph.h"

#include <string>

namespace seekbench::kg {

// Node ids "n<index>", edge ids "e<index>"; keys for the node's type, name, concept id,
// candidate, mentions and forms (joined with "|"), and the edge's type, confidence,
// support, contradicted and evidence sentences (joined with "|").
bool writeGraphMl(const KnowledgeGraph &graph, const std::string &path, std::string &error);

// nodes.csv: id,concept_id,type,name,forms,candidate,mentions (id: the node's index; forms
// joined with "|"); edges.csv: source,target,type,confidence,support,contradicted,sentences
// (source and target: node ids; sentences: every evidence sentence's id, for and against,
// joined with "|"). Booleans as true/false.
bool writeCsv(const KnowledgeGraph &graph, const std::string &nodesPath, const std::string &edgesPath,
              std::string &error);

// A uniqueness constraint on `id` per label, then the nodes, labelled by type (Disease,
// Symptom, Gene, Drug, LabTest), and the relationships, typed by relation name, each as
// UNWIND batches of at most 1,000 rows with the values inlined as Cypher literals.
// Properties: nodes id (the concept id), name, forms, candidate, mentions; relationships
// confidence, support, contradicted, sentences.
bool writeCypher(const KnowledgeGraph &graph, const std::string &path, std::string &error);

} // namespace seekbench::kg
