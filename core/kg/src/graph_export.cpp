// The knowledge graph's exports: GraphML, CSV nodes and edges, a Cypher script for Neo4j.
// Each is built in memory (a graph of 50,000 edges is a few megabytes) and written whole.

#include "seekbench/kg/graph_export.h"

#include "seekbench/formats/atomic_file.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string_view>
#include <tuple>

namespace seekbench::kg {

namespace {

constexpr std::size_t kCypherBatch = 1000;
constexpr std::array<std::string_view, kConceptTypes> kLabels = {"Disease", "Symptom", "Gene", "Drug", "LabTest"};

// The code points of `text`, with every byte that does not start a well-formed UTF-8
// sequence (stray continuation bytes, overlong forms, surrogates, past U+10FFFF) read as
// U+FFFD, so that no writer ever passes on invalid UTF-8.
template<typename F>
void forEachCodePoint(std::string_view text, F &&emit)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        const int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = length > 0 && i + std::size_t(length) <= text.size();
        for (int k = 1; ok && k < length; ++k) {
            const auto c = static_cast<unsigned char>(text[i + std::size_t(k)]);
            ok = (c & 0xC0) == 0x80;
            cp = (cp << 6) | (c & 0x3F);
        }
        static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        ok = ok && cp >= kMin[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        emit(ok ? cp : char32_t(0xFFFD));
        i += ok ? std::size_t(length) : 1;
    }
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string validUtf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t cp) { appendUtf8(out, cp); });
    return out;
}

// Text for XML content and attributes. Tabs and line breaks become character references
// (an attribute would otherwise turn them into spaces); other control characters, which
// XML 1.0 cannot carry at all, are dropped.
std::string xml(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t cp) {
        switch (cp) {
        case '&': out += "&amp;"; return;
        case '<': out += "&lt;"; return;
        case '>': out += "&gt;"; return;
        case '"': out += "&quot;"; return;
        case '\'': out += "&apos;"; return;
        case '\t': out += "&#9;"; return;
        case '\n': out += "&#10;"; return;
        case '\r': out += "&#13;"; return;
        default: break;
        }
        if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF)
            appendUtf8(out, cp);
    });
    return out;
}

// A single-quoted Cypher string literal: backslash, quotes and control characters escaped,
// the rest kept as UTF-8.
std::string cypherString(std::string_view text)
{
    std::string out = "'";
    forEachCodePoint(text, [&](char32_t cp) {
        switch (cp) {
        case '\\': out += "\\\\"; return;
        case '\'': out += "\\'"; return;
        case '"': out += "\\\""; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        default: break;
        }
        if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "\\u%04X", static_cast<unsigned>(cp));
            out += hex;
        } else {
            appendUtf8(out, cp);
        }
    });
    return out + "'";
}

// RFC 4180, with a leading ' before text a spreadsheet would run as a formula (as the
// run exports do, projects/src/run_exporter.cpp).
std::string csv(std::string_view text)
{
    std::string v = validUtf8(text);
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
        v.insert(v.begin(), '\'');
    if (v.find_first_of(",\"\n\r") == std::string::npos)
        return v;
    std::string q = "\"";
    for (const char c : v) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + "\"";
}

// Shortest text that reads back to the same double; `nonFinite` when there is none.
std::string number(double v, std::string_view nonFinite)
{
    if (!std::isfinite(v))
        return std::string(nonFinite);
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    return std::string(text, end);
}

std::string graphMlNumber(double v) { return std::isnan(v) ? "NaN" : number(v, v > 0 ? "INF" : "-INF"); }

const char *boolean(bool v) { return v ? "true" : "false"; }

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &s : items)
        out += (out.empty() ? "" : "|") + s;
    return out;
}

std::vector<std::string> sentenceIds(const GraphEdge &edge)
{
    std::vector<std::string> ids;
    ids.reserve(edge.evidence.size());
    for (const EdgeEvidence &e : edge.evidence)
        ids.push_back(e.sentence_id);
    return ids;
}

std::string_view label(ConceptType type)
{
    const auto i = static_cast<std::size_t>(type);
    return i < kLabels.size() ? kLabels[i] : std::string_view("Concept");
}

