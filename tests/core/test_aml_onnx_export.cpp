// The AML graph model's ONNX export (issue 23), checked by three receivers that know
// nothing of Seekbench: onnx::checker in C++ (opset 16 and the dynamic dims read back),
// Debian's python3-onnx (check_model with full_check) and ONNX Runtime (onnxruntime-node),
// whose scores must equal the engine's (scoreAmlTransactions) on a generated transaction
// graph, at two numbers of scored transactions.
//
// Tolerance: 1e-5 of the largest probability. Both sides compute in fp32 and differ in the
// order of operations only: MLAS GEMMs against OpenBLAS, ScatterND's sums against
// index_add's (the same terms, another order), 1/sqrt against rsqrt, the MoE summed densely
// with zero weights: a few float32 ulps of logits of order 1, and sigmoid's slope is at most
// 1/4 (measured below 1e-6). A wrong window, degree or padding moves scores by 1e-2 or more.

#include <torch/torch.h> // torch first, then Qt (QT_NO_KEYWORDS is set on the target)

#include "aml_export_fixture.h"
#include "receivers.h"

#include "seekbench/engine/model_export.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace seekbench;
namespace fs = std::filesystem;
using namespace seekbench::export_fixture;
using namespace seekbench::receivers;

class TestAmlOnnxExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimesGiveTheEnginesScores_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::newRow("two message layers, causal blocks") << "dense";
        QTest::newRow("MoE, GQA, attention bias, bidirectional, 2-day windows") << "moe";
    }

    void runtimesGiveTheEnginesScores()
    {
        QFETCH(QString, variant);
        const RunConfig c = amlConfig(variant.toStdString());
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeAmlCheckpoint(c, root / "step-4.sbckpt", 53);
        const at::Tensor expected = engineScores(c, root / "step-4.sbckpt");
        const ModelExportResult r = exportModel(request(root / "step-4.sbckpt", root / "onnx", ModelExportFormat::Onnx));
        QCOMPARE(r.files.size(), std::size_t(2));
        const std::string file = (root / "onnx" / "model.onnx").string();

        // 1. onnx::checker in C++, the opset and the dynamic dims.
        onnx::ModelProto proto;
        {
            std::ifstream in(file, std::ios::binary);
            QVERIFY(proto.ParseFromIstream(&in));
        }
        onnx::checker::check_model(file); // throws on a failure
        QCOMPARE(proto.opset_import(0).version(), std::int64_t(16));
        QCOMPARE(proto.graph().input_size(), 8);
        const auto dimParam = [&](int input, int axis) {
            return proto.graph().input(input).type().tensor_type().shape().dim(axis).dim_param();
        };
        QCOMPARE(proto.graph().input(0).name(), std::string("edge_features"));
        QCOMPARE(dimParam(0, 0), std::string("transactions"));
        QCOMPARE(dimParam(1, 0), std::string("windows"));
        QCOMPARE(dimParam(1, 1), std::string("accounts"));
        QCOMPARE(proto.graph().input(4).name(), std::string("seq_index"));
        QCOMPARE(dimParam(4, 0), std::string("scored"));
        QCOMPARE(proto.graph().output(0).name(), std::string("logits"));

        // 2. Python's onnx checker with full_check.
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
        QCOMPARE(j.at("opset").get<int>(), 16);
        QCOMPARE(j.at("inputs").at("node_features").dump(), std::string(R"(["windows","accounts",6])"));

        // 3. ONNX Runtime on every transaction, then on 7 of them.
        const engine::AmlGraphInputs all = engine::amlGraphInputs(c, amlData());
        const char *names[] = {"edge_features", "node_features", "edge_src", "edge_dst",
                               "seq_index",     "seq_extra",     "seq_peer", "rows"};
        nlohmann::json cases = nlohmann::json::array();
        const std::int64_t n = expected.size(0);
        for (const at::Tensor &rows :
             {torch::arange(n), torch::tensor(std::vector<std::int64_t>{n - 1, 0, 3, 9, 27, n / 2, n / 3})}) {
            engine::AmlGraphInputs in = all;
            in.seqIndex = all.seqIndex.index_select(0, rows);
            in.seqExtra = all.seqExtra.index_select(0, rows);
            in.seqPeer = all.seqPeer.index_select(0, rows);
            in.rows = rows;
            nlohmann::json k = {{"feeds", nlohmann::json::array()}, {"sigmoid", true}, {"rtol", 1e-5}};
            const std::vector<at::Tensor> tensors = in.tensors();
            for (std::size_t i = 0; i < tensors.size(); ++i)
                k["feeds"].push_back({{"name", names[i]},
                                      {"type", tensors[i].is_floating_point() ? "float32" : "int64"},
                                      {"dims", tensors[i].sizes().vec()},
                                      {"data", flat(tensors[i])}});
            k["logits"] = flat(expected.index_select(0, rows));
            k["dims"] = {rows.size(0)};
            cases.push_back(k);
        }
        std::ofstream(root / "cases.json") << cases.dump();
        runWithOnnxRuntime(file, (root / "cases.json").string());
    }
};

QTEST_GUILESS_MAIN(TestAmlOnnxExport)
#include "test_aml_onnx_export.moc"
