// Config parsing, validation messages and HF import: what `seekbench-cli validate`
// and the GUI's editor both rely on.

#include "seekbench/config/config_io.h"
#include "seekbench/config/config_schema.h"
#include "seekbench/config/lr_schedule.h"
#include "seekbench/config/validation.h"

#include <QtTest>

#include <fstream>

using namespace seekbench;

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreValid();
    void exampleConfigsAreValid_data();
    void exampleConfigsAreValid();
    void invalidConfigs_data();
    void invalidConfigs();
    void everyProblemAtOnce();
    void canonicalYamlRoundTrips();
    void hashIgnoresLayout();
    void missingFileIsNamed();
    void notAConfigFileIsRefused_data();
    void notAConfigFileIsRefused();
    void hfImport();
    void hfImportMalformed_data();
    void hfImportMalformed();
    void schemaCoversEveryField();
    void learningRateSchedule();
};

void TestConfig::defaultsAreValid() { QVERIFY(validate(RunConfig{}).empty()); }

void TestConfig::exampleConfigsAreValid_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name : {"tiny.yaml", "small.yaml", "moe.yaml"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestConfig::exampleConfigsAreValid()
{
    QFETCH(QString, file);
    const std::string path = std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/" + file.toStdString();
    const ConfigLoad load = loadRunConfig(path);
    QVERIFY2(load.ok(), load.issues.empty() ? "" : describe(load.issues.front()).c_str());
    const auto issues = validate(load.config);
    QVERIFY2(issues.empty(), issues.empty() ? "" : describe(issues.front()).c_str());
}

// Each row: a YAML config with one problem, and the exact message the user sees.
void TestConfig::invalidConfigs_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("hidden not divisible by heads")
        << "model: {hidden_size: 66, num_attention_heads: 4}"
        << "model.hidden_size"
        << "not_divisible"
        << "model.hidden_size: 66 is not divisible by model.num_attention_heads (4)";
    QTest::newRow("odd head dim")
        << "model: {hidden_size: 12, num_attention_heads: 4, num_key_value_heads: 4}"
        << "model.num_attention_heads"
        << "head_dim_odd"
        << "model.num_attention_heads: head dimension 3 is odd; rotary embeddings need an even one";
    QTest::newRow("kv heads exceed heads") << "model: {num_key_value_heads: 8}"
                                           << "model.num_key_value_heads"
                                           << "exceeds"
                                           << "model.num_key_value_heads: 8 exceeds model.num_attention_heads (4)";
    QTest::newRow("heads not divisible by kv heads")
        << "model: {hidden_size: 96, num_attention_heads: 6, num_key_value_heads: 4}"
        << "model.num_attention_heads"
        << "not_divisible"
        << "model.num_attention_heads: 6 is not divisible by model.num_key_value_heads (4)";
    QTest::newRow("experts per token exceed experts")
        << "model: {n_routed_experts: 4, num_experts_per_tok: 6, moe_intermediate_size: 32}"
        << "model.num_experts_per_tok"
        << "exceeds"
        << "model.num_experts_per_tok: 6 exceeds model.n_routed_experts (4)";
    QTest::newRow("moe without expert size") << "model: {n_routed_experts: 4, num_experts_per_tok: 2}"
                                             << "model.moe_intermediate_size"
                                             << "out_of_range"
                                             << "model.moe_intermediate_size: 0 is out of range; must be at least 1";
    QTest::newRow("negative layers") << "model: {num_hidden_layers: -1}"
                                     << "model.num_hidden_layers"
                                     << "out_of_range"
                                     << "model.num_hidden_layers: -1 is out of range; must be between 1 and 1024";
    QTest::newRow("unknown scoring function") << "model: {scoring_func: relu}"
                                              << "model.scoring_func"
                                              << "bad_choice"
                                              << "model.scoring_func: 'relu' is not one of: softmax, sigmoid";
    QTest::newRow("unknown key") << "model: {hiden_size: 64}"
                                 << "model.hiden_size"
                                 << "unknown_key"
                                 << "model.hiden_size: unknown key";
    QTest::newRow("unknown section key") << "optimiser: adamw"
                                         << "optimiser"
                                         << "unknown_key"
                                         << "optimiser: unknown key";
    QTest::newRow("duplicate key") << "training:\n  lr: 0.1\n  lr: 0.2\n"
                                   << "training.lr"
                                   << "duplicate_key"
                                   << "training.lr: given more than once (again at line 3)";
    QTest::newRow("wrong type") << "training: {lr: fast}"
                                << "training.lr"
                                << "wrong_type"
                                << "training.lr: expected number, got 'fast'";
    QTest::newRow("int given as float") << "model: {hidden_size: 64.5}"
                                        << "model.hidden_size"
                                        << "wrong_type"
                                        << "model.hidden_size: expected integer, got '64.5'";
    QTest::newRow("section is a scalar") << "model: 3"
                                         << "model"
                                         << "wrong_type"
                                         << "model: expected mapping, got '3'";
    QTest::newRow("yaml syntax") << "model: {hidden_size: 64\ntraining: ["
                                 << ""
                                 << "yaml_syntax"
                                 << "";
    QTest::newRow("warmup exceeds steps") << "training: {warmup_steps: 500, max_steps: 100}"
                                          << "training.warmup_steps"
                                          << "exceeds"
                                          << "training.warmup_steps: 500 exceeds training.max_steps (100)";
    QTest::newRow("sequence longer than positions") << "model: {max_position_embeddings: 16}\ndata: {seq_len: 32}"
                                                    << "data.seq_len"
                                                    << "exceeds"
                                                    << "data.seq_len: 32 exceeds model.max_position_embeddings (16)";
    QTest::newRow("labels do not match classes") << "model: {num_labels: 3}"
                                                 << "model.num_labels"
                                                 << "mismatch"
                                                 << "model.num_labels: 3 does not match data.num_classes (expected 4)";
    QTest::newRow("fp16 on a CPU build")
        << "training: {precision: fp16}"
        << "training.precision"
        << "fp16_unavailable"
        << "training.precision: fp16 is not available: this build's LibTorch has no CUDA; CPU autocast supports only bf16";
    QTest::newRow("cuda on a CPU build") << "training: {device: cuda}"
                                         << "training.device"
                                         << "cuda_unavailable"
                                         << "training.device: CUDA is not available in this build or on this machine";
    QTest::newRow("nccl on a CPU build")
        << "training: {backend: nccl}"
        << "training.backend"
        << "nccl_unavailable"
        << "training.backend: NCCL is not available: this build's LibTorch has no NCCL (a CPU LibTorch); use gloo or auto";
    QTest::newRow("unknown backend") << "training: {backend: mpi}"
                                     << "training.backend"
                                     << "bad_choice"
                                     << "training.backend: 'mpi' is not one of: auto, gloo, nccl";
    QTest::newRow("batch larger than data") << "data: {train_samples: 16}\ntraining: {batch_size: 32}"
                                            << "training.batch_size"
                                            << "exceeds"
                                            << "training.batch_size: 32 exceeds data.train_samples (16)";
    QTest::newRow("tied embeddings without LM head")
        << "model: {tie_word_embeddings: true}"
        << "model.tie_word_embeddings"
        << "mismatch"
        << "model.tie_word_embeddings: true does not match model.head (expected causal_lm)";
    // The AML alert policy: an FPR target strictly between 0 and 1, severity cuts in [0, 1]
    // with medium at most high.
    QTest::newRow("aml fpr target zero") << "aml: {fpr_target: 0}"
                                         << "aml.fpr_target"
                                         << "out_of_range"
                                         << "aml.fpr_target: 0 is out of range; must be between 1e-06 and 0.999999";
    QTest::newRow("aml fpr target one") << "aml: {fpr_target: 1}"
                                        << "aml.fpr_target"
                                        << "out_of_range"
                                        << "aml.fpr_target: 1 is out of range; must be between 1e-06 and 0.999999";
    QTest::newRow("aml high severity above one") << "aml: {severity_high: 1.5}"
                                                 << "aml.severity_high"
                                                 << "out_of_range"
                                                 << "aml.severity_high: 1.5 is out of range; must be between 0 and 1";
    QTest::newRow("aml negative medium severity")
        << "aml: {severity_medium: -0.1}"
        << "aml.severity_medium"
        << "out_of_range"
        << "aml.severity_medium: -0.1 is out of range; must be between 0 and 1";
    QTest::newRow("aml medium severity above high") << "aml: {severity_high: 0.6, severity_medium: 0.7}"
                                                    << "aml.severity_medium"
                                                    << "exceeds"
                                                    << "aml.severity_medium: 0.7 exceeds aml.severity_high (0.6)";
    QTest::newRow("aml fpr target not a number") << "aml: {fpr_target: low}"
                                                 << "aml.fpr_target"
                                                 << "wrong_type"
                                                 << "aml.fpr_target: expected number, got 'low'";
}

