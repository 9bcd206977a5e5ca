// The Triton model repository's config.pbtxt read back the way Triton reads it: protobuf's
// TextFormat parser against a copy of Triton's model_config.proto (data/), loaded at run
// time, which refuses unknown fields and wrong types. Its values are checked by
// reflection; the README's example request is parsed as the server would.

#include "seekbench/export/triton_repository.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>
#include <nlohmann/json.hpp>

#include <QtTest>

#include <memory>
#include <stdexcept>

using namespace seekbench;
namespace pb = google::protobuf;

namespace {

struct Errors : pb::compiler::MultiFileErrorCollector, pb::io::ErrorCollector
{
    std::string text;
    void AddError(const std::string &file, int line, int column, const std::string &message) override
    {
        text += file + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message + "\n";
    }
    void AddError(int line, pb::io::ColumnNumber column, const std::string &message) override
    {
        text += std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message + "\n";
    }
};

// Triton's inference.ModelConfig, loaded from tests/core/data at run time.
class TritonSchema
{
public:
    TritonSchema()
    {
        m_tree.MapPath("", SEEKBENCH_TEST_DATA);
        m_importer = std::make_unique<pb::compiler::Importer>(&m_tree, &m_errors);
        if (!m_importer->Import("triton_model_config.proto"))
            throw std::runtime_error("cannot load triton_model_config.proto: " + m_errors.text);
        m_config = m_importer->pool()->FindMessageTypeByName("inference.ModelConfig");
        if (!m_config)
            throw std::runtime_error("inference.ModelConfig is missing from the proto");
    }

    // The parsed message, or null with the parser's errors in `errors`.
    std::unique_ptr<pb::Message> parse(const std::string &pbtxt, std::string &errors)
    {
        std::unique_ptr<pb::Message> m(m_factory.GetPrototype(m_config)->New());
        Errors e;
        pb::TextFormat::Parser parser;
        parser.RecordErrorsTo(&e);
        if (!parser.ParseFromString(pbtxt, m.get())) {
            errors = e.text;
            return nullptr;
        }
        return m;
    }

private:
    pb::compiler::DiskSourceTree m_tree;
    Errors m_errors;
    std::unique_ptr<pb::compiler::Importer> m_importer;
    const pb::Descriptor *m_config = nullptr;
    pb::DynamicMessageFactory m_factory;
};

TritonSchema &schema()
{
    static TritonSchema s;
    return s;
}

std::unique_ptr<pb::Message> parsed(const std::string &pbtxt)
{
    std::string errors;
    auto m = schema().parse(pbtxt, errors);
    if (!m)
        qWarning("config.pbtxt does not parse:\n%s\n%s", errors.c_str(), pbtxt.c_str());
    return m;
}

// Reflection by field name; a missing field is a test failure, not a crash.
const pb::FieldDescriptor *field(const pb::Message &m, const char *name)
{
    const pb::FieldDescriptor *f = m.GetDescriptor()->FindFieldByName(name);
    if (!f)
        throw std::runtime_error(std::string("no field ") + name + " in " + m.GetDescriptor()->full_name());
    return f;
}
std::string str(const pb::Message &m, const char *name) { return m.GetReflection()->GetString(m, field(m, name)); }
std::int64_t integer(const pb::Message &m, const char *name)
{
    const pb::FieldDescriptor *f = field(m, name);
    switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32: return m.GetReflection()->GetInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_UINT32: return m.GetReflection()->GetUInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_INT64: return m.GetReflection()->GetInt64(m, f);
    case pb::FieldDescriptor::CPPTYPE_UINT64: return std::int64_t(m.GetReflection()->GetUInt64(m, f));
    default: throw std::runtime_error(std::string(name) + " is not an integer");
    }
}
std::string enumName(const pb::Message &m, const char *name)
{
    return m.GetReflection()->GetEnum(m, field(m, name))->name();
}
int count(const pb::Message &m, const char *name) { return m.GetReflection()->FieldSize(m, field(m, name)); }
const pb::Message &item(const pb::Message &m, const char *name, int i)
{
    return m.GetReflection()->GetRepeatedMessage(m, field(m, name), i);
}
const pb::Message &sub(const pb::Message &m, const char *name)
{
    return m.GetReflection()->GetMessage(m, field(m, name));
}
bool has(const pb::Message &m, const char *name) { return m.GetReflection()->HasField(m, field(m, name)); }
std::vector<std::int64_t> dims(const pb::Message &m, const char *name = "dims")
{
    std::vector<std::int64_t> out;
    const pb::FieldDescriptor *f = field(m, name);
    for (int i = 0; i < count(m, name); ++i)
        out.push_back(f->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32
                          ? m.GetReflection()->GetRepeatedInt32(m, f, i)
                          : m.GetReflection()->GetRepeatedInt64(m, f, i));
    return out;
}

