// Normalisation and disambiguation on a hand-made ontology: exact dictionary hits, a
// shared abbreviation resolved by context, a misspelling by trigrams, an unknown word kept
// as a candidate, held-out forms never in the dictionary, unseen forms by their words
// (edits, stems, generic words weighing little), the document's context; and NegEx-style
// cues.

#include "seekbench/kg/linking.h"

#include <QtTest>

using namespace seekbench::kg;

namespace {

Ontology handOntology()
{
    Ontology o;
    auto add = [&](const char *id, ConceptType type, const char *name) -> Concept & {
        Concept c;
        c.id = id;
        c.type = type;
        c.name = name;
        o.concepts.push_back(c);
        return o.concepts.back();
    };
    Concept &fabry = add("DIS0001", ConceptType::Disease, "Fabry disease");
    fabry.synonyms = {"alpha-galactosidase A deficiency"};
    fabry.abbreviations = {"FD"};
    fabry.held_out_forms = {"Anderson-Fabry disease"};
    add("DIS0002", ConceptType::Disease, "Familial dysautonomia").abbreviations = {"FD"};
    add("DIS0003", ConceptType::Disease, "Gaucher disease").misspellings = {"Gauchers disease"};
    add("SYM0001", ConceptType::Symptom, "fever").synonyms = {"pyrexia"};
    add("DRG0001", ConceptType::Drug, "agalsidase beta").abbreviations = {"FD"};
    o.reindex();
    return o;
}

PredictedEntity mention(int begin, int end, ConceptType type)
{
    PredictedEntity e;
    e.begin = begin;
    e.end = end;
    e.type = type;
    return e;
}

// Fabry disease's prototype along x, familial dysautonomia's along y.
Linker handLinker(const Ontology &o, LinkerOptions options = {})
{
    return Linker(o, {"DIS0001", "DIS0002"}, {1, 0, 0, 0, 1, 0}, 3, options);
}

} // namespace

