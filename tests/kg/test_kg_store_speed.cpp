// The store at the scenario's largest size: a graph of 10,000 nodes, 50,000 edges and
// 150,000 evidence rows is saved, read back, searched and expanded, each timed and
// printed. The bounds are generous sanity checks (a slow shared machine must pass), not
// the figures: those are printed.

#include "seekbench/projects/kg_store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;

namespace {

constexpr int kNodes = 10000, kEdges = 50000, kEvidencePerEdge = 3;

// Diseases 0..1999, the rest symptoms; every edge from a disease to a symptom picked by
// a multiplicative hash, so that symptoms are shared by several diseases.
kg::KnowledgeGraph largeGraph()
{
    kg::KnowledgeGraph g;
    g.nodes.resize(kNodes);
    for (int i = 0; i < kNodes; ++i) {
        kg::GraphNode &n = g.nodes[std::size_t(i)];
        const bool disease = i < 2000;
        n.concept_id = (disease ? "DIS" : "SYM") + std::to_string(i);
        n.type = disease ? kg::ConceptType::Disease : kg::ConceptType::Symptom;
        n.name = (disease ? "disease number " : "symptom number ") + std::to_string(i);
        n.forms = {n.name, "synonym " + std::to_string(i), "abbr" + std::to_string(i % 997)};
        n.mentions = 1 + i % 50;
    }
    g.edges.resize(kEdges);
    for (int i = 0; i < kEdges; ++i) {
        kg::GraphEdge &e = g.edges[std::size_t(i)];
        e.head = i % 2000;
        e.tail = 2000 + static_cast<int>((std::uint64_t(i) * 2654435761u >> 7) % 8000);
        e.type = kg::RelationType::HasSymptom;
        e.confidence = 0.5 + (i % 50) / 100.0;
        for (int k = 0; k < kEvidencePerEdge; ++k)
            e.evidence.push_back({"doc" + std::to_string(i % 3000) + ":" + std::to_string(k), 0.7f, k == 2, k == 1});
        e.support = 2;
    }
    g.reindex();
    return g;
}

} // namespace

class TestKgStoreSpeed : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void largeGraphIsQuick()
    {
        QVERIFY(m_tmp.isValid());
        const Project p = testsupport::makeProject(testsupport::tempPath(m_tmp));
        KgStore store(p);
        const kg::KnowledgeGraph graph = largeGraph();
        KgGraphRecord meta;
        meta.name = "large";
        meta.extractor = "model";

        QElapsedTimer t;
        t.start();
        const std::int64_t id = store.saveGraph(meta, graph, {});
        const qint64 save = t.restart();
        const kg::KnowledgeGraph back = store.loadGraph(id);
        const qint64 load = t.restart();
        const std::vector<int> found = store.searchNodes(id, "symptom number 2099", 20);
        const qint64 search = t.restart();
        const KgNeighbourhood n = store.neighbourhood(id, {0}, 2, KgEdgeFilter{~0u, ~0u, 0.5, false});
        const qint64 expand = t.elapsed();
        qInfo("kg store, %d nodes, %d edges, %d evidence rows: save %lld ms, load %lld ms, search %lld ms, "
              "neighbourhood (depth 2, %zu nodes) %lld ms",
              kNodes, kEdges, kEdges * kEvidencePerEdge, save, load, search, n.nodes.size(), expand);

        QCOMPARE(back.nodes.size(), std::size_t(kNodes));
        QCOMPARE(back.edges.size(), std::size_t(kEdges));
        QCOMPARE(back.edges[49999].evidence.size(), std::size_t(kEvidencePerEdge));
        QCOMPARE(back.edges[49999].tail, graph.edges[49999].tail);
        QVERIFY(!found.empty());
        QCOMPARE(back.nodes[std::size_t(found[0])].name, std::string("symptom number 2099"));
        QVERIFY(n.nodes.size() > 1);
        QVERIFY2(save < 60000, "saving took over a minute");
        QVERIFY2(load < 30000, "loading took over half a minute");
        QVERIFY2(search < 2000 && expand < 5000, "search or expansion is far too slow");
    }
};

QTEST_GUILESS_MAIN(TestKgStoreSpeed)
#include "test_kg_store_speed.moc"
