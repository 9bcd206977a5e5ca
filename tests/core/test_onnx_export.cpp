// The ONNX export of the DeepSeek-style transformer (issue 23), checked by three receivers
// that know nothing of Seekbench: onnx::checker in C++ (with the opset and the dynamic
// dims read back), Debian's python3-onnx (check_model with full_check), and ONNX Runtime
// (onnxruntime-node), whose logits must equal the C++ module's at two batch sizes and two
// sequence lengths. The AML graph model's ONNX file is tested in test_aml_onnx_export.cpp.
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

#include "checkpoint.h"
#include "crossmodal_export_fixture.h"
#include "crossmodal_model.h"
#include "export_fixture.h"
#include "model.h"
#include "receivers.h"

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
using seekbench::export_fixture::crossModalConfig;
using seekbench::export_fixture::engineDecision;
using seekbench::export_fixture::fixedImages;
using seekbench::export_fixture::perturbedCrossModal;
using seekbench::export_fixture::perturbedModel;
using seekbench::export_fixture::request;
using seekbench::export_fixture::writeCheckpoint;
using namespace seekbench::receivers;

namespace {

bool filesIn(const fs::path &dir)
{
    std::error_code ec;
    return fs::exists(dir, ec) && !fs::is_empty(dir, ec);
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

    // The cross-modal model as the image classifier it is served as (image [batch, 1, 28, 28]
    // -> logits [batch, 10]): the checker, Python's onnx, and ONNX Runtime at batch 1 and 3
    // against the engine's own class decision (engineDecision). Tolerance as above, 1e-4 of
    // the largest |logit|: fp32 on both sides, differing in the order of operations (and the
    // MoE computed densely); measured about 1e-6 of the largest logit.
    void crossModalRuntimesGiveTheEnginesDecision_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("cross-modal, template decision") << "templates";
        QTest::newRow("cross-modal, fused decision, stem, MoE, GQA, two cross layers") << "fused";
        QTest::newRow("image_only ViT with stem") << "vit";
    }

    void crossModalRuntimesGiveTheEnginesDecision()
    {
        QFETCH(QString, variant);
        const RunConfig c = crossModalConfig(variant.toStdString());
        engine::CrossModalModel model = perturbedCrossModal(c, 19);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*model, c, root / "step-9.sbckpt", 9);
        const ModelExportResult r = exportModel(request(root / "step-9.sbckpt", root / "onnx", ModelExportFormat::Onnx));
        QCOMPARE(r.files.size(), std::size_t(2));
        const std::string file = (root / "onnx" / "model.onnx").string();

        onnx::ModelProto proto;
        {
            std::ifstream in(file, std::ios::binary);
            QVERIFY(proto.ParseFromIstream(&in));
        }
        onnx::checker::check_model(file); // throws on a failure
        QVERIFY(proto.opset_import(0).version() >= 13);
        QCOMPARE(proto.graph().input_size(), 1);
        QCOMPARE(proto.graph().input(0).name(), std::string("image"));
        const auto &in = proto.graph().input(0).type().tensor_type();
        QCOMPARE(in.elem_type(), int(onnx::TensorProto::FLOAT));
        QCOMPARE(in.shape().dim(0).dim_param(), std::string("batch"));
        QCOMPARE(in.shape().dim(3).dim_value(), std::int64_t(28));
        const auto &out = proto.graph().output(0).type().tensor_type();
        QCOMPARE(proto.graph().output(0).name(), std::string("logits"));
        QCOMPARE(out.shape().dim(0).dim_param(), std::string("batch"));
        QCOMPARE(out.shape().dim(1).dim_value(), std::int64_t(10));
        bool caption = false, templates = false; // the caption encoder is folded into the templates' encoding
        for (const auto &t : proto.graph().initializer()) {
            caption |= t.name().rfind("text_layers.", 0) == 0 || t.name() == "embed_tokens.weight";
            templates |= t.name() == "template_states";
        }
        QVERIFY(!caption);
        QCOMPARE(templates, c.crossmodal.architecture != "image_only");

        int externalTensors = -1;
        checkWithPython(file, externalTensors, "image", R"(["batch",1,28,28])");
        if (QTest::currentTestFailed())
            return;

        nlohmann::json cases = nlohmann::json::array();
        for (const std::int64_t batch : {1, 3}) {
            const at::Tensor images = fixedImages(batch, 31 + std::uint64_t(batch));
            const at::Tensor expected = engineDecision(model, images);
            cases.push_back({{"image", flat(images)},
                             {"image_dims", images.sizes().vec()},
                             {"dims", expected.sizes().vec()},
                             {"logits", flat(expected)},
                             {"rtol", 1e-4}});
        }
        std::ofstream(root / "cases.json") << cases.dump();
        runWithOnnxRuntime(file, (root / "cases.json").string());
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
    void checkWithPython(const std::string &file, int &externalTensors, const std::string &input = "input_ids",
                         const std::string &inputDims = R"(["batch","sequence"])")
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
        QCOMPARE(j.at("inputs").at(input).dump(), inputDims);
        externalTensors = j.value("external_tensors", -1);
    }
};

QTEST_GUILESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
