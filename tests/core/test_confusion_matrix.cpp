// The confusion matrix a classification run writes into its folder (eval/confusion.json):
// the JSON round-trips, per-class precision, recall and F1 with their macro and weighted
// averages match a hand-computed example, and a malformed file is refused with the file
// and the field named.

#include "seekbench/run/confusion_matrix.h"

#include <QTest>

#include <cmath>

using namespace seekbench;

namespace {

// Rows are the true class, columns the prediction.
//          pred A  B  C   support
// true A      5  1  0     6
//      B      2  3  1     6
//      C      0  0  4     4
// predicted   7  4  5    16, 12 correct
ConfusionMatrix handExample()
{
    ConfusionMatrix m;
    m.split = "validation";
    m.step = 150;
    m.classes = {"A", "B", "C"};
    m.counts = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
    return m;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-12; }

} // namespace

class TestConfusionMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        ConfusionMatrix m = handExample();
        m.classes = {"T-shirt/top", "Trouser", "\"quoted\" 中文"};
        m.counts[1][2] = 4'000'000'000; // past 32 bits
        const ConfusionMatrix back = confusionMatrixFromJson(toJson(m), "confusion.json");
        QCOMPARE(back.split, m.split);
        QCOMPARE(back.step, m.step);
        QCOMPARE(back.classes, m.classes);
        QCOMPARE(back.counts, m.counts);
        QVERIFY(toJson(m).find("\"format\":\"seekbench-confusion-1\"") != std::string::npos);
    }

    void zeros()
    {
        const ConfusionMatrix m = ConfusionMatrix::zeros(3);
        QCOMPARE(m.classes, (std::vector<std::string>{"0", "1", "2"}));
        QCOMPARE(m.counts.size(), std::size_t(3));
        QCOMPARE(m.counts[2].size(), std::size_t(3));
        QCOMPARE(m.total(), std::int64_t(0));
        QCOMPARE(m.accuracy(), 0.0);
        const auto metrics = classificationMetrics(m);
        QCOMPARE(metrics.perClass.size(), std::size_t(3));
        QCOMPARE(metrics.macro.f1, 0.0); // undefined figures are 0, never NaN
    }

    void metricsOfTheHandExample()
    {
        const ConfusionMatrix m = handExample();
        QCOMPARE(m.total(), std::int64_t(16));
        QCOMPARE(m.correct(), std::int64_t(12));
        const ClassificationMetrics r = classificationMetrics(m);
        QVERIFY(near(r.accuracy, 0.75));
        QCOMPARE(r.perClass.size(), std::size_t(3));
        const double p[3] = {5.0 / 7, 3.0 / 4, 4.0 / 5}, rc[3] = {5.0 / 6, 3.0 / 6, 4.0 / 4},
                     f[3] = {10.0 / 13, 6.0 / 10, 8.0 / 9}; // F1 = 2 tp / (predicted + support)
        const std::int64_t support[3] = {6, 6, 4}, predicted[3] = {7, 4, 5};
        for (int c = 0; c < 3; ++c) {
            const ClassMetrics &k = r.perClass[std::size_t(c)];
            QCOMPARE(k.name, m.classes[std::size_t(c)]);
            QVERIFY2(near(k.precision, p[c]), std::to_string(k.precision).c_str());
            QVERIFY2(near(k.recall, rc[c]), std::to_string(k.recall).c_str());
            QVERIFY2(near(k.f1, f[c]), std::to_string(k.f1).c_str());
            QCOMPARE(k.support, support[c]);
            QCOMPARE(k.predicted, predicted[c]);
        }
        QVERIFY(near(r.macro.precision, (p[0] + p[1] + p[2]) / 3));
        QVERIFY(near(r.macro.recall, (rc[0] + rc[1] + rc[2]) / 3));
        QVERIFY(near(r.macro.f1, (f[0] + f[1] + f[2]) / 3));
        QCOMPARE(r.macro.support, std::int64_t(16));
        QVERIFY(near(r.weighted.precision, (6 * p[0] + 6 * p[1] + 4 * p[2]) / 16));
        QVERIFY(near(r.weighted.recall, 0.75)); // support-weighted recall is the accuracy
        QVERIFY(near(r.weighted.f1, (6 * f[0] + 6 * f[1] + 4 * f[2]) / 16));
        QCOMPARE(r.weighted.support, std::int64_t(16));
    }

    void classNeverPredicted()
    {
        ConfusionMatrix m = ConfusionMatrix::zeros(2);
        m.counts = {{3, 0}, {2, 0}};
        const auto r = classificationMetrics(m);
        QCOMPARE(r.perClass[1].precision, 0.0);
        QCOMPARE(r.perClass[1].recall, 0.0);
        QCOMPARE(r.perClass[1].f1, 0.0);
        QVERIFY(near(r.perClass[0].precision, 3.0 / 5));
        QCOMPARE(r.perClass[0].recall, 1.0);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("message");
        const auto doc = [](const char *rest) {
            return QStringLiteral(R"({"format":"seekbench-confusion-1","split":"validation","step":3,)")
                   + QString::fromUtf8(rest) + QLatin1Char('}');
        };
        QTest::newRow("not json") << QStringLiteral("{\"format\": ") << QStringLiteral("not JSON");
        QTest::newRow("an array") << QStringLiteral("[1, 2]") << QStringLiteral("not a JSON object");
        QTest::newRow("wrong format")
            << QStringLiteral(R"({"format":"seekbench-test-1","split":"v","step":1,"classes":["a"],"matrix":[[1]]})")
            << QStringLiteral("field 'format' is \"seekbench-test-1\", expected \"seekbench-confusion-1\"");
        QTest::newRow("no format") << QStringLiteral(R"({"split":"v"})") << QStringLiteral("field 'format' is missing");
        QTest::newRow("step as text") << QStringLiteral(
            R"({"format":"seekbench-confusion-1","split":"v","step":"3","classes":["a"],"matrix":[[1]]})")
                                      << QStringLiteral("field 'step' is not a non-negative integer");
        QTest::newRow("no classes") << doc(R"("matrix":[[1]])") << QStringLiteral("field 'classes' is missing");
        QTest::newRow("classes empty") << doc(R"("classes":[],"matrix":[])")
                                       << QStringLiteral("field 'classes' is not a non-empty array");
        QTest::newRow("class not text") << doc(R"("classes":["a",2],"matrix":[[1,0],[0,1]])")
                                        << QStringLiteral("field 'classes' item 1 is not a string");
        QTest::newRow("no matrix") << doc(R"("classes":["a"])") << QStringLiteral("field 'matrix' is missing");
        QTest::newRow("ragged") << doc(R"("classes":["a","b"],"matrix":[[1,0],[0]])")
                                << QStringLiteral("field 'matrix' row 1 has 1 counts, expected 2 (one per class)");
        QTest::newRow("row not array") << doc(R"("classes":["a","b"],"matrix":[[1,0],3])")
                                       << QStringLiteral("field 'matrix' row 1 is not an array");
        QTest::newRow("negative") << doc(R"("classes":["a","b"],"matrix":[[1,0],[-2,1]])")
                                  << QStringLiteral("field 'matrix' row 1 column 0 is negative (-2)");
        QTest::newRow("fractional") << doc(R"("classes":["a","b"],"matrix":[[1,0.5],[0,1]])")
                                    << QStringLiteral("field 'matrix' row 0 column 1 is not an integer count");
        QTest::newRow("class count mismatch")
            << doc(R"("classes":["a","b","c"],"matrix":[[1,0],[0,1]])")
            << QStringLiteral("field 'matrix' has 2 rows, but 'classes' names 3 classes");
    }

    void malformed()
    {
        QFETCH(QString, document);
        QFETCH(QString, message);
        try {
            confusionMatrixFromJson(document.toStdString(), "runs/r1/eval/confusion.json");
            QFAIL("accepted a malformed confusion matrix");
        } catch (const std::invalid_argument &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QStringLiteral("runs/r1/eval/confusion.json: ")), qPrintable(what));
            QVERIFY2(what.contains(message), qPrintable(what));
        }
    }
};

QTEST_GUILESS_MAIN(TestConfusionMatrix)
#include "test_confusion_matrix.moc"
