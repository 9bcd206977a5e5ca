// "Tune this run": the first range offered for a config key, around the run's value, stays
// inside the key's own bounds and passes the search-space validation; run settings (seeds,
// paths, threads) are not offered.

#include "seekbench/config/config_schema.h"
#include "seekbench/tuning/propose.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::tuning;

Q_DECLARE_METATYPE(seekbench::tuning::ParamKind)

class TestPropose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proposals_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<ParamKind>("kind");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<bool>("log");
        QTest::newRow("lr: a decade each way") << "training.lr"
                                               << "0.001" << ParamKind::LogUniform << 1e-4 << 1e-2 << false;
        QTest::newRow("weight decay 0: a small range from 0") << "training.weight_decay"
                                                              << "0" << ParamKind::Uniform << 0.0 << 0.1 << false;
        QTest::newRow("beta2 near 1: towards its bound") << "training.beta2"
                                                         << "0.999" << ParamKind::Uniform << 0.99 << 0.999999 << false;
        QTest::newRow("hidden size: half to double, log") << "model.hidden_size"
                                                          << "256" << ParamKind::Int << 128.0 << 512.0 << true;
        QTest::newRow("warmup 0: small ints") << "training.warmup_steps"
                                              << "0" << ParamKind::Int << 0.0 << 4.0 << false;
        QTest::newRow("layers 4: linear") << "model.num_hidden_layers"
                                          << "4" << ParamKind::Int << 2.0 << 8.0 << false;
    }

    void proposals()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(ParamKind, kind);
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(bool, log);
        const ConfigField *f = findConfigField(key.toStdString());
        QVERIFY(f);
        const auto p = proposeParam(*f, value.toStdString());
        QVERIFY(p);
        QCOMPARE(p->kind, kind);
        QVERIFY2(std::abs(p->low - low) < 1e-12 * std::max(1.0, low), qPrintable(QString::number(p->low)));
        QVERIFY2(std::abs(p->high - high) < 1e-12 * std::max(1.0, high), qPrintable(QString::number(p->high)));
        QCOMPARE(p->log, log);
    }

    void choicesAndBools()
    {
        const auto optimizer = proposeParam(*findConfigField("training.optimizer"), "adamw");
        QVERIFY(optimizer);
        QCOMPARE(optimizer->kind, ParamKind::Choice);
        QCOMPARE(optimizer->choices, findConfigField("training.optimizer")->choices);
        const auto causal = proposeParam(*findConfigField("model.causal"), "true");
        QVERIFY(causal);
        QCOMPARE(causal->choices, (std::vector<std::string>{"false", "true"}));
    }

    void runSettingsAreNotOffered()
    {
        for (const char *key : {"training.seed", "data.seed", "training.threads", "training.device",
                                "training.checkpoint_every", "crossmodal.data_dir", "training.max_steps"})
            QVERIFY2(!isTunableKey(*findConfigField(key)), key);
        QVERIFY(!proposeParam(*findConfigField("training.lr"), "not a number"));
    }

    // Whatever the run's values, every proposal for every key makes a valid space: the
    // dialog can offer each row without a red mark to begin with.
    void everyProposalValidates()
    {
        const RunConfig config;
        int offered = 0;
        for (const ConfigField &f : configSchema()) {
            const auto p = proposeParam(f, f.get(config));
            if (!p)
                continue;
            ++offered;
            const SearchSpace space = proposeSpace("configs/base.yaml", "eval/loss", {*p}, 20, 1);
            const ConfigIssues issues = validateSearchSpace(space);
            if (!issues.empty())
                QFAIL(qPrintable(QString::fromStdString(f.path + ": " + issues.front().code)));
            const auto again = parseSearchSpace(toYaml(space));
            if (!again.issues.empty())
                QFAIL(qPrintable(QString::fromStdString(f.path + ": " + again.issues.front().code)));
        }
        QVERIFY(offered > 30);
    }

    void directionFromTheMetricsName()
    {
        QCOMPARE(directionForMetric("eval/loss"), Direction::Minimize);
        QCOMPARE(directionForMetric("eval/accuracy"), Direction::Maximize);
        QCOMPARE(directionForMetric("aml/auc_pr"), Direction::Maximize);
        QCOMPARE(directionForMetric("eval/f1"), Direction::Maximize);
        QCOMPARE(directionForMetric("train/grad_norm"), Direction::Minimize);
    }
};

QTEST_GUILESS_MAIN(TestPropose)
#include "test_propose.moc"
