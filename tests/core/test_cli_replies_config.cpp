// The typed replies of `seekbench-cli validate --json` and `estimate --json`: round trips,
// the estimate built from estimates.h's own figures, and malformed documents refused with
// the key named.

#include "seekbench/config/config_io.h"
#include "seekbench/config/estimates.h"
#include "seekbench/replies/config_replies.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::replies;

namespace {

RunConfig tinyConfig()
{
    const ConfigLoad load = loadRunConfig(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml");
    if (!load.ok())
        qFatal("resources/configs/tiny.yaml does not load");
    return load.config;
}

} // namespace

class TestCliRepliesConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validateRoundTrip()
    {
        ValidateReply r{"run.yaml", {{"model.hidden_size", "out_of_range", {"3", "8", "8192"}}}};
        const std::string text = r.toJson();
        QVERIFY(text.find("\"valid\":false") != std::string::npos);
        QVERIFY(text.find("\"message\":") != std::string::npos); // English text for scripts
        const ValidateReply back = ValidateReply::fromJson(text);
        QCOMPARE(back.config, r.config);
        QVERIFY(back.issues == r.issues);
        QVERIFY(!back.valid());
        QVERIFY(ValidateReply::fromJson(ValidateReply{"ok.yaml", {}}.toJson()).valid());
    }

    void estimateIsTheEstimatesFigures()
    {
        const RunConfig c = tinyConfig();
        const EstimateReply r = EstimateReply::of(c, "tiny.yaml", 0.5);
        QCOMPARE(r.parameters, countParameters(c).total);
        QCOMPARE(r.batchSize, c.training.batch_size);
        QCOMPARE(r.memory.size(), std::size_t(3));
        for (const char *precision : {"fp32", "bf16", "fp16"}) {
            const MemoryEstimate e = estimateTrainingMemory(c, precision, c.training.batch_size);
            QCOMPARE(r.memory.at(precision).totalBytes, e.totalBytes);
            QCOMPARE(r.memory.at(precision).largestBatchInBudget, largestBatchThatFits(c, precision, 0.5e9));
        }
        QCOMPARE(r.stepFlops, trainingStepFlops(c, c.training.batch_size));
    }

    void estimateRoundTrip()
    {
        const EstimateReply r = EstimateReply::of(tinyConfig(), "tiny.yaml", 24);
        const EstimateReply back = EstimateReply::fromJson(r.toJson());
        QCOMPARE(back.config, r.config);
        QCOMPARE(back.parameters, r.parameters);
        QCOMPARE(back.activeParametersPerToken, r.activeParametersPerToken);
        QCOMPARE(back.budgetGb, 24.0);
        QCOMPARE(back.memory.at("bf16").activationsBytes, r.memory.at("bf16").activationsBytes);
        QCOMPARE(back.memory.at("fp32").largestBatchInBudget, r.memory.at("fp32").largestBatchInBudget);
        QCOMPARE(back.stepFlops, r.stepFlops);
        QCOMPARE(back.toJson(), r.toJson());
        QVERIFY(back.memory.at("fp32").available);
    }

    // An AML config has no estimate from the config alone: the reply says so, never a
    // figure that would pass or block a budget.
    void amlEstimateIsUnavailable()
    {
        const ConfigLoad load = loadRunConfig(SEEKBENCH_SOURCE_DIR "/resources/configs/aml.yaml");
        QVERIFY(load.ok());
        const EstimateReply r = EstimateReply::of(load.config, "aml.yaml", 24);
        for (const char *precision : {"fp32", "bf16", "fp16"}) {
            const auto &m = r.memory.at(precision);
            QVERIFY(!m.available);
            QCOMPARE(m.largestBatchInBudget, -1);
            QCOMPARE(m.totalBytes, 0.0);
            QVERIFY(m.weightsBytes > 0); // exact: 4 bytes a parameter
            QVERIFY2(m.note.find("grows with the data") != std::string::npos, m.note.c_str());
        }
        const EstimateReply back = EstimateReply::fromJson(r.toJson());
        QVERIFY(!back.memory.at("fp32").available);
        QCOMPARE(back.memory.at("fp32").note, r.memory.at("fp32").note);
    }

    void malformedRefused_data()
    {
        QTest::addColumn<bool>("estimate");
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QByteArray>("names");
        QTest::newRow("validate: not JSON") << false << QByteArray("valid") << QByteArray("not JSON");
        QTest::newRow("validate: no issues")
            << false << QByteArray(R"({"config":"a","valid":true})") << QByteArray("key 'issues' is missing");
        QTest::newRow("validate: valid with issues")
            << false << QByteArray(R"({"config":"a","valid":true,"issues":[{"key":"k","code":"c","args":[]}]})")
            << QByteArray("'valid' says true but there are 1 issues");
        QTest::newRow("validate: args not strings")
            << false << QByteArray(R"({"config":"a","valid":false,"issues":[{"key":"k","code":"c","args":[1]}]})")
            << QByteArray("issues[0]: key 'args' is not a list of strings");
        QTest::newRow("estimate: no memory")
            << true
            << QByteArray(R"({"config":"a","parameters":1,"active_parameters_per_token":1,"batch_size":1,)"
                          R"("budget_gb":1,"step_flops":1})")
            << QByteArray("key 'memory' is missing");
        QTest::newRow("estimate: parameters as text")
            << true << QByteArray(R"({"config":"a","parameters":"many"})") << QByteArray("key 'parameters' is not");
        QTest::newRow("estimate: memory row without total")
            << true
            << QByteArray(R"({"config":"a","parameters":1,"active_parameters_per_token":1,"batch_size":1,)"
                          R"("budget_gb":1,"step_flops":1,"memory":{"fp32":{"weights_bytes":1}}})")
            << QByteArray("memory.fp32: key 'gradients_bytes' is missing");
    }

    void malformedRefused()
    {
        QFETCH(bool, estimate);
        QFETCH(QByteArray, document);
        QFETCH(QByteArray, names);
        try {
            if (estimate)
                EstimateReply::fromJson(document.toStdString());
            else
                ValidateReply::fromJson(document.toStdString());
            QFAIL("a malformed reply was accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QByteArray(e.what()).contains(names), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepliesConfig)
#include "test_cli_replies_config.moc"