void TestConfig::invalidConfigs()
{
    QFETCH(QString, yaml);
    QFETCH(QString, key);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const ConfigLoad load = parseRunConfig(yaml.toStdString());
    const ConfigIssues issues = load.ok() ? validate(load.config) : load.issues;
    QCOMPARE(issues.size(), size_t(1));
    QCOMPARE(QString::fromStdString(issues[0].key), key);
    QCOMPARE(QString::fromStdString(issues[0].code), code);
    if (!message.isEmpty())
        QCOMPARE(QString::fromStdString(describe(issues[0])), message);
    else
        QVERIFY(describe(issues[0]).find("line 2") != std::string::npos);
}

void TestConfig::everyProblemAtOnce()
{
    const ConfigLoad load = parseRunConfig(
        "model: {hidden_size: 66, n_routed_experts: 2, num_experts_per_tok: 3, moe_intermediate_size: 8}\n"
        "training: {lr: -1, optimizer: lamb}\n");
    QVERIFY(load.ok());
    const auto issues = validate(load.config);
    QStringList keys;
    for (const auto &i : issues)
        keys << QString::fromStdString(i.key);
    QVERIFY2(keys.contains(QLatin1String("model.hidden_size")), qPrintable(keys.join(QLatin1Char(','))));
    QVERIFY(keys.contains(QLatin1String("model.num_experts_per_tok")));
    QVERIFY(keys.contains(QLatin1String("training.lr")));
    QVERIFY(keys.contains(QLatin1String("training.optimizer")));
}