bool writeFile(const std::string &path, const std::string &text, const char *noun, std::string &error)
{
    try {
        AtomicFile file(path, noun);
        file.write(text);
        file.commit();
        return true;
    } catch (const std::exception &e) {
        // A folder that cannot be made is named without the file: name both.
        const std::string what = e.what();
        error = what.find(path) != std::string::npos ? what : std::string(noun) + " " + path + ": " + what;
        return false;
    }
}

std::string graphMl(const KnowledgeGraph &graph)
{
    std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="n_type" for="node" attr.name="type" attr.type="string"/>
  <key id="n_name" for="node" attr.name="name" attr.type="string"/>
  <key id="n_concept" for="node" attr.name="concept_id" attr.type="string"/>
  <key id="n_candidate" for="node" attr.name="candidate" attr.type="boolean"/>
  <key id="n_mentions" for="node" attr.name="mentions" attr.type="int"/>
  <key id="n_forms" for="node" attr.name="forms" attr.type="string"/>
  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>
  <key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>
  <key id="e_support" for="edge" attr.name="support" attr.type="int"/>
  <key id="e_contradicted" for="edge" attr.name="contradicted" attr.type="boolean"/>
  <key id="e_sentences" for="edge" attr.name="sentences" attr.type="string"/>
  <graph id="G" edgedefault="directed">
)";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode &n = graph.nodes[i];
        out += "    <node id=\"n" + std::to_string(i) + "\"><data key=\"n_type\">"
               + std::string(conceptTypeName(n.type)) + "</data><data key=\"n_name\">" + xml(n.name)
               + "</data><data key=\"n_concept\">" + xml(n.concept_id) + "</data><data key=\"n_candidate\">"
               + boolean(n.candidate) + "</data><data key=\"n_mentions\">" + std::to_string(n.mentions)
               + "</data><data key=\"n_forms\">" + xml(joined(n.forms)) + "</data></node>\n";
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge &e = graph.edges[i];
        out += "    <edge id=\"e" + std::to_string(i) + "\" source=\"n" + std::to_string(e.head) + "\" target=\"n"
               + std::to_string(e.tail) + "\"><data key=\"e_type\">" + std::string(relationTypeName(e.type))
               + "</data><data key=\"e_confidence\">" + graphMlNumber(e.confidence) + "</data><data key=\"e_support\">"
               + std::to_string(e.support) + "</data><data key=\"e_contradicted\">" + boolean(e.contradicted)
               + "</data><data key=\"e_sentences\">" + xml(joined(sentenceIds(e))) + "</data></edge>\n";
    }
    return out + "  </graph>\n</graphml>\n";
}

std::string cypherList(const std::vector<std::string> &items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + cypherString(items[i]);
    return out + "]";
}

// UNWIND statements of at most kCypherBatch rows each; `body` follows "AS row".
void appendBatches(std::string &out, const std::vector<std::string> &rows, const std::string &body)
{
    for (std::size_t first = 0; first < rows.size(); first += kCypherBatch) {
        out += "UNWIND [\n";
        const std::size_t last = std::min(rows.size(), first + kCypherBatch);
        for (std::size_t i = first; i < last; ++i)
            out += "  " + rows[i] + (i + 1 < last ? ",\n" : "\n");
        out += "] AS row\n" + body + ";\n";
    }
}

