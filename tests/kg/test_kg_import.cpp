// The importers of annotated corpora: each format's hand-written sample reads into the
// expected documents, spans, relations and flags; bad files give the right bad line (file,
// line, reason) and keep the good lines; a missing path is an error naming it.

#include "seekbench/kg/corpus_import.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace seekbench::kg;

namespace {

const QString kData = QStringLiteral(SEEKBENCH_KG_TEST_DATA);

std::string span(const Sentence &s, int entity)
{
    const EntitySpan &e = s.entities[std::size_t(entity)];
    return s.text.substr(std::size_t(e.begin), std::size_t(e.end - e.begin));
}

int entityCount(const Corpus &corpus)
{
    int n = 0;
    for (const Document &d : corpus.documents)
        for (const Sentence &s : d.sentences)
            n += int(s.entities.size());
    return n;
}

int relationCount(const Corpus &corpus)
{
    int n = 0;
    for (const Document &d : corpus.documents)
        for (const Sentence &s : d.sentences)
            n += int(s.relations.size());
    return n;
}

// "<long>" stands for a line over the cap, "<nul>" for a NUL byte.
void writeFile(const QString &path, QString content)
{
    std::string text = content.toStdString();
    const std::size_t at = text.find("<long>");
    if (at != std::string::npos)
        text.replace(at, 6, std::string(kMaxImportLineBytes + 10, 'a'));
    const std::size_t nul = text.find("<nul>");
    if (nul != std::string::npos)
        text.replace(nul, 5, std::string("\0\x01\x02", 3));
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

const QString kBratText = QStringLiteral("Aspirin treats headache. No fever.\n");
const QString kBratAnn = QStringLiteral("T1\tDrug 0 7\tAspirin\nT2\tDisease 15 23\theadache\nT3\tSymptom 28 33\tfever\n"
                                        "R1\tTreats Arg1:T1 Arg2:T2\n");
const QString kConll = QStringLiteral("Aspirin\tB-Drug\ntreats\tO\nheadache\tB-Disease\n.\tO\n");
const QString kPubTator = QStringLiteral("1|t|Aspirin treats headache.\n1|a|No fever.\n"
                                         "1\t0\t7\tAspirin\tChemical\tD001241\n1\t15\t23\theadache\tDisease\tD006261\n"
                                         "1\t28\t33\tfever\tSymptom\tD005334\n1\tTreats\tD001241\tD006261\n");

} // namespace

class TestKgImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bratSample()
    {
        const CorpusImport read = importBrat((kData + QStringLiteral("/brat")).toStdString());
        QVERIFY2(read.error.empty(), read.error.c_str());
        QVERIFY2(read.bad.empty(), read.bad.empty() ? "" : read.bad[0].reason.c_str());
        QCOMPARE(read.corpus.documents.size(), std::size_t(2));
        const Document &report = read.corpus.documents[0];
        QCOMPARE(report.id, std::string("case_report"));
        QCOMPARE(report.sentences.size(), std::size_t(4));
        const Sentence &first = report.sentences[0];
        QCOMPARE(span(first, 0), std::string("rheumatoid arthritis"));
        QCOMPARE(first.entities[0].concept_id, std::string("UMLS:C0003873"));
        QCOMPARE(first.entities[1].type, ConceptType::Symptom); // "Sign"
        QCOMPARE(first.relations.size(), std::size_t(2));
        // Symptom_Of is read reversed: the disease is the head.
        QCOMPARE(first.relations[1].head, 0);
        QCOMPARE(first.relations[1].tail, 2);
        QCOMPARE(report.sentences[1].text, std::string("She denied fever."));
        QVERIFY(report.sentences[1].entities[0].negated);
        QCOMPARE(report.sentences[2].relations[0].type, RelationType::Treats);
        // Character offsets after "ö" are turned into bytes.
        const Sentence &last = report.sentences[3];
        QCOMPARE(span(last, 0), std::string("Sjögren syndrome"));
        QVERIFY(last.entities[0].hedged);
        QCOMPARE(span(last, 1), std::string("anti-Ro antibody testing"));
        QCOMPARE(last.relations[0].type, RelationType::DiagnosedBy);
        QCOMPARE(last.relations[0].head, 0);
        // CRLF files: the "\r" counts in BRAT's offsets and stays out of the sentences.
        const Document &discharge = read.corpus.documents[1];
        QCOMPARE(discharge.sentences.size(), std::size_t(2));
        QCOMPARE(discharge.sentences[1].text, std::string("No chest pain on discharge."));
        QCOMPARE(span(discharge.sentences[1], 0), std::string("chest pain"));
        QVERIFY(discharge.sentences[1].entities[0].negated);
        QCOMPARE(discharge.sentences[0].relations[0].type, RelationType::ContraindicatedFor);
    }

