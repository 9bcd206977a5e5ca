// Exporting a trained model from a checkpoint (issue 23): every tensor of every model
// family (the DeepSeek-style transformer with MoE layers, the cross-modal model, the AML
// graph model) is read back bit for bit by a safetensors reader written from the format's
// specification, under its Hugging Face name where the architecture has one; a missing,
// truncated, corrupted, foreign or non-checkpoint file is refused with an error naming it,
// and nothing is written. The transformer's TorchScript file against the C++ module; the
// cross-modal model's in test_crossmodal_export.cpp, the AML graph model's in
// test_aml_export.cpp.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "aml_task.h"
#include "checkpoint.h"
#include "crossmodal_data.h"
#include "crossmodal_model.h"
#include "export_fixture.h"
#include "model.h"
#include "receivers.h"
#include "safetensors_reader.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/model_export.h"
#include "seekbench/export/safetensors.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/run/cancel_token.h"

#include <torch/script.h>

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
using namespace seekbench::receivers;

namespace {

std::string bytesOf(const at::Tensor &t)
{
    const at::Tensor c = t.detach().contiguous();
    return std::string(static_cast<const char *>(c.data_ptr()), std::size_t(c.numel()) * c.element_size());
}

bool filesIn(const fs::path &dir)
{
    std::error_code ec;
    return fs::exists(dir, ec) && !fs::is_empty(dir, ec);
}

} // namespace

class TestModelExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFamilyExportsEveryTensorBitForBit_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("expectName"); // one tensor's exported name
        QTest::newRow("transformer with MoE layers") << "moe.yaml"
                                                     << "model.layers.1.mlp.experts.7.down_proj.weight";
        QTest::newRow("cross-modal") << "crossmodal_tiny.yaml"
                                     << "cross_image.0.attn.q_proj.weight";
        QTest::newRow("AML graph") << "aml.yaml"
                                   << "edge_proj.weight";
    }

    void everyFamilyExportsEveryTensorBitForBit()
    {
        QFETCH(QString, config);
        QFETCH(QString, expectName);
        const RunConfig c = configNamed(config.toStdString());
        torch::manual_seed(11);
        auto module = buildModule(c);
        {
            torch::NoGradGuard noGrad; // weights no initialiser would give
            for (auto &p : module->parameters())
                p.add_(torch::randn_like(p) * 0.01);
        }
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*module, c, root / "step-7.sbckpt", 7);

        const ModelExportResult r = exportModel(
            request(root / "step-7.sbckpt", root / "out", ModelExportFormat::Safetensors));
        QCOMPARE(r.step, std::int64_t(7));
        QCOMPARE(r.dataKind, c.data.kind);
        QCOMPARE(r.files.size(), std::size_t(2));
        const test::ReadSafetensors file = test::readSafetensorsBySpec((root / "out" / "model.safetensors").string());
        std::size_t expected = 0;
        std::int64_t elements = 0;
        auto check = [&](const std::string &name, const at::Tensor &t) {
            const std::string exported = exportedTensorName(name, c);
            const auto it = file.tensors.find(exported);
            QVERIFY2(it != file.tensors.end(), exported.c_str());
            QCOMPARE(it->second.dtype, std::string("F32"));
            QCOMPARE(it->second.shape, std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end()));
            QVERIFY2(it->second.bytes == bytesOf(t), exported.c_str());
            ++expected;
            elements += t.numel();
        };
        for (const auto &item : module->named_parameters())
            check(item.key(), item.value());
        for (const auto &item : module->named_buffers())
            check(item.key(), item.value());
        QCOMPARE(file.tensors.size(), expected); // nothing more
        QCOMPARE(r.tensors, std::int64_t(expected));
        QCOMPARE(r.parameters, elements);
        QVERIFY(file.tensors.count(expectName.toStdString()));
        QCOMPARE(file.metadata.at("format"), std::string("pt"));

        std::ifstream in(root / "out" / "config.json");
        const nlohmann::json j = nlohmann::json::parse(in);
        QCOMPARE(j.at("seekbench").at("step").get<int>(), 7);
        QCOMPARE(j.at("seekbench").at("data_kind").get<std::string>(), c.data.kind);
        if (c.data.kind == "synthetic_text")
            QCOMPARE(j.at("n_routed_experts").get<int>(), c.model.n_routed_experts);
    }

    // The TorchScript file against the C++ module on fixed inputs, in this process (a bare
    // LibTorch load) and in Python's torch.jit.load. Tolerance: both run the same LibTorch
    // kernels; the differences come from the order of operations only (the MoE dispatch,
    // silu written as x * sigmoid(x), the attention's batched matmul), a few float32 ulps
    // of logits of order 1, so 1e-5 absolute plus 1e-4 relative.
    void torchScriptGivesTheModulesOutputs_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("variant");
        QTest::newRow("MoE, mean-pooled sequence head") << "moe.yaml"
                                                        << "";
        QTest::newRow("dense, last-token head, attention bias, bidirectional") << "tiny.yaml"
                                                                               << "last";
        QTest::newRow("causal LM with tied embeddings") << "tiny.yaml"
                                                        << "lm";
        QTest::newRow("token classification, sigmoid routing") << "moe.yaml"
                                                               << "token";
    }

    void torchScriptGivesTheModulesOutputs()
    {
        QFETCH(QString, config);
        QFETCH(QString, variant);
        RunConfig c = configNamed(config.toStdString());
        if (variant == QLatin1String("last")) {
            c.model.pooling = "last";
            c.model.attention_bias = true;
            c.model.causal = false;
        } else if (variant == QLatin1String("lm")) {
            c.model.head = "causal_lm";
            c.model.tie_word_embeddings = true;
        } else if (variant == QLatin1String("token")) {
            c.model.head = "token_classification";
            c.model.scoring_func = "sigmoid";
        }
        engine::DeepSeekModel model = perturbedModel(c.model, 5);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*model, c, root / "step-3.sbckpt", 3);
        const ModelExportResult r = exportModel(
            request(root / "step-3.sbckpt", root / "ts", ModelExportFormat::TorchScript));
        QCOMPARE(r.files.size(), std::size_t(2));
        QVERIFY(fs::exists(root / "ts" / "model.pt"));

        const at::Tensor ids = torch::randint(c.model.vocab_size, {3, 11}, torch::kLong);
        at::Tensor expected;
        {
            torch::NoGradGuard noGrad;
            expected = model->forward(ids).logits;
        }
        torch::jit::Module loaded = torch::jit::load((root / "ts" / "model.pt").string());
        loaded.eval();
        const at::Tensor got = loaded.forward({ids}).toTensor();
        QCOMPARE(got.sizes().vec(), expected.sizes().vec());
        const double diff = (got - expected).abs().max().item<double>();
        QVERIFY2(torch::allclose(got, expected, 1e-4, 1e-5), qPrintable(QStringLiteral("max diff %1").arg(diff)));

        // Python's torch.jit.load, nothing of Seekbench.
        nlohmann::json cas = {{"atol", 1e-5}, {"rtol", 1e-4}};
        const at::Tensor flatIds = ids.contiguous();
        cas["input_ids"] = nlohmann::json::array();
        for (int64_t b = 0; b < flatIds.size(0); ++b) {
            std::vector<int64_t> row(flatIds[b].data_ptr<int64_t>(), flatIds[b].data_ptr<int64_t>() + flatIds.size(1));
            cas["input_ids"].push_back(row);
        }
        // Nested lists of the expected logits, in their shape.
        std::function<nlohmann::json(const at::Tensor &)> nest = [&](const at::Tensor &t) {
            nlohmann::json j = nlohmann::json::array();
            if (t.dim() == 1) {
                for (int64_t i = 0; i < t.size(0); ++i)
                    j.push_back(t[i].item<double>());
            } else {
                for (int64_t i = 0; i < t.size(0); ++i)
                    j.push_back(nest(t[i]));
            }
            return j;
        };
        cas["logits"] = nest(expected.contiguous());
        std::ofstream(root / "case.json") << cas.dump();
        const QByteArray disagreement = pythonDisagrees(root / "ts" / "model.pt", root / "case.json");
        QVERIFY2(disagreement.isEmpty(), disagreement.constData());
    }

    void aCancelledExportLeavesNoFile()
    {
        const RunConfig c = configNamed("tiny.yaml");
        auto module = buildModule(c);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeCheckpoint(*module, c, root / "step-2.sbckpt", 2);
        for (ModelExportFormat format :
             {ModelExportFormat::Safetensors, ModelExportFormat::TorchScript, ModelExportFormat::Triton}) {
            CancelToken cancel;
            cancel.cancel(); // as SIGTERM sets it: the next safe point stops
            ModelExportRequest r = request(root / "step-2.sbckpt", root / "out", format);
            r.cancel = &cancel;
            QVERIFY_THROWS_EXCEPTION(CancelledError, exportModel(r));
            QVERIFY(!filesIn(root / "out"));
        }
        // Cancelled between the tensors of the file itself: no temporary is left either.
        CancelToken cancel;
        const std::string bytes(64, 'x');
        std::vector<SafetensorsTensor> tensors;
        for (int i = 0; i < 4; ++i)
            tensors.push_back({"t" + std::to_string(i), "U8", {64}, bytes.data(), bytes.size()});
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError,
                                 writeSafetensors(root / "part" / "m.safetensors", tensors, {}, &cancel));
        QVERIFY(!filesIn(root / "part"));
    }

    void badCheckpointsAreNamedAndNothingIsWritten_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << "missing"
                                 << "does not exist";
        QTest::newRow("truncated") << "truncated"
                                   << "truncated";
        QTest::newRow("a flipped byte") << "flipped"
                                        << "checksum";
        QTest::newRow("not a checkpoint") << "text"
                                          << "not a Seekbench checkpoint";
        QTest::newRow("another model's weights") << "foreign"
                                                 << "does not fit this model";
        QTest::newRow("no config in its header") << "no config"
                                                 << "its header has no run config";
    }

    void badCheckpointsAreNamedAndNothingIsWritten()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString(), file = root / "step-5.sbckpt";
        RunConfig c = configNamed("tiny.yaml");
        auto module = buildModule(c);
        if (damage == QLatin1String("foreign")) {
            RunConfig bigger = c; // the header's config asks for a wider model than the weights
            bigger.model.hidden_size *= 2;
            bigger.model.intermediate_size *= 2;
            writeCheckpoint(*module, bigger, file, 5);
        } else if (damage == QLatin1String("no config")) {
            torch::optim::SGD optimizer(module->parameters(), torch::optim::SGDOptions(0.1));
            writeCheckpointFile(file, R"({"step":5})",
                                engine::saveTrainingPayload(*module, optimizer, engine::TrainingState{}, nullptr));
        } else if (damage != QLatin1String("missing")) {
            writeCheckpoint(*module, c, file, 5);
            std::string bytes;
            {
                std::ifstream in(file, std::ios::binary);
                bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            }
            if (damage == QLatin1String("truncated"))
                bytes.resize(bytes.size() / 2);
            else if (damage == QLatin1String("flipped"))
                bytes[bytes.size() / 2] ^= 0x20;
            else
                bytes = "step: 5\nthis is a config, not a checkpoint\n";
            std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
        }
        try {
            exportModel(request(file, root / "out", ModelExportFormat::Safetensors));
            QFAIL("the damaged checkpoint was exported");
        } catch (const CheckpointError &e) {
            const std::string message = e.what();
            QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
            QVERIFY2(message.find(file.string()) != std::string::npos, message.c_str()); // names the file
        }
        QVERIFY(!filesIn(root / "out"));
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "test_model_export.moc"