ModelSignature causalLm()
{
    ModelSignature sig;
    sig.vocabSize = 100;
    sig.inputs.push_back({"input_ids", "INT64", {-1}, 128});
    sig.outputs.push_back({"logits", "FP32", {-1, 100}, 128});
    return sig;
}

ServingSettings settings()
{
    ServingSettings s;
    s.modelName = "tiny_lm";
    s.maxBatchSize = 16;
    s.preferredBatchSizes = {4, 8};
    s.maxQueueDelayUs = 500;
    s.instances = 2;
    s.maxQueueSize = 64;
    s.requestTimeoutUs = 250000;
    return s;
}

template<typename F>
QString thrownMessage(F f)
{
    try {
        f();
    } catch (const std::invalid_argument &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestTritonRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theParserIsStrict()
    {
        // The check below is only worth something if a wrong config fails it.
        std::string errors;
        QVERIFY(schema().parse("name: \"m\"\nmax_batch_size: 4\n", errors));
        QVERIFY(!schema().parse("name: \"m\"\nmax_batch_sizes: 4\n", errors));
        QVERIFY(!schema().parse("max_batch_size: \"4\"\n", errors));
        QVERIFY(!schema().parse("input [ { data_type: INT64 } ]\n", errors));
        QVERIFY(!schema().parse("name: \"m\"\nname: \"n\"\n", errors)); // a field given twice
    }

    void libTorchConfigIsTritonsModelConfig()
    {
        const auto m = parsed(tritonConfigPbtxt(causalLm(), settings(), TritonPlatform::LibTorch));
        QVERIFY(m);
        QCOMPARE(str(*m, "name"), std::string("tiny_lm"));
        QCOMPARE(str(*m, "platform"), std::string("pytorch_libtorch"));
        QCOMPARE(integer(*m, "max_batch_size"), std::int64_t(16));
        QCOMPARE(count(*m, "input"), 1);
        QCOMPARE(str(item(*m, "input", 0), "name"), std::string("input_ids"));
        QCOMPARE(enumName(item(*m, "input", 0), "data_type"), std::string("TYPE_INT64"));
        QCOMPARE(dims(item(*m, "input", 0)), (std::vector<std::int64_t>{-1}));
        QCOMPARE(count(*m, "output"), 1);
        QCOMPARE(str(item(*m, "output", 0), "name"), std::string("logits"));
        QCOMPARE(enumName(item(*m, "output", 0), "data_type"), std::string("TYPE_FP32"));
        QCOMPARE(dims(item(*m, "output", 0)), (std::vector<std::int64_t>{-1, 100}));

        QVERIFY(has(*m, "dynamic_batching"));
        const pb::Message &batching = sub(*m, "dynamic_batching");
        QCOMPARE(dims(batching, "preferred_batch_size"), (std::vector<std::int64_t>{4, 8}));
        QCOMPARE(integer(batching, "max_queue_delay_microseconds"), std::int64_t(500));
        QVERIFY(has(batching, "default_queue_policy"));
        const pb::Message &queue = sub(batching, "default_queue_policy");
        QCOMPARE(integer(queue, "max_queue_size"), std::int64_t(64));
        QCOMPARE(integer(queue, "default_timeout_microseconds"), std::int64_t(250000));
        QCOMPARE(enumName(queue, "timeout_action"), std::string("REJECT"));
        QVERIFY(queue.GetReflection()->GetBool(queue, field(queue, "allow_timeout_override")));

        QCOMPARE(count(*m, "instance_group"), 1);
        QCOMPARE(integer(item(*m, "instance_group", 0), "count"), std::int64_t(2));
        QCOMPARE(enumName(item(*m, "instance_group", 0), "kind"), std::string("KIND_CPU"));

        // parameters is a map<string, ModelParameter>: entries with key and value.
        QCOMPARE(count(*m, "parameters"), 1);
        const pb::Message &entry = item(*m, "parameters", 0);
        QCOMPARE(str(entry, "key"), std::string("INFERENCE_MODE"));
        QCOMPARE(str(sub(entry, "value"), "string_value"), std::string("true"));
    }

    void onnxConfigHasNoTorchParameters()
    {
        ModelSignature sig;
        sig.vocabSize = 50;
        sig.inputs.push_back({"input_ids", "INT64", {-1}, 64});
        sig.outputs.push_back({"logits", "FP32", {3}, 0});
        const auto m = parsed(tritonConfigPbtxt(sig, settings(), TritonPlatform::Onnx));
        QVERIFY(m);
        QCOMPARE(str(*m, "platform"), std::string("onnxruntime_onnx"));
        QCOMPARE(dims(item(*m, "output", 0)), (std::vector<std::int64_t>{3}));
        QCOMPARE(count(*m, "parameters"), 0);
        QCOMPARE(tritonModelFile(TritonPlatform::Onnx), std::string("model.onnx"));
        QCOMPARE(tritonModelFile(TritonPlatform::LibTorch), std::string("model.pt"));
    }

    void noDynamicBatchingWhenOff()
    {
        ServingSettings s = settings();
        s.dynamicBatching = false;
        const auto m = parsed(tritonConfigPbtxt(causalLm(), s, TritonPlatform::LibTorch));
        QVERIFY(m);
        QVERIFY(!has(*m, "dynamic_batching"));
        QCOMPARE(integer(*m, "max_batch_size"), std::int64_t(16)); // batches a client sends still work
        QCOMPARE(integer(item(*m, "instance_group", 0), "count"), std::int64_t(2));
    }

    void datatypes_data()
    {
        QTest::addColumn<QString>("kserve");
        QTest::addColumn<QString>("triton");
        for (const char *t : {"INT64", "FP32", "INT32", "FP16", "BF16", "UINT8", "BOOL", "INT8", "FP64"})
            QTest::newRow(t) << QString::fromLatin1(t) << QStringLiteral("TYPE_") + QString::fromLatin1(t);
        QTest::newRow("BYTES") << QStringLiteral("BYTES") << QStringLiteral("TYPE_STRING");
    }

    void datatypes()
    {
        QFETCH(QString, kserve);
        QFETCH(QString, triton);
        ModelSignature sig = causalLm();
        sig.outputs.front().datatype = kserve.toStdString();
        const auto m = parsed(tritonConfigPbtxt(sig, settings(), TritonPlatform::Onnx));
        QVERIFY(m);
        QCOMPARE(enumName(item(*m, "output", 0), "data_type"), triton.toStdString());
    }

    void unknownDatatypeNamesTheTensor_data()
    {
        QTest::addColumn<QString>("datatype");
        QTest::newRow("torch spelling") << QStringLiteral("float32");
        QTest::newRow("lowercase") << QStringLiteral("int64");
        QTest::newRow("empty") << QString();
        QTest::newRow("triton spelling") << QStringLiteral("TYPE_FP32");
    }

    void unknownDatatypeNamesTheTensor()
    {
        QFETCH(QString, datatype);
        ModelSignature sig = causalLm();
        sig.outputs.push_back({"scores", datatype.toStdString(), {2}, 0});
        for (TritonPlatform p : {TritonPlatform::LibTorch, TritonPlatform::Onnx}) {
            const QString config = thrownMessage([&] { tritonConfigPbtxt(sig, settings(), p); });
            QVERIFY2(config.contains(QLatin1String("'scores'")), qPrintable(config));
            const QString readme = thrownMessage([&] { tritonRepositoryReadme(sig, settings(), p, "run"); });
            QVERIFY2(readme.contains(QLatin1String("'scores'")), qPrintable(readme));
        }
    }

    void badSettingsAndTensorsAreRefusedByName()
    {
        ServingSettings s = settings();
        s.maxBatchSize = 0;
        QVERIFY(thrownMessage([&] {
                    tritonConfigPbtxt(causalLm(), s, TritonPlatform::LibTorch);
                }).contains(QLatin1String("max_batch_size")));
        s = settings();
        s.modelName = "a b";
        QVERIFY(thrownMessage([&] {
                    tritonConfigPbtxt(causalLm(), s, TritonPlatform::LibTorch);
                }).contains(QLatin1String("model name")));
        ModelSignature sig = causalLm();
        sig.inputs.front().dims = {};
        QVERIFY(thrownMessage([&] {
                    tritonConfigPbtxt(sig, settings(), TritonPlatform::LibTorch);
                }).contains(QLatin1String("'input_ids'")));
        sig = causalLm();
        sig.outputs.front().dims = {0, 4};
        QVERIFY(thrownMessage([&] {
                    tritonConfigPbtxt(sig, settings(), TritonPlatform::LibTorch);
                }).contains(QLatin1String("'logits'")));
    }

    void tensorNamesCannotAddFields()
    {
        // A name that closes its string and opens a field is kept as one name.
        ModelSignature sig = causalLm();
        const std::string hostile = "ids\"\n  dims: [ 9 ]\n}\nmax_batch_size: 1\n# \\ '";
        sig.inputs.front().name = hostile;
        const auto m = parsed(tritonConfigPbtxt(sig, settings(), TritonPlatform::LibTorch));
        QVERIFY(m);
        QCOMPARE(str(item(*m, "input", 0), "name"), hostile);
        QCOMPARE(dims(item(*m, "input", 0)), (std::vector<std::int64_t>{-1}));
        QCOMPARE(integer(*m, "max_batch_size"), std::int64_t(16));
    }

    void readmeTellsTheReceiverWhatToRun()
    {
        const std::string source = "run 20240611-ab12 of project /data/p, checkpoint step 4000 (`ckpt-4000.sbk`)";
        const std::string readme = tritonRepositoryReadme(causalLm(), settings(), TritonPlatform::LibTorch, source);
        for (const std::string &needle :
             {source, std::string("tiny_lm/"), std::string("config.pbtxt"), std::string("1/"), std::string("model.pt"),
              std::string("tritonserver --model-repository=/models"),
              std::string("http://localhost:8000/v2/models/tiny_lm/infer"), std::string("`logits` is output 0"),
              std::string("500 us"), std::string("At most 64 requests queue"), std::string("250000 us"),
              std::string("[4, 8]"), std::string("input `input_ids` INT64 [-1]"),
              std::string("output 0 `logits` FP32 [-1, 100]")})
            QVERIFY2(readme.find(needle) != std::string::npos, needle.c_str());
        QVERIFY(readme.find("model.onnx") == std::string::npos);

        // The curl body is a KServe v2 request this model accepts.
        const std::size_t start = readme.find("-d '");
        QVERIFY(start != std::string::npos);
        const std::size_t end = readme.find('\'', start + 4);
        const nlohmann::json body = nlohmann::json::parse(readme.substr(start + 4, end - start - 4));
        QCOMPARE(body["inputs"].size(), std::size_t(1));
        const nlohmann::json &in = body["inputs"][0];
        QCOMPARE(in["name"].get<std::string>(), std::string("input_ids"));
        QCOMPARE(in["datatype"].get<std::string>(), std::string("INT64"));
        const auto shape = in["shape"].get<std::vector<std::int64_t>>();
        QCOMPARE(shape.size(), std::size_t(2));
        QCOMPARE(shape[0], std::int64_t(1));
        QVERIFY(shape[1] >= 1 && shape[1] <= 128);
        QCOMPARE(in["data"].size(), std::size_t(shape[1]));
        for (const auto &v : in["data"])
            QVERIFY(v.is_number_integer() && v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() < 100);
        QCOMPARE(body["outputs"][0]["name"].get<std::string>(), std::string("logits"));
    }

    void readmeForOnnxAndWithoutBatching()
    {
        ServingSettings s = settings();
        s.dynamicBatching = false;
        const std::string readme = tritonRepositoryReadme(causalLm(), s, TritonPlatform::Onnx, "checkpoint x");
        QVERIFY(readme.find("model.onnx") != std::string::npos);
        QVERIFY(readme.find("onnxruntime_onnx") != std::string::npos);
        QVERIFY(readme.find("Dynamic batching is off") != std::string::npos);
        QVERIFY(readme.find("INFERENCE_MODE") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTritonRepository)
#include "test_triton_repository.moc"
