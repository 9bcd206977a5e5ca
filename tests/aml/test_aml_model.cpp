// The AML graph model trains through the standard trainer on a small generated set and
// beats a constant predictor on the held-out month; its size is what the estimate says;
// scoring from its checkpoint gives the same figures as the trainer's evaluation.

#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"
#include "seekbench/aml/metrics.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/validation.h"
#include "seekbench/engine/aml_scoring.h"
#include "seekbench/engine/trainer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace seekbench;

namespace {

RunConfig smallConfig()
{
    RunConfig c;
    c.name = "aml-test";
    c.data.kind = "aml_transactions";
    c.model.hidden_size = 16;
    c.model.num_attention_heads = 2;
    c.model.num_key_value_heads = 2;
    c.model.intermediate_size = 32;
    c.model.num_hidden_layers = 1;
    c.model.max_position_embeddings = 16;
    c.aml.sequence_length = 8;
    c.aml.eval_months = 1;
    c.aml.message_layers = 1;
    c.training.max_steps = 60;
    c.training.warmup_steps = 5;
    c.training.batch_size = 128;
    c.training.lr = 5e-3;
    c.training.eval_every = 0;
    c.training.checkpoint_every = 0;
    c.training.threads = 1;
    c.training.system_sample_hz = 0.5;
    return c;
}

std::shared_ptr<aml::AmlDataset> smallData()
{
    aml::GeneratorOptions o;
    o.accounts = 200;
    o.months = 3;
    o.seed = 21;
    auto d = std::make_shared<aml::AmlDataset>();
    d->data = aml::generateTransactions(o);
    d->origin = "generated for test_aml_model";
    return d;
}

} // namespace

class TestAmlModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parameterCountMatchesEstimate()
    {
        RunConfig c = smallConfig();
        QCOMPARE(amlModelParameterCount(c), amlGraphParameters(c));
        c.aml.message_layers = 3;
        c.model.hidden_size = 32;
        c.model.n_routed_experts = 4;
        c.model.num_experts_per_tok = 2;
        c.model.moe_intermediate_size = 16;
        QCOMPARE(amlModelParameterCount(c), amlGraphParameters(c));
    }

    void configValidates()
    {
        RunConfig c = smallConfig();
        QVERIFY(validate(c, engineCapabilities()).empty());
        c.aml.sequence_length = 64;
        const auto issues = validate(c, engineCapabilities());
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].key, std::string("aml.sequence_length"));
    }

    void missingDatasetIsAClearError()
    {
        QTemporaryDir tmp;
        TrainRequest r;
        r.config = smallConfig();
        r.outDir = tmp.path().toStdString();
        const TrainResult res = train(r);
        QCOMPARE(int(res.status), int(TrainStatus::Failed));
        QVERIFY2(res.message.find("aml train --project") != std::string::npos, res.message.c_str());
    }

    void beatsAConstantPredictor()
    {
        QTemporaryDir tmp;
        const auto data = smallData();
        TrainRequest r;
        r.config = smallConfig();
        r.outDir = tmp.path().toStdString();
        r.dataset = data;
        const TrainResult res = train(r);
        QCOMPARE(int(res.status), int(TrainStatus::Finished));

        // A constant score ranks nothing: its PR-AUC is the share of laundering rows.
        const double split = aml::heldOutStart(data->data, 1);
        std::vector<std::int8_t> labels;
        std::vector<float> constant;
        for (std::size_t i = 0; i < data->data.tx.size(); ++i)
            if (data->data.tx.time[i] >= split) {
                labels.push_back(data->data.tx.label[i]);
                constant.push_back(0.5f);
            }
        const double base = aml::prAuc(constant, labels);
        const double pr = res.finalMetrics.at("eval/pr_auc");
        qInfo("held-out PR-AUC %.4f (constant %.4f), ROC-AUC %.4f", pr, base, res.finalMetrics.at("eval/roc_auc"));
        QVERIFY(base > 0 && base < 0.1);
        QVERIFY(pr > 3 * base);
        QVERIFY(res.finalMetrics.at("eval/roc_auc") > 0.8);

        // Scoring from the checkpoint reproduces the evaluation.
        QVERIFY(!res.lastCheckpoint.empty());
        const auto scores = scoreAmlTransactions(r.config, res.lastCheckpoint, data->data);
        QCOMPARE(scores.size(), data->data.tx.size());
        std::vector<float> held;
        for (std::size_t i = 0; i < scores.size(); ++i)
            if (data->data.tx.time[i] >= split)
                held.push_back(scores[i]);
        QVERIFY(std::abs(aml::prAuc(held, labels) - pr) < 1e-3);

        // A checkpoint of another shape is refused by name.
        RunConfig other = r.config;
        other.model.hidden_size = 32;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, scoreAmlTransactions(other, res.lastCheckpoint, data->data));
    }
};

QTEST_GUILESS_MAIN(TestAmlModel)
#include "test_aml_model.moc"