    void bratBadSample()
    {
        const CorpusImport read = importBrat((kData + QStringLiteral("/brat_bad/french_note.ann")).toStdString());
        QVERIFY(read.error.empty());
        QCOMPARE(read.bad.size(), std::size_t(2));
        QCOMPARE(read.bad[0].line, std::int64_t(2));
        QCOMPARE(read.bad[0].reason, std::string("T2: text 'céphalée' differs from the .txt at 10-19 ('céphalées')"));
        QCOMPARE(read.bad[1].line, std::int64_t(4));
        QVERIFY(read.bad[1].reason.find("'T9' is no entity") != std::string::npos);
        QCOMPARE(entityCount(read.corpus), 2);
    }

    void conllSample()
    {
        const CorpusImport read = importConll((kData + QStringLiteral("/sample.conll")).toStdString());
        QVERIFY(read.error.empty());
        QVERIFY(read.bad.empty());
        QCOMPARE(read.corpus.documents.size(), std::size_t(2));
        const Document &first = read.corpus.documents[0];
        QCOMPARE(first.sentences.size(), std::size_t(2));
        QCOMPARE(first.sentences[0].text, std::string("Patient denies chest pain ."));
        QCOMPARE(span(first.sentences[0], 0), std::string("chest pain"));
        QCOMPARE(span(first.sentences[1], 1), std::string("type 2 diabetes"));
        QCOMPARE(first.sentences[1].entities[0].type, ConceptType::Drug);
        const Sentence &gene = read.corpus.documents[1].sentences[0];
        QCOMPARE(span(gene, 0), std::string("BRCA1"));
        QCOMPARE(gene.entities[0].type, ConceptType::Gene);
        QCOMPARE(span(gene, 1), std::string("hereditary breast cancer"));
    }

