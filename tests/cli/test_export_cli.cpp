// `seekbench-cli export` as a user runs it (issue 23): a trained run's model exported as
// safetensors from its latest and its best checkpoint, read back by a reader written from
// the format's specification, recorded as artifacts of the run (format, size, hash and the
// command); a checkpoint outside the run, a damaged checkpoint, an unknown run or format are
// refused by name, and nothing is recorded for them.

#include "../core/safetensors_reader.h"
#include "cli_test_support.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace seekbench;

namespace {

using Out = CliOutput;

Out cli(const QStringList &args) { return runCliOutput(args); }

QString sha256Of(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project, m_run;
    QString m_crossProject, m_crossRun; // a short cross-modal run, trained on first use

private Q_SLOTS:
    void initTestCase()
    {
        m_project = m_dir.filePath(QStringLiteral("p"));
        QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), m_project}).code, 0);
        const QString config = writeTinyConfig(m_dir.path(), QStringLiteral("tiny.yaml"),
                                               {{QStringLiteral("max_steps"), QStringLiteral("12")},
                                                {QStringLiteral("warmup_steps"), QStringLiteral("2")},
                                                {QStringLiteral("eval_every"), QStringLiteral("6")},
                                                {QStringLiteral("checkpoint_every"), QStringLiteral("6")}},
                                               QStringLiteral("  threads: 1\n"));
        const Out train = cli(
            {QStringLiteral("train"), QStringLiteral("--config"), config, QStringLiteral("--project"), m_project});
        QVERIFY2(train.code == 0, train.err.constData());
        const QStringList runs = QDir(m_project + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(runs.size(), 1);
        m_run = runs.first();
    }

    void exportsTheLatestCheckpointAndRecordsIt()
    {
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("safetensors"), QStringLiteral("--project"), m_project,
                           QStringLiteral("--json")});
        QVERIFY2(o.code == 0, o.err.constData());
        const QJsonObject reply = QJsonDocument::fromJson(o.out).object();
        QCOMPARE(reply.value(QLatin1String("step")).toInt(), 12);
        QCOMPARE(reply.value(QLatin1String("model")).toString(), QStringLiteral("synthetic_text"));
        const QString folder = m_project + QStringLiteral("/runs/") + m_run
                               + QStringLiteral("/exports/safetensors-step12");
        const auto file = test::readSafetensorsBySpec((folder + QStringLiteral("/model.safetensors")).toStdString());
        QCOMPARE(qint64(file.tensors.size()), qint64(reply.value(QLatin1String("tensors")).toInt()));
        QVERIFY(file.tensors.count("model.embed_tokens.weight"));
        QVERIFY(file.tensors.count("model.layers.0.self_attn.q_proj.weight"));
        QVERIFY(file.tensors.count("score.weight"));
        QVERIFY(QFile::exists(folder + QStringLiteral("/config.json")));

        // Recorded as the run's artifacts, each with its format, step, hash and command.
        projects::Project p = projects::Project::open(m_project.toStdString());
        const auto artifacts = projects::RunStore(p).artifacts(m_run.toStdString());
        int models = 0;
        for (const auto &a : artifacts) {
            if (a.kind != "model")
                continue;
            ++models;
            QCOMPARE(a.format, std::string("safetensors"));
            QCOMPARE(a.step.value_or(-1), std::int64_t(12));
            QVERIFY2(a.command.starts_with("seekbench-cli export --run " + m_run.toStdString()
                                           + " --format safetensors"),
                     a.command.c_str());
            const QString path = m_project + QLatin1Char('/') + QString::fromStdString(a.path);
            QCOMPARE(QString::fromStdString(a.sha256), sha256Of(path));
            QCOMPARE(a.bytes, QFileInfo(path).size());
        }
        QCOMPARE(models, 2);
    }

    void exportsTheBestCheckpointIntoAChosenFolder()
    {
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("safetensors"), QStringLiteral("--checkpoint"), QStringLiteral("best"),
                           QStringLiteral("--out"), QStringLiteral("deploy/tiny model"), QStringLiteral("--project"),
                           m_project, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, o.err.constData());
        QVERIFY(QFile::exists(m_project + QStringLiteral("/deploy/tiny model/model.safetensors")));
        projects::Project p = projects::Project::open(m_project.toStdString());
        bool quoted = false;
        for (const auto &a : projects::RunStore(p).artifacts(m_run.toStdString()))
            quoted |= a.command.find("--checkpoint best --out 'deploy/tiny model'") != std::string::npos;
        QVERIFY(quoted); // the command can be pasted back into a shell
    }

    void exportsTorchScript()
    {
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("torchscript"), QStringLiteral("--project"), m_project,
                           QStringLiteral("--json")});
        QVERIFY2(o.code == 0, o.err.constData());
        const QString folder = m_project + QStringLiteral("/runs/") + m_run
                               + QStringLiteral("/exports/torchscript-step12");
        QVERIFY(QFileInfo(folder + QStringLiteral("/model.pt")).size() > 0);
        QVERIFY(QFile::exists(folder + QStringLiteral("/config.json")));
        projects::Project p = projects::Project::open(m_project.toStdString());
        int scripts = 0;
        for (const auto &a : projects::RunStore(p).artifacts(m_run.toStdString()))
            scripts += a.format == "torchscript" && a.path.ends_with("model.pt");
        QCOMPARE(scripts, 1);
    }

    // model.onnx and config.json, both recorded with their hashes (test_onnx_export runs the
    // file in ONNX Runtime).
    void exportsOnnx()
    {
#ifndef SEEKBENCH_HAS_ONNX
        QSKIP("this build has no ONNX export (libonnx-dev was not found)");
#endif
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("onnx"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, o.err.constData());
        const QString folder = m_project + QStringLiteral("/runs/") + m_run + QStringLiteral("/exports/onnx-step12");
        QVERIFY(QFileInfo(folder + QStringLiteral("/model.onnx")).size() > 0);
        QVERIFY(QFile::exists(folder + QStringLiteral("/config.json")));
        projects::Project p = projects::Project::open(m_project.toStdString());
        int files = 0;
        for (const auto &a : projects::RunStore(p).artifacts(m_run.toStdString()))
            if (a.format == "onnx") {
                ++files;
                QCOMPARE(QString::fromStdString(a.sha256),
                         sha256Of(m_project + QLatin1Char('/') + QString::fromStdString(a.path)));
            }
        QCOMPARE(files, 2);
    }

    // A Triton model repository with its Kubernetes manifests, every file an artifact; the
    // version folder also serves with `seekbench-cli serve` (test_serve_cli).
    void exportsATritonRepository()
    {
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("triton"), QStringLiteral("--name"), QStringLiteral("tiny"),
                           QStringLiteral("--max-batch-size"), QStringLiteral("16"),
                           QStringLiteral("--preferred-batch-sizes"), QStringLiteral("4,16"),
                           QStringLiteral("--training-image"), QStringLiteral("registry.example/seekbench:1"),
                           QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--project"), m_project,
                           QStringLiteral("--json")});
        QVERIFY2(o.code == 0, o.err.constData());
        const QString folder = m_project + QStringLiteral("/runs/") + m_run + QStringLiteral("/exports/triton-step12");
        QVERIFY(QFileInfo(folder + QStringLiteral("/tiny/1/model.pt")).size() > 0);
        QFile pbtxt(folder + QStringLiteral("/tiny/config.pbtxt"));
        QVERIFY(pbtxt.open(QIODevice::ReadOnly));
        const QByteArray config = pbtxt.readAll();
        QVERIFY(config.contains("name: \"tiny\""));
        QVERIFY(config.contains("platform: \"pytorch_libtorch\""));
        QVERIFY(config.contains("max_batch_size: 16"));
        QVERIFY(config.contains("preferred_batch_size: [ 4, 16 ]"));
        for (const char *f :
             {"/tiny/README.md", "/tiny/1/config.json", "/kubernetes/serving.yaml", "/kubernetes/training.yaml"})
            QVERIFY2(QFileInfo(folder + QLatin1String(f)).size() > 0, f);
        projects::Project p = projects::Project::open(m_project.toStdString());
        int files = 0;
        for (const auto &a : projects::RunStore(p).artifacts(m_run.toStdString()))
            if (a.format == "triton") {
                ++files;
                QVERIFY2(a.command.find("--max-batch-size 16 --preferred-batch-sizes 4,16") != std::string::npos,
                         a.command.c_str());
            }
        QCOMPARE(files, 6);
    }

    // Triton's ONNX Runtime backend: 1/model.onnx, platform onnxruntime_onnx.
    void exportsATritonRepositoryForOnnxRuntime()
    {
#ifndef SEEKBENCH_HAS_ONNX
        QSKIP("this build has no ONNX export (libonnx-dev was not found)");
#endif
        const Out t = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("triton"), QStringLiteral("--backend"), QStringLiteral("onnx"),
                           QStringLiteral("--name"), QStringLiteral("tiny"), QStringLiteral("--out"),
                           QStringLiteral("deploy/onnx-triton"), QStringLiteral("--project"), m_project});
        QVERIFY2(t.code == 0, t.err.constData());
        const QString repo = m_project + QStringLiteral("/deploy/onnx-triton/tiny");
        QVERIFY(QFileInfo(repo + QStringLiteral("/1/model.onnx")).size() > 0);
        QFile pbtxt(repo + QStringLiteral("/config.pbtxt"));
        QVERIFY(pbtxt.open(QIODevice::ReadOnly));
        QVERIFY(pbtxt.readAll().contains("platform: \"onnxruntime_onnx\""));
    }

    // A trained cross-modal run exports as the image classifier it is served as, in every
    // servable format: TorchScript (fp32 and INT8 with its report), ONNX, and a Triton
    // repository whose config declares the image input and the ten logits
    // (test_model_export and test_onnx_export compare the files' outputs with the engine's).
    void exportsTheCrossModalModel_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("files");
        QTest::newRow("torchscript") << QStringList{QStringLiteral("--format"), QStringLiteral("torchscript")}
                                     << "torchscript-step4"
                                     << QStringList{QStringLiteral("model.pt"), QStringLiteral("config.json")};
        QTest::newRow("torchscript int8")
            << QStringList{QStringLiteral("--format"), QStringLiteral("torchscript"), QStringLiteral("--int8"),
                           QStringLiteral("--out"), QStringLiteral("int8-export")}
            << "/int8-export"
            << QStringList{QStringLiteral("model.pt"), QStringLiteral("config.json"),
                           QStringLiteral("int8_report.json")};
