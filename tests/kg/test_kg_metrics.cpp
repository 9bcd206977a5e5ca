// Entity, relation and linking scores on small hand-checked cases, and the model's outputs
// file (JSON + .f32) read back whole or refused with the damaged field named.

#include "seekbench/kg/extraction.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace seekbench::kg;

namespace {

ConceptType typeOf(char letter)
{
    switch (letter) {
    case 's': return ConceptType::Symptom;
    case 'g': return ConceptType::Gene;
    case 'r': return ConceptType::Drug;
    case 'l': return ConceptType::LabTest;
    default: return ConceptType::Disease;
    }
}

// "0-5:d,10-15:s" -> spans (d disease, s symptom, g gene, r drug, l lab test).
template<typename Span>
std::vector<Span> spans(const QString &text)
{
    std::vector<Span> out;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList range = item.section(QLatin1Char(':'), 0, 0).split(QLatin1Char('-'));
        Span span;
        span.begin = range.at(0).toInt();
        span.end = range.at(1).toInt();
        span.type = typeOf(item.section(QLatin1Char(':'), 1, 1).at(0).toLatin1());
        out.push_back(span);
    }
    return out;
}

Sentence goldSentence(const QString &entities)
{
    Sentence s;
    s.id = "d1:0";
    s.text = std::string(40, 'x');
    s.entities = spans<EntitySpan>(entities);
    return s;
}

SentencePrediction prediction(const QString &entities, const std::string &id = "d1:0")
{
    SentencePrediction p;
    p.sentence_id = id;
    p.entities = spans<PredictedEntity>(entities);
    return p;
}

void compare(const Prf &actual, int tp, int fp, int fn)
{
    QCOMPARE(actual.tp, tp);
    QCOMPARE(actual.fp, fp);
    QCOMPARE(actual.fn, fn);
}

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void spit(const std::string &path, const std::string &content)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

ExtractionOutputs sampleOutputs()
{
    ExtractionOutputs out;
    out.run_id = "run-7";
    out.checkpoint = "checkpoints/best.pt";
    out.corpus = "clinic";
    out.dim = 3;
    SentencePrediction p = prediction(QStringLiteral("0-5:d,10-15:s"));
    p.entities[0].embedding = {1.0f, 2.0f, 3.0f};
    p.entities[0].concept_id = "DIS0001";
    p.entities[0].link_method = "exact";
    p.entities[1].negated = true;
    p.entities[1].confidence = 0.75f;
    p.relations.push_back({0, 1, RelationType::HasSymptom, 0.5f});
    out.sentences.push_back(p);
    out.sentences.push_back(prediction(QStringLiteral("2-4:r"), "d1:1"));
    out.sentences.back().entities[0].embedding = {-1.0f, 0.5f, 0.25f};
    out.prototype_ids = {"DIS0001", "SYM0001"};
    out.prototypes = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
    out.prototype_counts = {4, 9};
    return out;
}

} // namespace

class TestKgMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entities_data()
    {
        QTest::addColumn<QString>("gold");
        QTest::addColumn<QString>("predicted");
        QTest::addColumn<QList<int>>("strict");  // tp, fp, fn
        QTest::addColumn<QList<int>>("lenient"); // tp, fp, fn

        QTest::newRow("exact") << "0-5:d"
                               << "0-5:d" << QList<int>{1, 0, 0} << QList<int>{1, 0, 0};
        QTest::newRow("short boundary") << "0-10:d"
                                        << "0-5:d" << QList<int>{0, 1, 1} << QList<int>{1, 0, 0};
        QTest::newRow("wrong type") << "0-5:d"
                                    << "0-5:s" << QList<int>{0, 1, 1} << QList<int>{0, 1, 1};
        QTest::newRow("touching is no overlap") << "0-5:d"
                                                << "5-9:d" << QList<int>{0, 1, 1} << QList<int>{0, 1, 1};
        // One prediction over two gold spans matches the one it overlaps most (6 > 5 bytes).
        QTest::newRow("one over two") << "0-5:s,6-12:s"
                                      << "0-12:s" << QList<int>{0, 1, 2} << QList<int>{1, 0, 1};
        // Two predictions inside one gold span: one matches, the other is a false positive.
        QTest::newRow("two inside one") << "0-12:d"
                                        << "0-5:d,6-12:d" << QList<int>{0, 2, 1} << QList<int>{1, 1, 0};
        QTest::newRow("missed and extra") << "0-5:d,20-25:g"
                                          << "0-5:d,30-35:r" << QList<int>{1, 1, 1} << QList<int>{1, 1, 1};
        // Greedy by overlap: (gold 5-20, pred 12-20) = 8 first, then (gold 0-4, pred 2-10) = 2.
        QTest::newRow("largest overlap first") << "0-4:s,5-20:s"
                                               << "2-10:s,12-20:s" << QList<int>{0, 2, 2} << QList<int>{2, 0, 0};
        QTest::newRow("nothing predicted") << "0-5:d,8-9:l"
                                           << "" << QList<int>{0, 0, 2} << QList<int>{0, 0, 2};
        QTest::newRow("nothing gold") << ""
                                      << "0-5:d" << QList<int>{0, 1, 0} << QList<int>{0, 1, 0};
    }
    void entities()
    {
        QFETCH(QString, gold);
        QFETCH(QString, predicted);
        QFETCH(QList<int>, strict);
        QFETCH(QList<int>, lenient);
        const ExtractionScores s = scoreExtraction({goldSentence(gold)}, {prediction(predicted)});
        compare(s.entities_strict, strict[0], strict[1], strict[2]);
        compare(s.entities_lenient, lenient[0], lenient[1], lenient[2]);
    }

    void entitiesByType()
    {
        const ExtractionScores s = scoreExtraction({goldSentence(QStringLiteral("0-5:d,20-25:g"))},
                                                   {prediction(QStringLiteral("0-5:d,20-25:s"))});
        compare(s.entities_strict_by_type[std::size_t(ConceptType::Disease)], 1, 0, 0);
        compare(s.entities_strict_by_type[std::size_t(ConceptType::Gene)], 0, 0, 1);
        compare(s.entities_strict_by_type[std::size_t(ConceptType::Symptom)], 0, 1, 0);
        compare(s.entities_lenient_by_type[std::size_t(ConceptType::Gene)], 0, 0, 1);
    }

    void missingPredictionCountsAllMissed()
    {
        Sentence gold = goldSentence(QStringLiteral("0-5:d,10-15:s"));
        gold.entities[0].concept_id = "DIS0001";
        gold.relations.push_back({0, 1, RelationType::HasSymptom});
        const ExtractionScores s = scoreExtraction({gold}, {prediction(QStringLiteral("0-5:d"), "other")});
        compare(s.entities_strict, 0, 0, 2);
        compare(s.relations, 0, 0, 1);
        QCOMPARE(s.gold_with_concept, 1);
        QCOMPARE(s.linked_found, 0);
    }

    void relations()
    {
        // Disease 0-5, symptom 10-15, drug 20-25; gold: HAS_SYMPTOM 0->1, TREATS 2->0.
        Sentence gold = goldSentence(QStringLiteral("0-5:d,10-15:s,20-25:r"));
        gold.relations = {{0, 1, RelationType::HasSymptom}, {2, 0, RelationType::Treats}};
        SentencePrediction p = prediction(QStringLiteral("0-5:d,10-15:s,20-25:r"));
        p.relations = {{0, 1, RelationType::HasSymptom, 0.9f},         // true
                       {0, 2, RelationType::Treats, 0.8f},             // reversed: false
                       {2, 0, RelationType::ContraindicatedFor, 0.7f}, // wrong type: false
                       {2, 1, RelationType::None, 0.9f},               // never counts
                       {0, 1, RelationType::HasSymptom, 0.6f},         // the gold one is used: false
                       {5, 1, RelationType::HasSymptom, 0.6f}};        // no such entity: false
        const ExtractionScores s = scoreExtraction({gold}, {p});
        compare(s.relations, 1, 4, 1);
        compare(s.relations_by_type[std::size_t(RelationType::HasSymptom)], 1, 2, 0);
        compare(s.relations_by_type[std::size_t(RelationType::Treats)], 0, 1, 1);
        compare(s.relations_by_type[std::size_t(RelationType::ContraindicatedFor)], 0, 1, 0);
        compare(s.relations_by_type[std::size_t(RelationType::None)], 0, 0, 0);
    }

    void relationNeedsStrictEnds()
    {
        Sentence gold = goldSentence(QStringLiteral("0-5:d,10-15:s"));
        gold.relations = {{0, 1, RelationType::HasSymptom}};
        SentencePrediction p = prediction(QStringLiteral("0-4:d,10-15:s"));
        p.relations = {{0, 1, RelationType::HasSymptom, 0.9f}};
        const ExtractionScores s = scoreExtraction({gold}, {p});
        compare(s.relations, 0, 1, 1);
        compare(s.entities_lenient, 2, 0, 0);
    }

    void linking()
    {
        Sentence gold = goldSentence(QStringLiteral("0-5:d,10-15:s,20-25:r,30-35:g"));
        gold.entities[0].concept_id = "DIS0001";
        gold.entities[1].concept_id = "SYM0001";
        gold.entities[2].concept_id = "DRG0001";
        // Entity 3 has no gold link (imported corpora): not counted.
        SentencePrediction p = prediction(QStringLiteral("0-5:d,10-15:s,20-24:r,30-35:g"));
        p.entities[0].concept_id = "DIS0001"; // found, right
        p.entities[1].concept_id = "SYM0002"; // found, wrong
        p.entities[2].concept_id = "DRG0001"; // not found strictly
        p.entities[3].concept_id = "GEN0001";
        const ExtractionScores s = scoreExtraction({gold}, {p});
        QCOMPARE(s.gold_with_concept, 3);
        QCOMPARE(s.linked_found, 2);
        QCOMPARE(s.linked_correct, 1);
        QCOMPARE(s.linkingAccuracy(), 0.5);
        QCOMPARE(s.linkingEndToEnd(), 1.0 / 3.0);
    }

    void outputsRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("kg_outputs.json")).toStdString();
        const ExtractionOutputs out = sampleOutputs();
        std::string error;
        QVERIFY2(writeExtractionOutputs(path, out, error), error.c_str());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("kg_outputs.f32"))));
        const auto back = readExtractionOutputs(path, error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->run_id, out.run_id);
        QCOMPARE(back->checkpoint, out.checkpoint);
        QCOMPARE(back->corpus, out.corpus);
        QCOMPARE(back->dim, 3);
        QCOMPARE(back->sentences.size(), std::size_t(2));
        const PredictedEntity &e = back->sentences[0].entities[0];
        QCOMPARE(e.embedding, out.sentences[0].entities[0].embedding);
        QCOMPARE(e.concept_id, std::string("DIS0001"));
        QVERIFY(back->sentences[0].entities[1].embedding.empty());
        QVERIFY(back->sentences[0].entities[1].negated);
        QCOMPARE(back->sentences[0].entities[1].confidence, 0.75f);
        QCOMPARE(back->sentences[0].relations.size(), std::size_t(1));
        QCOMPARE(back->sentences[0].relations[0].type, RelationType::HasSymptom);
        QCOMPARE(back->sentences[1].entities[0].embedding, out.sentences[1].entities[0].embedding);
        QCOMPARE(back->prototype_ids, out.prototype_ids);
        QCOMPARE(back->prototypes, out.prototypes);
        QCOMPARE(back->prototype_counts, out.prototype_counts);
    }

    void outputsRefusesAWrongEmbeddingSize()
    {
        QTemporaryDir dir;
        ExtractionOutputs out = sampleOutputs();
        out.sentences[0].entities[0].embedding.pop_back();
        std::string error;
        QVERIFY(!writeExtractionOutputs(dir.filePath(QStringLiteral("o.json")).toStdString(), out, error));
        QVERIFY2(error.find("sentences[0].entities[0]") != std::string::npos, error.c_str());
    }

    // Damage to a good file: `find` replaced by `replace` in the JSON, or the .f32 cut.
    void outputsBad_data()
    {
        QTest::addColumn<QString>("find");
        QTest::addColumn<QString>("replace");
        QTest::addColumn<int>("f32Bytes"); // -1: keep the .f32 whole; -2: delete it
        QTest::addColumn<QString>("error");

        QTest::newRow("f32 cut") << ""
                                 << "" << 20 << "dim: 4 vectors of 3 floats need 48 bytes";
        QTest::newRow("f32 missing") << ""
                                     << "" << -2 << "no such file (the embeddings";
        QTest::newRow("not json") << "{"
                                  << "[[" << -1 << "not valid JSON";
        QTest::newRow("wrong format") << "seekbench-kg-outputs"
                                      << "other" << -1 << "format: not";
        QTest::newRow("unknown type") << "\"type\":\"symptom\""
                                      << "\"type\":\"organ\"" << -1
                                      << "sentences[0].entities[1].type: unknown concept type 'organ'";
        QTest::newRow("relation past the entities")
            << "\"head\":0"
            << "\"head\":7" << -1 << "sentences[0].relations[0].head: 7 is outside [0, 1]";
        QTest::newRow("negative offset") << "\"begin\":10"
                                         << "\"begin\":-3" << -1 << "sentences[0].entities[1].begin: -3 is outside";
        QTest::newRow("embedded count") << "\"embedded_entities\":2"
                                        << "\"embedded_entities\":3" << -1 << "embedded_entities: 3, but 2 entities";
        QTest::newRow("huge dim") << "\"dim\":3"
                                  << "\"dim\":1000000" << -1 << "dim: 1000000 is outside";
        QTest::newRow("counts") << "[4,9]"
                                << "[4]" << -1 << "prototype_counts: 1 counts for 2";
        QTest::newRow("missing field") << "\"run_id\""
                                       << "\"run\"" << -1 << ".run_id: missing";
    }
    void outputsBad()
    {
        QFETCH(QString, find);
        QFETCH(QString, replace);
        QFETCH(int, f32Bytes);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("kg_outputs.json")).toStdString();
        const std::string f32 = dir.filePath(QStringLiteral("kg_outputs.f32")).toStdString();
        std::string message;
        QVERIFY(writeExtractionOutputs(path, sampleOutputs(), message));
        if (!find.isEmpty()) {
            std::string json = slurp(path);
            const auto at = json.find(find.toStdString());
            QVERIFY2(at != std::string::npos, json.c_str());
            json.replace(at, std::size_t(find.size()), replace.toStdString());
            spit(path, json);
        }
        if (f32Bytes == -2)
            QFile::remove(QString::fromStdString(f32));
        else if (f32Bytes >= 0)
            spit(f32, slurp(f32).substr(0, std::size_t(f32Bytes)));
        QVERIFY(!readExtractionOutputs(path, message));
        QVERIFY2(message.find(error.toStdString()) != std::string::npos, message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestKgMetrics)
#include "test_kg_metrics.moc"