    void pubTatorSample()
    {
        const CorpusImport read = importPubTator((kData + QStringLiteral("/sample.pubtator")).toStdString());
        QVERIFY(read.error.empty());
        QCOMPARE(read.corpus.documents.size(), std::size_t(2));
        const Document &lithium = read.corpus.documents[0];
        QCOMPARE(lithium.id, std::string("1001"));
        QCOMPARE(lithium.sentences.size(), std::size_t(3));
        QCOMPARE(lithium.sentences[2].text, std::string("Amiloride improved the nephrogenic diabetes insipidus."));
        QCOMPARE(lithium.sentences[2].relations.size(), std::size_t(1));
        QCOMPARE(lithium.sentences[2].relations[0].type, RelationType::Treats);
        QCOMPARE(lithium.sentences[2].entities[1].concept_id, std::string("D018500"));
        // Polyuria and the disease are in different sentences: that relation is a bad line.
        QCOMPARE(read.bad.size(), std::size_t(1));
        QCOMPARE(read.bad[0].line, std::int64_t(11));
        QVERIFY(read.bad[0].reason.find("no sentence mentions both 'D018500' and 'D011141'") != std::string::npos);
        const Sentence &title = read.corpus.documents[1].sentences[0];
        QCOMPARE(title.relations.size(), std::size_t(1));
        QCOMPARE(title.relations[0].type, RelationType::CausedBy);
        QCOMPARE(span(title, title.relations[0].tail), std::string("SCN1A"));
        QCOMPARE(entityCount(read.corpus), 11);
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("entities");
        const QString b = QStringLiteral("brat"), c = QStringLiteral("conll"), p = QStringLiteral("pubtator");
        QTest::newRow("brat unknown type") << b << kBratAnn + QStringLiteral("T4\tVirus 28 33\tfever\n") << 5
                                           << QStringLiteral("T4: unknown entity type 'Virus'") << 3;
        QTest::newRow("brat offsets out of range") << b << kBratAnn + QStringLiteral("T4\tSymptom 28 90\tfever\n") << 5
                                                   << QStringLiteral("not a span of the .txt (35 characters)") << 3;
        QTest::newRow("brat text differs")
            << b << kBratAnn + QStringLiteral("T4\tSymptom 27 32\tfever\n") << 5
            << QStringLiteral("T4: text 'fever' differs from the .txt at 27-32 (' feve')") << 3;
        QTest::newRow("brat discontinuous") << b << kBratAnn + QStringLiteral("T4\tSymptom 0 3;28 33\tAsp fever\n") << 5
                                            << QStringLiteral("discontinuous span") << 3;
        QTest::newRow("brat overlap") << b << kBratAnn + QStringLiteral("T4\tSymptom 29 33\tever\n") << 5
                                      << QStringLiteral("T4: overlaps T3") << 3;
        QTest::newRow("brat unknown id") << b << kBratAnn + QStringLiteral("R2\tTreats Arg1:T1 Arg2:T9\n") << 5
                                         << QStringLiteral("R2: 'T9' is no entity kept") << 3;
        QTest::newRow("brat signature") << b << kBratAnn + QStringLiteral("R2\tTreats Arg1:T2 Arg2:T1\n") << 5
                                        << QStringLiteral("TREATS cannot go from a disease (T2) to a drug (T1)") << 3;
        QTest::newRow("brat across sentences") << b << kBratAnn + QStringLiteral("R2\tHas_Symptom Arg1:T2 Arg2:T3\n")
                                               << 5 << QStringLiteral("R2: T2 and T3 are in different sentences") << 3;
        QTest::newRow("brat unknown relation") << b << kBratAnn + QStringLiteral("R2\tCures Arg1:T1 Arg2:T2\n") << 5
                                               << QStringLiteral("unknown relation type 'Cures'") << 3;
        QTest::newRow("brat attribute on unknown id")
            << b << kBratAnn + QStringLiteral("A1\tNegation T7\n") << 5 << QStringLiteral("'T7' is no entity") << 3;
        QTest::newRow("brat unknown line")
            << b << QStringLiteral("X1\tfoo\n") + kBratAnn << 1 << QStringLiteral("unknown annotation 'X1'") << 3;
        QTest::newRow("brat missing txt")
            << b << QStringLiteral("<no txt>") << 0 << QStringLiteral("no .txt beside it") << 0;
        QTest::newRow("brat binary") << b << kBratAnn + QStringLiteral("<nul>\n") << 5
                                     << QStringLiteral("binary content") << 3;
        QTest::newRow("brat long line") << b << QStringLiteral("T9\tDrug 0 1\t<long>\n") + kBratAnn << 1
                                        << QStringLiteral("longer than 1 MiB") << 3;
        QTest::newRow("conll bad tag") << c << kConll + QStringLiteral("now\tE-Drug\n") << 5
                                       << QStringLiteral("tag 'E-Drug' is not O, B-<type> or I-<type>") << 2;
        QTest::newRow("conll unknown type") << c << QStringLiteral("x\tB-Virus\n") + kConll << 1
                                            << QStringLiteral("unknown entity type 'Virus' in tag 'B-Virus'") << 2;
        QTest::newRow("conll no tag") << c << kConll + QStringLiteral("lonely\n") << 5
                                      << QStringLiteral("no tag column") << 2;
        QTest::newRow("conll binary") << c << kConll + QStringLiteral("<nul>\n") << 5
                                      << QStringLiteral("binary content") << 2;
        QTest::newRow("conll long line") << c << QStringLiteral("<long> O\n") + kConll << 1
                                         << QStringLiteral("longer than 1 MiB") << 2;
        QTest::newRow("pubtator past text")
            << p << kPubTator + QStringLiteral("1\t28\t90\tfever\tSymptom\tX\n") << 7
            << QStringLiteral("not a span of the title and abstract (34 characters") << 3;
        QTest::newRow("pubtator text differs")
            << p << kPubTator + QStringLiteral("1\t27\t32\tfever\tSymptom\tX\n") << 7
            << QStringLiteral("text 'fever' differs from the title and abstract at 27-32") << 3;
        QTest::newRow("pubtator unknown type") << p << kPubTator + QStringLiteral("1\t28\t33\tfever\tVirus\tX\n") << 7
                                               << QStringLiteral("unknown entity type 'Virus'") << 3;
        QTest::newRow("pubtator unknown relation") << p << kPubTator + QStringLiteral("1\tCID\tD001241\tD006261\n") << 7
                                                   << QStringLiteral("unknown relation type 'CID'") << 3;
        QTest::newRow("pubtator relation apart") << p << kPubTator + QStringLiteral("1\tTreats\tD001241\tD005334\n")
                                                 << 7 << QStringLiteral("no sentence mentions both") << 3;
        QTest::newRow("pubtator other pmid") << p << kPubTator + QStringLiteral("2\t0\t7\tAspirin\tChemical\tX\n") << 7
                                             << QStringLiteral("pmid '2' is not the current document's ('1')") << 3;
        QTest::newRow("pubtator garbage")
            << p << kPubTator + QStringLiteral("1\thello\n") << 7 << QStringLiteral("expected \"<pmid> <start>") << 3;
        QTest::newRow("pubtator binary") << p << kPubTator + QStringLiteral("<nul>\n") << 7
                                         << QStringLiteral("binary content") << 3;
        QTest::newRow("pubtator long line")
            << p << kPubTator + QStringLiteral("1\t0\t1\t<long>\n") << 7 << QStringLiteral("longer than 1 MiB") << 3;
    }