#ifdef SEEKBENCH_HAS_ONNX
        QTest::newRow("onnx") << QStringList{QStringLiteral("--format"), QStringLiteral("onnx")} << "onnx-step4"
                              << QStringList{QStringLiteral("model.onnx"), QStringLiteral("config.json")};
#endif
        QTest::newRow("triton") << QStringList{QStringLiteral("--format"), QStringLiteral("triton"),
                                               QStringLiteral("--name"), QStringLiteral("fashion")}
                                << "triton-step4"
                                << QStringList{QStringLiteral("fashion/1/model.pt"),
                                               QStringLiteral("fashion/config.pbtxt"),
                                               QStringLiteral("fashion/README.md")};
    }

    void exportsTheCrossModalModel()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, folder);
        QFETCH(QStringList, files);
        if (m_crossRun.isEmpty()) {
            m_crossProject = m_dir.filePath(QStringLiteral("cross"));
            QCOMPARE(cli({QStringLiteral("project"), QStringLiteral("init"), m_crossProject}).code, 0);
            const Out train = cli({QStringLiteral("train"), QStringLiteral("--config"),
                                   writeCrossModalConfig(m_dir.path()), QStringLiteral("--project"), m_crossProject});
            QVERIFY2(train.code == 0, train.err.constData());
            const QStringList runs
                = QDir(m_crossProject + QStringLiteral("/runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            QCOMPARE(runs.size(), 1);
            m_crossRun = runs.first();
        }
        const Out o = cli(QStringList{QStringLiteral("export"), QStringLiteral("--run"), m_crossRun,
                                      QStringLiteral("--project"), m_crossProject, QStringLiteral("--json")}
                          + args);
        QVERIFY2(o.code == 0, o.err.constData());
        QCOMPARE(QJsonDocument::fromJson(o.out).object().value(QLatin1String("model")).toString(),
                 QStringLiteral("fashion_mnist_pairs"));
        // The run's exports folder, or a folder of the project (starting with '/').
        const QString dir = folder.startsWith(QLatin1Char('/')) ? m_crossProject + folder
                                                                : m_crossProject + QStringLiteral("/runs/") + m_crossRun
                                                                      + QStringLiteral("/exports/") + folder;
        QVERIFY2(QDir(dir).exists(), qPrintable(dir));
        for (const QString &f : files)
            QVERIFY2(QFileInfo(dir + QLatin1Char('/') + f).size() > 0, qPrintable(f));
        if (args.contains(QStringLiteral("--int8"))) {
            QFile report(dir + QStringLiteral("/int8_report.json"));
            QVERIFY(report.open(QIODevice::ReadOnly));
            const QJsonObject r = QJsonDocument::fromJson(report.readAll()).object();
            QCOMPARE(r.value(QLatin1String("metric")).toString(), QStringLiteral("accuracy"));
            QVERIFY(r.value(QLatin1String("samples")).toInt() > 0);
            QVERIFY2(std::abs(r.value(QLatin1String("metric_change")).toDouble()) <= 0.05,
                     QJsonDocument(r).toJson().constData());
            // Without --json the table names what a sample is: an image, not tokens.
            const Out table = cli(QStringList{QStringLiteral("export"), QStringLiteral("--run"), m_crossRun,
                                              QStringLiteral("--project"), m_crossProject}
                                  + args);
            QVERIFY2(table.code == 0, table.err.constData());
            QVERIFY2(table.out.contains("eval samples (image [1, 28, 28])"), table.out.constData());
            QVERIFY(table.out.contains("accuracy"));
        }
        if (args.contains(QStringLiteral("triton"))) {
            QFile pbtxt(dir + QStringLiteral("/fashion/config.pbtxt"));
            QVERIFY(pbtxt.open(QIODevice::ReadOnly));
            const QByteArray config = pbtxt.readAll();
            QVERIFY2(config.contains("name: \"image\"") && config.contains("TYPE_FP32")
                         && config.contains("dims: [ 1, 28, 28 ]") && config.contains("dims: [ 10 ]"),
                     config.constData());
        }
    }

    void refusalsNameTheProblem_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown format")
            << QStringList{QStringLiteral("--format"), QStringLiteral("pickle")} << 2
            << "unknown export format 'pickle' (expected safetensors, torchscript, triton or onnx)";
        QTest::newRow("checkpoint outside the run")
            << QStringList{QStringLiteral("--format"), QStringLiteral("safetensors"), QStringLiteral("--checkpoint"),
                           QStringLiteral("../../seekbench.db")}
            << 2 << "must be a file inside the run folder";
        QTest::newRow("folder outside the project")
            << QStringList{QStringLiteral("--format"), QStringLiteral("safetensors"), QStringLiteral("--out"),
                           QStringLiteral("../elsewhere")}
            << 2 << "leaves the project folder";
        QTest::newRow("no format") << QStringList{} << 2 << "--format safetensors|torchscript|onnx|triton is required";
        QTest::newRow("triton: preferred size over the batch")
            << QStringList{QStringLiteral("--format"),
                           QStringLiteral("triton"),
                           QStringLiteral("--max-batch-size"),
                           QStringLiteral("8"),
                           QStringLiteral("--preferred-batch-sizes"),
                           QStringLiteral("4,16")}
            << 2 << "preferred_batch_size 16 must be in 1..max_batch_size (8)";
        QTest::newRow("triton: namespace") << QStringList{QStringLiteral("--format"), QStringLiteral("triton"),
                                                          QStringLiteral("--namespace"), QStringLiteral("Prod")}
                                           << 2 << "namespace";
        QTest::newRow("serving options without triton")
            << QStringList{QStringLiteral("--format"), QStringLiteral("torchscript"), QStringLiteral("--instances"),
                           QStringLiteral("2")}
            << 2 << "serving and Kubernetes options belong to --format triton";
        QTest::newRow("onnx: INT8") << QStringList{QStringLiteral("--format"), QStringLiteral("onnx"),
                                                   QStringLiteral("--int8")}
                                    << 2 << "--int8 applies to --format torchscript and triton";
        QTest::newRow("backend without triton") << QStringList{QStringLiteral("--format"), QStringLiteral("onnx"),
                                                               QStringLiteral("--backend"), QStringLiteral("onnx")}
                                                << 2 << "--backend belongs to --format triton";
        QTest::newRow("unknown Triton backend") << QStringList{QStringLiteral("--format"), QStringLiteral("triton"),
                                                               QStringLiteral("--backend"), QStringLiteral("tensorrt")}
                                                << 2 << "unknown Triton backend 'tensorrt' (expected libtorch or onnx)";
    }

    void refusalsNameTheProblem()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        projects::Project p = projects::Project::open(m_project.toStdString());
        const auto before = projects::RunStore(p).artifacts(m_run.toStdString()).size();
        const Out o = cli(QStringList{QStringLiteral("export"), QStringLiteral("--run"), m_run,
                                      QStringLiteral("--project"), m_project}
                          + args);
        QCOMPARE(o.code, code);
        QVERIFY2(QString::fromUtf8(o.err).contains(expected), o.err.constData());
        QCOMPARE(projects::RunStore(p).artifacts(m_run.toStdString()).size(), before); // nothing recorded
    }

    void damagedCheckpointIsNamed()
    {
        // A copy of the run with its newest checkpoint cut short.
        const QString checkpoints = m_project + QStringLiteral("/runs/") + m_run + QStringLiteral("/checkpoints");
        const QString newest = checkpoints + QStringLiteral("/step-00000012.sbckpt");
        QFile f(newest);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray bytes = f.readAll();
        QVERIFY(f.resize(bytes.size() / 2));
        f.close();
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"), m_run, QStringLiteral("--format"),
                           QStringLiteral("safetensors"), QStringLiteral("--project"), m_project});
        QCOMPARE(o.code, 2);
        QVERIFY2(QString::fromUtf8(o.err).contains(QStringLiteral("step-00000012.sbckpt")), o.err.constData());
        QVERIFY2(QString::fromUtf8(o.err).contains(QStringLiteral("truncated")), o.err.constData());
    }

    void unknownRunIsNamed()
    {
        const Out o = cli({QStringLiteral("export"), QStringLiteral("--run"),
                           QStringLiteral("20990101-000000-deadbeef"), QStringLiteral("--format"),
                           QStringLiteral("safetensors"), QStringLiteral("--project"), m_project});
        QVERIFY(o.code != 0);
        QVERIFY2(QString::fromUtf8(o.err).contains(QStringLiteral("20990101-000000-deadbeef")), o.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestExportCli)
#include "test_export_cli.moc"
