// The AML graph model trains through the standard trainer on a small generated set and
// beats a constant predictor on the validation month (what the trainer evaluates; the test
// month is scored once afterwards); its size is what the estimate says; scoring from its
// checkpoint gives the same figures as the trainer's evaluation; a period without labelled
// transactions is refused by name.

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
    c.aml.validation_months = 1;
    c.aml.test_months = 1;
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
    o.months = 4;
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
        const aml::AmlPeriods periods = aml::amlPeriods(data->data, r.config.aml);
        QCOMPARE(periods.trainMonths, 2);
        auto validation = [&](std::size_t i) {
            return periods.of(data->data.tx.time[i]) == aml::AmlPeriod::Validation && data->data.tx.label[i] >= 0;
        };
        std::vector<std::int8_t> labels;
        std::vector<float> constant;
        for (std::size_t i = 0; i < data->data.tx.size(); ++i)
            if (validation(i)) {
                labels.push_back(data->data.tx.label[i]);
                constant.push_back(0.5f);
            }
        const double base = aml::prAuc(constant, labels);
        const double pr = res.finalMetrics.at("eval/pr_auc");
        qInfo("validation PR-AUC %.4f (constant %.4f), ROC-AUC %.4f", pr, base, res.finalMetrics.at("eval/roc_auc"));
        QVERIFY(base > 0 && base < 0.1);
        QVERIFY(pr > 3 * base);
        QVERIFY(res.finalMetrics.at("eval/roc_auc") > 0.8);

        // Scoring from the checkpoint reproduces the evaluation.
        QVERIFY(!res.lastCheckpoint.empty());
        const auto scores = scoreAmlTransactions(r.config, res.lastCheckpoint, data->data);
        QCOMPARE(scores.size(), data->data.tx.size());
        std::vector<float> held;
        for (std::size_t i = 0; i < scores.size(); ++i)
            if (validation(i))
                held.push_back(scores[i]);
        QVERIFY(std::abs(aml::prAuc(held, labels) - pr) < 1e-3);

        // A checkpoint of another shape is refused by name.
        RunConfig other = r.config;
        other.model.hidden_size = 32;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, scoreAmlTransactions(other, res.lastCheckpoint, data->data));
    }

    // No silent fallback: a period the protocol needs that is empty stops the run with its
    // name and the data's months (the trainer once scored the training rows instead).
    void emptyPeriodIsRefused_data()
    {
        QTest::addColumn<int>("validationMonths");
        QTest::addColumn<int>("testMonths");
        QTest::addColumn<bool>("unlabelValidation");
        QTest::addColumn<QString>("expected");
        QTest::newRow("validation months unlabelled")
            << 1 << 1 << true << "the AML validation months have no labelled transactions";
        QTest::newRow("no training month left") << 2 << 2 << false << "the AML data has 4 months";
        QTest::newRow("validation and test fill the data") << 3 << 1 << false << "leave at least one training month";
    }
    void emptyPeriodIsRefused()
    {
        QFETCH(int, validationMonths);
        QFETCH(int, testMonths);
        QFETCH(bool, unlabelValidation);
        QFETCH(QString, expected);
        auto data = smallData();
        RunConfig c = smallConfig();
        c.aml.validation_months = validationMonths;
        c.aml.test_months = testMonths;
        if (unlabelValidation) {
            const aml::AmlPeriods p = aml::amlPeriods(data->data, c.aml);
            for (std::size_t i = 0; i < data->data.tx.size(); ++i)
                if (p.of(data->data.tx.time[i]) == aml::AmlPeriod::Validation)
                    data->data.tx.label[i] = -1;
        }
        QTemporaryDir tmp;
        TrainRequest r;
        r.config = c;
        r.outDir = tmp.path().toStdString();
        r.dataset = data;
        const TrainResult res = train(r);
        QCOMPARE(int(res.status), int(TrainStatus::Failed));
        QVERIFY2(QString::fromStdString(res.message).contains(expected), res.message.c_str());
        QVERIFY2(QString::fromStdString(res.message).contains(QLatin1String("aml.validation_months")),
                 res.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAmlModel)
#include "test_aml_model.moc"