    void badFiles()
    {
        QFETCH(QString, format);
        QFETCH(QString, content);
        QFETCH(int, line);
        QFETCH(QString, reason);
        QFETCH(int, entities);
        QTemporaryDir dir;
        CorpusImport read;
        QString expectedFile;
        if (format == QStringLiteral("brat")) {
            expectedFile = dir.filePath(QStringLiteral("note.ann"));
            if (content == QStringLiteral("<no txt>")) {
                writeFile(expectedFile, kBratAnn);
            } else {
                writeFile(dir.filePath(QStringLiteral("note.txt")), kBratText);
                writeFile(expectedFile, content);
            }
            read = importBrat(dir.path().toStdString());
        } else {
            expectedFile = dir.filePath(QStringLiteral("sample.") + format);
            writeFile(expectedFile, content);
            read = format == QStringLiteral("conll") ? importConll(expectedFile.toStdString())
                                                     : importPubTator(expectedFile.toStdString());
        }
        QVERIFY2(read.error.empty(), read.error.c_str());
        QCOMPARE(read.bad.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(read.bad[0].file), expectedFile);
        QCOMPARE(read.bad[0].line, std::int64_t(line));
        QVERIFY2(QString::fromStdString(read.bad[0].reason).contains(reason), read.bad[0].reason.c_str());
        QVERIFY(read.bad[0].text.size() <= 1024);
        QCOMPARE(entityCount(read.corpus), entities);
        if (entities == 3)
            QCOMPARE(relationCount(read.corpus), 1);
    }

    void missingPathIsAnError()
    {
        const std::string missing = "/nonexistent/kg/corpus.txt";
        for (const CorpusImport &read : {importBrat(missing), importConll(missing), importPubTator(missing)}) {
            QVERIFY(read.error.find(missing) != std::string::npos);
            QVERIFY(read.error.find("no such file") != std::string::npos);
        }
        QTemporaryDir dir;
        const CorpusImport folder = importConll(dir.path().toStdString());
        QVERIFY(folder.error.find("directory") != std::string::npos);
    }

    void quarantineFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.csv")).toStdString();
        std::string error;
        QVERIFY(writeImportQuarantine(path, {{"a.ann", 3, "T1: unknown entity type 'X'", "T1\tX 0 1\t\"a\""}}, error));
        std::ifstream in(path);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QCOMPARE(text,
                 std::string(
                     "file,line,reason,text\n\"a.ann\",3,\"T1: unknown entity type 'X'\",\"T1\tX 0 1\t\"\"a\"\"\"\n"));
    }
};

QTEST_APPLESS_MAIN(TestKgImport)
#include "test_kg_import.moc"