void TestConfig::canonicalYamlRoundTrips()
{
    RunConfig c;
    c.name = "round: trip \"quoted\"";
    c.model.hidden_size = 96;
    c.model.rms_norm_eps = 1e-5;
    c.model.n_routed_experts = 8;
    c.training.lr = 3.0e-4;
    c.data.seed = 18446744073709551615ull;
    c.aml.fpr_target = 0.05;
    c.aml.severity_high = 0.9;
    c.aml.severity_medium = 0.3;
    const ConfigLoad load = parseRunConfig(toYaml(c));
    QVERIFY(load.ok());
    QVERIFY(load.config == c);
}

void TestConfig::hashIgnoresLayout()
{
    const auto a = parseRunConfig("model: {hidden_size: 128}\ntraining: {lr: 0.001}");
    const auto b = parseRunConfig("training:\n  lr: 1e-3\nmodel:\n  hidden_size: 128\n");
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(configHash(a.config), configHash(b.config));
    auto c = b.config;
    c.training.lr = 2e-3;
    QVERIFY(configHash(c) != configHash(a.config));
}

void TestConfig::missingFileIsNamed()
{
    const auto load = loadRunConfig("/nonexistent/run.yaml");
    QCOMPARE(load.issues.size(), size_t(1));
    QCOMPARE(QString::fromStdString(describe(load.issues[0])),
             QStringLiteral("cannot read /nonexistent/run.yaml: no such file"));
}

// Each row: a path given as a config that is no config, and the message naming why. None
// of them may load as the default config, and a huge one is refused without reading it.
void TestConfig::notAConfigFileIsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("directory") << "directory"
                               << "it is a directory";
    QTest::newRow("empty file") << "empty"
                                << "it is empty";
    QTest::newRow("file over 1 MiB") << "large"
                                     << "it is larger than 1 MiB";
    QTest::newRow("/dev/zero") << "/dev/zero"
                               << "it is larger than 1 MiB";
}

void TestConfig::notAConfigFileIsRefused()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    std::string path = dir.path().toStdString() + "/run.yaml";
    if (kind == QLatin1String("directory"))
        std::filesystem::create_directory(path);
    else if (kind == QLatin1String("empty"))
        std::ofstream(path).flush();
    else if (kind == QLatin1String("large")) {
        std::ofstream out(path);
        out << "model:\n";
        out << std::string(std::size_t(1) << 20, '#') << "\n"; // a comment: valid YAML, too long
    } else
        path = kind.toStdString();
    for (const ConfigIssues &issues : {loadRunConfig(path).issues, importHfConfigFile(path).issues}) {
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].code, std::string("file_unreadable"));
        QCOMPARE(QString::fromStdString(describe(issues[0])),
                 QStringLiteral("cannot read %1: %2").arg(QString::fromStdString(path), reason));
    }
}