std::string cypher(const KnowledgeGraph &graph)
{
    std::string out = "// A Seekbench knowledge graph: " + std::to_string(graph.nodes.size()) + " nodes, "
                      + std::to_string(graph.edges.size()) + " relationships.\n"
                      + "// Load into Neo4j with: cypher-shell < graph.cypher\n";
    std::map<std::string_view, std::vector<std::string>> nodes;
    for (const std::string_view l : kLabels) {
        out += "CREATE CONSTRAINT seekbench_" + std::string(l) + "_id IF NOT EXISTS FOR (n:" + std::string(l)
               + ") REQUIRE n.id IS UNIQUE;\n";
        nodes[l];
    }
    for (const GraphNode &n : graph.nodes)
        nodes[label(n.type)].push_back("{id: " + cypherString(n.concept_id) + ", name: " + cypherString(n.name)
                                       + ", forms: " + cypherList(n.forms) + ", candidate: " + boolean(n.candidate)
                                       + ", mentions: " + std::to_string(n.mentions) + "}");
    for (const auto &[l, rows] : nodes)
        appendBatches(out, rows,
                      "CREATE (:" + std::string(l)
                          + " {id: row.id, name: row.name, forms: row.forms, candidate: row.candidate, "
                            "mentions: row.mentions})");
    // Relationships grouped by type and the labels of their ends, so that each MATCH finds
    // its node through the label's id constraint.
    std::map<std::tuple<std::string_view, std::string_view, std::string_view>, std::vector<std::string>> edges;
    for (const GraphEdge &e : graph.edges) {
        const GraphNode &head = graph.nodes.at(static_cast<std::size_t>(e.head));
        const GraphNode &tail = graph.nodes.at(static_cast<std::size_t>(e.tail));
        edges[{relationTypeName(e.type), label(head.type), label(tail.type)}].push_back(
            "{head: " + cypherString(head.concept_id) + ", tail: " + cypherString(tail.concept_id)
            + ", confidence: " + number(e.confidence, "null") + ", support: " + std::to_string(e.support)
            + ", contradicted: " + boolean(e.contradicted) + ", sentences: " + cypherList(sentenceIds(e)) + "}");
    }
    for (const auto &[key, rows] : edges) {
        const auto &[type, head, tail] = key;
        appendBatches(out, rows,
                      "MATCH (h:" + std::string(head) + " {id: row.head}) MATCH (t:" + std::string(tail)
                          + " {id: row.tail})\nCREATE (h)-[:`" + std::string(type)
                          + "` {confidence: row.confidence, support: row.support, contradicted: row.contradicted, "
                            "sentences: row.sentences}]->(t)");
    }
    return out;
}

bool endsInRange(const KnowledgeGraph &graph, std::string &error)
{
    const auto nodes = static_cast<std::int64_t>(graph.nodes.size());
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge &e = graph.edges[i];
        if (e.head < 0 || e.head >= nodes || e.tail < 0 || e.tail >= nodes) {
            error = "edge " + std::to_string(i) + " points past the graph's " + std::to_string(nodes) + " nodes";
            return false;
        }
    }
    return true;
}

} // namespace

bool writeGraphMl(const KnowledgeGraph &graph, const std::string &path, std::string &error)
{
    return endsInRange(graph, error) && writeFile(path, graphMl(graph), "GraphML file", error);
}

bool writeCsv(const KnowledgeGraph &graph, const std::string &nodesPath, const std::string &edgesPath,
              std::string &error)
{
    if (!endsInRange(graph, error))
        return false;
    std::string nodes = "id,concept_id,type,name,forms,candidate,mentions\n";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode &n = graph.nodes[i];
        nodes += std::to_string(i) + "," + csv(n.concept_id) + "," + std::string(conceptTypeName(n.type)) + ","
                 + csv(n.name) + "," + csv(joined(n.forms)) + "," + boolean(n.candidate) + ","
                 + std::to_string(n.mentions) + "\n";
    }
    std::string edges = "source,target,type,confidence,support,contradicted,sentences\n";
    for (const GraphEdge &e : graph.edges)
        edges += std::to_string(e.head) + "," + std::to_string(e.tail) + "," + std::string(relationTypeName(e.type))
                 + "," + number(e.confidence, "") + "," + std::to_string(e.support) + "," + boolean(e.contradicted)
                 + "," + csv(joined(sentenceIds(e))) + "\n";
    return writeFile(nodesPath, nodes, "CSV nodes file", error) && writeFile(edgesPath, edges, "CSV edges file", error);
}

bool writeCypher(const KnowledgeGraph &graph, const std::string &path, std::string &error)
{
    return endsInRange(graph, error) && writeFile(path, cypher(graph), "Cypher script", error);
}

} // namespace seekbench::kg
