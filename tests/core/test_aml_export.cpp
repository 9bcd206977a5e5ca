// The AML graph model exported as TorchScript (issue 23): the file's laundering logits on a
// generated transaction graph, through sigmoid, against the engine's own scores
// (scoreAmlTransactions, the training task's scoring path) in this process (a bare LibTorch
// load) and in Python's torch.jit.load; INT8 within its bound; every input checked by name;
// the Triton repository without a batch axis.
//
// Tolerance: 1e-5 absolute on the probabilities. Both sides run the same LibTorch fp32
// kernels and differ only in the order of operations (matmul against the fused Linear and
// RMSNorm, silu as written, the MoE dispatch), a few float32 ulps of logits of order 1;
// sigmoid's slope is at most 1/4, so probabilities move less still (measured below 1e-6).
// A wrong window, degree, padding or peer index moves scores by 1e-2 or more.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "aml_export_fixture.h"
#include "quantization.h"
#include "receivers.h"

#include "seekbench/aml/features.h"
#include "seekbench/engine/model_export.h"

#include <torch/script.h>

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace seekbench;
namespace fs = std::filesystem;
using namespace seekbench::export_fixture;
using namespace seekbench::receivers;

namespace {

// The inputs scoring only `rows` of the graph.
engine::AmlGraphInputs scoring(const engine::AmlGraphInputs &all, const at::Tensor &rows)
{
    engine::AmlGraphInputs in = all;
    in.seqIndex = all.seqIndex.index_select(0, rows);
    in.seqExtra = all.seqExtra.index_select(0, rows);
    in.seqPeer = all.seqPeer.index_select(0, rows);
    in.rows = rows;
    return in;
}

at::Tensor probabilities(torch::jit::Module &m, const engine::AmlGraphInputs &in)
{
    torch::NoGradGuard noGrad;
    return torch::sigmoid(m.forward(in.values()).toTensor());
}

} // namespace

class TestAmlExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void torchScriptGivesTheEnginesScores_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("two message layers, causal blocks") << "dense";
        QTest::newRow("MoE, GQA, attention bias, bidirectional, 2-day windows") << "moe";
    }

    void torchScriptGivesTheEnginesScores()
    {
        QFETCH(QString, variant);
        const RunConfig c = amlConfig(variant.toStdString());
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 31);
        const at::Tensor expected = engineScores(c, root / "step-4.sbckpt");
        const ModelExportResult r = exportModel(
            request(root / "step-4.sbckpt", root / "ts", ModelExportFormat::TorchScript));
        QCOMPARE(r.files.size(), std::size_t(2));
        torch::jit::Module loaded = torch::jit::load((root / "ts" / "model.pt").string());
        loaded.eval();

        const engine::AmlGraphInputs all = engine::amlGraphInputs(c, amlData());
        const at::Tensor got = probabilities(loaded, all);
        QCOMPARE(got.sizes().vec(), expected.sizes().vec());
        const double diff = (got - expected).abs().max().item<double>();
        qInfo("%lld transactions: max |TorchScript - engine| %.3g (scores %.3f..%.3f)",
              static_cast<long long>(got.size(0)), diff, expected.min().item<double>(), expected.max().item<double>());
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
        QVERIFY(expected.max().item<double>() - expected.min().item<double>() > 0.05); // scores that tell apart

        // Any subset of the transactions scored alone: the same scores.
        const at::Tensor rows = torch::tensor(std::vector<std::int64_t>{got.size(0) - 1, 5, 0, got.size(0) / 2});
        const at::Tensor some = probabilities(loaded, scoring(all, rows));
        QVERIFY(torch::allclose(some, expected.index_select(0, rows), 0, 1e-5));

        // config.json documents the inputs.
        std::ifstream in(root / "ts" / "config.json");
        const nlohmann::json sig = nlohmann::json::parse(in).at("seekbench").at("signature");
        QCOMPARE(sig.at("batched").get<bool>(), false);
        QCOMPARE(sig.at("inputs").size(), std::size_t(8));
        QCOMPARE(sig.at("inputs").at(4).at("name").get<std::string>(), std::string("seq_index"));
        QCOMPARE(sig.at("inputs").at(4).at("dims").dump(), std::string("[-1,8]"));
        QVERIFY(!sig.at("inputs").at(1).at("meaning").get<std::string>().empty());

        // Python's torch.jit.load, nothing of Seekbench, on 16 scored transactions.
        const at::Tensor few = torch::arange(0, got.size(0), got.size(0) / 16).slice(0, 0, 16);
        const engine::AmlGraphInputs part = scoring(all, few);
        nlohmann::json cas = {{"atol", 1e-5}, {"rtol", 0.0}, {"inputs", nlohmann::json::array()}};
        for (const at::Tensor &t : part.tensors())
            cas["inputs"].push_back({{"dtype", t.is_floating_point() ? "float32" : "int64"}, {"values", nested(t)}});
        cas["scores"] = nested(expected.index_select(0, few));
        std::ofstream(root / "case.json") << cas.dump();
        const QByteArray disagreement = pythonDisagrees(root / "ts" / "model.pt", root / "case.json");
        QVERIFY2(disagreement.isEmpty(), disagreement.constData());
    }

    // --int8: every linear layer but head2 (one output) in INT8. Bound: INT8 probabilities
    // within 0.05 of the engine's fp32 ones on every transaction, and the report's PR-AUC
    // change within 0.05. Per-channel INT8 weights and per-call INT8 activations each round
    // to 1/254 of their range; through the edge and node projections, the message layers,
    // the blocks and head1 (six to nine linear layers in a row) that compounds to about 1-3%
    // of the logits' scale, and sigmoid's slope (<= 1/4) shrinks it on probabilities
    // (measured below 0.01), while a mis-scaled or mis-packed layer moves scores by 0.1 or more.
    void int8StaysWithinItsBound()
    {
        const RunConfig c = amlConfig("dense");
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 37);
        const at::Tensor expected = engineScores(c, root / "step-4.sbckpt");
        ModelExportRequest req = request(root / "step-4.sbckpt", root / "int8", ModelExportFormat::TorchScript);
        req.int8 = true;
        const ModelExportResult r = exportModel(req);
        QVERIFY(fs::exists(root / "int8" / "int8_report.json"));
        if (engine::chooseInt8Kind() == engine::Int8Kind::Dynamic)
            engine::selectQuantizedEngine(); // the packed weights are laid out for it
        torch::jit::Module loaded = torch::jit::load((root / "int8" / "model.pt").string());
        loaded.eval();
        const at::Tensor got = probabilities(loaded, engine::amlGraphInputs(c, amlData()));
        const double worst = (got - expected).abs().max().item<double>();
        qInfo("INT8: max |int8 - fp32| probability %.3g", worst);
        QVERIFY2(worst <= 0.05, qPrintable(QString::number(worst)));

        const nlohmann::json report = nlohmann::json::parse(r.int8Report);
        QCOMPARE(report.at("metric").get<std::string>(), std::string("pr_auc"));
        // A bare checkpoint, no project data: generated transactions, and the report says so.
        QVERIFY2(report.at("data").get<std::string>().rfind("generated", 0) == 0, report.dump().c_str());
        QVERIFY(report.at("samples").get<int>() > 0);
        QVERIFY2(std::abs(report.at("metric_change").get<double>()) <= 0.05, report.dump().c_str());
        QVERIFY(report.at("int8").at("bytes").get<double>() < report.at("fp32").at("bytes").get<double>());
        std::ifstream in(root / "int8" / "config.json");
        QCOMPARE(nlohmann::json::parse(in).at("seekbench").at("quantization").get<std::string>(),
                 engine::int8KindName(engine::chooseInt8Kind()));
    }

    // Given the run's transactions, config.json carries seekbench.aml_inputs: its mean and
    // stddev normalise the engineered features to the very edge_features the engine reads
    // (prepareAml's), its window origin and length give the engine's windows, and the INT8
    // report measures on the run's test months. Tolerance 1e-5: the JSON holds the doubles
    // exactly, the engine rounds to float once (relative 6e-8 of values of order 1..10).
    void amlInputsReproduceTheEnginesTensors()
    {
        const RunConfig c = amlConfig("moe"); // 2-day windows
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 47);
        ModelExportRequest req = request(root / "step-4.sbckpt", root / "ts", ModelExportFormat::TorchScript);
        req.amlData = std::make_shared<const aml::AmlData>(amlData());
        req.int8 = true;
        const ModelExportResult r = exportModel(req);
        std::ifstream in(root / "ts" / "config.json");
        const nlohmann::json inputs = nlohmann::json::parse(in).at("seekbench").at("aml_inputs");
        const aml::FeatureMatrix fm = aml::computeFeatures(amlData());
        QCOMPARE(inputs.at("feature_names").get<std::vector<std::string>>(), fm.names);
        const auto mean = inputs.at("feature_mean").get<std::vector<double>>();
        const auto sd = inputs.at("feature_stddev").get<std::vector<double>>();
        QCOMPARE(mean.size(), std::size_t(27));
        QCOMPARE(sd.size(), std::size_t(27));
        auto edge = torch::empty({std::int64_t(fm.rows), 27});
        for (std::size_t i = 0; i < fm.rows; ++i)
            for (std::size_t j = 0; j < 27; ++j)
                edge[std::int64_t(i)][std::int64_t(j)] = (fm.at(i, j) - mean[j]) / sd[j];
        const engine::AmlGraphInputs all = engine::amlGraphInputs(c, amlData());
        const double diff = (edge - all.edgeFeatures).abs().max().item<double>();
        QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));
        QVERIFY(all.edgeFeatures.abs().max().item<double>() > 0.5); // normalised values that tell apart

        // The windows: window * accounts + sender is edge_src.
        const double origin = inputs.at("window_origin").get<double>();
        const double days = inputs.at("window_days").get<double>();
        QCOMPARE(days, 2.0);
        QCOMPARE(inputs.at("sequence_length").get<int>(), 8);
        const auto &tx = amlData().tx;
        const std::int64_t accounts = std::int64_t(amlData().accounts.size());
        for (std::size_t i = 0; i < tx.size(); ++i) {
            const auto window = std::int64_t(std::floor((tx.time[i] - origin) / (days * 86400)));
            QCOMPARE(window * accounts + tx.sender[i], all.edgeSrc[std::int64_t(i)].item<std::int64_t>());
        }

        const nlohmann::json report = nlohmann::json::parse(r.int8Report);
        QVERIFY2(report.at("data").get<std::string>().rfind("the run's test months: ", 0) == 0, report.dump().c_str());
        const aml::AmlPeriods periods = aml::amlPeriods(amlData(), c.aml);
        std::int64_t test = 0;
        for (std::size_t i = 0; i < tx.size(); ++i)
            test += periods.of(tx.time[i]) == aml::AmlPeriod::Test && (tx.label[i] == 0 || tx.label[i] == 1);
        QCOMPARE(report.at("samples").get<std::int64_t>(), test);
        QVERIFY2(std::abs(report.at("metric_change").get<double>()) <= 0.05, report.dump().c_str());
    }

    // A wrong input is refused by the file itself, with a message naming the input.
    void badInputsAreRefusedByName_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("edge_features with 26 columns") << "edge_cols"
                                                       << "edge_features must be float [transactions, 27]";
        QTest::newRow("node_features flattened") << "node_flat"
                                                 << "node_features must be float [windows, accounts, 6]";
        QTest::newRow("edge_src one short") << "src_short"
                                            << "edge_src must be int64 [transactions]";
        QTest::newRow("edge_dst past the nodes") << "dst_range"
                                                 << "edge_dst must hold window * accounts + account";
        QTest::newRow("seq_index of another sequence length") << "seq_len"
                                                              << "seq_index must be int64 [scored, 8]";
        QTest::newRow("seq_index past the transactions") << "seq_range"
                                                         << "seq_index must hold transaction indices";
        QTest::newRow("seq_extra with 2 per slot") << "extra"
                                                   << "seq_extra must be float [scored, 8, 3]";
        QTest::newRow("seq_peer negative") << "peer"
                                           << "seq_peer must hold window * accounts + account";
        QTest::newRow("rows as float") << "rows_float"
                                       << "rows must be int64 [scored]";
    }

    void badInputsAreRefusedByName()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        const RunConfig c = amlConfig("dense");
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 41);
        exportModel(request(root / "step-4.sbckpt", root / "ts", ModelExportFormat::TorchScript));
        torch::jit::Module loaded = torch::jit::load((root / "ts" / "model.pt").string());
        engine::AmlGraphInputs in = scoring(engine::amlGraphInputs(c, amlData()), torch::arange(4));
        const std::int64_t T = in.edgeFeatures.size(0);
        if (damage == QLatin1String("edge_cols"))
            in.edgeFeatures = in.edgeFeatures.slice(1, 0, 26);
        else if (damage == QLatin1String("node_flat"))
            in.nodeFeatures = in.nodeFeatures.reshape({-1, 6});
        else if (damage == QLatin1String("src_short"))
            in.edgeSrc = in.edgeSrc.slice(0, 0, T - 1);
        else if (damage == QLatin1String("dst_range"))
            in.edgeDst = in.edgeDst + in.nodeFeatures.size(0) * in.nodeFeatures.size(1);
        else if (damage == QLatin1String("seq_len"))
            in.seqIndex = in.seqIndex.slice(1, 0, 7);
        else if (damage == QLatin1String("seq_range"))
            in.seqIndex = in.seqIndex + T;
        else if (damage == QLatin1String("extra"))
            in.seqExtra = in.seqExtra.slice(2, 0, 2);
        else if (damage == QLatin1String("peer"))
            in.seqPeer = in.seqPeer - 1 - in.seqPeer.max();
        else
            in.rows = in.rows.to(torch::kFloat);
        try {
            torch::NoGradGuard noGrad;
            loaded.forward(in.values());
            QFAIL("the damaged input was taken");
        } catch (const std::exception &e) { // torch::jit::JITException
            QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
        }
    }

    // Triton's LibTorch backend: max_batch_size 0 (no batch axis), no dynamic batching, the
    // eight inputs by name with their whole shapes; the README says so.
    void tritonRepositoryHasNoBatchAxis()
    {
        const RunConfig c = amlConfig("dense");
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 43);
        ModelExportRequest req = request(root / "step-4.sbckpt", root / "repo", ModelExportFormat::Triton);
        req.serving.modelName = "aml";
        exportModel(req);
        std::ifstream in(root / "repo" / "aml" / "config.pbtxt");
        const std::string pbtxt((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        QVERIFY2(pbtxt.find("max_batch_size: 0\n") != std::string::npos, pbtxt.c_str());
        QVERIFY2(pbtxt.find("dynamic_batching") == std::string::npos, pbtxt.c_str());
        QVERIFY2(pbtxt.find("name: \"seq_extra\"\n    data_type: TYPE_FP32\n    dims: [ -1, 8, 3 ]")
                     != std::string::npos,
                 pbtxt.c_str());
        QVERIFY(fs::exists(root / "repo" / "aml" / "1" / "model.pt"));
        std::ifstream readme(root / "repo" / "aml" / "README.md");
        const std::string text((std::istreambuf_iterator<char>(readme)), std::istreambuf_iterator<char>());
        QVERIFY2(text.find("no batch axis") != std::string::npos, text.c_str());
        QVERIFY2(text.find("window * accounts + sender") != std::string::npos, text.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAmlExport)
#include "test_aml_export.moc"
