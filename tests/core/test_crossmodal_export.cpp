// The cross-modal model exported as TorchScript (issue 23): the image classifier it is
// served as, against the engine's own class decision in this process and in Python's
// torch.jit.load, and its INT8 file within a stated bound (moved from test_model_export.cpp).

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "crossmodal_export_fixture.h"
#include "quantization.h"
#include "receivers.h"

#include "seekbench/engine/model_export.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/script.h>

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace seekbench;
namespace fs = std::filesystem;
using seekbench::export_fixture::crossModalConfig;
using seekbench::export_fixture::engineDecision;
using seekbench::export_fixture::fixedImages;
using seekbench::export_fixture::perturbedCrossModal;
using seekbench::export_fixture::request;
using seekbench::export_fixture::writeCheckpoint;
using namespace seekbench::receivers;

class TestCrossModalExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The cross-modal model as the image classifier it is served as: the TorchScript file's
    // logits [B, 10] against the engine's own class decision (engineDecision: the ViT head,
    // or the ten templates' scores through decide()) on fixed images, at batch 3 and 1, in
    // this process and in Python's torch.jit.load; the predicted classes are the same.
    // Tolerance as for the transformer, 1e-5 absolute plus 1e-4 relative: both run the same
    // LibTorch fp32 kernels and differ only in the order of operations (the engine's
    // small-matmul attention loop against torch.matmul, the cross projections per image and
    // template rather than per pair, the templates' all-padding columns dropped, the MoE
    // dispatch), a few float32 ulps of logits of order 1 (measured below 1e-6).
    void crossModalTorchScriptGivesTheEnginesDecision_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("cross-modal, template decision") << "templates";
        QTest::newRow("cross-modal, fused decision, stem, MoE, GQA, two cross layers") << "fused";
        QTest::newRow("image_only ViT with stem") << "vit";
    }

    void crossModalTorchScriptGivesTheEnginesDecision()
    {
        QFETCH(QString, variant);
        const RunConfig c = crossModalConfig(variant.toStdString());
        engine::CrossModalModel model = perturbedCrossModal(c, 13);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*model, c, root / "step-6.sbckpt", 6);
        const ModelExportResult r = exportModel(
            request(root / "step-6.sbckpt", root / "ts", ModelExportFormat::TorchScript));
        QCOMPARE(r.files.size(), std::size_t(2));
        torch::jit::Module loaded = torch::jit::load((root / "ts" / "model.pt").string());
        loaded.eval();
        for (const std::int64_t batch : {3, 1}) {
            const at::Tensor images = fixedImages(batch, 21 + std::uint64_t(batch));
            const at::Tensor expected = engineDecision(model, images);
            QCOMPARE(expected.sizes().vec(), (std::vector<std::int64_t>{batch, 10}));
            at::Tensor got;
            {
                torch::NoGradGuard noGrad;
                got = loaded.forward({images}).toTensor();
            }
            QCOMPARE(got.sizes().vec(), expected.sizes().vec());
            const double diff = (got - expected).abs().max().item<double>();
            QVERIFY2(torch::allclose(got, expected, 1e-4, 1e-5), qPrintable(QStringLiteral("max diff %1").arg(diff)));
            QVERIFY(torch::equal(got.argmax(1), expected.argmax(1)));
            qInfo("batch %lld: max |TorchScript - engine| %.3g", static_cast<long long>(batch), diff);

            const nlohmann::json cas
                = {{"atol", 1e-5}, {"rtol", 1e-4}, {"image", nested(images)}, {"logits", nested(expected)}};
            std::ofstream(root / "case.json") << cas.dump();
            const QByteArray disagreement = pythonDisagrees(root / "ts" / "model.pt", root / "case.json");
            QVERIFY2(disagreement.isEmpty(), disagreement.constData());
        }
        // A wrongly shaped input is refused by the file itself, naming what it takes.
        try {
            loaded.forward({torch::zeros({2, 784})});
            QFAIL("a flat [2, 784] input was taken");
        } catch (const std::exception &e) { // torch::jit::JITException
            QVERIFY2(std::string(e.what()).find("[batch, 1, 28, 28]") != std::string::npos, e.what());
        }
    }

    // --int8 for the cross-modal model: every encoder and cross-block linear layer in INT8
    // (the stem, gate, joint output and class head in fp32). Bound: the INT8 logits within
    // 5% of the largest |fp32 logit| and at least 90% of 64 images given the same class.
    // Per-channel INT8 weights and per-tensor INT8 activations each round to 1/254 of their
    // range; through three to five linear layers in a row that compounds to about 1-2% of
    // the logits' scale (measured below 2% on these models), so 5% holds with margin while a
    // mis-scaled or mis-packed layer moves logits by their own size. The report measures
    // accuracy on the run's test images (their files are installed by the build's dependencies).
    void crossModalInt8StaysWithinItsBound_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("cross-modal, template decision") << "templates";
        QTest::newRow("image_only ViT with stem") << "vit";
    }

    void crossModalInt8StaysWithinItsBound()
    {
        QFETCH(QString, variant);
        const RunConfig c = crossModalConfig(variant.toStdString());
        engine::CrossModalModel model = perturbedCrossModal(c, 17);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*model, c, root / "step-8.sbckpt", 8);
        ModelExportRequest req = request(root / "step-8.sbckpt", root / "int8", ModelExportFormat::TorchScript);
        req.int8 = true;
        const ModelExportResult r = exportModel(req);
        QVERIFY(fs::exists(root / "int8" / "int8_report.json"));
        if (engine::chooseInt8Kind() == engine::Int8Kind::Dynamic)
            engine::selectQuantizedEngine(); // the packed weights are laid out for it
        torch::jit::Module loaded = torch::jit::load((root / "int8" / "model.pt").string());
        loaded.eval();
        const at::Tensor images = fixedImages(64, 5);
        const at::Tensor expected = engineDecision(model, images);
        at::Tensor got;
        {
            torch::NoGradGuard noGrad;
            got = loaded.forward({images}).toTensor();
        }
        const double scale = expected.abs().max().item<double>();
        const double worst = (got - expected).abs().max().item<double>() / scale;
        const double agree = got.argmax(1).eq(expected.argmax(1)).to(torch::kDouble).mean().item<double>();
        qInfo("INT8: max |int8 - fp32| %.3g of the largest logit, same class %.3f", worst, agree);
        QVERIFY2(worst <= 0.05, qPrintable(QString::number(worst)));
        QVERIFY2(agree >= 0.9, qPrintable(QString::number(agree)));

        // Every dynamic INT8 layer quantizes activations to 7 bits (reduce_range): on x86
        // without VNNI, 8-bit activations saturate oneDNN's int16 pair sums (the bound
        // above failed at 0.10 on such processors). A VNNI machine passes the bound either
        // way, so the saved code is read too.
        if (engine::chooseInt8Kind() == engine::Int8Kind::Dynamic) {
            caffe2::serialize::PyTorchStreamReader zip((root / "int8" / "model.pt").string());
            int calls = 0;
            for (const std::string &name : zip.getAllRecords()) {
                if (name.rfind("code/", 0) != 0 || name.size() < 3 || name.compare(name.size() - 3, 3, ".py") != 0)
                    continue;
                const auto [data, size] = zip.getRecord(name);
                const std::string code(static_cast<const char *>(data.get()), size);
                for (size_t at = code.find("linear_dynamic("); at != std::string::npos;
                     at = code.find("linear_dynamic(", at + 1)) {
                    ++calls;
                    const std::string call = code.substr(at, code.find(')', at) - at + 1);
                    QVERIFY2(call.find("True)") != std::string::npos, (name + ": " + call).c_str());
                }
            }
            QVERIFY(calls > 0);
        }

        const nlohmann::json report = nlohmann::json::parse(r.int8Report);
        QCOMPARE(report.at("metric").get<std::string>(), std::string("accuracy"));
        QVERIFY2(!report.contains("metric_unavailable"), report.dump().c_str());
        QVERIFY(report.at("samples").get<int>() > 0);
        QVERIFY2(std::abs(report.at("metric_change").get<double>()) <= 0.05, report.dump().c_str());
        QVERIFY(report.at("int8").at("bytes").get<double>() < report.at("fp32").at("bytes").get<double>());
        std::ifstream in(root / "int8" / "config.json");
        QCOMPARE(nlohmann::json::parse(in).at("seekbench").at("quantization").get<std::string>(),
                 engine::int8KindName(engine::chooseInt8Kind()));
    }
};

QTEST_GUILESS_MAIN(TestCrossModalExport)
#include "test_crossmodal_export.moc"
