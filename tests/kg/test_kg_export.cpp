// The knowledge graph's exports (kg/graph_export.h), each parsed back: GraphML with Qt's
// XML reader, CSV with a small RFC 4180 parser, Cypher with a tokenizer that separates
// string literals from code. Hostile names (markup, quotes, control characters, invalid
// UTF-8, a spreadsheet formula, a Cypher injection) come back as text and never as markup
// or code; an unwritable destination is an error naming the file.

#include "seekbench/kg/graph_export.h"

#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <fstream>
#include <map>
#include <sstream>

using namespace seekbench;
using namespace seekbench::kg;

namespace {

const std::string kMarkupName = "A <&>\"' b\x01"
                                "c\td\ne\xff";
const std::string kMarkupNameInXml = "A <&>\"' bc\td\ne\xEF\xBF\xBD"; // control dropped, bad byte U+FFFD
const std::string kFormulaName = "=HYPERLINK(\"http://x\")";
const std::string kInjection = "x'}) DETACH DELETE n //";

GraphNode node(const std::string &id, ConceptType type, const std::string &name, std::vector<std::string> forms)
{
    GraphNode n;
    n.concept_id = id;
    n.type = type;
    n.name = name;
    n.forms = std::move(forms);
    n.mentions = 3;
    return n;
}

KnowledgeGraph hostileGraph()
{
    KnowledgeGraph g;
    g.nodes = {node("DIS0001", ConceptType::Disease, kMarkupName, {"fabry"}),
               node("SYM0001", ConceptType::Symptom, kFormulaName, {"fever, high", "say \"hi\""}),
               node("DRG0001", ConceptType::Drug, kInjection,
                    {"back\\slash", "line\nbreak", "\xC3\xBCn\xC3\xAF \xE2\x98\x83"})};
    g.nodes[2].candidate = true;
    GraphEdge e;
    e.head = 0;
    e.tail = 1;
    e.type = RelationType::HasSymptom;
    e.confidence = 0.875;
    e.support = 2;
    e.evidence = {{"d1:0", 0.9f, false, false}, {"d1:1", 0.8f, false, true}};
    GraphEdge t;
    t.head = 2;
    t.tail = 0;
    t.type = RelationType::Treats;
    t.confidence = 0.5;
    t.support = 1;
    t.contradicted = true;
    t.evidence = {{"-d:1", 0.5f, false, false}};
    g.edges = {e, t};
    g.reindex();
    return g;
}

std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// RFC 4180: rows of fields, quoted fields with "" for a quote and line breaks inside.
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    rows.pop_back(); // after the last line break
    return rows;
}

// Cypher split into code (each string literal replaced by S, comments dropped) and the
// literals' values, unescaped.
struct CypherParts
{
    std::string code;
    std::vector<std::string> literals;
    bool ok = true;
};

CypherParts tokenizeCypher(const std::string &s)
{
    CypherParts out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "//") == 0) {
            i = s.find('\n', i);
            if (i == std::string::npos)
                break;
            out.code += '\n';
        } else if (s[i] == '\'') {
            std::string value;
            for (++i; i < s.size() && s[i] != '\''; ++i) {
                if (s[i] != '\\') {
                    value += s[i];
                    continue;
                }
                const char e = s[++i];
                if (e == 'n')
                    value += '\n';
                else if (e == 't')
                    value += '\t';
                else if (e == 'r')
                    value += '\r';
                else if (e == 'u') {
                    value += static_cast<char>(std::stoi(s.substr(i + 1, 4), nullptr, 16)); // control chars only
                    i += 4;
                } else
                    value += e;
            }
            out.ok = out.ok && i < s.size();
            out.literals.push_back(value);
            out.code += 'S';
        } else {
            out.code += s[i];
        }
    }
    return out;
}

