// The ontology generator (reproducible, counts and shares, signatures, shared abbreviations,
// held-out forms) and the ontology file (round trip, bad files named by field and file).

#include "seekbench/kg/ontology.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

using namespace seekbench::kg;

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Every field of every concept and relation, one line each, to compare two ontologies.
std::string described(const Ontology &o)
{
    std::string out;
    auto list = [](const std::vector<std::string> &v) {
        std::string s;
        for (const auto &x : v)
            s += x + ";";
        return s;
    };
    for (const Concept &c : o.concepts)
        out += c.id + "|" + std::string(conceptTypeName(c.type)) + "|" + c.name + "|" + list(c.synonyms) + "|"
               + list(c.abbreviations) + "|" + list(c.misspellings) + "|" + list(c.held_out_forms) + "|"
               + std::to_string(c.prevalence) + "|" + (c.rare ? "rare" : "common") + "\n";
    for (const OntologyRelation &r : o.relations)
        out += std::to_string(r.head) + ">" + std::to_string(r.tail) + "|" + std::string(relationTypeName(r.type)) + "|"
               + std::to_string(r.frequency) + "\n";
    return out;
}

void writeText(const QString &path, const std::string &text)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

const char *kSmallOntology
    = "{\"format\":\"seekbench-ontology\",\"version\":1,\"concepts\":["
      "{\"id\":\"DIS0001\",\"type\":\"disease\",\"name\":\"Kravin syndrome\",\"synonyms\":[\"Kravin disease\"],\"abbreviations\":[\"KS\"],"
      " \"misspellings\":[\"Kravn syndrome\"],\"held_out_forms\":[\"Kravin's syndrome\"],\"prevalence\":3.5,\"rare\":true},"
      "{\"id\":\"SYM0001\",\"type\":\"symptom\",\"name\":\"fever\",\"synonyms\":[],\"abbreviations\":[],\"misspellings\":[],"
      " \"held_out_forms\":[],\"prevalence\":0,\"rare\":false}],"
      "\"relations\":[{\"head\":0,\"tail\":1,\"type\":\"HAS_SYMPTOM\",\"frequency\":0.5}]}";

std::string replaced(std::string text, const std::string &from, const std::string &to)
{
    const std::size_t at = text.find(from);
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

} // namespace

