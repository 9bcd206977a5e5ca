#include "runs/compare_model.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace seekbench::ui;
using seekbench::projects::RunRecord;

namespace {
RunRecord run(const std::string &id, const std::string &lr, double loss)
{
    RunRecord r;
    r.id = id;
    r.name = "run " + id;
    r.status = seekbench::RunStatus::Finished;
    r.createdAt = 1000;
    r.startedAt = 1000;
    r.endedAt = 1060;
    r.params["training.lr"] = lr;
    r.params["training.batch_size"] = "32";
    r.summary["eval/loss"].finalValue = loss;
    r.summary["eval/loss"].bestValue = loss - 0.05;
    return r;
}

int rowOf(const CompareModel &m, const QString &header)
{
    for (int i = 0; i < m.rowCount(); ++i)
        if (m.headerData(i, Qt::Vertical).toString() == header)
            return i;
    return -1;
}
} // namespace

class TestCompareModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void diffsAgainstBaseline()
    {
        CompareModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({run("a", "0.001", 0.5), run("b", "0.01", 0.3)});
        QCOMPARE(model.columnCount(), 2);
        QVERIFY(rowOf(model, QStringLiteral("training.lr")) >= 0);
        QCOMPARE(rowOf(model, QStringLiteral("training.batch_size")), -1); // equal params are not listed
        const int finalRow = rowOf(model, QStringLiteral("eval/loss final"));
        QVERIFY(finalRow >= 0);
        QVERIFY(rowOf(model, QStringLiteral("eval/loss best")) >= 0);
        QVERIFY(rowOf(model, QStringLiteral("runtime")) >= 0);
        QCOMPARE(model.index(finalRow, 0).data().toString(), QStringLiteral("0.5"));
        // The difference and the relative change, in the row's format.
        QCOMPARE(model.index(finalRow, 1).data().toString(), QStringLiteral("0.3  (\u22120.2, \u221240.0 %)"));
        model.setBaseline(QStringLiteral("b"));
        QVERIFY(model.headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("run b")));
        QCOMPARE(model.index(finalRow, 1).data().toString(), QStringLiteral("0.5  (+0.2, +66.7 %)"));
    }

    // Issue 21, item 11: rows that mean something, one number format to a row, units.
    void rowsMeanSomethingAndReadAlike()
    {
        RunRecord a = run("a", "0.003", 0.26291), b = run("b", "3e-4", 0.5);
        for (RunRecord *r : {&a, &b}) {
            r->summary["train/lr"].finalValue = 1e-5;
            r->summary["train/lr"].bestValue = 1e-5;
            r->summary["train/epoch"].finalValue = 9.38;
            r->summary["train/epoch"].bestValue = 9.38;
            r->summary["train/loss"].finalValue = 0.01;
            r->summary["train/loss"].bestValue = 0.002;
        }
        a.summary["train/peak_tensor_bytes"].bestValue = 4.0 * 1024 * 1024;
        b.summary["train/peak_tensor_bytes"].bestValue = 6.5 * 1024 * 1024;
        b.endedAt = 1125; // 65 s longer than a
        CompareModel model;
        model.setRuns({a, b});
        // A best learning rate or epoch means nothing; the losses' bests do.
        QCOMPARE(rowOf(model, QStringLiteral("train/lr best")), -1);
        QCOMPARE(rowOf(model, QStringLiteral("train/epoch best")), -1);
        QVERIFY(rowOf(model, QStringLiteral("train/lr final")) >= 0);
        QVERIFY(rowOf(model, QStringLiteral("train/loss best")) >= 0);
        // 0.003 beside 3e-4: both scientific, not one of each.
        const int lr = rowOf(model, QStringLiteral("training.lr"));
        QCOMPARE(model.index(lr, 0).data().toString(), QStringLiteral("3.00e-03"));
        QVERIFY2(model.index(lr, 1).data().toString().startsWith(QStringLiteral("3.00e-04")),
                 qPrintable(model.index(lr, 1).data().toString()));
        // A row's values share their decimals.
        const int loss = rowOf(model, QStringLiteral("eval/loss final"));
        QCOMPARE(model.index(loss, 0).data().toString(), QStringLiteral("0.2629"));
        QVERIFY(model.index(loss, 1).data().toString().startsWith(QStringLiteral("0.5000  (+0.2371")));
        // Units on values and differences.
        const int memory = rowOf(model, QStringLiteral("peak tensor memory"));
        QCOMPARE(model.index(memory, 0).data().toString(), QStringLiteral("4.0 MiB")); // as many decimals as 6.5
        QCOMPARE(model.index(memory, 1).data().toString(), QStringLiteral("6.5 MiB  (+2.5 MiB, +62.5 %)"));
        const int runtime = rowOf(model, QStringLiteral("runtime"));
        QVERIFY2(model.index(runtime, 1).data().toString().contains(QStringLiteral("(+1 min 5 s")),
                 qPrintable(model.index(runtime, 1).data().toString()));
    }
};

QTEST_MAIN(TestCompareModel)
#include "test_compare_model.moc"