int count(const std::string &text, const std::string &what)
{
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

class TestKgExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::string path(const char *name) const { return m_tmp.path().toStdString() + "/" + name; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void graphMlReadsBack()
    {
        std::string error;
        QVERIFY2(writeGraphMl(hostileGraph(), path("g.graphml"), error), error.c_str());
        QFile file(QString::fromStdString(path("g.graphml")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(file.readAll());
        std::map<QString, QString> keyNames;
        std::vector<std::map<QString, QString>> nodes, edges;
        std::vector<std::map<QString, QString>> *current = nullptr;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attrs = xml.attributes();
            if (xml.name() == QLatin1String("key")) {
                keyNames[attrs.value(QLatin1String("id")).toString()]
                    = attrs.value(QLatin1String("attr.name")).toString();
            } else if (xml.name() == QLatin1String("node") || xml.name() == QLatin1String("edge")) {
                current = xml.name() == QLatin1String("node") ? &nodes : &edges;
                current->emplace_back();
                for (const auto &a : attrs)
                    current->back()[a.name().toString()] = a.value().toString();
            } else if (xml.name() == QLatin1String("data") && current) {
                const QString key = keyNames[attrs.value(QLatin1String("key")).toString()];
                current->back()[key] = xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(nodes.size(), std::size_t(3));
        QCOMPARE(nodes[0][QStringLiteral("name")], QString::fromStdString(kMarkupNameInXml));
        QCOMPARE(nodes[0][QStringLiteral("type")], QStringLiteral("disease"));
        QCOMPARE(nodes[1][QStringLiteral("name")], QString::fromStdString(kFormulaName));
        QCOMPARE(nodes[2][QStringLiteral("name")], QString::fromStdString(kInjection));
        QCOMPARE(nodes[2][QStringLiteral("candidate")], QStringLiteral("true"));
        QCOMPARE(nodes[2][QStringLiteral("forms")],
                 QString::fromUtf8("back\\slash|line\nbreak|\xC3\xBCn\xC3\xAF \xE2\x98\x83"));
        QCOMPARE(nodes[1][QStringLiteral("concept_id")], QStringLiteral("SYM0001"));
        QCOMPARE(edges.size(), std::size_t(2));
        QCOMPARE(edges[0][QStringLiteral("source")], QStringLiteral("n0"));
        QCOMPARE(edges[0][QStringLiteral("target")], QStringLiteral("n1"));
        QCOMPARE(edges[0][QStringLiteral("type")], QStringLiteral("HAS_SYMPTOM"));
        QCOMPARE(edges[0][QStringLiteral("confidence")].toDouble(), 0.875);
        QCOMPARE(edges[0][QStringLiteral("sentences")], QStringLiteral("d1:0|d1:1"));
        QCOMPARE(edges[1][QStringLiteral("contradicted")], QStringLiteral("true"));
    }

    void csvReadsBack()
    {
        std::string error;
        QVERIFY2(writeCsv(hostileGraph(), path("nodes.csv"), path("edges.csv"), error), error.c_str());
        const auto nodes = parseCsv(readAll(path("nodes.csv")));
        QCOMPARE(nodes.size(), std::size_t(4));
        QCOMPARE(nodes[0],
                 (std::vector<std::string>{"id", "concept_id", "type", "name", "forms", "candidate", "mentions"}));
        for (const auto &row : nodes)
            QCOMPARE(row.size(), std::size_t(7));
        QCOMPARE(nodes[1][3], std::string("A <&>\"' b\x01"
                                          "c\td\ne\xEF\xBF\xBD"));
        QCOMPARE(nodes[2][3], "'" + kFormulaName); // a formula is never run
        QCOMPARE(nodes[2][4], std::string("fever, high|say \"hi\""));
        QCOMPARE(nodes[3][3], kInjection);
        QCOMPARE(nodes[3][5], std::string("true"));
        const auto edges = parseCsv(readAll(path("edges.csv")));
        QCOMPARE(edges.size(), std::size_t(3));
        QCOMPARE(edges[1], (std::vector<std::string>{"0", "1", "HAS_SYMPTOM", "0.875", "2", "false", "d1:0|d1:1"}));
        QCOMPARE(edges[2][6], std::string("'-d:1"));
        QCOMPARE(edges[2][5], std::string("true"));
    }

    void cypherKeepsNamesInStrings()
    {
        std::string error;
        QVERIFY2(writeCypher(hostileGraph(), path("g.cypher"), error), error.c_str());
        const CypherParts parts = tokenizeCypher(readAll(path("g.cypher")));
        QVERIFY(parts.ok);
        QVERIFY(parts.code.find("DETACH") == std::string::npos);
        const auto has = [&](const std::string &v) {
            return std::find(parts.literals.begin(), parts.literals.end(), v) != parts.literals.end();
        };
        QVERIFY(has(kInjection));
        QVERIFY(has(kFormulaName));
        QVERIFY(has("A <&>\"' b\x01"
                    "c\td\ne\xEF\xBF\xBD"));
        QVERIFY(has("back\\slash"));
        QVERIFY(has("line\nbreak"));
        QVERIFY(has("\xC3\xBCn\xC3\xAF \xE2\x98\x83"));
        std::vector<std::string> statements;
        std::stringstream code(parts.code);
        for (std::string st; std::getline(code, st, ';');) {
            const auto first = st.find_first_not_of(" \n");
            if (first != std::string::npos)
                statements.push_back(st.substr(first));
        }
        QCOMPARE(statements.size(), std::size_t(5 + 3 + 2)); // constraints, labels, relation groups
        for (std::size_t i = 0; i < statements.size(); ++i) {
            const std::string start = i < 5 ? "CREATE CONSTRAINT" : "UNWIND [";
            QVERIFY2(statements[i].rfind(start, 0) == 0, statements[i].c_str());
        }
        QVERIFY(parts.code.find("CREATE (:Drug {id: row.id") != std::string::npos);
        QVERIFY(parts.code.find("MATCH (h:Drug {id: row.head}) MATCH (t:Disease {id: row.tail})\nCREATE "
                                "(h)-[:`TREATS` {")
                != std::string::npos);
        QCOMPARE(count(parts.code, "candidate: true"), 1);
        QCOMPARE(count(parts.code, "confidence: 0.875"), 1);
    }

    void cypherBatchesRows()
    {
        KnowledgeGraph g;
        for (int i = 0; i < 2500; ++i)
            g.nodes.push_back(node("SYM" + std::to_string(i), ConceptType::Symptom, "s" + std::to_string(i), {}));
        std::string error;
        QVERIFY2(writeCypher(g, path("big.cypher"), error), error.c_str());
        const CypherParts parts = tokenizeCypher(readAll(path("big.cypher")));
        std::vector<int> rows;
        std::stringstream code(parts.code);
        for (std::string st; std::getline(code, st, ';');) {
            if (st.find("UNWIND") != std::string::npos)
                rows.push_back(count(st, "{id: S"));
        }
        QCOMPARE(rows, (std::vector<int>{1000, 1000, 500}));
    }

    void unwritableDestinationIsNamed()
    {
        const std::string blocker = path("a-file");
        std::ofstream(blocker) << "not a folder";
        const std::string where = blocker + "/graph.out";
        std::string error;
        QVERIFY(!writeGraphMl(hostileGraph(), where, error));
        QVERIFY2(error.find(where) != std::string::npos, error.c_str());
        error.clear();
        QVERIFY(!writeCsv(hostileGraph(), where, path("e.csv"), error));
        QVERIFY2(error.find(where) != std::string::npos, error.c_str());
        error.clear();
        QVERIFY(!writeCypher(hostileGraph(), where, error));
        QVERIFY2(error.find(where) != std::string::npos, error.c_str());
        KnowledgeGraph broken = hostileGraph();
        broken.edges[0].tail = 7;
        QVERIFY(!writeCypher(broken, path("broken.cypher"), error));
        QVERIFY2(error.find("edge 0") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestKgExport)
#include "test_kg_export.moc"
