// The check that refuses, before anything is allocated, a run or a generated data set
// whose memory estimate exceeds this machine's memory (issue 20, item 8): the machine's
// figures (physical memory, the cgroup's limit, the smaller wins), the refusal naming both
// figures and the override, and the estimates of a huge model and a huge AML history.

#include "seekbench/aml/generator.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/machine_memory.h"

#include <QtTest>

using namespace seekbench;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// The huge in-range model of the issue: 1,024 layers at hidden 65,536.
RunConfig hugeModel()
{
    RunConfig c;
    c.model.hidden_size = 65536;
    c.model.num_hidden_layers = 1024;
    c.model.num_attention_heads = 4;
    c.model.num_key_value_heads = 2;
    c.model.intermediate_size = 128;
    c.model.vocab_size = 256;
    c.model.head = "sequence_classification";
    c.model.num_labels = 4;
    c.data.kind = "synthetic_text";
    c.data.seq_len = 32;
    c.training.batch_size = 32;
    c.training.precision = "fp32";
    return c;
}

RunConfig tinyModel()
{
    RunConfig c = hugeModel();
    c.model.hidden_size = 64;
    c.model.num_hidden_layers = 2;
    return c;
}

MachineMemory machineOf(double totalGiB) { return combineMachineMemory(totalGiB * kGiB, 0, totalGiB * kGiB / 2, 0); }

} // namespace

class TestMemoryCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cgroupLimit_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("bytes");
        QTest::newRow("v2 no limit") << "max\n" << 0.0;
        QTest::newRow("v2 limit") << "4294967296\n" << 4 * kGiB;
        QTest::newRow("v1 no limit") << "9223372036854771712\n" << 0.0;
        QTest::newRow("empty (no file)") << "" << 0.0;
        QTest::newRow("not a number") << "lots" << 0.0;
        QTest::newRow("zero") << "0" << 0.0;
    }
    void cgroupLimit()
    {
        QFETCH(QString, text);
        QFETCH(double, bytes);
        QCOMPARE(parseCgroupLimit(text.toStdString()), bytes);
    }

    void smallerOfPhysicalAndCgroup_data()
    {
        QTest::addColumn<double>("physicalGiB");
        QTest::addColumn<double>("cgroupGiB");
        QTest::addColumn<double>("totalGiB");
        QTest::addColumn<QString>("source");
        QTest::newRow("no cgroup limit") << 16.0 << 0.0 << 16.0 << "physical memory";
        QTest::newRow("cgroup below physical") << 16.0 << 4.0 << 4.0 << "the cgroup's memory limit";
        QTest::newRow("cgroup above physical") << 16.0 << 64.0 << 16.0 << "physical memory";
        QTest::newRow("physical unknown") << 0.0 << 4.0 << 4.0 << "the cgroup's memory limit";
    }
    void smallerOfPhysicalAndCgroup()
    {
        QFETCH(double, physicalGiB);
        QFETCH(double, cgroupGiB);
        QFETCH(double, totalGiB);
        QFETCH(QString, source);
        const MachineMemory m = combineMachineMemory(physicalGiB * kGiB, cgroupGiB * kGiB, 8 * kGiB, 1 * kGiB);
        QCOMPARE(m.totalBytes, totalGiB * kGiB);
        QCOMPARE(QString::fromStdString(m.source), source);
        // Free memory never exceeds what the cgroup leaves.
        if (cgroupGiB > 0)
            QVERIFY(m.availableBytes <= cgroupGiB * kGiB - 1 * kGiB);
    }

    void thisMachineIsKnown()
    {
        const MachineMemory m = machineMemory();
        QVERIFY(m.totalBytes > 0);
        QVERIFY(m.physicalBytes > 0);
        QVERIFY(m.totalBytes <= m.physicalBytes);
        QVERIFY(m.availableBytes > 0 && m.availableBytes <= m.physicalBytes);
    }

    void bytesInWords_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << 512.0 << "512 bytes";
        QTest::newRow("KiB") << 3072.0 << "3.0 KiB";
        QTest::newRow("GiB") << 15.6 * kGiB << "15.6 GiB";
        QTest::newRow("EiB") << 1.5 * kGiB * kGiB << "1.5 EiB";
    }
    void bytesInWords()
    {
        QFETCH(double, bytes);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(bytesText(bytes)), text);
    }

    // Each row: a model, the machine, the device, and whether training it is refused;
    // a refusal names the estimate, the machine's memory and the override.
    void trainingRefusal_data()
    {
        QTest::addColumn<bool>("huge");
        QTest::addColumn<double>("machineGiB");
        QTest::addColumn<QString>("device");
        QTest::addColumn<bool>("refused");
        QTest::newRow("huge model, 16 GiB machine") << true << 16.0 << "cpu" << true;
        QTest::newRow("huge model, 2 TiB machine") << true << 2048.0 << "cpu" << true;
        QTest::newRow("huge model on CUDA: its weights in host memory") << true << 64.0 << "cuda" << true;
        QTest::newRow("tiny model, 16 GiB machine") << false << 16.0 << "cpu" << false;
        QTest::newRow("tiny model, 1 GiB machine") << false << 1.0 << "cpu" << false;
        QTest::newRow("unknown machine memory: not refused") << true << 0.0 << "cpu" << false;
    }
    void trainingRefusal()
    {
        QFETCH(bool, huge);
        QFETCH(double, machineGiB);
        QFETCH(QString, device);
        QFETCH(bool, refused);
        const RunConfig c = huge ? hugeModel() : tinyModel();
        const MemoryEstimate need = estimateTrainingMemory(c, c.training.precision, c.training.batch_size);
        const std::string why = trainingMemoryRefusal(need, device.toStdString(), machineOf(machineGiB));
        QCOMPARE(!why.empty(), refused);
        if (!refused)
            return;
        const QString text = QString::fromStdString(why);
        const double needBytes = device == QLatin1String("cuda") ? need.weightsBytes : need.totalBytes;
        QVERIFY2(text.contains(QString::fromStdString(bytesText(needBytes))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("this machine has ")
                               + QString::fromStdString(bytesText(machineGiB * kGiB))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("--ignore-memory-check")), qPrintable(text));
    }

    // The AML graph model has no estimate from its config alone: nothing to refuse on.
    void noEstimateIsNotRefused()
    {
        RunConfig c = tinyModel();
        c.data.kind = "aml_transactions";
        const MemoryEstimate need = estimateTrainingMemory(c, "fp32", 32);
        QVERIFY(!need.available);
        QVERIFY(trainingMemoryRefusal(need, "cpu", machineOf(0.001)).empty());
    }

    void generatorRefusal_data()
    {
        QTest::addColumn<int>("accounts");
        QTest::addColumn<int>("months");
        QTest::addColumn<double>("txPerMonth");
        QTest::addColumn<double>("machineGiB");
        QTest::addColumn<bool>("refused");
        QTest::newRow("largest in range, 16 GiB") << 10'000'000 << 120 << 1000.0 << 16.0 << true;
        QTest::newRow("10M accounts a year, 16 GiB") << 10'000'000 << 12 << 8.0 << 16.0 << true;
        QTest::newRow("the demo's size, 16 GiB") << 2000 << 6 << 8.0 << 16.0 << false;
        QTest::newRow("the demo's size, 1 GiB") << 2000 << 6 << 8.0 << 1.0 << false;
    }
    void generatorRefusal()
    {
        QFETCH(int, accounts);
        QFETCH(int, months);
        QFETCH(double, txPerMonth);
        QFETCH(double, machineGiB);
        QFETCH(bool, refused);
        aml::GeneratorOptions g;
        g.accounts = accounts;
        g.months = months;
        g.tx_per_account_month = txPerMonth;
        const std::string why = aml::generatorMemoryRefusal(g, machineOf(machineGiB));
        QCOMPARE(!why.empty(), refused);
        if (refused) {
            const QString text = QString::fromStdString(why);
            QVERIFY2(text.contains(QString::fromStdString(bytesText(aml::estimateGeneratorBytes(g)))), qPrintable(text));
            QVERIFY2(text.contains(QString::fromStdString(bytesText(machineGiB * kGiB))), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("--ignore-memory-check")), qPrintable(text));
        }
    }

    // The generator's estimate is an upper bound of what a small history really holds.
    void generatorEstimateCoversRealSize()
    {
        aml::GeneratorOptions g;
        g.accounts = 500;
        g.months = 2;
        const aml::AmlData data = aml::generateTransactions(g);
        const double n = double(data.tx.size());
        QVERIFY2(aml::expectedTransactions(g) >= 0.7 * n && aml::expectedTransactions(g) <= 2.0 * n,
                 qPrintable(QStringLiteral("expected %1, made %2").arg(aml::expectedTransactions(g)).arg(n)));
        QVERIFY(aml::estimateGeneratorBytes(g) >= n * 71);
    }
};

QTEST_MAIN(TestMemoryCheck)
#include "test_memory_check.moc"
