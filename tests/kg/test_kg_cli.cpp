// The medical knowledge graph loop through the real seekbench-cli (issue 25): a corpus
// generated into the project, the NER + RE model trained on it and evaluated beside the
// dictionary baseline, the graph kept in the store and read back by search, neighbourhood,
// rare-disease ranking and the three exports; an imported corpus with its bad lines kept
// aside; and bad input refused by name.

#include "cli_test_support.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

class TestKgCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_project, m_runId;

    QString path(const char *name) const { return m_tmp.filePath(QString::fromLatin1(name)); }
    static QJsonObject object(const QByteArray &out) { return QJsonDocument::fromJson(out).object(); }
    CliOutput kg(QStringList args)
    {
        args.prepend(QStringLiteral("kg"));
        args.insert(2, QStringLiteral("--project"));
        args.insert(3, m_project);
        return runCliOutput(args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = path("p");
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), m_project}), 0);
    }

    void generateRecordsTheCorpus()
    {
        const CliOutput r = kg({QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("clinical"),
                                QStringLiteral("--documents"), QStringLiteral("240"), QStringLiteral("--diseases"),
                                QStringLiteral("30"), QStringLiteral("--symptoms"), QStringLiteral("80"),
                                QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = object(r.out);
        QCOMPARE(o[QStringLiteral("documents")].toInt(), 240);
        QCOMPARE(o[QStringLiteral("train_documents")].toInt() + o[QStringLiteral("validation_documents")].toInt()
                     + o[QStringLiteral("test_documents")].toInt(),
                 240);
        QVERIFY(o[QStringLiteral("relations")].toInt() > 0);
        QVERIFY(QFile::exists(m_project + QStringLiteral("/datasets/kg/clinical.corpus.jsonl")));
        QVERIFY(QFile::exists(m_project + QStringLiteral("/datasets/kg/clinical.ontology.json")));

        const CliOutput list = kg({QStringLiteral("corpora")});
        QVERIFY2(list.code == 0, list.err.constData());
        const QJsonArray all = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0][QStringLiteral("corpus")].toString(), QStringLiteral("clinical"));
        QVERIFY(all[0][QStringLiteral("command")].toString().contains(QStringLiteral("kg generate")));
    }

    // The model trains through the standard trainer, its extractions are evaluated beside the
    // baseline on the test documents, and its graph is stored with the run's id.
    void trainEvaluatesAndStoresTheGraph()
    {
        QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/kg.yaml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QString yaml = QString::fromUtf8(in.readAll());
        yaml.replace(QRegularExpression(QStringLiteral("max_steps: \\d+")), QStringLiteral("max_steps: 60"));
        yaml.replace(QRegularExpression(QStringLiteral("eval_every: \\d+")), QStringLiteral("eval_every: 30"));
        yaml.replace(QRegularExpression(QStringLiteral("checkpoint_every: \\d+")),
                     QStringLiteral("checkpoint_every: 30"));
        yaml.replace(QRegularExpression(QStringLiteral("warmup_steps: \\d+")), QStringLiteral("warmup_steps: 5"));
        yaml.replace(QStringLiteral("hidden_size: 128"), QStringLiteral("hidden_size: 64"));
        yaml.replace(QStringLiteral("intermediate_size: 256"), QStringLiteral("intermediate_size: 128"));
        yaml.replace(QStringLiteral("training:\n"), QStringLiteral("training:\n  threads: 1\n"));
        QFile out(path("kg.yaml"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(yaml.toUtf8());
        out.close();

        const CliOutput missing = kg({QStringLiteral("train"), QStringLiteral("--config"), path("kg.yaml"),
                                      QStringLiteral("--corpus"), QStringLiteral("nope")});
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("no corpus 'nope'"), missing.err.constData());

        const CliOutput r = kg({QStringLiteral("train"), QStringLiteral("--config"), path("kg.yaml")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("dictionary") && r.err.contains("ceiling"), r.err.constData());
        m_runId = QRegularExpression(QStringLiteral("run (\\d{8}-\\d{6}-[0-9a-f]{8})"))
                      .match(QString::fromUtf8(r.err))
                      .captured(1);
        QVERIFY2(!m_runId.isEmpty(), r.err.constData());
        const QString runDir = m_project + QStringLiteral("/runs/") + m_runId;
        QVERIFY(QFile::exists(runDir + QStringLiteral("/eval/kg_outputs.json")));
        QFile evaluation(runDir + QStringLiteral("/eval/kg_evaluation.json"));
        QVERIFY(evaluation.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(evaluation.readAll()).object();
        const QJsonArray extractors = e[QStringLiteral("extractors")].toArray();
        QCOMPARE(extractors.size(), 2);
        QCOMPARE(extractors[0][QStringLiteral("name")].toString(), QStringLiteral("model"));
        QCOMPARE(extractors[1][QStringLiteral("name")].toString(), QStringLiteral("dictionary"));
        QVERIFY(extractors[1][QStringLiteral("entities_strict")][QStringLiteral("f1")].toDouble() > 0.2);
        QVERIFY(e[QStringLiteral("ceiling")][QStringLiteral("rare_top10")].toDouble() > 0.8);

        const CliOutput graphs = kg({QStringLiteral("graphs")});
        QVERIFY2(graphs.code == 0, graphs.err.constData());
        const QJsonArray all = QJsonDocument::fromJson(graphs.out).array();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0][QStringLiteral("run")].toString(), m_runId);
        QCOMPARE(all[0][QStringLiteral("extractor")].toString(), QStringLiteral("model"));
        QVERIFY(all[0][QStringLiteral("nodes")].toInt() > 0);

        // evaluate reads the same outputs and gives the same figures again.
        const CliOutput again = kg({QStringLiteral("evaluate"), QStringLiteral("--run"), m_runId});
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(object(again.out)[QStringLiteral("extractors")], e[QStringLiteral("extractors")]);
    }

    // The dictionary baseline builds its own graph; search finds a node by a synonym, the
    // neighbourhood carries the evidence sentences, ranking finds a rare disease from its
    // frequent symptoms, and the three exports are written.
    void baselineGraphQueriesRanksAndExports()
    {
        const CliOutput b = kg({QStringLiteral("build"), QStringLiteral("--corpus"), QStringLiteral("clinical"),
                                QStringLiteral("--extractor"), QStringLiteral("dictionary")});
        QVERIFY2(b.code == 0, b.err.constData());
        QCOMPARE(object(b.out)[QStringLiteral("name")].toString(), QStringLiteral("clinical-dictionary"));
        const QStringList graph{QStringLiteral("--graph"), QStringLiteral("clinical-dictionary")};

        QFile f(m_project + QStringLiteral("/datasets/kg/clinical.ontology.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject ontology = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray concepts = ontology[QStringLiteral("concepts")].toArray();
        // A rare disease with a synonym, and its symptoms most patients have.
        QString disease, diseaseName, synonym;
        QStringList symptoms;
        for (int index = 0; index < concepts.size(); ++index) {
            const QJsonValue c = concepts[index];
            if (c[QStringLiteral("type")].toString() != QStringLiteral("disease") || !c[QStringLiteral("rare")].toBool()
                || c[QStringLiteral("synonyms")].toArray().isEmpty())
                continue;
            QStringList mine;
            for (const QJsonValue &r : ontology[QStringLiteral("relations")].toArray())
                if (r[QStringLiteral("head")].toInt() == index
                    && r[QStringLiteral("type")].toString() == QStringLiteral("HAS_SYMPTOM")
                    && r[QStringLiteral("frequency")].toDouble() >= 0.5)
                    mine << concepts[r[QStringLiteral("tail")].toInt()][QStringLiteral("name")].toString();
            if (mine.size() >= 3) {
                disease = c[QStringLiteral("id")].toString();
                diseaseName = c[QStringLiteral("name")].toString();
                synonym = c[QStringLiteral("synonyms")][0].toString();
                symptoms = mine;
                break;
            }
        }
        QVERIFY2(!disease.isEmpty(), "the generated ontology has a rare disease with three frequent symptoms");

        const CliOutput search = kg(QStringList{QStringLiteral("query"), QStringLiteral("--search"), synonym} + graph);
        QVERIFY2(search.code == 0, search.err.constData());
        bool found = false;
        for (const QJsonValue &n : object(search.out)[QStringLiteral("nodes")].toArray())
            found = found || n[QStringLiteral("id")].toString() == disease;
        QVERIFY2(found, search.out.constData());

        const CliOutput around = kg(QStringList{QStringLiteral("query"), QStringLiteral("--node"), disease} + graph);
        QVERIFY2(around.code == 0, around.err.constData());
        const QJsonObject n = object(around.out);
        QVERIFY(n[QStringLiteral("edges")].toArray().size() > 0);
        QVERIFY(n[QStringLiteral("sentences")].toArray().size() > 0);
        QVERIFY(!n[QStringLiteral("sentences")][0][QStringLiteral("text")].toString().isEmpty());

        const CliOutput rank = kg(
            QStringList{QStringLiteral("rank"), QStringLiteral("--json"), QStringLiteral("--symptoms"),
                        symptoms.mid(0, 4).join(QLatin1Char(',')) + QStringLiteral(",no such thing")}
            + graph);
        QVERIFY2(rank.code == 0, rank.err.constData());
        const QJsonObject ranked = object(rank.out);
        QStringList top;
        for (const QJsonValue &r : ranked[QStringLiteral("ranked")].toArray())
            top << r[QStringLiteral("disease")][QStringLiteral("id")].toString();
        QVERIFY2(top.contains(disease), rank.out.constData());
        QCOMPARE(ranked[QStringLiteral("unknown")].toArray().first().toString(), QStringLiteral("no such thing"));
        QVERIFY(!ranked[QStringLiteral("ranked")][0][QStringLiteral("paths")].toArray().isEmpty());

        for (const auto &[format, file] : {std::pair{"graphml", "g.graphml"}, {"cypher", "g.cypher"}, {"csv", "csv"}}) {
            const CliOutput e = kg(QStringList{QStringLiteral("export"), QStringLiteral("--format"),
                                               QLatin1String(format), QStringLiteral("--out"), path(file)}
                                   + graph);
            QVERIFY2(e.code == 0, e.err.constData());
        }
        QFile graphml(path("g.graphml"));
        QVERIFY(graphml.open(QIODevice::ReadOnly));
        QVERIFY(graphml.readAll().contains(diseaseName.toUtf8()));
        QVERIFY(QFile::exists(path("csv") + QStringLiteral("/nodes.csv")));
        QVERIFY(QFile::exists(path("csv") + QStringLiteral("/edges.csv")));
    }

    // A CoNLL file with a bad tag: the bad line is reported and kept aside, the good
    // sentences imported; appending a test part adds its documents.
    void importKeepsBadLinesAside()
    {
        QFile conll(path("notes.conll"));
        QVERIFY(conll.open(QIODevice::WriteOnly));
        conll.write("-DOCSTART-\n\nFabry\tB-Disease\ndisease\tI-Disease\ncauses\tO\npain\tB-Symptom\n.\tO\n\n"
                    "Aspirin\tB-Drug\nhelps\tX-Weird\n.\tO\n\nNo\tO\nfever\tB-Symptom\n.\tO\n");
        conll.close();
        const CliOutput r = kg({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("notes"),
                                QStringLiteral("--format"), QStringLiteral("conll"), QStringLiteral("--input"),
                                path("notes.conll"), QStringLiteral("--quarantine"), path("q.csv")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("notes.conll:10"), r.err.constData());
        QVERIFY(QFile::exists(path("q.csv")));
        QVERIFY(object(r.out)[QStringLiteral("entities")].toInt() >= 2);

        const CliOutput twice = kg({QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("notes"),
                                    QStringLiteral("--format"), QStringLiteral("conll"), QStringLiteral("--input"),
                                    path("notes.conll")});
        QCOMPARE(twice.code, 2);
        QVERIFY2(twice.err.contains("exists already"), twice.err.constData());
    }

    void badInputIsRefusedByName_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("name leaves the folder")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--name"), QStringLiteral("../x")}
            << QStringLiteral("corpus name '../x'");
        QTest::newRow("no name") << QStringList{QStringLiteral("generate")}
                                 << QStringLiteral("--name NAME is required");
        QTest::newRow("shares leave no training")
            << QStringList{QStringLiteral("generate"), QStringLiteral("--name"),
                           QStringLiteral("x"),        QStringLiteral("--test-share"),
                           QStringLiteral("0.6"),      QStringLiteral("--validation-share"),
                           QStringLiteral("0.5")}
            << QStringLiteral("--test-share");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("import"), QStringLiteral("--name"),
                                                       QStringLiteral("x"),      QStringLiteral("--format"),
                                                       QStringLiteral("xml"),    QStringLiteral("--input"),
                                                       QStringLiteral("a")}
                                        << QStringLiteral("--format must be brat, conll or pubtator");
        QTest::newRow("missing input") << QStringList{QStringLiteral("import"),
                                                      QStringLiteral("--name"),
                                                      QStringLiteral("x"),
                                                      QStringLiteral("--format"),
                                                      QStringLiteral("brat"),
                                                      QStringLiteral("--input"),
                                                      QStringLiteral("/nonexistent/ann")}
                                       << QStringLiteral("/nonexistent/ann");
        QTest::newRow("unknown graph") << QStringList{QStringLiteral("query"), QStringLiteral("--graph"),
                                                      QStringLiteral("nope"), QStringLiteral("--search"),
                                                      QStringLiteral("x")}
                                       << QStringLiteral("no graph 'nope'");
        QTest::newRow("unknown node") << QStringList{QStringLiteral("query"), QStringLiteral("--node"),
                                                     QStringLiteral("DIS9999")}
                                      << QStringLiteral("no node 'DIS9999'");
        QTest::newRow("no known symptom")
            << QStringList{QStringLiteral("rank"), QStringLiteral("--symptoms"), QStringLiteral("zzz,yyy")}
            << QStringLiteral("none of the symptoms");
        QTest::newRow("bad export format")
            << QStringList{QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("dot"),
                           QStringLiteral("--out"), QStringLiteral("x")}
            << QStringLiteral("--format must be graphml, csv or cypher");
        QTest::newRow("model graph without a run")
            << QStringList{QStringLiteral("build"), QStringLiteral("--extractor"), QStringLiteral("model")}
            << QStringLiteral("--run RUN_ID");
    }
    void badInputIsRefusedByName()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliOutput r = kg(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    // Damaged extractions are named, not read.
    void damagedOutputsAreNamed()
    {
        QVERIFY(!m_runId.isEmpty());
        QFile outputs(m_project + QStringLiteral("/runs/") + m_runId + QStringLiteral("/eval/kg_outputs.f32"));
        QVERIFY(outputs.open(QIODevice::ReadWrite));
        outputs.resize(outputs.size() - 8);
        outputs.close();
        const CliOutput damaged = kg({QStringLiteral("evaluate"), QStringLiteral("--run"), m_runId});
        QVERIFY(damaged.code != 0);
        QVERIFY2(damaged.err.contains("kg_outputs"), damaged.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestKgCli)
#include "test_kg_cli.moc"
