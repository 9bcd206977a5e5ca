// Verification into a knowledge graph: evidence aggregated by noisy-OR, type constraints
// with their reasons, evidence against, contradictions flagged; the graph scored against
// its ontology; and the dictionary + co-occurrence baseline.

#include "seekbench/kg/baseline.h"
#include "seekbench/kg/graph.h"

#include <QtTest>

using namespace seekbench::kg;

namespace {

Ontology handOntology()
{
    Ontology o;
    auto add = [&](const char *id, ConceptType type, const char *name) -> Concept & {
        o.concepts.push_back({id, type, name, {}, {}, {}, {}, 0, false});
        return o.concepts.back();
    };
    Concept &fabry = add("DIS0001", ConceptType::Disease, "Fabry disease"); // 0
    fabry.abbreviations = {"FD"};
    fabry.held_out_forms = {"Anderson-Fabry disease"};
    add("DIS0002", ConceptType::Disease, "Familial dysautonomia").abbreviations = {"FD"};     // 1
    add("SYM0001", ConceptType::Symptom, "fever");                                            // 2
    add("SYM0002", ConceptType::Symptom, "rash");                                             // 3
    add("GEN0001", ConceptType::Gene, "GLA");                                                 // 4
    add("DRG0001", ConceptType::Drug, "agalsidase beta").misspellings = {"agalsidase betta"}; // 5
    add("DRG0002", ConceptType::Drug, "ibuprofen");                                           // 6
    add("LAB0001", ConceptType::LabTest, "enzyme assay");                                     // 7
    add("SYM0003", ConceptType::Symptom, "pain");                                             // 8
    add("SYM0004", ConceptType::Symptom, "chest pain");                                       // 9
    o.relations = {{0, 3, RelationType::HasSymptom, 0.8}, {0, 2, RelationType::HasSymptom, 0.4},
                   {0, 4, RelationType::CausedBy, 1},     {5, 0, RelationType::Treats, 1},
                   {0, 7, RelationType::DiagnosedBy, 1},  {1, 2, RelationType::HasSymptom, 0.9}};
    o.reindex();
    return o;
}

struct Mention
{
    std::string concept_id;
    ConceptType type;
    bool negated = false;
    bool hedged = false;
};

SentencePrediction sentence(const std::string &id, const std::vector<Mention> &mentions,
                            const std::vector<PredictedRelation> &relations)
{
    SentencePrediction p;
    p.sentence_id = id;
    for (const Mention &m : mentions) {
        PredictedEntity e;
        e.concept_id = m.concept_id;
        e.candidate = m.concept_id.starts_with("NEW:");
        e.type = m.type;
        e.negated = m.negated;
        e.hedged = m.hedged;
        p.entities.push_back(e);
    }
    p.relations = relations;
    return p;
}

EntitySpan span(int begin, int end, ConceptType type, const std::string &conceptId)
{
    EntitySpan s;
    s.begin = begin;
    s.end = end;
    s.type = type;
    s.concept_id = conceptId;
    return s;
}

// A drug treating a disease in sentence `id`, with its flags.
SentencePrediction treats(const std::string &id, float confidence, bool negated = false, bool hedged = false,
                          const std::string &drug = "DRG0001", const std::string &disease = "DIS0001")
{
    return sentence(id, {{drug, ConceptType::Drug, false, hedged}, {disease, ConceptType::Disease, negated, false}},
                    {{0, 1, RelationType::Treats, confidence}});
}

const GraphEdge *findEdge(const KnowledgeGraph &g, const std::string &head, RelationType type, const std::string &tail)
{
    for (const GraphEdge &e : g.edges) {
        if (g.nodes[std::size_t(e.head)].concept_id == head && e.type == type
            && g.nodes[std::size_t(e.tail)].concept_id == tail)
            return &e;
    }
    return nullptr;
}

} // namespace

class TestKgGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aggregation()
    {
        const Ontology o = handOntology();
        // 1 - (1 - 0.6)(1 - 0.5)(1 - 0.5 x 0.8) = 0.88; the repeated sentence counts once, at its best.
        const KnowledgeGraph g = buildGraph(o, {treats("s1", 0.6f), treats("s2", 0.5f), treats("s3", 0.8f, false, true),
                                                treats("s1", 0.3f)});
        QCOMPARE(g.nodes.size(), std::size_t(2));
        QCOMPARE(g.nodes[0].name, std::string("agalsidase beta"));
        QCOMPARE(g.nodes[0].mentions, 4);
        QVERIFY(!g.nodes[0].candidate);
        const GraphEdge *e = findEdge(g, "DRG0001", RelationType::Treats, "DIS0001");
        QVERIFY(e);
        QCOMPARE(e->confidence, 1 - (1 - double(0.6f)) * (1 - double(0.5f)) * (1 - 0.5 * double(0.8f)));
        QCOMPARE(e->support, 3);
        QCOMPARE(e->evidence.size(), std::size_t(3));
        QCOMPARE(e->evidence[0].sentence_id, std::string("s3")); // highest confidence first
        QVERIFY(e->evidence[0].hedged);
        QCOMPARE(e->evidence[1].sentence_id, std::string("s1"));
        QCOMPARE(e->evidence[2].sentence_id, std::string("s2"));
        QVERIFY(!e->contradicted);
        QVERIFY(g.rejected.empty());
        QCOMPARE(g.findNode("DIS0001"), 1);
    }

    void thresholds_data()
    {
        QTest::addColumn<QList<float>>("confidences"); // one sentence each
        QTest::addColumn<QList<bool>>("negated");
        QTest::addColumn<bool>("inGraph");
        QTest::addColumn<double>("confidence");
        QTest::newRow("one strong") << QList<float>{0.9f} << QList<bool>{false} << true << double(0.9f);
        QTest::newRow("one weak") << QList<float>{0.4f} << QList<bool>{false} << false << 0.0;
        QTest::newRow("two weak") << QList<float>{0.4f, 0.4f} << QList<bool>{false, false} << true
                                  << 1 - (1 - double(0.4f)) * (1 - double(0.4f));
        // 0.9 for, 0.5 against: 0.4, below 0.5.
        QTest::newRow("evidence against") << QList<float>{0.9f, 0.5f} << QList<bool>{false, true} << false << 0.0;
        QTest::newRow("weak against") << QList<float>{0.9f, 0.25f} << QList<bool>{false, true} << true
                                      << double(0.9f) - double(0.25f);
        QTest::newRow("only against") << QList<float>{0.9f} << QList<bool>{true} << false << 0.0;
    }
    void thresholds()
    {
        QFETCH(QList<float>, confidences);
        QFETCH(QList<bool>, negated);
        QFETCH(bool, inGraph);
        QFETCH(double, confidence);
        std::vector<SentencePrediction> predictions;
        for (qsizetype i = 0; i < confidences.size(); ++i)
            predictions.push_back(treats("s" + std::to_string(i), confidences[i], negated[i]));
        const KnowledgeGraph g = buildGraph(handOntology(), predictions);
        const GraphEdge *e = findEdge(g, "DRG0001", RelationType::Treats, "DIS0001");
        QCOMPARE(e != nullptr, inGraph);
        if (e) {
            QCOMPARE(e->confidence, confidence);
            QCOMPARE(e->evidence.size(), std::size_t(confidences.size()));
        }
    }

    void typeConstraintsReject()
    {
        const Ontology o = handOntology();
        const KnowledgeGraph g
            = buildGraph(o, {sentence("s1", {{"SYM0001", ConceptType::Symptom}, {"DIS0001", ConceptType::Disease}},
                                      {{0, 1, RelationType::HasSymptom, 0.9f}, {1, 0, RelationType::HasSymptom, 0.9f}}),
                             sentence("s2", {{"DRG0001", ConceptType::Drug}, {"GEN0001", ConceptType::Gene}},
                                      {{0, 1, RelationType::Treats, 0.9f}, {0, 3, RelationType::Treats, 0.9f}}),
                             sentence("s3", {{"", ConceptType::Drug}, {"DIS0001", ConceptType::Disease}},
                                      {{0, 1, RelationType::Treats, 0.9f}})});
        QCOMPARE(g.edges.size(), std::size_t(1)); // DIS0001 HAS_SYMPTOM SYM0001 only
        QCOMPARE(g.rejected.size(), std::size_t(4));
        QCOMPARE(g.rejected[0].reason, std::string("HAS_SYMPTOM needs a disease head; 'SYM0001' is a symptom"));
        QCOMPARE(g.rejected[0].sentence_id, std::string("s1"));
        QCOMPARE(g.rejected[0].head_id, std::string("SYM0001"));
        QCOMPARE(g.rejected[1].reason, std::string("TREATS needs a disease tail; 'GEN0001' is a gene"));
        QVERIFY(g.rejected[2].reason.find("do not name two") != std::string::npos);
        QCOMPARE(g.rejected[3].reason, std::string("the head mention is not linked to a concept"));
    }

    void contradictionsFlaggedNotDropped()
    {
        const Ontology o = handOntology();
        std::vector<SentencePrediction> predictions{treats("s1", 0.9f, false, false, "DRG0002", "DIS0002"),
                                                    treats("s2", 0.9f)};
        predictions.push_back(sentence("s3", {{"DRG0002", ConceptType::Drug}, {"DIS0002", ConceptType::Disease}},
                                       {{0, 1, RelationType::ContraindicatedFor, 0.8f}}));
        const KnowledgeGraph g = buildGraph(o, predictions);
        QCOMPARE(g.edges.size(), std::size_t(3));
        QVERIFY(findEdge(g, "DRG0002", RelationType::Treats, "DIS0002")->contradicted);
        QVERIFY(findEdge(g, "DRG0002", RelationType::ContraindicatedFor, "DIS0002")->contradicted);
        QVERIFY(!findEdge(g, "DRG0001", RelationType::Treats, "DIS0001")->contradicted);
        QCOMPARE(scoreGraph(g, o, {}).contradicted_edges, 2);
    }

    void candidatesKeptAndNamed()
    {
        const Ontology o = handOntology();
        const KnowledgeGraph g
            = buildGraph(o, {sentence("s1",
                                      {{"NEW:disease:zorblax disease", ConceptType::Disease},
                                       {"SYM0002", ConceptType::Symptom}},
                                      {{0, 1, RelationType::HasSymptom, 0.9f}}),
                             sentence("s2", {{"NEW:disease:zorblax disease", ConceptType::Disease}}, {})});
        const int node = g.findNode("NEW:disease:zorblax disease");
        QVERIFY(node >= 0);
        const GraphNode &n = g.nodes[std::size_t(node)];
        QVERIFY(n.candidate);
        QCOMPARE(n.name, std::string("zorblax disease"));
        QCOMPARE(n.forms, std::vector<std::string>{"zorblax disease"});
        QCOMPARE(n.mentions, 2);
        QCOMPARE(n.type, ConceptType::Disease);
        QVERIFY(findEdge(g, "NEW:disease:zorblax disease", RelationType::HasSymptom, "SYM0002"));
        QCOMPARE(scoreGraph(g, o, {}).candidate_nodes, 1);
    }

    void ontologyGraphHoldsEveryRelation()
    {
        const Ontology o = handOntology();
        const KnowledgeGraph g = ontologyGraph(o);
        QCOMPARE(g.nodes.size(), o.concepts.size());
        QCOMPARE(g.edges.size(), o.relations.size());
        QCOMPARE(g.edges[0].confidence, 1.0);
        QCOMPARE(g.nodes[0].forms.front(), std::string("Fabry disease"));
        QVERIFY(std::find(g.nodes[0].forms.begin(), g.nodes[0].forms.end(), "FD") != g.nodes[0].forms.end());
        const GraphScore s = scoreGraph(g, o, {});
        QCOMPARE(s.all.tp, 6);
        QCOMPARE(s.all.fp, 0);
        QCOMPARE(s.all.fn, 0);
    }

    void scoreAgainstOntology()
    {
        const Ontology o = handOntology();
        // True: agalsidase treats Fabry. False: ibuprofen treats Fabry.
        const KnowledgeGraph g = buildGraph(o, {treats("s1", 0.9f), treats("s2", 0.9f, false, false, "DRG0002")});
        // Stated: the true one and Fabry's rash; the false one is stated nowhere.
        Sentence stated{"d:0",
                        "x",
                        {span(0, 1, ConceptType::Drug, "DRG0001"), span(2, 3, ConceptType::Disease, "DIS0001"),
                         span(4, 5, ConceptType::Symptom, "SYM0002")},
                        {{0, 1, RelationType::Treats}, {1, 2, RelationType::HasSymptom}}};
        const GraphScore s = scoreGraph(g, o, {stated});
        QCOMPARE(s.all.tp, 1);
        QCOMPARE(s.all.fp, 1);
        QCOMPARE(s.all.fn, 5);
        QCOMPARE(s.stated.tp, 1);
        QCOMPARE(s.stated.fp, 1);
        QCOMPARE(s.stated.fn, 1);
        QCOMPARE(s.stated_by_type[std::size_t(RelationType::Treats)].tp, 1);
        QCOMPARE(s.stated_by_type[std::size_t(RelationType::HasSymptom)].fn, 1);
    }

    void baseline_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("entities");  // "concept:text[:negated]"
        QTest::addColumn<QStringList>("relations"); // "head>TYPE>tail" by entity index
        QTest::newRow("treats and symptom")
            << "Agalsidase beta treats Fabry-disease with rash."
            << QStringList{QStringLiteral("DRG0001:Agalsidase beta"), QStringLiteral("DIS0001:Fabry-disease"),
                           QStringLiteral("SYM0002:rash")}
            << QStringList{QStringLiteral("0>TREATS>1"), QStringLiteral("1>HAS_SYMPTOM>2")};
        QTest::newRow("longest match") << "Chest pain, then pain."
                                       << QStringList{QStringLiteral("SYM0004:Chest pain"),
                                                      QStringLiteral("SYM0003:pain")}
                                       << QStringList{};
        QTest::newRow("training misspelling")
            << "agalsidase betta for GLA."
            << QStringList{QStringLiteral("DRG0001:agalsidase betta"), QStringLiteral("GEN0001:GLA")} << QStringList{};
        // The shared abbreviation goes to the concept mentioned most in training.
        QTest::newRow("ambiguous by frequency")
            << "FD and fever." << QStringList{QStringLiteral("DIS0002:FD"), QStringLiteral("SYM0001:fever")}
            << QStringList{QStringLiteral("0>HAS_SYMPTOM>1")};
        QTest::newRow("held-out form unseen") << "Anderson-Fabry disease." << QStringList{} << QStringList{};
        QTest::newRow("whole words only") << "Feverish, rashes." << QStringList{} << QStringList{};
        QTest::newRow("negated") << "No rash; ibuprofen given."
                                 << QStringList{QStringLiteral("SYM0002:rash:negated"),
                                                QStringLiteral("DRG0002:ibuprofen")}
                                 << QStringList{};
    }
    void baseline()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, entities);
        QFETCH(QStringList, relations);
        const Ontology o = handOntology();
        Corpus training;
        Document train{"t",
                       Split::Train,
                       {{"t:0",
                         "FD FD",
                         {span(0, 2, ConceptType::Disease, "DIS0002"), span(3, 5, ConceptType::Disease, "DIS0002")},
                         {}}}};
        // Held-out mentions never count, however many.
        Document test{"v",
                      Split::Test,
                      {{"v:0",
                        "FD FD FD",
                        {span(0, 2, ConceptType::Disease, "DIS0001"), span(3, 5, ConceptType::Disease, "DIS0001"),
                         span(6, 8, ConceptType::Disease, "DIS0001")},
                        {}}}};
        training.documents = {train, test};
        const DictionaryBaseline baseline(o, training);
        const Sentence s{"x:0", text.toStdString(), {}, {}};
        const SentencePrediction p = baseline.extract(s);
        QCOMPARE(p.sentence_id, std::string("x:0"));
        QStringList found;
        for (const PredictedEntity &e : p.entities) {
            QCOMPARE(e.type, o.concepts[std::size_t(o.find(e.concept_id))].type);
            QCOMPARE(e.confidence, 1.0f);
            found << QString::fromStdString(e.concept_id + ":"
                                            + s.text.substr(std::size_t(e.begin), std::size_t(e.end - e.begin))
                                            + (e.negated ? ":negated" : ""));
        }
        QCOMPARE(found, entities);
        QStringList pairs;
        for (const PredictedRelation &r : p.relations)
            pairs << QStringLiteral("%1>%2>%3").arg(r.head).arg(QString::fromUtf8(relationTypeName(r.type))).arg(r.tail);
        QCOMPARE(pairs, relations);
        QCOMPARE(baseline.extractAll({s, s}).size(), std::size_t(2));
    }

    void baselineWithoutTraining()
    {
        const DictionaryBaseline baseline(handOntology(), Corpus{});
        const SentencePrediction p = baseline.extract({"x:0", "FD", {}, {}});
        QCOMPARE(p.entities.size(), std::size_t(1));
        QCOMPARE(p.entities[0].concept_id, std::string("DIS0001")); // first in ontology order
    }

    // 50,000 sentences of 3 mentions and 2 relations over 1,000 drugs and diseases.
    void buildIsFast()
    {
        Ontology o;
        for (int i = 0; i < 1000; ++i) {
            o.concepts.push_back({"DIS" + std::to_string(i), ConceptType::Disease, "d", {}, {}, {}, {}, 0, false});
            o.concepts.push_back({"DRG" + std::to_string(i), ConceptType::Drug, "r", {}, {}, {}, {}, 0, false});
            o.concepts.push_back({"SYM" + std::to_string(i), ConceptType::Symptom, "s", {}, {}, {}, {}, 0, false});
        }
        o.reindex();
        std::vector<SentencePrediction> predictions;
        for (int i = 0; i < 50000; ++i) {
            const std::string a = std::to_string((i * 7) % 1000), b = std::to_string((i * 13) % 1000);
            predictions.push_back(
                sentence("s" + std::to_string(i),
                         {{"DRG" + a, ConceptType::Drug},
                          {"DIS" + b, ConceptType::Disease},
                          {"SYM" + a, ConceptType::Symptom}},
                         {{0, 1, RelationType::Treats, 0.7f}, {1, 2, RelationType::HasSymptom, 0.6f}}));
        }
        QElapsedTimer timer;
        timer.start();
        const KnowledgeGraph g = buildGraph(o, predictions);
        const qint64 ms = timer.elapsed();
        qInfo("buildGraph over 50,000 sentences: %lld ms, %zu edges", ms, g.edges.size());
        QVERIFY(!g.edges.empty());
        QVERIFY2(ms < 5000, "buildGraph is too slow");
    }
};

QTEST_APPLESS_MAIN(TestKgGraph)
#include "test_kg_graph.moc"
