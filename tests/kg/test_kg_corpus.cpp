// The corpus generator (reproducible, splits, held-out forms, negation, signatures, BIO
// round trip, speed), tokenize(), and the corpus file (round trip, bad documents).

#include "seekbench/kg/corpus.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

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

std::string described(const Corpus &corpus)
{
    std::string out;
    for (const Document &d : corpus.documents) {
        out += d.id + " " + std::string(splitName(d.split)) + "\n";
        for (const Sentence &s : d.sentences) {
            out += s.id + " " + s.text + "\n";
            for (const EntitySpan &e : s.entities)
                out += " e" + std::to_string(e.begin) + "-" + std::to_string(e.end) + " "
                       + std::string(conceptTypeName(e.type)) + " " + e.concept_id + (e.negated ? " neg" : "")
                       + (e.hedged ? " hedged" : "") + "\n";
            for (const RelationMention &r : s.relations)
                out += " r" + std::to_string(r.head) + ">" + std::to_string(r.tail) + " "
                       + std::string(relationTypeName(r.type)) + "\n";
        }
    }
    return out;
}

const Ontology &ontology()
{
    static const Ontology o = generateOntology({});
    return o;
}

const Corpus &corpus()
{
    static const Corpus c = generateCorpus(ontology(), {});
    return c;
}

std::string spanText(const Sentence &s, const EntitySpan &e)
{
    return s.text.substr(std::size_t(e.begin), std::size_t(e.end - e.begin));
}

void writeText(const QString &path, const std::string &text)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

const char *kGoodLine
    = "{\"id\":\"d%1\",\"split\":\"train\",\"sentences\":[{\"id\":\"d%1:0\",\"text\":\"Lisinopril treats "
      "hypertension.\",\"entities\":[{\"begin\":0,\"end\":10,\"type\":\"drug\",\"concept\":\"DRG0001\","
      "\"negated\":false,\"hedged\":false},{\"begin\":18,\"end\":30,\"type\":\"disease\",\"concept\":\"\","
      "\"negated\":false,\"hedged\":false}],\"relations\":[{\"head\":0,\"tail\":1,\"type\":\"TREATS\"}]}]}";

} // namespace

class TestKgCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducible()
    {
        CorpusOptions options;
        options.documents = 300;
        QCOMPARE(described(generateCorpus(ontology(), options)), described(generateCorpus(ontology(), options)));
        options.seed = 2;
        QVERIFY(described(generateCorpus(ontology(), options)) != described(generateCorpus(ontology(), {})));
    }

    void fastEnough()
    {
        QElapsedTimer timer;
        timer.start();
        const Corpus c = generateCorpus(ontology(), {});
        qInfo("1,200 documents in %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(c.documents.size(), std::size_t(1200));
        QVERIFY(timer.elapsed() < 3000); // well under a second on a quiet machine
    }

    void splitsByShares()
    {
        std::map<Split, int> counts;
        for (const Document &d : corpus().documents)
            ++counts[d.split];
        QCOMPARE(counts[Split::Test], 240);
        QCOMPARE(counts[Split::Validation], 120);
        QCOMPARE(counts[Split::Train], 840);
    }

    void heldOutFormsOnlyInHeldOutDocuments()
    {
        std::set<std::string> heldOut;
        for (const Concept &c : ontology().concepts)
            for (const std::string &f : c.held_out_forms)
                heldOut.insert(lower(f));
        int heldOutMentions = 0, mentions = 0;
        for (const Document &d : corpus().documents) {
            for (const Sentence &s : d.sentences) {
                for (const EntitySpan &e : s.entities) {
                    const bool unseen = heldOut.count(lower(spanText(s, e))) != 0;
                    if (d.split == Split::Train)
                        QVERIFY2(!unseen, (s.id + ": " + spanText(s, e)).c_str());
                    else {
                        ++mentions;
                        heldOutMentions += unseen ? 1 : 0;
                    }
                }
            }
        }
        // Most concepts have a held-out form, used at 60 % of their mentions.
        QVERIFY2(heldOutMentions > mentions * 3 / 10, std::to_string(heldOutMentions).c_str());
    }

    void sharedAbbreviationsComeWithContext()
    {
        std::map<std::string, int> owners;
        for (const Concept &c : ontology().concepts)
            for (const std::string &a : c.abbreviations)
                ++owners[a];
        int ambiguous = 0;
        for (const Document &d : corpus().documents) {
            for (const Sentence &s : d.sentences) {
                for (const EntitySpan &e : s.entities) {
                    if (owners[spanText(s, e)] < 2)
                        continue;
                    ++ambiguous;
                    // Only the other mentions of the sentence can tell the two concepts apart.
                    QVERIFY2(s.entities.size() >= 2, s.id.c_str());
                }
            }
        }
        QVERIFY(ambiguous > 20);
    }

    void everyDiseaseInThreeTrainingDocuments()
    {
        std::map<std::string, std::set<std::string>> documentsOf;
        for (const Document &d : corpus().documents)
            if (d.split == Split::Train)
                for (const Sentence &s : d.sentences)
                    for (const EntitySpan &e : s.entities)
                        documentsOf[e.concept_id].insert(d.id);
        for (const Concept &c : ontology().concepts)
            if (c.type == ConceptType::Disease)
                QVERIFY2(documentsOf[c.id].size() >= 3, c.id.c_str());
    }

    void relationsAreTrueAndNegationHasNone()
    {
        const Ontology &o = ontology();
        std::set<std::tuple<std::string, std::string, RelationType>> truth;
        for (const OntologyRelation &r : o.relations)
            truth.insert({o.concepts[std::size_t(r.head)].id, o.concepts[std::size_t(r.tail)].id, r.type});
        int relations = 0, negated = 0, hedged = 0, perType[kRelationTypes] = {};
        for (const Document &d : corpus().documents) {
            for (const Sentence &s : d.sentences) {
                for (const EntitySpan &e : s.entities) {
                    negated += e.negated ? 1 : 0;
                    hedged += e.hedged ? 1 : 0;
                }
                for (const RelationMention &r : s.relations) {
                    const EntitySpan &h = s.entities[std::size_t(r.head)], &t = s.entities[std::size_t(r.tail)];
                    QVERIFY(relationAllowed(r.type, h.type, t.type));
                    QVERIFY2(!h.negated && !t.negated, s.id.c_str());
                    QVERIFY2(truth.count({h.concept_id, t.concept_id, r.type}) == 1, s.id.c_str());
                    ++relations;
                    ++perType[int(r.type)];
                }
            }
        }
        QVERIFY(relations > 3000);
        QVERIFY(negated > 200);
        QVERIFY(hedged > 100);
        for (int t = 1; t < kRelationTypes; ++t)
            QVERIFY2(perType[t] > 100, relationTypeName(RelationType(t)).data());
    }

    void bioTagsRoundTripEverySentence()
    {
        for (const Document &d : corpus().documents) {
            for (const Sentence &s : d.sentences) {
                const std::vector<Word> words = seekbench::kg::tokenize(s.text);
                const std::vector<EntitySpan> back = spansFromTags(bioTags(s, words), words);
                QCOMPARE(back.size(), s.entities.size());
                for (std::size_t i = 0; i < back.size(); ++i) {
                    QVERIFY2(back[i].begin == s.entities[i].begin && back[i].end == s.entities[i].end, s.id.c_str());
                    QCOMPARE(back[i].type, s.entities[i].type);
                }
            }
        }
    }

    void tokenize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("words");
        QTest::newRow("plain") << QStringLiteral("No fever.") << QStringLiteral("No|fever|.");
        QTest::newRow("hyphen") << QStringLiteral("COVID-19 test") << QStringLiteral("COVID-19|test");
        QTest::newRow("apostrophe") << QStringLiteral("Crohn's disease") << QStringLiteral("Crohn's|disease");
        QTest::newRow("dose") << QStringLiteral("5mg/kg daily") << QStringLiteral("5mg|/|kg|daily");
        QTest::newRow("outer hyphen") << QStringLiteral("-x- 'y'") << QStringLiteral("-|x|-|'|y|'");
        QTest::newRow("utf8") << QStringLiteral("Café 发烧, Sjögren") << QStringLiteral("Café|发烧|,|Sjögren");
        QTest::newRow("spaces") << QStringLiteral("  a\tb\r\n") << QStringLiteral("a|b");
        QTest::newRow("empty") << QString() << QString();
    }

    void tokenize()
    {
        QFETCH(QString, text);
        QFETCH(QString, words);
        const std::string s = text.toStdString();
        QStringList got;
        for (const Word &w : seekbench::kg::tokenize(s))
            got << QString::fromStdString(s.substr(std::size_t(w.begin), std::size_t(w.end - w.begin)));
        QCOMPARE(got.join(QLatin1Char('|')), words);
    }

    void spansFromTagsAsConlleval()
    {
        const std::vector<Word> words = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
        // I-disease without a B starts a span; I-drug after a disease starts another.
        const std::vector<EntitySpan> spans = spansFromTags({2, 2, 8, 0}, words);
        QCOMPARE(spans.size(), std::size_t(2));
        QCOMPARE(spans[0].end, 3);
        QCOMPARE(spans[1].type, ConceptType::Drug);
    }

    void fileRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("c.corpus.jsonl")).toStdString();
        std::string error;
        QVERIFY2(writeCorpus(path, corpus(), error), error.c_str());
        const CorpusRead read = readCorpus(path);
        QVERIFY2(read.error.empty(), read.error.c_str());
        QVERIFY(read.bad.empty());
        QCOMPARE(described(read.corpus), described(corpus()));
    }

    void readBadLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("reason");
        const QString good = QString::fromUtf8(kGoodLine).arg(3);
        auto with = [&](const char *from, const char *to) {
            QString s = good;
            return s.replace(QString::fromUtf8(from), QString::fromUtf8(to));
        };
        QTest::newRow("offset past text")
            << with("\"end\":30", "\"end\":57")
            << QStringLiteral("sentences[0].entities[1].end: 57 is past the text (31 bytes)");
        QTest::newRow("inside UTF-8") << with("Lisinopril treats", "Lisinopril tréats")
                                             .replace(QStringLiteral("\"begin\":18,\"end\":30"),
                                                      QStringLiteral("\"begin\":14,\"end\":30"))
                                      << QStringLiteral("entities[1].begin: 14 is inside a UTF-8 character");
        QTest::newRow("overlapping") << with("\"begin\":18", "\"begin\":5")
                                     << QStringLiteral("entities[1].begin: 5 overlaps or precedes entities[0]");
        QTest::newRow("relation index") << with("\"tail\":1", "\"tail\":2")
                                        << QStringLiteral("relations[0].tail: 2 is not an entity index (2 entities)");
        QTest::newRow("wrong signature") << with("\"TREATS\"", "\"HAS_SYMPTOM\"")
                                         << QStringLiteral("HAS_SYMPTOM cannot go from a drug to a disease");
        QTest::newRow("unknown type") << with("\"drug\"", "\"chemical\"")
                                      << QStringLiteral("entities[0].type: unknown concept type 'chemical'");
        QTest::newRow("bad split") << with("\"train\"", "\"dev\"") << QStringLiteral("split: 'dev'");
        QTest::newRow("duplicate id") << QString::fromUtf8(kGoodLine).arg(1)
                                      << QStringLiteral("duplicate document id 'd1'");
        QTest::newRow("truncated last line") << good.left(60) << QStringLiteral("not a JSON document");
    }

    void readBadLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.corpus.jsonl"));
        const QString header = QStringLiteral("{\"format\":\"seekbench-kg-corpus\",\"version\":1,\"documents\":3}\n");
        // The bad document is the last line, without a newline (as a truncated file ends).
        writeText(path, (header + QString::fromUtf8(kGoodLine).arg(1) + QLatin1Char('\n')
                         + QString::fromUtf8(kGoodLine).arg(2) + QLatin1Char('\n') + line)
                            .toStdString());
        const CorpusRead read = readCorpus(path.toStdString());
        QVERIFY2(read.error.empty(), read.error.c_str());
        QCOMPARE(read.corpus.documents.size(), std::size_t(2));
        QCOMPARE(read.bad.size(), std::size_t(1));
        QCOMPARE(read.bad[0].line, std::int64_t(4));
        QCOMPARE(QString::fromStdString(read.bad[0].file), path);
        QVERIFY2(QString::fromStdString(read.bad[0].reason).contains(reason), read.bad[0].reason.c_str());
    }

    void readBadHeaderOrFile_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad header") << QStringLiteral("{\"format\":\"other\"}\n")
                                    << QStringLiteral("line 1: not a seekbench-kg-corpus");
        QTest::newRow("not JSON") << QStringLiteral("hello\n") << QStringLiteral("line 1");
        QTest::newRow("empty") << QString() << QStringLiteral("no header line");
        QTest::newRow("missing") << QStringLiteral("<none>") << QStringLiteral("no such file");
    }

    void readBadHeaderOrFile()
    {
        QFETCH(QString, content);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.corpus.jsonl"));
        if (content != QStringLiteral("<none>"))
            writeText(path, content.toStdString());
        const CorpusRead read = readCorpus(path.toStdString());
        QVERIFY2(QString::fromStdString(read.error).contains(error), read.error.c_str());
        QVERIFY(QString::fromStdString(read.error).contains(path));
    }

    void documentCountChecked()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("short.corpus.jsonl"));
        writeText(path, "{\"format\":\"seekbench-kg-corpus\",\"version\":1,\"documents\":2}\n"
                            + QString::fromUtf8(kGoodLine).arg(1).toStdString() + "\n");
        const CorpusRead read = readCorpus(path.toStdString());
        QCOMPARE(read.corpus.documents.size(), std::size_t(1));
        QCOMPARE(read.bad.size(), std::size_t(1));
        QVERIFY(read.bad[0].reason.find("announces 2 documents, the file holds 1") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestKgCorpus)
#include "test_kg_corpus.moc"
