// The ONNX export of the DeepSeek-style transformer (issue 23), checked by three receivers
// that know nothing of Seekbench: onnx::checker in C++ (with the opset and the dynamic
// dims read back), Debian's python3-onnx (check_model with full_check), and ONNX Runtime
// (onnxruntime-node), whose logits must equal the C++ module's at two batch sizes and two
// sequence lengths. Other model families are refused by name, and nothing is written.
//
// Tolerance: 1e-4 of the largest |logit|. Both sides compute in fp32 and differ only in
// the order of operations (ONNX Runtime's MLAS GEMMs against OpenBLAS, 1/sqrt against
// rsqrt, silu as g * sigmoid(g), the MoE summed densely over every expert with zero
// weights, the softmax kernels): a few float32 ulps per operation, measured 1e-7 to 2e-6 of
// the largest logit on these models. 1e-4 leaves 50x that headroom while any real mistake
// (a mask, a rotary offset, a routing or pooling error) moves logits by 1e-2 or more (the
// causal mask reversed: 1.1 of the largest logit). The weights are seeded, so no MoE
// top-k near-tie flips between runs.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "aml_task.h"
#include "checkpoint.h"
#include "crossmodal_model.h"
#include "export_fixture.h"
#include "model.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/model_export.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/run/cancel_token.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace seekbench;
namespace fs = std::filesystem;
using seekbench::export_fixture::buildModule;
using seekbench::export_fixture::configNamed;
using seekbench::export_fixture::perturbedModel;
using seekbench::export_fixture::request;
using seekbench::export_fixture::writeCheckpoint;

namespace {

bool filesIn(const fs::path &dir)
{
    std::error_code ec;
    return fs::exists(dir, ec) && !fs::is_empty(dir, ec);
}

// A receiver that is not installed: SKIP with the reason, or FAIL where it must run
// (SEEKBENCH_REQUIRE_ONNXRUNTIME=1, or CI=true).
bool receiverRequired()
{
    return qEnvironmentVariable("SEEKBENCH_REQUIRE_ONNXRUNTIME") == QStringLiteral("1")
           || qEnvironmentVariable("CI") == QStringLiteral("true");
}

#define SKIP_OR_FAIL(why) \
    do { \
        const QString reason_ = (why); \
        if (receiverRequired()) \
            QFAIL(qPrintable(reason_ + QStringLiteral(" (required: SEEKBENCH_REQUIRE_ONNXRUNTIME=1 or CI=true)"))); \
        QSKIP(qPrintable(reason_)); \
    } while (false)

// Where scripts/lib.sh installs onnxruntime-node (seekbench_ensure_onnxruntime_node).
QString npmFolder()
{
    const QString dir = qEnvironmentVariable("SEEKBENCH_NPM_DIR");
    return dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/seekbench/npm") : dir;
}

std::vector<double> flat(const at::Tensor &t)
{
    const at::Tensor c = t.to(torch::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

} // namespace

class TestOnnxExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimesGiveTheModulesLogits_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("variant");
        QTest::newRow("dense, GQA, mean-pooled sequence classification") << "tiny.yaml"
                                                                         << "";
        QTest::newRow("dense causal LM, GQA") << "tiny.yaml"
                                              << "lm";
        QTest::newRow("causal LM, tied embeddings, attention bias, multi-head") << "tiny.yaml"
                                                                                << "tied";
        QTest::newRow("MoE (softmax routing, normalised top-2, shared expert), GQA") << "moe.yaml"
                                                                                     << "";
        QTest::newRow("MoE token classification, sigmoid routing") << "moe.yaml"
                                                                   << "token";
        QTest::newRow("last-token pooling, bidirectional, regression") << "tiny.yaml"
                                                                       << "last";
        // Weights in model.onnx.data, as for a model past 1 GiB (here forced at 0 bytes).
        QTest::newRow("external data, MoE") << "moe.yaml"
                                            << "external";
    }

