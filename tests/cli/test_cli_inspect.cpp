// seekbench-cli inspect as a user runs it: train the tiny cross-modal example into a
// project, then inspect attention as JSON and as a PNG overlay, and score the held-out
// test split; bad requests exit 2 with a message naming the problem.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out, err;
};

Result runCli(const QStringList &args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestCliInspect : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;
    QByteArray m_trainOut; // the train verb's events

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath(QStringLiteral("proj"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), m_project}).exitCode, 0);
        // A short run of the tiny example through the project store.
        QFile in(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/crossmodal_tiny.yaml"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QString yaml = QString::fromUtf8(in.readAll());
        yaml.replace(QStringLiteral("max_steps: 300"), QStringLiteral("max_steps: 20"));
        yaml.replace(QStringLiteral("warmup_steps: 20"), QStringLiteral("warmup_steps: 2"));
        QFile out(m_dir.filePath(QStringLiteral("run.yaml")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(yaml.toUtf8());
        out.close();
        const auto r = runCli({QStringLiteral("train"), QStringLiteral("--config"), out.fileName(),
                               QStringLiteral("--project"), m_project, QStringLiteral("--name"), QStringLiteral("cm")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_trainOut = r.out;
    }

    // train scored the test split once, at the end, as test/* (never in an eval event);
    // inspect evaluate scores it again on the same checkpoint and records it in the store.
    void evaluateScoresTheHeldOutTestSplit()
    {
        QJsonObject end;
        for (const QByteArray &line : m_trainOut.split('\n')) {
            const QJsonObject ev = QJsonDocument::fromJson(line).object();
            if (ev.value(QStringLiteral("event")).toString() == QStringLiteral("eval"))
                QVERIFY2(!line.contains("test"), line.constData());
            if (ev.value(QStringLiteral("event")).toString() == QStringLiteral("end"))
                end = ev;
        }
        const QJsonObject final = end.value(QStringLiteral("final")).toObject();
        QVERIFY2(final.contains(QStringLiteral("test/accuracy")), m_trainOut.constData());
        QVERIFY(final.contains(QStringLiteral("eval/accuracy")));
        QCOMPARE(end.value(QStringLiteral("test")).toObject().value(QStringLiteral("samples")).toInt(), 256);

        const QString runId
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        const auto r = runCli({QStringLiteral("inspect"), QStringLiteral("evaluate"), QStringLiteral("--project"),
                               m_project, QStringLiteral("--run-id"), runId});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject test = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(test.value(QStringLiteral("format")).toString(), QStringLiteral("seekbench-test-1"));
        QCOMPARE(test.value(QStringLiteral("checkpoint")).toString(),
                 end.value(QStringLiteral("test")).toObject().value(QStringLiteral("checkpoint")).toString());
        const QJsonObject metrics = test.value(QStringLiteral("metrics")).toObject();
        QVERIFY(!metrics.contains(QStringLiteral("eval/accuracy")));
        QCOMPARE(metrics.value(QStringLiteral("test/accuracy")).toDouble(),
                 final.value(QStringLiteral("test/accuracy")).toDouble());
        const auto show = runCli(
            {QStringLiteral("project"), QStringLiteral("show"), m_project, runId, QStringLiteral("--json")});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject summary
            = QJsonDocument::fromJson(show.out).object().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(summary.value(QStringLiteral("test/accuracy")).toObject().value(QStringLiteral("final")).toDouble(),
                 metrics.value(QStringLiteral("test/accuracy")).toDouble());
    }

    void attentionAsJsonAndPng()
    {
        const QString runId
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        QVERIFY(!runId.isEmpty());
        const QString json = m_dir.filePath(QStringLiteral("a.json")), png = m_dir.filePath(QStringLiteral("a.png"));
        auto r = runCli({QStringLiteral("inspect"), QStringLiteral("attention"), QStringLiteral("--project"), m_project,
                         QStringLiteral("--run-id"), runId, QStringLiteral("--sample"), QStringLiteral("5"),
                         QStringLiteral("--out"), json});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("seekbench-attention-1"));
        QCOMPARE(o.value(QStringLiteral("caption")).toObject().value(QStringLiteral("tokens")).toArray().size(), 8);
        const QJsonArray maps = o.value(QStringLiteral("attention")).toArray();
        QCOMPARE(maps.size(), 4); // image self, text self, text->image, image->text
        QStringList kinds;
        for (const auto &m : maps)
            kinds << m.toObject().value(QStringLiteral("kind")).toString();
        QCOMPARE(kinds, (QStringList{QStringLiteral("image_self"), QStringLiteral("text_self"),
                                     QStringLiteral("text_to_image"), QStringLiteral("image_to_text")}));
        const QJsonObject gate = o.value(QStringLiteral("gate")).toObject();
        QVERIFY(qAbs(gate.value(QStringLiteral("text")).toDouble() + gate.value(QStringLiteral("image")).toDouble() - 1)
                < 1e-5);

        r = runCli({QStringLiteral("inspect"), QStringLiteral("attention"), QStringLiteral("--run"),
                    m_project + QStringLiteral("/runs/") + runId, QStringLiteral("--sample"), QStringLiteral("5"),
                    QStringLiteral("--template"), QStringLiteral("--out"), png});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile p(png);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QCOMPARE(p.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    }

    // The trainer wrote the report's attention examples (one validation image per class,
    // each with the class token's last cross-layer map); inspect examples writes them again
    // from the checkpoint, the same numbers, and from the test split on request.
    void examplesForTheReport()
    {
        const QString runId
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        const QString written = m_project + QStringLiteral("/runs/") + runId
                                + QStringLiteral("/eval/attention_examples.json");
        const auto read = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
        };
        const QJsonObject fromTraining = read(written);
        QCOMPARE(fromTraining.value(QStringLiteral("format")).toString(),
                 QStringLiteral("seekbench-attention-examples-1"));
        QCOMPARE(fromTraining.value(QStringLiteral("split")).toString(), QStringLiteral("validation"));
        QCOMPARE(fromTraining.value(QStringLiteral("step")).toInt(), 20);
        const QJsonArray examples = fromTraining.value(QStringLiteral("examples")).toArray();
        QCOMPARE(examples.size(), 10);
        QSet<int> labels;
        for (const auto &e : examples) {
            const QJsonObject o = e.toObject();
            labels.insert(o.value(QStringLiteral("sample")).toObject().value(QStringLiteral("label")).toInt());
            const QJsonArray maps = o.value(QStringLiteral("attention")).toArray();
            QCOMPARE(maps.size(), 1);
            QCOMPARE(maps[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("text_to_image"));
        }
        QCOMPARE(labels.size(), 10); // one of each class

        const QString again = m_dir.filePath(QStringLiteral("examples.json"));
        auto r = runCli({QStringLiteral("inspect"), QStringLiteral("examples"), QStringLiteral("--project"), m_project,
                         QStringLiteral("--run-id"), runId, QStringLiteral("--out"), again});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("10 attention examples from the validation split at step 20"));
        const QJsonArray fromCheckpoint = read(again).value(QStringLiteral("examples")).toArray();
        QCOMPARE(fromCheckpoint.size(), 10);
        for (int i = 0; i < 10; ++i) {
            const QJsonObject a = examples[i].toObject(), b = fromCheckpoint[i].toObject();
            QCOMPARE(b.value(QStringLiteral("sample")).toObject().value(QStringLiteral("index")).toInt(),
                     a.value(QStringLiteral("sample")).toObject().value(QStringLiteral("index")).toInt());
            const QJsonArray wa = a.value(QStringLiteral("attention"))
                                      .toArray()[0]
                                      .toObject()
                                      .value(QStringLiteral("weights"))
                                      .toArray()[0]
                                      .toArray()[1]
                                      .toArray();
            const QJsonArray wb = b.value(QStringLiteral("attention"))
                                      .toArray()[0]
                                      .toObject()
                                      .value(QStringLiteral("weights"))
                                      .toArray()[0]
                                      .toArray()[1]
                                      .toArray();
            QCOMPARE(wb.size(), wa.size());
            for (int k = 0; k < wa.size(); ++k)
                QVERIFY(qAbs(wa[k].toDouble() - wb[k].toDouble()) < 1e-5);
        }

        r = runCli({QStringLiteral("inspect"), QStringLiteral("examples"), QStringLiteral("--run"),
                    m_project + QStringLiteral("/runs/") + runId, QStringLiteral("--split"), QStringLiteral("test"),
                    QStringLiteral("--out"), again});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(again).value(QStringLiteral("split")).toString(), QStringLiteral("test"));
        r = runCli({QStringLiteral("inspect"), QStringLiteral("examples"), QStringLiteral("--run"),
                    m_project + QStringLiteral("/runs/") + runId, QStringLiteral("--split"), QStringLiteral("train")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("split 'train' is not validation or test"), r.err.constData());
    }

    // The inspector's helper: ready line, then one reply per request, the model loaded once.
    void serveAnswersEachRequestOnce()
    {
        const QString runId
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        QProcess p;
        p.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                {QStringLiteral("inspect"), QStringLiteral("serve"), QStringLiteral("--project"), m_project,
                 QStringLiteral("--run-id"), runId});
        auto nextLine = [&p]() -> QJsonObject {
            while (!p.canReadLine())
                if (!p.waitForReadyRead(120000))
                    return {};
            return QJsonDocument::fromJson(p.readLine()).object();
        };
        const QJsonObject ready = nextLine();
        QVERIFY2(ready.value(QStringLiteral("ready")).toBool(), p.readAllStandardError().constData());
        QCOMPARE(ready.value(QStringLiteral("test_samples")).toInt(), 256);
        p.write("{\"id\":1,\"op\":\"inspect\",\"sample\":3}\n");
        const QJsonObject one = nextLine();
        QCOMPARE(one.value(QStringLiteral("id")).toInt(), 1);
        QVERIFY(one.value(QStringLiteral("ok")).toBool());
        const QJsonObject doc = one.value(QStringLiteral("inspection")).toObject();
        QCOMPARE(doc.value(QStringLiteral("sample")).toObject().value(QStringLiteral("index")).toInt(), 3);
        // Gradients for the relevance: every map has them, and they are not all zero.
        bool nonZero = false;
        for (const auto &m : doc.value(QStringLiteral("attention")).toArray()) {
            const QJsonArray g = m.toObject().value(QStringLiteral("gradients")).toArray();
            QCOMPARE(g.size(), m.toObject().value(QStringLiteral("heads")).toInt());
            for (const auto &r : g.at(0).toArray())
                for (const auto &v : r.toArray())
                    nonZero = nonZero || v.toDouble() != 0.0;
        }
        QVERIFY(nonZero);
        p.write("{\"id\":2,\"op\":\"testset\",\"samples\":64}\n{\"id\":3,\"op\":\"explode\"}\n"
                "{\"id\":4,\"op\":\"inspect\",\"sample\":99999}\n");
        QMap<int, QJsonObject> replies;
        for (int i = 0; i < 3; ++i) {
            const QJsonObject r = nextLine();
            replies.insert(r.value(QStringLiteral("id")).toInt(), r);
        }
        const QJsonObject ts = replies.value(2).value(QStringLiteral("testset")).toObject();
        QCOMPARE(ts.value(QStringLiteral("samples")).toArray().size(), 64);
        const QJsonObject s0 = ts.value(QStringLiteral("samples")).toArray().at(0).toObject();
        QVERIFY(qAbs(s0.value(QStringLiteral("gate_text")).toDouble()
                     + s0.value(QStringLiteral("gate_image")).toDouble() - 1)
                < 1e-5);
        QVERIFY(!ts.value(QStringLiteral("gallery")).toArray().isEmpty());
        QVERIFY(
            replies.value(-1).value(QStringLiteral("error")).toString().contains(QStringLiteral("unknown op 'explode'")));
        QVERIFY(replies.value(4)
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("outside the test split")));
        // A later chunk of the pass: its own samples, no gallery; clipped at the split's end.
        p.write("{\"id\":7,\"op\":\"testset\",\"samples\":100,\"offset\":200}\n");
        const QJsonObject chunk = nextLine().value(QStringLiteral("testset")).toObject();
        const QJsonArray chunkSamples = chunk.value(QStringLiteral("samples")).toArray();
        QCOMPARE(chunkSamples.size(), 56); // test_samples is 256
        QCOMPARE(chunkSamples.at(0).toObject().value(QStringLiteral("index")).toInt(), 200);
        QVERIFY(chunk.value(QStringLiteral("gallery")).toArray().isEmpty());
        // Two at once: each gets one reply; the newer one is answered, the older may be dropped.
        p.write("{\"id\":5,\"op\":\"inspect\",\"sample\":1}\n{\"id\":6,\"op\":\"inspect\",\"sample\":2}\n");
        const QJsonObject r5 = nextLine(), r6 = nextLine();
        QCOMPARE(r5.value(QStringLiteral("id")).toInt(), 5);
        QVERIFY(r5.value(QStringLiteral("ok")).toBool() || r5.value(QStringLiteral("dropped")).toBool());
        QCOMPARE(r6.value(QStringLiteral("id")).toInt(), 6);
        QVERIFY(r6.value(QStringLiteral("ok")).toBool());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
    }

    void badRequests_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString s = QStringLiteral("--sample"), o = QStringLiteral("--out");
        QTest::newRow("no verb") << QStringList{} << QStringLiteral("needs a verb");
        QTest::newRow("no run") << QStringList{QStringLiteral("attention"), s, QStringLiteral("1"), o,
                                               QStringLiteral("x.json")}
                                << QStringLiteral("--run DIR or --project DIR --run-id ID is required");
        QTest::newRow("missing run folder") << QStringList{QStringLiteral("attention"),
                                                           QStringLiteral("--run"),
                                                           QStringLiteral("/nonexistent/run"),
                                                           s,
                                                           QStringLiteral("1"),
                                                           o,
                                                           QStringLiteral("x.json")}
                                            << QStringLiteral("no run folder /nonexistent/run");
        QTest::newRow("bad run id") << QStringList{QStringLiteral("attention"), QStringLiteral("--project"),
                                                   QStringLiteral("PROJECT"),   QStringLiteral("--run-id"),
                                                   QStringLiteral("../x"),      s,
                                                   QStringLiteral("1"),         o,
                                                   QStringLiteral("x.json")}
                                    << QStringLiteral("../x");
        QTest::newRow("bad sample") << QStringList{QStringLiteral("attention"), QStringLiteral("--run"),
                                                   QStringLiteral("RUN"),       s,
                                                   QStringLiteral("-3"),        o,
                                                   QStringLiteral("x.json")}
                                    << QStringLiteral("--sample: '-3' is not a count");
        QTest::newRow("sample out of range") << QStringList{QStringLiteral("attention"), QStringLiteral("--run"),
                                                            QStringLiteral("RUN"),       s,
                                                            QStringLiteral("10000"),     o,
                                                            QStringLiteral("OUT.json")}
                                             << QStringLiteral("sample 10000 is outside the test split");
        QTest::newRow("bad extension") << QStringList{QStringLiteral("attention"), QStringLiteral("--run"),
                                                      QStringLiteral("RUN"),       s,
                                                      QStringLiteral("1"),         o,
                                                      QStringLiteral("x.bmp")}
                                       << QStringLiteral("must end in .json or .png");
        QTest::newRow("checkpoint outside the run") << QStringList{QStringLiteral("attention"),
                                                                   QStringLiteral("--run"),
                                                                   QStringLiteral("RUN"),
                                                                   QStringLiteral("--checkpoint"),
                                                                   QStringLiteral("../../x.sbckpt"),
                                                                   s,
                                                                   QStringLiteral("1"),
                                                                   o,
                                                                   QStringLiteral("x.json")}
                                                    << QStringLiteral("is outside the run folder");
        QTest::newRow("not a checkpoint") << QStringList{QStringLiteral("attention"),  QStringLiteral("--run"),
                                                         QStringLiteral("RUN"),        QStringLiteral("--checkpoint"),
                                                         QStringLiteral("vocab.json"), s,
                                                         QStringLiteral("1"),          o,
                                                         QStringLiteral("OUT.json")}
                                          << QStringLiteral("vocab.json");
        QTest::newRow("serve: missing run folder")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--run"), QStringLiteral("/nonexistent/run")}
            << QStringLiteral("no run folder /nonexistent/run");
        QTest::newRow("serve: no checkpoint")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--run"), QStringLiteral("OUT")}
            << QStringLiteral("no checkpoint in");
        QTest::newRow("evaluate: no checkpoint")
            << QStringList{QStringLiteral("evaluate"), QStringLiteral("--run"), QStringLiteral("OUT")}
            << QStringLiteral("no checkpoint in");
        QTest::newRow("testset: bad count")
            << QStringList{QStringLiteral("testset"), QStringLiteral("--run"), QStringLiteral("RUN"),
                           QStringLiteral("--samples"), QStringLiteral("0")}
            << QStringLiteral("--samples '0' is not 1..10000");
    }

    void badRequests()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString runId
            = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0);
        for (QString &a : args) {
            a.replace(QStringLiteral("PROJECT"), m_project);
            if (a == QStringLiteral("RUN"))
                a = m_project + QStringLiteral("/runs/") + runId;
            a.replace(QStringLiteral("OUT"), m_dir.filePath(QStringLiteral("out")));
        }
        QDir().mkpath(m_dir.filePath(QStringLiteral("out")));
        const auto r = runCli(QStringList{QStringLiteral("inspect")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "test_cli_inspect.moc"
