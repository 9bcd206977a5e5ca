// Knowledge graphs in the project's store (schema 15, projects/kg_store.h): a graph comes
// back exactly as saved (candidates, contradictions, evidence, sentences with their
// entities, rejected relations); search finds nodes by name or synonym, exact and prefix
// matches before substrings; neighbourhoods follow filters to the asked depth; deleting
// a graph deletes its rows; damaged rows are errors naming the table, graph and row; a
// save that fails midway leaves the store as it was; a schema-14 store migrates with its
// data; a graph of 10,000 nodes and 50,000 edges is saved and read quickly.

#include "kg_store_fixture.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/schema.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

using kgfixture::bit;
using kgfixture::joined;

class TestKgStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_projects = 0;

    // A fresh project holding the fixture's graph; its id in `id`.
    Project project(std::int64_t &id)
    {
        Project p = makeProject(tempPath(m_tmp, ("p" + std::to_string(m_projects++)).c_str()));
        id = KgStore(p).saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), kgfixture::sentences());
        return p;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void graphComesBackAsSaved()
    {
        std::int64_t id = 0;
        const Project p = project(id);
        KgStore store(p);
        const kg::KnowledgeGraph want = kgfixture::graph();
        const kg::KnowledgeGraph got = store.loadGraph(id);
        QCOMPARE(got.nodes.size(), want.nodes.size());
        for (std::size_t i = 0; i < want.nodes.size(); ++i) {
            QCOMPARE(got.nodes[i].concept_id, want.nodes[i].concept_id);
            QCOMPARE(got.nodes[i].type, want.nodes[i].type);
            QCOMPARE(got.nodes[i].name, want.nodes[i].name);
            QCOMPARE(got.nodes[i].forms, want.nodes[i].forms);
            QCOMPARE(got.nodes[i].candidate, want.nodes[i].candidate);
            QCOMPARE(got.nodes[i].mentions, want.nodes[i].mentions);
        }
        QCOMPARE(got.edges.size(), want.edges.size());
        for (std::size_t i = 0; i < want.edges.size(); ++i) {
            const kg::GraphEdge &a = got.edges[i], &b = want.edges[i];
            QCOMPARE(a.head, b.head);
            QCOMPARE(a.tail, b.tail);
            QCOMPARE(a.type, b.type);
            QCOMPARE(a.confidence, b.confidence);
            QCOMPARE(a.support, b.support);
            QCOMPARE(a.contradicted, b.contradicted);
            QCOMPARE(a.evidence.size(), b.evidence.size());
            for (std::size_t k = 0; k < b.evidence.size(); ++k) {
                QCOMPARE(a.evidence[k].sentence_id, b.evidence[k].sentence_id);
                QCOMPARE(a.evidence[k].confidence, b.evidence[k].confidence);
                QCOMPARE(a.evidence[k].negated, b.evidence[k].negated);
                QCOMPARE(a.evidence[k].hedged, b.evidence[k].hedged);
            }
        }
        QCOMPARE(got.findNode("NEW:disease:fabric lung"), 5);
        QCOMPARE(got.rejected.size(), std::size_t(1));
        QCOMPARE(got.rejected[0].reason, want.rejected[0].reason);
        QCOMPARE(got.rejected[0].head_id, std::string("SYM0001"));
        QCOMPARE(got.rejected[0].type, kg::RelationType::Treats);

        const auto meta = store.graph(id);
        QVERIFY(meta);
        QCOMPARE(meta->name, std::string("fabry"));
        QCOMPARE(meta->run_id, std::string("run-1"));
        QCOMPARE(meta->checkpoint, std::string("checkpoints/best.pt"));
        QCOMPARE(meta->extractor, std::string("model"));
        QCOMPARE(meta->node_count, std::int64_t(9));
        QCOMPARE(meta->edge_count, std::int64_t(8));
        QCOMPARE(meta->scores_json, kgfixture::meta("x").scores_json);
        QVERIFY(meta->created.size() == 20 && meta->created.back() == 'Z'); // 2026-01-02T03:04:05Z
        QCOMPARE(store.graphByName("fabry")->id, id);
        QVERIFY(!store.graphByName("nope"));

        // The baseline has no run: NULL in the store, empty here.
        saveBaseline(store);
        QCOMPARE(store.graphs().size(), std::size_t(2));
    }

    void sentencesKeepTheirEntities()
    {
        std::int64_t id = 0;
        const Project p = project(id);
        const auto got = KgStore(p).sentences(id, {"d9:3", "missing", "d1:0"});
        QCOMPARE(got.size(), std::size_t(2));
        QCOMPARE(got[0].sentence_id, std::string("d9:3"));
        const KgSentenceRecord want = kgfixture::sentences()[0];
        const KgSentenceRecord &s = got[1];
        QCOMPARE(s.document_id, want.document_id);
        QCOMPARE(s.text, want.text);
        QCOMPARE(s.entities.size(), want.entities.size());
        for (std::size_t i = 0; i < want.entities.size(); ++i) {
            const kg::PredictedEntity &a = s.entities[i], &b = want.entities[i];
            QCOMPARE(a.begin, b.begin);
            QCOMPARE(a.end, b.end);
            QCOMPARE(a.type, b.type);
            QCOMPARE(a.concept_id, b.concept_id);
            QCOMPARE(a.confidence, b.confidence);
            QCOMPARE(a.link_score, b.link_score);
            QCOMPARE(a.link_method, b.link_method);
            QCOMPARE(a.negated, b.negated);
            QCOMPARE(a.hedged, b.hedged);
        }
        QCOMPARE(s.text.substr(std::size_t(s.entities[1].begin), std::size_t(s.entities[1].end - s.entities[1].begin)),
                 std::string("fever"));
        QCOMPARE(s.relations.size(), std::size_t(2));
        QCOMPARE(s.relations[1].tail, 2);
        QCOMPARE(s.relations[1].confidence, 0.85f);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("prefixes by mentions") << QStringLiteral("fab") << 50 << QByteArray("0,4,5");
        QTest::newRow("exact before prefix") << QStringLiteral("fever") << 50 << QByteArray("1,7");
        QTest::newRow("synonym, any case") << QStringLiteral("PYREXIA") << 50 << QByteArray("1");
        QTest::newRow("abbreviation") << QStringLiteral("fuo") << 50 << QByteArray("7");
        QTest::newRow("inside a synonym") << QStringLiteral("temperature") << 50 << QByteArray("1");
        QTest::newRow("prefix before substring") << QStringLiteral("beta") << 50 << QByteArray("8,4");
        QTest::newRow("hyphen as space") << QStringLiteral(" Anderson-Fabry, ") << 50 << QByteArray("0");
        QTest::newRow("limit") << QStringLiteral("fab") << 2 << QByteArray("0,4");
        QTest::newRow("nothing") << QStringLiteral("zzz") << 50 << QByteArray();
        QTest::newRow("empty") << QStringLiteral(" - ") << 50 << QByteArray();
    }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(int, limit);
        QFETCH(QByteArray, expected);
        std::int64_t id = 0;
        const Project p = project(id);
        QCOMPARE(joined(KgStore(p).searchNodes(id, query.toStdString(), limit)), expected);
    }

    void neighbourhood_data()
    {
        using kg::ConceptType;
        using kg::RelationType;
        QTest::addColumn<QByteArray>("seeds");
        QTest::addColumn<int>("depth");
        QTest::addColumn<uint>("relations");
        QTest::addColumn<uint>("nodeTypes");
        QTest::addColumn<double>("minConfidence");
        QTest::addColumn<bool>("contradicted");
        QTest::addColumn<QByteArray>("nodes");
        QTest::addColumn<QByteArray>("edges");
        const uint all = ~0u;
        QTest::newRow("depth 1") << QByteArray("0") << 1 << all << all << 0.0 << false << QByteArray("0,1,2,3,4,6")
                                 << QByteArray("0,1,2,3,4,5");
        QTest::newRow("depth 2") << QByteArray("0") << 2 << all << all << 0.0 << false << QByteArray("0,1,2,3,4,5,6,7")
                                 << QByteArray("0,1,2,3,4,5,6,7");
        QTest::newRow("symptoms only") << QByteArray("0") << 1 << uint(bit(RelationType::HasSymptom)) << all << 0.0
                                       << false << QByteArray("0,1,2") << QByteArray("0,1");
        QTest::newRow("symptoms, depth 2") << QByteArray("0") << 2 << uint(bit(RelationType::HasSymptom)) << all << 0.0
                                           << false << QByteArray("0,1,2,5,7") << QByteArray("0,1,6,7");
        QTest::newRow("symptom nodes") << QByteArray("0") << 1 << all << uint(bit(ConceptType::Symptom)) << 0.0 << false
                                       << QByteArray("0,1,2") << QByteArray("0,1");
        QTest::newRow("confident") << QByteArray("0") << 1 << all << all << 0.85 << false << QByteArray("0,1,3,6")
                                   << QByteArray("0,2,5");
        QTest::newRow("contradictions") << QByteArray("0") << 2 << all << all << 0.0 << true << QByteArray("0,4")
                                        << QByteArray("3,4");
        QTest::newRow("seed alone") << QByteArray("1") << 0 << all << all << 0.0 << false << QByteArray("1")
                                    << QByteArray("");
        QTest::newRow("seeds' own edge") << QByteArray("1,0") << 0 << all << all << 0.0 << false << QByteArray("0,1")
                                         << QByteArray("0");
        // Edge 7 (candidate -> symptom 2) leads past depth 2 from fever: left out.
        QTest::newRow("edges among the reached") << QByteArray("1") << 2 << all << all << 0.0 << false
                                                 << QByteArray("0,1,2,3,4,6,7") << QByteArray("0,1,2,3,4,5,6");
    }
    void neighbourhood()
    {
        QFETCH(QByteArray, seeds);
        QFETCH(int, depth);
        QFETCH(uint, relations);
        QFETCH(uint, nodeTypes);
        QFETCH(double, minConfidence);
        QFETCH(bool, contradicted);
        QFETCH(QByteArray, nodes);
        QFETCH(QByteArray, edges);
        std::vector<int> seedList;
        for (const QByteArray &s : seeds.split(','))
            seedList.push_back(s.toInt());
        std::int64_t id = 0;
        const Project p = project(id);
        const KgNeighbourhood n = KgStore(p).neighbourhood(id, seedList, depth,
                                                           KgEdgeFilter{relations, nodeTypes, minConfidence,
                                                                        contradicted});
        QCOMPARE(joined(kgfixture::sorted(n.nodes)), nodes);
        QCOMPARE(joined(n.edges), edges);
        QVERIFY(std::equal(seedList.begin(), seedList.end(), n.nodes.begin())); // seeds first
    }

    void badQueriesAreRefused()
    {
        std::int64_t id = 0;
        const Project p = project(id);
        KgStore store(p);
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.neighbourhood(id, {9}, 1));
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.neighbourhood(id, {0}, -1));
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.neighbourhood(id + 1, {0}, 1));
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.loadGraph(id + 1));
        kg::KnowledgeGraph bad = kgfixture::graph();
        bad.edges[2].tail = 9;
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.saveGraph(kgfixture::meta("bad"), bad, {}));
        bad = kgfixture::graph();
        bad.nodes[3].concept_id = "DIS0001";
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.saveGraph(kgfixture::meta("bad"), bad, {}));
        auto twice = kgfixture::sentences();
        twice.push_back(twice[0]);
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.saveGraph(kgfixture::meta("bad"), kgfixture::graph(), twice));
        QVERIFY(!store.graphByName("bad"));
    }

    void removingDeletesEveryRow()
    {
        std::int64_t id = 0;
        const Project p = project(id);
        KgStore store(p);
        const std::int64_t other = store.saveGraph(kgfixture::meta("other"), kgfixture::graph(), kgfixture::sentences());
        QVERIFY(store.removeGraph(id));
        QVERIFY(!store.removeGraph(id));
        for (const char *table : {"kg_nodes", "kg_forms", "kg_edges", "kg_evidence", "kg_sentences", "kg_rejected"}) {
            const std::string where = std::string(" FROM ") + table + " WHERE graph_id = ";
            QCOMPARE(queryInt(p.databasePath(), "SELECT count(*)" + where + std::to_string(id)), std::int64_t(0));
            QVERIFY2(queryInt(p.databasePath(), "SELECT count(*)" + where + std::to_string(other)) > 0, table);
        }
        QCOMPARE(store.graphs().size(), std::size_t(1));
        QCOMPARE(store.loadGraph(other).edges.size(), std::size_t(8));
    }

    void damagedRowsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("damage");
        QTest::addColumn<QByteArray>("call");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("node type") << QByteArray("UPDATE kg_nodes SET type = 9 WHERE idx = 2") << QByteArray("load")
                                   << QByteArray("table kg_nodes, graph 1, row 2: node type 9");
        QTest::newRow("edge past the nodes")
            << QByteArray("UPDATE kg_edges SET head = 99 WHERE idx = 1") << QByteArray("load")
            << QByteArray("table kg_edges, graph 1, row 1: head node 99");
        QTest::newRow("edge type") << QByteArray("UPDATE kg_edges SET type = 42 WHERE idx = 3") << QByteArray("load")
                                   << QByteArray("table kg_edges, graph 1, row 3: relation type 42");
        QTest::newRow("forms") << QByteArray("UPDATE kg_nodes SET forms_json = 'not json' WHERE idx = 0")
                               << QByteArray("load")
                               << QByteArray("table kg_nodes, graph 1, row 0: forms are not a JSON list");
        QTest::newRow("missing node") << QByteArray("DELETE FROM kg_nodes WHERE idx = 3") << QByteArray("load")
                                      << QByteArray("table kg_nodes, graph 1, row 4: index where 3 was expected");
        QTest::newRow("evidence") << QByteArray("UPDATE kg_evidence SET edge_idx = 50 WHERE edge_idx = 7")
                                  << QByteArray("load") << QByteArray("table kg_evidence, graph 1, row 50/0: edge 50");
        QTest::newRow("count") << QByteArray("UPDATE kg_graphs SET edge_count = 3") << QByteArray("load")
                               << QByteArray("table kg_graphs, graph 1, row 1: records 3 edges");
        QTest::newRow("extractor") << QByteArray("UPDATE kg_graphs SET extractor = 'magic'") << QByteArray("graphs")
                                   << QByteArray("table kg_graphs, graph 1, row 1: unknown extractor 'magic'");
        QTest::newRow("rejected") << QByteArray("UPDATE kg_rejected SET type = 17") << QByteArray("rejected")
                                  << QByteArray("table kg_rejected, graph 1, row 0: relation type 17");
        QTest::newRow("entities JSON") << QByteArray(
            "UPDATE kg_sentences SET entities_json = '{' WHERE sentence_id = 'd1:0'")
                                       << QByteArray("sentences")
                                       << QByteArray("table kg_sentences, graph 1, row 'd1:0': the entities");
        QTest::newRow("entity field") << QByteArray("UPDATE kg_sentences SET entities_json = '[{\"begin\":0}]'")
                                      << QByteArray("sentences")
                                      << QByteArray("row 'd1:0': entities 0: 'end' is missing");
        QTest::newRow("span outside the text")
            << QByteArray("UPDATE kg_sentences SET entities_json = replace(entities_json, '\"end\":50', '\"end\":5000')")
            << QByteArray("sentences")
            << QByteArray("row 'd1:0': entity 2: span 38..5000 is outside the text's 51 bytes");
        QTest::newRow("relation end") << QByteArray("UPDATE kg_sentences SET relations_json = "
                                                    "'[{\"head\":0,\"tail\":7,\"type\":\"TREATS\",\"confidence\":1}]'")
                                      << QByteArray("sentences")
                                      << QByteArray("row 'd1:0': relation 0 links entities past");
        QTest::newRow("edge end in a neighbourhood")
            << QByteArray("UPDATE kg_edges SET tail = 99 WHERE idx = 0") << QByteArray("neighbourhood")
            << QByteArray("table kg_edges, graph 1, row 0");
    }
    void damagedRowsAreNamed()
    {
        QFETCH(QByteArray, damage);
        QFETCH(QByteArray, call);
        QFETCH(QByteArray, expected);
        std::int64_t id = 0;
        const Project p = project(id);
        QCOMPARE(id, std::int64_t(1));
        execSql(p.databasePath(), damage.toStdString());
        KgStore store(p);
        try {
            if (call == "load")
                store.loadGraph(id);
            else if (call == "graphs")
                store.graphs();
            else if (call == "rejected")
                store.rejected(id);
            else if (call == "sentences")
                store.sentences(id, {"d1:0"});
            else
                store.neighbourhood(id, {0}, 1);
            QFAIL("no error");
        } catch (const ProjectError &e) {
            QVERIFY2(QByteArray(e.what()).contains(expected), e.what());
            QCOMPARE(e.kind(), ProjectError::Kind::DamagedDatabase);
        }
    }

    // A save that fails at its last table (a trigger stands in for a killed process or a
    // full disk) leaves no trace, and a replacement that fails keeps the graph it replaced.
    void failedSaveLeavesTheStoreAsItWas()
    {
        std::int64_t id = 0;
        const Project p = project(id);
        execSql(p.databasePath(), "CREATE TRIGGER crash BEFORE INSERT ON kg_rejected BEGIN "
                                  "SELECT RAISE(ABORT, 'simulated crash'); END");
        KgStore store(p);
        QVERIFY_THROWS_EXCEPTION(std::exception, store.saveGraph(kgfixture::meta("second"), kgfixture::graph(),
                                                                 kgfixture::sentences()));
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 store.saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), kgfixture::sentences()));
        QCOMPARE(store.graphs().size(), std::size_t(1));
        QCOMPARE(store.graphs()[0].id, id);
        for (const char *table : {"kg_nodes", "kg_edges", "kg_evidence"})
            QCOMPARE(queryInt(p.databasePath(), std::string("SELECT count(DISTINCT graph_id) FROM ") + table),
                     std::int64_t(1));
        QCOMPARE(store.loadGraph(id).edges.size(), std::size_t(8));
        QCOMPARE(store.sentences(id, {"d1:0"}).size(), std::size_t(1));
    }

    void schema14StoreMigratesWithItsData()
    {
        const auto dir = tempPath(m_tmp, "old");
        {
            const Project p = makeProject(dir);
        }
        execSql(dir / "seekbench.db",
                "DROP TABLE kg_graphs; DROP TABLE kg_nodes; DROP TABLE kg_forms; DROP TABLE kg_edges; "
                "DROP TABLE kg_evidence; DROP TABLE kg_sentences; DROP TABLE kg_rejected; "
                "INSERT INTO runs(id, name, status, created_at) VALUES ('old-run', 'kept', 'finished', 1); "
                "PRAGMA user_version = 14;");
        const Project p = Project::open(dir);
        QCOMPARE(queryInt(p.databasePath(), "PRAGMA user_version"), std::int64_t(Schema::kLatest));
        QCOMPARE(Schema::kLatest, 15);
        QCOMPARE(queryText(p.databasePath(), "SELECT name FROM runs WHERE id = 'old-run'"), std::string("kept"));
        KgStore store(p);
        const std::int64_t id = store.saveGraph(kgfixture::meta("fabry"), kgfixture::graph(), kgfixture::sentences());
        QCOMPARE(store.searchNodes(id, "pyrexia", 5), std::vector<int>{1});
    }

private:
    void saveBaseline(KgStore &store)
    {
        KgGraphRecord m = kgfixture::meta("baseline");
        m.run_id.clear();
        m.checkpoint.clear();
        m.scores_json.clear();
        m.extractor = "dictionary";
        const std::int64_t id = store.saveGraph(m, kgfixture::graph(), {});
        const auto back = store.graph(id);
        QVERIFY(back && back->run_id.empty() && back->checkpoint.empty() && back->scores_json.empty());
        QCOMPARE(back->options_json, m.options_json);
    }
};

QTEST_GUILESS_MAIN(TestKgStore)
#include "test_kg_store.moc"
