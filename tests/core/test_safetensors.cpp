// Exported model files, torch-free (issue 23): the safetensors writer read back by a reader
// written from the format's specification, bad tensors refused by name with no file left,
// a full disk, and the names and config.json that make an export read like a Hugging Face
// checkpoint.

#include "safetensors_reader.h"

#include "seekbench/config/config_io.h"
#include "seekbench/export/model_files.h"
#include "seekbench/export/safetensors.h"
#include "seekbench/formats/atomic_file.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sys/resource.h>

using namespace seekbench;
namespace fs = std::filesystem;

namespace {

template<typename T>
std::string bytesOf(const std::vector<T> &v)
{
    return std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(T));
}

SafetensorsTensor tensor(const std::string &name, const std::string &dtype, std::vector<std::int64_t> shape,
                         const std::string &bytes)
{
    return {name, dtype, std::move(shape), bytes.data(), bytes.size()};
}

bool filesIn(const fs::path &dir)
{
    std::error_code ec;
    return fs::exists(dir, ec) && !fs::is_empty(dir, ec);
}

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDtypeReadsBackBitForBit()
    {
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "m" / "model.safetensors";
        // Awkward values on purpose: NaN with a payload, infinities, negative zero, denormals.
        std::vector<float> f32
            = {1.5f,   -0.0f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::denorm_min(),
               -3e38f, 0.1f};
        std::uint32_t nanBits = 0x7fc01234;
        float nan;
        std::memcpy(&nan, &nanBits, 4);
        f32.push_back(nan);
        f32.push_back(2.0f);
        const std::vector<std::uint16_t> bf16 = {0x3f80, 0xbf80, 0x7f80, 0x0001};
        const std::vector<std::int64_t> i64 = {std::numeric_limits<std::int64_t>::min(), -1, 0, 42};
        const std::vector<std::uint8_t> u8 = {0, 255, 7}, boolean = {1, 0};
        const std::vector<double> scalar = {3.25};
        const std::string f32b = bytesOf(f32), bf16b = bytesOf(bf16), i64b = bytesOf(i64), u8b = bytesOf(u8),
                          boolb = bytesOf(boolean), scalarb = bytesOf(scalar), empty;
        writeSafetensors(file,
                         {tensor("model.layers.0.self_attn.q_proj.weight", "F32", {2, 4}, f32b),
                          tensor("b", "BF16", {4}, bf16b), tensor("steps", "I64", {2, 2}, i64b),
                          tensor("bytes", "U8", {3}, u8b), tensor("mask", "BOOL", {2}, boolb),
                          tensor("scalar", "F64", {}, scalarb), tensor("none", "F32", {0, 3}, empty)},
                         {{"format", "pt"}, {"producer", "seekbench"}});
        const test::ReadSafetensors r = test::readSafetensorsBySpec(file.string());
        QCOMPARE(r.headerSize % 8, std::uint64_t(0)); // the buffer starts aligned
        QCOMPARE(r.metadata.at("format"), std::string("pt"));
        QCOMPARE(r.tensors.size(), std::size_t(7));
        const auto &q = r.tensors.at("model.layers.0.self_attn.q_proj.weight");
        QCOMPARE(q.dtype, std::string("F32"));
        QCOMPARE(q.shape, (std::vector<std::int64_t>{2, 4}));
        QVERIFY(q.bytes == f32b); // every bit, the NaN's payload included
        QVERIFY(r.tensors.at("b").bytes == bf16b);
        QVERIFY(r.tensors.at("steps").bytes == i64b);
        QVERIFY(r.tensors.at("bytes").bytes == u8b);
        QVERIFY(r.tensors.at("mask").bytes == boolb);
        QVERIFY(r.tensors.at("scalar").shape.empty());
        QVERIFY(r.tensors.at("scalar").bytes == scalarb);
        QCOMPARE(r.tensors.at("none").shape, (std::vector<std::int64_t>{0, 3}));
        QVERIFY(!fs::exists(file.string() + ".tmp"));
    }

    void badTensorsAreRefusedByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty name") << ""
                                    << "F32" << 2 << 8 << "may not be named ''";
        QTest::newRow("metadata name") << "__metadata__"
                                       << "F32" << 2 << 8 << "may not be named '__metadata__'";
        QTest::newRow("repeated name") << "w"
                                       << "F32" << 2 << 8 << "'w' appears twice";
        QTest::newRow("unknown dtype") << "x"
                                       << "F8" << 2 << 8 << "tensor 'x' has the unknown dtype 'F8'";
        QTest::newRow("negative dimension") << "x"
                                            << "F32" << -2 << 8 << "tensor 'x' has a negative dimension";
        QTest::newRow("short bytes") << "x"
                                     << "F32" << 2 << 7 << "tensor 'x' has 7 bytes, its shape and dtype need 8";
        QTest::newRow("long bytes") << "x"
                                    << "I64" << 2 << 24 << "tensor 'x' has 24 bytes, its shape and dtype need 16";
    }

    void badTensorsAreRefusedByName()
    {
        QFETCH(QString, name);
        QFETCH(QString, dtype);
        QFETCH(int, dim);
        QFETCH(int, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path out = fs::path(dir.path().toStdString()) / "out";
        const std::string good(8, 'g'), data(std::size_t(bytes), 'd');
        std::vector<SafetensorsTensor> tensors = {tensor("w", "F32", {2}, good)};
        tensors.push_back(tensor(name.toStdString(), dtype.toStdString(), {dim}, data));
        try {
            writeSafetensors(out / "model.safetensors", tensors);
            QFAIL("the bad tensor was written");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
        }
        QVERIFY(!filesIn(out)); // nothing half-written
    }

    void fullDiskLeavesTheOldFileAndNoTemporary()
    {
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "model.safetensors";
        const std::string small(16, 's');
        writeSafetensors(file, {tensor("old", "U8", {16}, small)});
        // A file-size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit limited = old;
        limited.rlim_cur = 50000;
        setrlimit(RLIMIT_FSIZE, &limited);
        const std::string big(200000, 'b');
        std::string message;
        int error = 0;
        try {
            writeSafetensors(file, {tensor("new", "U8", {200000}, big)});
        } catch (const FileWriteError &e) {
            message = e.what();
            error = e.systemError();
        }
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY2(message.starts_with("disk full: cannot write model file " + file.string() + ".tmp"), message.c_str());
        QCOMPARE(error, EFBIG);
        QVERIFY(!fs::exists(file.string() + ".tmp"));
        QVERIFY(test::readSafetensorsBySpec(file.string()).tensors.count("old")); // the old file survives
    }

    void transformerNamesFollowHuggingFace_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("exported");
        QTest::newRow("embedding") << "synthetic_text"
                                   << "embed_tokens.weight"
                                   << "model.embed_tokens.weight";
        QTest::newRow("attention") << "synthetic_text"
                                   << "layers.1.self_attn.k_proj.weight"
                                   << "model.layers.1.self_attn.k_proj.weight";
        QTest::newRow("routed expert") << "synthetic_text"
                                       << "layers.2.mlp.experts.7.down_proj.weight"
                                       << "model.layers.2.mlp.experts.7.down_proj.weight";
        QTest::newRow("router") << "synthetic_text"
                                << "layers.2.mlp.gate.weight"
                                << "model.layers.2.mlp.gate.weight";
        QTest::newRow("final norm") << "synthetic_text"
                                    << "norm.weight"
                                    << "model.norm.weight";
        QTest::newRow("lm head") << "synthetic_text"
                                 << "lm_head.weight"
                                 << "lm_head.weight";
        QTest::newRow("score head") << "synthetic_text"
                                    << "score.bias"
                                    << "score.bias";
        QTest::newRow("cross-modal") << "fashion_mnist_pairs"
                                     << "image_layers.0.attn.q_proj.weight"
                                     << "image_layers.0.attn.q_proj.weight";
        QTest::newRow("aml") << "aml_transactions"
                             << "edge_proj.weight"
                             << "edge_proj.weight";
    }

    void transformerNamesFollowHuggingFace()
    {
        QFETCH(QString, kind);
        QFETCH(QString, module);
        QFETCH(QString, exported);
        RunConfig c;
        c.data.kind = kind.toStdString();
        QCOMPARE(QString::fromStdString(exportedTensorName(module.toStdString(), c)), exported);
    }

    void configJsonDescribesTheModel()
    {
        RunConfig c;
        c.model.n_routed_experts = 8;
        c.model.n_shared_experts = 1;
        c.model.num_experts_per_tok = 2;
        c.model.moe_intermediate_size = 64;
        c.model.head = "sequence_classification";
        c.model.pooling = "last";
        c.model.num_labels = 3;
        const std::string yaml = toYaml(c);
        auto j = nlohmann::json::parse(exportedConfigJson(c, yaml, 120));
        QCOMPARE(j.at("model_type").get<std::string>(), std::string("deepseek"));
        QCOMPARE(j.at("architectures").at(0).get<std::string>(), std::string("DeepseekForSequenceClassification"));
        QCOMPARE(j.at("hidden_size").get<int>(), c.model.hidden_size);
        QCOMPARE(j.at("num_key_value_heads").get<int>(), c.model.num_key_value_heads);
        QCOMPARE(j.at("n_routed_experts").get<int>(), 8);
        QCOMPARE(j.at("num_labels").get<int>(), 3);
        QCOMPARE(j.at("problem_type").get<std::string>(), std::string("single_label_classification"));
        QCOMPARE(j.at("seekbench").at("step").get<int>(), 120);
        // The run's whole config comes back from the file: nothing to rebuild the model is lost.
        const ConfigLoad back = parseRunConfig(j.at("seekbench").at("config_yaml").get<std::string>());
        QVERIFY(back.issues.empty());
        QVERIFY(back.config.model == c.model);

        c.model.pooling = "mean"; // no Hugging Face class pools by the mean: named for Seekbench
        j = nlohmann::json::parse(exportedConfigJson(c, yaml, 1));
        QCOMPARE(j.at("architectures").at(0).get<std::string>(),
                 std::string("SeekbenchDeepseekForMeanPooledSequenceClassification"));
        c.model.head = "causal_lm";
        j = nlohmann::json::parse(exportedConfigJson(c, yaml, 1));
        QCOMPARE(j.at("architectures").at(0).get<std::string>(), std::string("DeepseekForCausalLM"));
        QVERIFY(!j.contains("num_labels"));
        // A dense causal LM declares the Llama layout it has, as DeepSeek LLM's checkpoints do.
        c.model.n_routed_experts = 0;
        j = nlohmann::json::parse(exportedConfigJson(c, yaml, 1));
        QCOMPARE(j.at("architectures").at(0).get<std::string>(), std::string("LlamaForCausalLM"));
        QCOMPARE(j.at("model_type").get<std::string>(), std::string("llama"));
        QCOMPARE(j.at("head_dim").get<int>(), c.model.hidden_size / c.model.num_attention_heads);
        QCOMPARE(j.at("rope_parameters").at("rope_theta").get<double>(), c.model.rope_theta);
        c.data.kind = "fashion_mnist_pairs";
        j = nlohmann::json::parse(exportedConfigJson(c, yaml, 1));
        QCOMPARE(j.at("model_type").get<std::string>(), std::string("seekbench_crossmodal"));
        QVERIFY(!j.contains("architectures"));
    }

    void unknownFormatListsTheFormats()
    {
        QCOMPARE(formatName(parseModelExportFormat("safetensors")), std::string("safetensors"));
        try {
            parseModelExportFormat("pickle");
            QFAIL("an unknown format was accepted");
        } catch (const std::invalid_argument &e) {
            QCOMPARE(std::string(e.what()),
                     std::string("unknown export format 'pickle' (expected safetensors, torchscript, triton or onnx)"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