void TestConfig::hfImport()
{
    // The shape of DeepSeek-V2-Lite's config.json: MLA and YaRN keys must be named.
    const std::string json = R"({
      "architectures": ["DeepseekV2ForCausalLM"], "model_type": "deepseek_v2",
      "hidden_size": 2048, "intermediate_size": 10944, "num_hidden_layers": 27,
      "num_attention_heads": 16, "num_key_value_heads": 16, "vocab_size": 102400,
      "max_position_embeddings": 163840, "rms_norm_eps": 1e-06, "rope_theta": 10000,
      "hidden_act": "silu", "attention_bias": false, "attention_dropout": 0.0,
      "tie_word_embeddings": false, "n_routed_experts": 64, "n_shared_experts": 2,
      "num_experts_per_tok": 6, "moe_intermediate_size": 1408, "first_k_dense_replace": 1,
      "moe_layer_freq": 1, "norm_topk_prob": false, "scoring_func": "softmax", "aux_loss_alpha": 0.001,
      "kv_lora_rank": 512, "q_lora_rank": null, "qk_rope_head_dim": 64, "v_head_dim": 128,
      "qk_nope_head_dim": 128, "rope_scaling": {"type": "yarn", "factor": 40},
      "topk_method": "greedy", "torch_dtype": "bfloat16", "some_future_key": 1
    })";
    const HfImport imp = importHfConfig(json);
    QVERIFY(imp.issues.empty());
    QCOMPARE(imp.model.hidden_size, 2048);
    QCOMPARE(imp.model.n_routed_experts, 64);
    QCOMPARE(imp.model.num_experts_per_tok, 6);
    QCOMPARE(imp.model.first_k_dense_replace, 1);
    QCOMPARE(imp.model.norm_topk_prob, false);
    QCOMPARE(imp.model.rms_norm_eps, 1e-6);
    const std::vector<std::string> unsupported = imp.unsupported;
    for (const char *key : {"kv_lora_rank", "qk_rope_head_dim", "v_head_dim", "qk_nope_head_dim", "rope_scaling",
                            "topk_method", "some_future_key"})
        QVERIFY2(std::find(unsupported.begin(), unsupported.end(), key) != unsupported.end(), key);
    // q_lora_rank is null: no effect, so not reported as unsupported.
    QVERIFY(std::find(unsupported.begin(), unsupported.end(), "q_lora_rank") == unsupported.end());
    QVERIFY(std::find(imp.informational.begin(), imp.informational.end(), "torch_dtype") != imp.informational.end());
}

void TestConfig::hfImportMalformed_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");
    QTest::newRow("truncated") << R"({"hidden_size": 64, )"
                               << "json_syntax"
                               << "";
    QTest::newRow("array") << "[1, 2]"
                           << "wrong_type"
                           << "";
    QTest::newRow("string for int") << R"({"hidden_size": "wide"})"
                                    << "wrong_type"
                                    << "model.hidden_size";
    QTest::newRow("fraction for int") << R"({"num_hidden_layers": 2.5})"
                                      << "wrong_type"
                                      << "model.num_hidden_layers";
}

void TestConfig::hfImportMalformed()
{
    QFETCH(QString, json);
    QFETCH(QString, code);
    QFETCH(QString, key);
    const HfImport imp = importHfConfig(json.toStdString());
    QCOMPARE(imp.issues.size(), size_t(1));
    QCOMPARE(QString::fromStdString(imp.issues[0].code), code);
    QCOMPARE(QString::fromStdString(imp.issues[0].key), key);
}

void TestConfig::schemaCoversEveryField()
{
    // Every schema field reads back what it writes, so form, YAML and validation agree.
    RunConfig c;
    for (const auto &f : configSchema()) {
        const std::string before = f.get(c);
        QVERIFY2(f.set(c, before), f.path.c_str());
        QCOMPARE(f.get(c), before);
        QVERIFY2(!f.description.empty(), f.path.c_str());
    }
    QVERIFY(!configSchema().front().set(c, "") || configSchema().front().type == ConfigField::Type::String);
}

void TestConfig::learningRateSchedule()
{
    TrainingConfig t;
    t.lr = 1.0;
    t.min_lr_ratio = 0.1;
    t.warmup_steps = 10;
    t.max_steps = 110;
    QCOMPARE(learningRateAt(t, 0), 0.1);                     // warmup starts at lr / warmup
    QCOMPARE(learningRateAt(t, 9), 1.0);                     // and reaches lr at its last step
    QCOMPARE(learningRateAt(t, 10), 1.0);                    // cosine starts at the peak
    QVERIFY(std::abs(learningRateAt(t, 60) - 0.55) < 1e-12); // halfway: mean of peak and floor
    QVERIFY(std::abs(learningRateAt(t, 110) - 0.1) < 1e-12);
    t.schedule = "linear";
    QVERIFY(std::abs(learningRateAt(t, 60) - 0.55) < 1e-12);
    t.schedule = "constant";
    QCOMPARE(learningRateAt(t, 100), 1.0);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
