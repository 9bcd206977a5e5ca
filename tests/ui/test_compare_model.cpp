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
        QCOMPARE(model.index(finalRow, 1).data().toString(), QStringLiteral("0.3  (-0.2)"));
        model.setBaseline(QStringLiteral("b"));
        QVERIFY(model.headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("run b")));
        QCOMPARE(model.index(finalRow, 1).data().toString(), QStringLiteral("0.5  (+0.2)"));
    }
};

QTEST_MAIN(TestCompareModel)
#include "test_compare_model.moc"
