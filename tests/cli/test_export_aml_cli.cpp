// Exporting a short trained AML run through the real seekbench-cli (issue 23): generate
// transactions, train the graph model, export it as TorchScript (fp32 and INT8), ONNX and a
// Triton repository; Python's torch.jit.load runs the TorchScript file on the README's
// example graph, and `serve` refuses it by name, pointing at Triton.

#include "cli_test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

class TestExportAmlCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project, m_run;

    static QJsonObject readJson(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qWarning("cannot read %s", qPrintable(path));
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    QString exportDir(const QString &format, const QStringList &extra = {})
    {
        const QString out = QStringLiteral("exports/") + format
                            + (extra.isEmpty() ? QString() : QStringLiteral("-int8"));
        const CliOutput o = runCliOutput(QStringList{QStringLiteral("export"), QStringLiteral("--run"), m_run,
                                                     QStringLiteral("--format"), format, QStringLiteral("--out"), out,
                                                     QStringLiteral("--project"), m_project}
                                         + extra);
        if (o.code != 0)
            qWarning("%s", o.err.constData());
        return o.code == 0 ? m_project + QLatin1Char('/') + out : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath(QStringLiteral("p"));
        QCOMPARE(runCli({QStringLiteral("project"), QStringLiteral("init"), m_project}), 0);
        QByteArray err;
        QVERIFY2(runCli({QStringLiteral("aml"), QStringLiteral("generate"), QStringLiteral("--project"), m_project,
                         QStringLiteral("--accounts"), QStringLiteral("100"), QStringLiteral("--months"),
                         QStringLiteral("3")},
                        &err)
                     == 0,
                 err.constData());
        const QString config = m_dir.filePath(QStringLiteral("aml.yaml"));
        std::ofstream(config.toStdString())
            << "name: aml-export\nmodel:\n  hidden_size: 16\n  num_attention_heads: 2\n  num_key_value_heads: 2\n"
               "  intermediate_size: 32\n  num_hidden_layers: 1\n  max_position_embeddings: 16\n"
               "data:\n  kind: aml_transactions\ntraining:\n  max_steps: 6\n  warmup_steps: 1\n  batch_size: 64\n"
               "  eval_every: 0\n  checkpoint_every: 0\n  threads: 1\naml:\n  sequence_length: 8\n  message_layers: 1\n"
               "  validation_months: 1\n  test_months: 1\n  xgb_rounds: 5\n";
        QVERIFY2(runCli({QStringLiteral("aml"), QStringLiteral("train"), QStringLiteral("--project"), m_project,
                         QStringLiteral("--config"), config},
                        &err)
                     == 0,
                 err.constData());
        const QStringList runs = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(runs.size(), 1);
        m_run = runs.first();
    }

    // TorchScript: Python's torch.jit.load scores the README's example graph (every index 0
    // or 1) and gets one finite logit per scored row; config.json documents the inputs.
    void exportsTorchScriptThatPythonRuns()
    {
        const QString dir = exportDir(QStringLiteral("torchscript"));
        QVERIFY(!dir.isEmpty());
        QFile config(dir + QStringLiteral("/config.json"));
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject sig = QJsonDocument::fromJson(config.readAll())
                                    .object()
                                    .value(QLatin1String("seekbench"))
                                    .toObject()
                                    .value(QLatin1String("signature"))
                                    .toObject();
        QCOMPARE(sig.value(QLatin1String("inputs")).toArray().size(), 8);
        // ... and how to build edge_features: the training months' statistics from the store
        // (test_aml_export checks they reproduce the engine's tensor).
        const QJsonObject inputs = readJson(dir + QStringLiteral("/config.json"))
                                       .value(QLatin1String("seekbench"))
                                       .toObject()
                                       .value(QLatin1String("aml_inputs"))
                                       .toObject();
        QCOMPARE(inputs.value(QLatin1String("feature_names")).toArray().size(), 27);
        QCOMPARE(inputs.value(QLatin1String("feature_mean")).toArray().size(), 27);
        const QJsonArray sd = inputs.value(QLatin1String("feature_stddev")).toArray();
        QCOMPARE(sd.size(), 27);
        for (const auto &v : sd)
            QVERIFY(v.toDouble() > 0);
        QCOMPARE(inputs.value(QLatin1String("sequence_length")).toInt(), 8);
        QVERIFY(inputs.value(QLatin1String("window_days")).toInt() >= 1);
        QVERIFY(inputs.value(QLatin1String("window_origin")).toDouble() > 0);
        QVERIFY(inputs.value(QLatin1String("transactions")).toInt() > 0);
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys,torch\n"
                                 "m=torch.jit.load(sys.argv[1])\n"
                                 "T,W,A,B,K=8,2,4,3,8\n"
                                 "idx=lambda *s: (torch.arange(torch.Size(s).numel())%2).view(*s)\n"
                                 "out=m(torch.randn(T,27),torch.randn(W,A,6),idx(T),idx(T),idx(B,K),"
                                 "torch.rand(B,K,3),idx(B,K),idx(B))\n"
                                 "assert out.shape==(B,) and bool(torch.isfinite(out).all()), out\n"
                                 "print(out.tolist())\n"),
                  dir + QStringLiteral("/model.pt")});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    }

    void exportsInt8OnnxAndTriton()
    {
        const QString int8 = exportDir(QStringLiteral("torchscript"), {QStringLiteral("--int8")});
        QVERIFY(!int8.isEmpty());
        // The INT8 table is measured on the run's own test months, from the project's store,
        // within the core test's bound (test_aml_export: PR-AUC change <= 0.05).
        const QJsonObject report = readJson(int8 + QStringLiteral("/int8_report.json"));
        qInfo("INT8 report: %s; PR-AUC change %.4f", qPrintable(report.value(QLatin1String("data")).toString()),
              report.value(QLatin1String("metric_change")).toDouble());
        QVERIFY2(report.value(QLatin1String("data")).toString().startsWith(QLatin1String("the run's test months: ")),
                 qPrintable(report.value(QLatin1String("data")).toString()));
        QVERIFY(report.value(QLatin1String("samples")).toInt() > 0);
        QVERIFY2(std::abs(report.value(QLatin1String("metric_change")).toDouble(99)) <= 0.05,
                 qPrintable(QString::number(report.value(QLatin1String("metric_change")).toDouble(99))));
#ifdef SEEKBENCH_HAS_ONNX
        const QString onnx = exportDir(QStringLiteral("onnx"));
        QVERIFY(!onnx.isEmpty());
        QVERIFY(QFile::exists(onnx + QStringLiteral("/model.onnx")));
#endif
        const QString triton = exportDir(QStringLiteral("triton"));
        QVERIFY(!triton.isEmpty());
        const QStringList models = QDir(triton).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QString pbtxtPath;
        for (const QString &m : models)
            if (QFile::exists(triton + QLatin1Char('/') + m + QStringLiteral("/config.pbtxt")))
                pbtxtPath = triton + QLatin1Char('/') + m + QStringLiteral("/config.pbtxt");
        QFile pbtxt(pbtxtPath);
        QVERIFY2(pbtxt.open(QIODevice::ReadOnly), qPrintable(pbtxtPath));
        QVERIFY(pbtxt.readAll().contains("max_batch_size: 0\n"));
        const QString modelConfig = QFileInfo(pbtxtPath).path() + QStringLiteral("/1/config.json");
        QVERIFY(
            readJson(modelConfig).value(QLatin1String("seekbench")).toObject().contains(QLatin1String("aml_inputs")));
    }

    // serve takes models of one batched input: an AML export is refused by name.
    void serveRefusesItNamingTriton()
    {
        const QString dir = m_project + QStringLiteral("/exports/torchscript");
        const CliOutput o = runCliOutput(
            {QStringLiteral("serve"), QStringLiteral("--model"), dir, QStringLiteral("--port"), QStringLiteral("0")});
        if (o.err.contains("unknown") && o.err.contains("serve"))
            QSKIP("this seekbench-cli was built without the server (cpp-httplib)");
        QVERIFY(o.code != 0);
        QVERIFY2(o.err.contains("config.json") && o.err.contains("Triton") && o.err.contains("edge_features"),
                 o.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestExportAmlCli)
#include "test_export_aml_cli.moc"