    void runtimesGiveTheModulesLogits()
    {
        QFETCH(QString, config);
        QFETCH(QString, variant);
        RunConfig c = configNamed(config.toStdString());
        if (variant == QLatin1String("lm")) {
            c.model.head = "causal_lm";
        } else if (variant == QLatin1String("tied")) {
            c.model.head = "causal_lm";
            c.model.tie_word_embeddings = true;
            c.model.attention_bias = true;
            c.model.num_key_value_heads = c.model.num_attention_heads;
        } else if (variant == QLatin1String("token")) {
            c.model.head = "token_classification";
            c.model.scoring_func = "sigmoid";
        } else if (variant == QLatin1String("last")) {
            c.model.head = "regression";
            c.model.num_labels = 1;
            c.model.pooling = "last";
            c.model.causal = false;
        }
        engine::DeepSeekModel model = perturbedModel(c.model, 7);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*model, c, root / "step-4.sbckpt", 4);
        ModelExportRequest req = request(root / "step-4.sbckpt", root / "onnx", ModelExportFormat::Onnx);
        const bool external = variant == QLatin1String("external");
        if (external)
            req.onnxExternalDataAbove = 0;
        const ModelExportResult r = exportModel(req);
        QCOMPARE(r.files.size(), std::size_t(external ? 3 : 2));
        QCOMPARE(r.files[0].filename().string(), std::string("model.onnx"));
        QVERIFY(fs::exists(root / "onnx" / "config.json"));
        QCOMPARE(fs::exists(root / "onnx" / "model.onnx.data"), external);
        if (external) // the model file keeps the graph; the weights are beside it
            QVERIFY(fs::file_size(root / "onnx" / "model.onnx") < fs::file_size(root / "onnx" / "model.onnx.data") / 4);
        const std::string file = (root / "onnx" / "model.onnx").string();

        // 1. onnx::checker in C++, the opset and the dynamic dims.
        onnx::ModelProto proto;
        {
            std::ifstream in(file, std::ios::binary);
            QVERIFY(proto.ParseFromIstream(&in));
        }
        onnx::checker::check_model(file); // by path: external data is looked up beside it; throws on a failure
        QVERIFY(proto.opset_import_size() >= 1);
        QVERIFY(proto.opset_import(0).version() >= 13);
        QCOMPARE(proto.graph().input_size(), 1);
        const auto &in = proto.graph().input(0).type().tensor_type();
        QCOMPARE(proto.graph().input(0).name(), std::string("input_ids"));
        QCOMPARE(in.elem_type(), int(onnx::TensorProto::INT64));
        QCOMPARE(in.shape().dim(0).dim_param(), std::string("batch"));
        QCOMPARE(in.shape().dim(1).dim_param(), std::string("sequence"));
        const auto &out = proto.graph().output(0).type().tensor_type();
        QCOMPARE(proto.graph().output(0).name(), std::string("logits"));
        QCOMPARE(out.elem_type(), int(onnx::TensorProto::FLOAT));
        QCOMPARE(out.shape().dim(0).dim_param(), std::string("batch"));
        const bool perToken = c.model.head == "causal_lm" || c.model.head == "token_classification";
        QCOMPARE(out.shape().dim_size(), perToken ? 3 : 2);
        if (perToken)
            QCOMPARE(out.shape().dim(1).dim_param(), std::string("sequence"));

        // 2. Python's onnx checker (by path too, which reads the external data).
        int externalTensors = -1;
        checkWithPython(file, externalTensors);
        if (QTest::currentTestFailed())
            return;
        if (externalTensors >= 0) // -1: python3-onnx was missing and the check skipped
            QVERIFY2(external ? externalTensors > 10 : externalTensors == 0,
                     qPrintable(QString::number(externalTensors)));