class TestKgOntology : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameOntology()
    {
        OntologyOptions options;
        options.seed = 42;
        const Ontology a = generateOntology(options), b = generateOntology(options);
        QCOMPARE(described(a), described(b));
        options.seed = 43;
        QVERIFY(described(generateOntology(options)) != described(a));
    }

    void countsAndShares()
    {
        OntologyOptions options;
        const Ontology o = generateOntology(options);
        std::map<ConceptType, int> counts;
        std::set<std::string> ids, names;
        int rare = 0;
        for (const Concept &c : o.concepts) {
            ++counts[c.type];
            QVERIFY(ids.insert(c.id).second);
            QVERIFY2(names.insert(lower(c.name)).second, c.name.c_str());
            QCOMPARE(o.find(c.id), static_cast<int>(&c - o.concepts.data()));
            if (c.type == ConceptType::Disease) {
                rare += c.rare ? 1 : 0;
                QVERIFY(c.prevalence > 0);
                QCOMPARE(c.rare, c.prevalence < 50);
            }
            QVERIFY(!c.synonyms.empty() || !c.held_out_forms.empty());
        }
        QCOMPARE(counts[ConceptType::Disease], options.diseases);
        QCOMPARE(counts[ConceptType::Symptom], options.symptoms);
        QCOMPARE(counts[ConceptType::Gene], options.genes);
        QCOMPARE(counts[ConceptType::Drug], options.drugs);
        QCOMPARE(counts[ConceptType::LabTest], options.lab_tests);
        QCOMPARE(rare, 60);
        // Per disease: its symptoms within the bounds, 1-2 lab tests; per drug 1-3 treated.
        std::map<int, int> symptoms, labs, treats, contra;
        std::map<int, int> symptomDiseases;
        for (const OntologyRelation &r : o.relations) {
            if (r.type == RelationType::HasSymptom) {
                ++symptoms[r.head];
                ++symptomDiseases[r.tail];
                QVERIFY(r.frequency > 0 && r.frequency <= 1);
            }
            labs[r.head] += r.type == RelationType::DiagnosedBy ? 1 : 0;
            treats[r.head] += r.type == RelationType::Treats ? 1 : 0;
            contra[r.head] += r.type == RelationType::ContraindicatedFor ? 1 : 0;
        }
        for (int d = 0; d < options.diseases; ++d) {
            QVERIFY(symptoms[d] >= options.symptoms_per_disease_min && symptoms[d] <= options.symptoms_per_disease_max);
            QVERIFY(labs[d] >= 1 && labs[d] <= 2);
        }
        for (std::size_t i = 0; i < o.concepts.size(); ++i) {
            if (o.concepts[i].type == ConceptType::Drug) {
                QVERIFY(treats[int(i)] >= 1 && treats[int(i)] <= 3);
                QVERIFY(contra[int(i)] <= 2);
            }
        }
        // Fever (the first symptom) belongs to many diseases, a specific phenotype to few.
        QVERIFY2(symptomDiseases[options.diseases] >= 10, std::to_string(symptomDiseases[options.diseases]).c_str());
    }

    void relationsFitTheirSignatures()
    {
        const Ontology o = generateOntology({});
        QVERIFY(o.relations.size() > 1000);
        for (const OntologyRelation &r : o.relations)
            QVERIFY(relationAllowed(r.type, o.concepts[std::size_t(r.head)].type, o.concepts[std::size_t(r.tail)].type));
    }

    void namesLookLikeTheirType()
    {
        const Ontology o = generateOntology({});
        for (const Concept &c : o.concepts) {
            const std::string &n = c.name;
            if (c.type == ConceptType::Gene) {
                QVERIFY2(std::isupper(static_cast<unsigned char>(n[0]))
                             && std::isdigit(static_cast<unsigned char>(n.back())),
                         n.c_str());
            } else if (c.type == ConceptType::Drug) {
                static const char *kSuffixes[] = {"mab", "pril", "olol", "statin", "ine", "azole", "sartan", "vir"};
                QVERIFY2(std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                                     [&](const char *s) { return n.ends_with(s); }),
                         n.c_str());
            } else if (c.type == ConceptType::Disease) {
                QVERIFY2(n.ends_with("syndrome") || n.ends_with("osis") || n.ends_with("itis") || n.ends_with("opathy")
                             || n.starts_with("familial "),
                         n.c_str());
            }
        }
    }

    void sharedAbbreviationsHalfOfTheSameType()
    {
        OntologyOptions options;
        options.shared_abbreviations = 12;
        const Ontology o = generateOntology(options);
        std::map<std::string, std::vector<ConceptType>> owners;
        for (const Concept &c : o.concepts)
            for (const std::string &a : c.abbreviations)
                owners[a].push_back(c.type);
        int shared = 0, sameType = 0;
        for (const auto &[abbreviation, types] : owners) {
            QVERIFY2(types.size() <= 2, abbreviation.c_str());
            if (types.size() == 2) {
                ++shared;
                sameType += types[0] == types[1] ? 1 : 0;
            }
        }
        QCOMPARE(shared, 12);
        QCOMPARE(sameType, 6);
    }

    void heldOutFormsAreUnseenInTraining()
    {
        const Ontology o = generateOntology({});
        std::set<std::string> training;
        for (const Concept &c : o.concepts) {
            training.insert(lower(c.name));
            for (const auto *forms : {&c.synonyms, &c.abbreviations, &c.misspellings})
                for (const std::string &f : *forms)
                    training.insert(lower(f));
        }
        int withSynonym = 0, withSlip = 0;
        for (const Concept &c : o.concepts) {
            for (const std::string &f : c.held_out_forms)
                QVERIFY2(training.count(lower(f)) == 0, f.c_str());
            withSynonym += c.held_out_forms.empty() ? 0 : 1;
            withSlip += c.held_out_forms.size() >= 2 ? 1 : 0;
        }
        // Most concepts have an unseen form, many have two (a synonym and a misspelling).
        QVERIFY2(withSynonym > int(o.concepts.size()) * 3 / 4, std::to_string(withSynonym).c_str());
        QVERIFY2(withSlip > int(o.concepts.size()) / 3, std::to_string(withSlip).c_str());
    }

    void jsonRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("o.ontology.json")).toStdString();
        const Ontology o = generateOntology({});
        std::string error;
        QVERIFY2(writeOntology(path, o, error), error.c_str());
        const auto back = readOntology(path, error);
        QVERIFY2(back.has_value(), error.c_str());
        QCOMPARE(described(*back), described(o));
        QCOMPARE(back->find("DRG0003"), o.find("DRG0003"));
    }

    void readBadFiles_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("good") << QString::fromUtf8(kSmallOntology) << QString();
        QTest::newRow("missing field") << QString::fromStdString(replaced(kSmallOntology, "\"name\":\"fever\",", ""))
                                       << QStringLiteral("concepts[1].name: missing");
        QTest::newRow("unknown type") << QString::fromStdString(replaced(kSmallOntology, "\"symptom\"", "\"sign\""))
                                      << QStringLiteral("concepts[1].type: unknown concept type 'sign'");
        QTest::newRow("relation index out of range")
            << QString::fromStdString(replaced(kSmallOntology, "\"tail\":1", "\"tail\":7"))
            << QStringLiteral("relations[0].tail: 7 is not a concept index");
        QTest::newRow("wrong signature") << QString::fromStdString(replaced(kSmallOntology, "HAS_SYMPTOM", "TREATS"))
                                         << QStringLiteral(
                                                "relations[0].type: TREATS cannot go from a disease to a symptom");
        QTest::newRow("duplicate id") << QString::fromStdString(replaced(kSmallOntology, "SYM0001", "DIS0001"))
                                      << QStringLiteral("concepts[1].id: duplicate id 'DIS0001'");
        QTest::newRow("not JSON") << QStringLiteral("{\"format\": \"seekbench-ontology\", ")
                                  << QStringLiteral("not a JSON object");
        QTest::newRow("other format") << QString::fromStdString(replaced(kSmallOntology, "seekbench-ontology", "x"))
                                      << QStringLiteral("format: not");
        QTest::newRow("empty file") << QString() << QStringLiteral("it is empty");
        QTest::newRow("missing file") << QStringLiteral("<none>") << QStringLiteral("no such file");
    }

    void readBadFiles()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.ontology.json"));
        if (content != QStringLiteral("<none>"))
            writeText(path, content.toStdString());
        std::string error;
        const auto read = readOntology(path.toStdString(), error);
        if (expected.isEmpty()) {
            QVERIFY2(read.has_value(), error.c_str());
            QCOMPARE(read->relations.size(), std::size_t(1));
            return;
        }
        QVERIFY(!read.has_value());
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
        QVERIFY2(QString::fromStdString(error).contains(path), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestKgOntology)
#include "test_kg_ontology.moc"
