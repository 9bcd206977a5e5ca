// Applying a trial's params to the base config: good values land in the config, a bad one
// is reported with its key and the rest still apply.

#include "seekbench/config/config_schema.h"
#include "seekbench/tuning/apply.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::tuning;

class TestTuningApply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliesValues();
    void badValues_data();
    void badValues();
};

void TestTuningApply::appliesValues()
{
    RunConfig config;
    const auto issues = applyTrialParams(config, {{"model.hidden_size", "128"},
                                                  {"training.lr", "0.0003"},
                                                  {"training.optimizer", "sgd"},
                                                  {"model.attention_bias", "true"}});
    QVERIFY(issues.empty());
    QCOMPARE(config.model.hidden_size, 128);
    QCOMPARE(config.training.lr, 0.0003);
    QCOMPARE(config.training.optimizer, std::string("sgd"));
    QVERIFY(config.model.attention_bias);
}

void TestTuningApply::badValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("not an int") << QStringLiteral("model.hidden_size") << QStringLiteral("1.5")
                                << QStringLiteral("wrong_type");
    QTest::newRow("not a number") << QStringLiteral("training.lr") << QStringLiteral("fast")
                                  << QStringLiteral("wrong_type");
    QTest::newRow("not a bool") << QStringLiteral("model.attention_bias") << QStringLiteral("yes please")
                                << QStringLiteral("wrong_type");
    QTest::newRow("unknown key") << QStringLiteral("model.wideness") << QStringLiteral("3")
                                 << QStringLiteral("unknown_key");
}

void TestTuningApply::badValues()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, code);
    RunConfig config;
    const auto issues = applyTrialParams(config,
                                         {{key.toStdString(), value.toStdString()}, {"training.warmup_steps", "7"}});
    QCOMPARE(issues.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(issues[0].key), key);
    QCOMPARE(QString::fromStdString(issues[0].code), code);
    QCOMPARE(config.training.warmup_steps, 7);
}

QTEST_GUILESS_MAIN(TestTuningApply)
#include "test_tuning_apply.moc"