        // 3. ONNX Runtime at two batch sizes and two sequence lengths.
        nlohmann::json cases = nlohmann::json::array();
        for (const auto &[batch, length] : {std::pair<int, int>{1, 5}, {3, 17}}) {
            const at::Tensor ids = torch::randint(c.model.vocab_size, {batch, length}, torch::kLong);
            at::Tensor expected;
            {
                torch::NoGradGuard noGrad;
                expected = model->forward(ids).logits;
            }
            nlohmann::json k;
            k["input_ids"] = nlohmann::json::array();
            for (int b = 0; b < batch; ++b)
                k["input_ids"].push_back(std::vector<std::int64_t>(ids[b].data_ptr<std::int64_t>(),
                                                                   ids[b].data_ptr<std::int64_t>() + length));
            k["dims"] = expected.sizes().vec();
            k["logits"] = flat(expected);
            k["rtol"] = 1e-4;
            cases.push_back(k);
        }
        std::ofstream(root / "cases.json") << cases.dump();
        runWithOnnxRuntime(file, (root / "cases.json").string());
    }

    void otherFamiliesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("family");
        QTest::newRow("cross-modal") << "crossmodal_tiny.yaml"
                                     << "cross-modal";
        QTest::newRow("AML graph") << "aml.yaml"
                                   << "AML graph model";
    }

    void otherFamiliesAreRefusedByName()
    {
        QFETCH(QString, config);
        QFETCH(QString, family);
        const RunConfig c = configNamed(config.toStdString());
        auto module = buildModule(c);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*module, c, root / "step-1.sbckpt", 1);
        try {
            exportModel(request(root / "step-1.sbckpt", root / "onnx", ModelExportFormat::Onnx));
            QFAIL("another model family was exported as ONNX");
        } catch (const std::invalid_argument &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(family), e.what());
            QVERIFY2(message.contains(QString::fromStdString(c.data.kind)), e.what());
        }
        QVERIFY(!filesIn(root / "onnx"));
    }

    void anUnknownFormatListsOnnx()
    {
        QCOMPARE(parseModelExportFormat("onnx"), ModelExportFormat::Onnx);
        QCOMPARE(formatName(ModelExportFormat::Onnx), std::string("onnx"));
        try {
            parseModelExportFormat("pickle");
            QFAIL("pickle was taken as a format");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(std::string(e.what()).find("onnx") != std::string::npos, e.what());
        }
    }

    // Triton's ONNX Runtime backend: <name>/1/model.onnx and platform onnxruntime_onnx.
    void aTritonRepositoryTakesTheOnnxFile()
    {
        const RunConfig c = configNamed("tiny.yaml");
        auto module = buildModule(c);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*module, c, root / "step-2.sbckpt", 2);
        ModelExportRequest r = request(root / "step-2.sbckpt", root / "triton", ModelExportFormat::Triton);
        r.serving.modelName = "tiny";
        r.tritonBackend = TritonPlatform::Onnx;
        exportModel(r);
        QVERIFY(fs::file_size(root / "triton" / "tiny" / "1" / "model.onnx") > 0);
        QVERIFY(!fs::exists(root / "triton" / "tiny" / "1" / "model.pt"));
        std::ifstream in(root / "triton" / "tiny" / "config.pbtxt");
        const std::string pbtxt((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QVERIFY2(pbtxt.find("platform: \"onnxruntime_onnx\"") != std::string::npos, pbtxt.c_str());

        r.outDir = root / "triton-int8";
        r.int8 = true; // INT8 is the LibTorch backend's
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportModel(r));
        QVERIFY(!filesIn(root / "triton-int8"));
    }

    void aCancelledExportLeavesNoFile()
    {
        const RunConfig c = configNamed("tiny.yaml");
        auto module = buildModule(c);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*module, c, root / "step-2.sbckpt", 2);
        CancelToken cancel;
        cancel.cancel();
        ModelExportRequest r = request(root / "step-2.sbckpt", root / "out", ModelExportFormat::Onnx);
        r.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(CancelledError, exportModel(r));
        QVERIFY(!filesIn(root / "out"));
    }

private:
    // externalTensors: how many initializers are stored as external data (-1 when skipped).
    void checkWithPython(const std::string &file, int &externalTensors)
    {
        externalTensors = -1;
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import onnx")});
        if (!python.waitForFinished(60000) || python.exitCode() != 0)
            SKIP_OR_FAIL(QStringLiteral("Debian's python3-onnx is not installed (/usr/bin/python3 cannot import onnx)"));
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(SEEKBENCH_SOURCE_DIR "/tests/core/check_onnx.py"), QString::fromStdString(file)});
        QVERIFY(python.waitForFinished(120000));
        const QByteArray out = python.readAllStandardOutput(), err = python.readAllStandardError();
        QVERIFY2(python.exitCode() == 0, (out + err).constData());
        const nlohmann::json j = nlohmann::json::parse(out.toStdString());
        QVERIFY(j.at("opset").get<int>() >= 13);
        QCOMPARE(j.at("inputs").at("input_ids").dump(), std::string(R"(["batch","sequence"])"));
        externalTensors = j.value("external_tensors", -1);
    }

    void runWithOnnxRuntime(const std::string &file, const std::string &cases)
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            SKIP_OR_FAIL(QStringLiteral("node is not installed (Debian's nodejs), so ONNX Runtime cannot run"));
        const QString modules = npmFolder() + QStringLiteral("/node_modules");
        if (!QFile::exists(modules + QStringLiteral("/onnxruntime-node/package.json")))
            SKIP_OR_FAIL(QStringLiteral("onnxruntime-node is not installed in %1 (scripts/test installs it: "
                                        "seekbench_ensure_onnxruntime_node)")
                             .arg(npmFolder()));
        QProcess run;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), modules);
        run.setProcessEnvironment(env);
        run.start(node, {QStringLiteral(SEEKBENCH_SOURCE_DIR "/tests/core/run_onnx.js"), QString::fromStdString(file),
                         QString::fromStdString(cases)});
        QVERIFY(run.waitForFinished(120000));
        const QByteArray out = run.readAllStandardOutput(), err = run.readAllStandardError();
        if (run.exitCode() == 2)
            SKIP_OR_FAIL(QStringLiteral("onnxruntime-node does not load: ") + QString::fromUtf8(out + err));
        QVERIFY2(run.exitCode() == 0, (out + err).constData());
        qInfo("ONNX Runtime against the module: %s", out.trimmed().constData());
    }
};

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