class TestKgLinking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalise_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("header example") << "  Fabry-Disease,"
                                        << "fabry disease";
        QTest::newRow("inner runs") << "Gaucher  - \t disease"
                                    << "gaucher disease";
        QTest::newRow("inner punctuation kept") << "(Crohn's disease)."
                                                << "crohn's disease";
        QTest::newRow("only punctuation") << " ,.; "
                                          << "";
        QTest::newRow("non-ASCII kept") << QStringLiteral("Fièvre") << QStringLiteral("fièvre");
    }
    void normalise()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        QCOMPARE(QString::fromStdString(normaliseMention(text.toStdString())), normalised);
    }

    void exactHit()
    {
        const Ontology o = handOntology();
        const Linker::Link link = handLinker(o).link("fabry-disease", ConceptType::Disease, nullptr);
        QCOMPARE(link.concept_id, std::string("DIS0001"));
        QCOMPARE(link.method, std::string("exact"));
        QCOMPARE(link.score, 1.0f);
        QVERIFY(!link.candidate);
    }

    // "FD" names two diseases (and a drug): the mention's embedding picks the disease.
    void sharedAbbreviationByContext_data()
    {
        QTest::addColumn<QList<float>>("embedding");
        QTest::addColumn<QString>("conceptId");
        QTest::newRow("near Fabry") << QList<float>{0.9f, 0.2f, 0.1f} << "DIS0001";
        QTest::newRow("near dysautonomia") << QList<float>{0.1f, 0.8f, -0.3f} << "DIS0002";
    }
    void sharedAbbreviationByContext()
    {
        QFETCH(QList<float>, embedding);
        QFETCH(QString, conceptId);
        const Ontology o = handOntology();
        const Linker::Link link = handLinker(o).link("FD", ConceptType::Disease, embedding.data());
        QCOMPARE(QString::fromStdString(link.concept_id), conceptId);
        QCOMPARE(link.method, std::string("context"));
        // The type restricts the dictionary: as a drug "FD" is the drug, whatever the context.
        QCOMPARE(handLinker(o).link("FD", ConceptType::Drug, embedding.data()).concept_id, std::string("DRG0001"));
    }

    void ambiguityWithoutEmbedding()
    {
        const Ontology o = handOntology();
        // A concept seen in training (it has a prototype) before one never seen.
        const Linker onlySecond(o, {"DIS0002"}, {0, 1, 0}, 3);
        QCOMPARE(onlySecond.link("FD", ConceptType::Disease, nullptr).concept_id, std::string("DIS0002"));
        // Embeddings switched off: the context is not used even when given.
        const float nearFabry[] = {1, 0, 0};
        LinkerOptions plain;
        plain.use_embeddings = false;
        const Linker::Link link = handLinker(o, plain).link("FD", ConceptType::Disease, nearFabry);
        QCOMPARE(link.concept_id, std::string("DIS0001"));
        QCOMPARE(link.method, std::string("exact"));
    }

    void misspellingByTrigrams()
    {
        const Ontology o = handOntology();
        const Linker::Link link = handLinker(o).link("Gaucher diseas", ConceptType::Disease, nullptr);
        QCOMPARE(link.concept_id, std::string("DIS0003"));
        QCOMPARE(link.method, std::string("fuzzy"));
        QVERIFY(link.score >= 0.55f && link.score < 1.0f);
        QCOMPARE(handLinker(o).link("pyrexiaa", ConceptType::Symptom, nullptr).concept_id, std::string("SYM0001"));
    }

    void unknownWordStaysACandidate()
    {
        const Ontology o = handOntology();
        const Linker::Link link = handLinker(o).link("Xylophone syndrome", ConceptType::Disease, nullptr);
        QCOMPARE(link.concept_id, std::string("NEW:disease:xylophone syndrome"));
        QVERIFY(link.candidate);
        QCOMPARE(link.method, std::string("new"));
        // A symptom's name is no disease: the type restricts the candidates too.
        QVERIFY(handLinker(o).link("fever", ConceptType::Disease, nullptr).candidate);
    }

    void heldOutFormsAreNotInTheDictionary()
    {
        const Ontology o = handOntology();
        const Linker linker = handLinker(o);
        const Linker::Link plain = linker.link("Anderson-Fabry disease", ConceptType::Disease, nullptr);
        QCOMPARE(plain.method, std::string("fuzzy")); // by its rare word "fabry"
        QCOMPARE(plain.concept_id, std::string("DIS0001"));
        LinkerOptions trigramOptions; // the first linker's settings
        trigramOptions.string_match = StringMatch::Trigrams;
        trigramOptions.min_score = 0.55;
        trigramOptions.embedding_weight = 0.6;
        const Linker trigramLinker = handLinker(o, trigramOptions);
        // Whole-form trigrams alone are too weak (Jaccard 12/25).
        QVERIFY(trigramLinker.link("Anderson-Fabry disease", ConceptType::Disease, nullptr).candidate);
        const float nearFabry[] = {0.95f, 0.1f, 0.0f};
        const Linker::Link withContext = trigramLinker.link("Anderson-Fabry disease", ConceptType::Disease, nearFabry);
        QCOMPARE(withContext.concept_id, std::string("DIS0001"));
        QCOMPARE(withContext.method, std::string("embedding"));
    }

    // Forms no training text has, linked by their words alone (no embedding).
    void unseenFormsByWords_data()
    {
        QTest::addColumn<QString>("mention");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("conceptId"); // empty: a candidate
        QTest::newRow("shared stem") << "gunotic syndrome" << int(ConceptType::Disease) << "DIS0010";
        QTest::newRow("one edit, generic head word") << "Vycel syndrome" << int(ConceptType::Disease) << "DIS0011";
        QTest::newRow("misspelt drug with a salt") << "mbiocvir calcium" << int(ConceptType::Drug) << "DRG0010";
        QTest::newRow("unseen salt") << "trecoxstatin sodium" << int(ConceptType::Drug) << "DRG0011";
        QTest::newRow("only the salt in common") << "zorblax calcium" << int(ConceptType::Drug) << "";
        QTest::newRow("word order, function words") << "pain of the flank" << int(ConceptType::Symptom) << "SYM0010";
        QTest::newRow("transposition") << "falnk stiffness" << int(ConceptType::Symptom) << "SYM0012";
        QTest::newRow("numbers match exactly") << "buziotin 28" << int(ConceptType::Gene) << "";
    }
    void unseenFormsByWords()
    {
        QFETCH(QString, mention);
        QFETCH(int, type);
        QFETCH(QString, conceptId);
        Ontology o;
        auto add = [&](const char *id, ConceptType t, const char *name, std::vector<std::string> synonyms = {}) {
            Concept c;
            c.id = id;
            c.type = t;
            c.name = name;
            c.synonyms = std::move(synonyms);
            o.concepts.push_back(std::move(c));
        };
        add("DIS0010", ConceptType::Disease, "gunosis", {"autoimmune gunosis"});
        add("DIS0011", ConceptType::Disease, "Vycell syndrome");
        add("DIS0012", ConceptType::Disease, "Tarmic syndrome");
        add("DIS0013", ConceptType::Disease, "autoimmune praunopathy");
        add("DRG0010", ConceptType::Drug, "mabiocvir", {"mabiocvir calcium"});
        add("DRG0011", ConceptType::Drug, "trecoxstatin", {"trecoxstatin calcium"});
        add("SYM0010", ConceptType::Symptom, "flank pain");
        add("SYM0011", ConceptType::Symptom, "chest pain");
        add("SYM0012", ConceptType::Symptom, "flank stiffness");
        add("GEN0010", ConceptType::Gene, "CHU5", {"buziotin 29"});
        add("GEN0011", ConceptType::Gene, "ZAP23", {"buziotin 30"});
        o.reindex();
        const Linker::Link link = Linker(o, {}, {}, 0).link(mention.toStdString(), ConceptType(type), nullptr);
        if (conceptId.isEmpty()) {
            QVERIFY2(link.candidate, link.concept_id.c_str());
            return;
        }
        QCOMPARE(QString::fromStdString(link.concept_id), conceptId);
        QCOMPARE(link.method, std::string("fuzzy"));
    }

    // A case note names its disease once by a known form: a weak unseen mention of a
    // disease in the same document joins it, strong evidence for another one does not.
    void documentContext_data()
    {
        QTest::addColumn<QString>("mention");
        QTest::addColumn<QList<float>>("embedding");
        QTest::addColumn<bool>("sameDocument"); // "Fabry disease" in the mention's document
        QTest::addColumn<double>("documentWeight");
        QTest::addColumn<QString>("conceptId"); // empty: a candidate
        QTest::addColumn<QString>("method");
        const QList<float> between{0.6f, 0.7f, 0.4f};
        QTest::newRow("weak mention joins") << "Zorblax disease" << between << true << 0.3 << "DIS0001"
                                            << "document";
        QTest::newRow("context off") << "Zorblax disease" << between << true << 0.0 << ""
                                     << "new";
        QTest::newRow("another document") << "Zorblax disease" << between << false << 0.3 << ""
                                          << "new";
        QTest::newRow("strong evidence kept") << "Zorblax" << QList<float>{0, 1, 0} << true << 0.3 << "DIS0002"
                                              << "embedding";
    }
    void documentContext()
    {
        QFETCH(QString, mention);
        QFETCH(QList<float>, embedding);
        QFETCH(bool, sameDocument);
        QFETCH(double, documentWeight);
        QFETCH(QString, conceptId);
        QFETCH(QString, method);
        const Ontology o = handOntology();
        const std::string text = mention.toStdString() + " was noted.";
        const int end = static_cast<int>(mention.toStdString().size());
        Corpus corpus;
        // Training gold: one disease per document, so diseases get the document's context.
        Sentence training{"t1:0", "Fabry disease, or FD.", {}, {}};
        training.entities = {{0, 13, ConceptType::Disease, "DIS0001"}, {18, 20, ConceptType::Disease, "DIS0001"}};
        corpus.documents.push_back({"t1", Split::Train, {training}});
        const std::string named = sameDocument ? "d2" : "d3"; // the document naming Fabry disease
        corpus.documents.push_back({"d2", Split::Test, {{"d2:1", text, {}, {}}}});
        Document &naming = sameDocument ? corpus.documents.back() : corpus.documents.emplace_back();
        naming.id = named;
        naming.split = Split::Test;
        naming.sentences.push_back({named + ":0", "Fabry disease.", {}, {}});

        std::vector<SentencePrediction> predictions(2);
        predictions[0].sentence_id = named + ":0";
        predictions[0].entities = {::mention(0, 13, ConceptType::Disease)};
        predictions[1].sentence_id = "d2:1";
        predictions[1].entities = {::mention(0, end, ConceptType::Disease)};
        predictions[1].entities[0].embedding = std::vector<float>(embedding.begin(), embedding.end());
        LinkerOptions options;
        options.document_weight = documentWeight;
        handLinker(o, options).linkAll(corpus, predictions);
        QCOMPARE(predictions[0].entities[0].concept_id, std::string("DIS0001"));
        const PredictedEntity &linked = predictions[1].entities[0];
        QCOMPARE(QString::fromStdString(linked.link_method), method);
        QCOMPARE(linked.candidate, conceptId.isEmpty());
        if (!conceptId.isEmpty())
            QCOMPARE(QString::fromStdString(linked.concept_id), conceptId);
    }

    void linkAllFillsEveryEntity()
    {
        const Ontology o = handOntology();
        Corpus corpus;
        corpus.documents.push_back({"d1", Split::Test, {{"d1:0", "FD with pyrexia, Zorblax disease.", {}, {}}}});
        SentencePrediction p;
        p.sentence_id = "d1:0";
        PredictedEntity fd = mention(0, 2, ConceptType::Disease);
        fd.embedding = {0.1f, 0.9f, 0.0f};
        p.entities = {fd, mention(8, 15, ConceptType::Symptom), mention(17, 32, ConceptType::Disease),
                      mention(30, 99, ConceptType::Disease)}; // past the text
        std::vector<SentencePrediction> predictions{p};
        handLinker(o).linkAll(corpus, predictions);
        const auto &e = predictions[0].entities;
        QCOMPARE(e[0].concept_id, std::string("DIS0002"));
        QCOMPARE(e[0].link_method, std::string("context"));
        QCOMPARE(e[1].concept_id, std::string("SYM0001"));
        QCOMPARE(e[1].link_score, 1.0f);
        QCOMPARE(e[2].concept_id, std::string("NEW:disease:zorblax disease"));
        QVERIFY(e[2].candidate);
        QVERIFY(e[3].candidate);
    }

    void badPrototypesAreRefused()
    {
        const Ontology o = handOntology();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Linker(o, {"DIS0001"}, {1, 0}, 3));
    }

    void negationAndHedging_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mention");
        QTest::addColumn<bool>("negated");
        QTest::addColumn<bool>("hedged");
        QTest::newRow("no") << "No fever."
                            << "fever" << true << false;
        QTest::newRow("plain") << "Fever and rash."
                               << "rash" << false << false;
        QTest::newRow("same clause") << "Patient denies chest pain and cough."
                                     << "cough" << true << false;
        QTest::newRow("denied") << "She denied lip numbness and toe ulcers."
                                << "toe ulcers" << true << false;
        QTest::newRow("neither nor") << "He had neither rash nor fever."
                                     << "rash" << true << false;
        QTest::newRow("comma keeps the clause") << "No fever, cough."
                                                << "cough" << true << false;
        QTest::newRow("but ends it") << "No fever but a cough."
                                     << "cough" << false << false;
        QTest::newRow("comma although ends it") << "No fever, although cough persists."
                                                << "cough" << false << false;
        QTest::newRow("semicolon ends it") << "No rash; fever."
                                           << "fever" << false << false;
        QTest::newRow("however ends it") << "Not anaemic however jaundice noted."
                                         << "jaundice" << false << false;
        QTest::newRow("sentence ends it") << "No rash. Fever."
                                          << "Fever" << false << false;
        QTest::newRow("cue after") << "Pneumonia was ruled out."
                                   << "Pneumonia" << false << false;
        QTest::newRow("ruled out") << "Ruled out pneumonia."
                                   << "pneumonia" << true << false;
        QTest::newRow("negative for") << "Negative for HIV."
                                      << "HIV" << true << false;
        QTest::newRow("absence of") << "Absence of fever."
                                    << "fever" << true << false;
        QTest::newRow("without") << "Seen without rash."
                                 << "rash" << true << false;
        QTest::newRow("whole words") << "Notable fever."
                                     << "fever" << false << false;
        QTest::newRow("possible") << "Possible Fabry disease."
                                  << "Fabry disease" << false << true;
        QTest::newRow("cannot exclude") << "Cannot exclude Gaucher disease."
                                        << "Gaucher disease" << false << true;
        QTest::newRow("may") << "The patient may have lupus."
                             << "lupus" << false << true;
        QTest::newRow("both") << "Possibly no response to imatinib."
                              << "imatinib" << true << true;
        QTest::newRow("upper case") << "NO FEVER."
                                    << "FEVER" << true << false;
    }
    void negationAndHedging()
    {
        QFETCH(QString, text);
        QFETCH(QString, mention);
        QFETCH(bool, negated);
        QFETCH(bool, hedged);
        const std::string t = text.toStdString();
        const auto begin = static_cast<int>(t.find(mention.toStdString()));
        QVERIFY(begin >= 0);
        SentencePrediction p;
        p.entities.push_back(
            ::mention(begin, begin + static_cast<int>(mention.toStdString().size()), ConceptType::Symptom));
        p.entities.push_back(::mention(0, 0, ConceptType::Symptom)); // empty, at the start: nothing before it
        markNegationAndHedging(t, p);
        QCOMPARE(p.entities[0].negated, negated);
        QCOMPARE(p.entities[0].hedged, hedged);
        QVERIFY(!p.entities[1].negated && !p.entities[1].hedged);
    }
};

QTEST_APPLESS_MAIN(TestKgLinking)
#include "test_kg_linking.moc"
