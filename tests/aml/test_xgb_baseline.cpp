// The XGBoost baseline (core/aml xgb_baseline.h) on a small synthetic feature matrix whose
// first column separates laundering from normal rows: what it scores, not what it is called.

#include "seekbench/aml/metrics.h"
#include "seekbench/aml/xgb_baseline.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>

using namespace seekbench::aml;

namespace {

constexpr std::size_t kRows = 200, kTrainRows = 150;

// Every fifth row launders: column 0 is 2 + noise for those and noise for the others;
// columns 1 and 2 are noise. A fixed sequence, so each run sees the same matrix.
struct Synthetic
{
    FeatureMatrix features;
    std::vector<std::int8_t> labels;
    std::vector<bool> train; // the first 150 rows
};

Synthetic synthetic()
{
    Synthetic s;
    s.features.names = {"signal", "noise_a", "noise_b"};
    s.features.codes = {"SIGNAL", "NOISE_A", "NOISE_B"};
    s.features.rows = kRows;
    for (std::size_t i = 0; i < kRows; ++i) {
        const bool laundering = i % 5 == 0;
        const auto noise = [&](std::size_t k) { return float((i * k + 11) % 100) / 100.0f; };
        s.features.values.push_back((laundering ? 2.0f : 0.0f) + noise(37));
        s.features.values.push_back(noise(53));
        s.features.values.push_back(noise(71));
        s.labels.push_back(laundering ? 1 : 0);
        s.train.push_back(i < kTrainRows);
    }
    return s;
}

XgbOptions options()
{
    XgbOptions o;
    o.rounds = 20;
    o.max_depth = 3;
    o.seed = 7;
    o.threads = 1;
    return o;
}

} // namespace

class TestXgbBaseline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ranksLaunderingAboveNormal()
    {
        const Synthetic s = synthetic();
        const XgbResult r = trainXgbBaseline(s.features, s.labels, s.train, options());
        QCOMPARE(r.scores.size(), kRows);
        for (float v : r.scores)
            QVERIFY2(v >= 0.0f && v <= 1.0f, qPrintable(QString::number(v)));
        QVERIFY2(rocAuc(r.scores, s.labels) > 0.99, qPrintable(QString::number(rocAuc(r.scores, s.labels))));
        // Rows outside the training months are scored too, and as well.
        const std::vector<float> held(r.scores.begin() + kTrainRows, r.scores.end());
        const std::vector<std::int8_t> heldLabels(s.labels.begin() + kTrainRows, s.labels.end());
        QVERIFY(rocAuc(held, heldLabels) > 0.99);
        float lowestLaundering = 1, highestNormal = 0;
        for (std::size_t i = 0; i < kRows; ++i) {
            if (s.labels[i])
                lowestLaundering = std::min(lowestLaundering, r.scores[i]);
            else
                highestNormal = std::max(highestNormal, r.scores[i]);
        }
        QVERIFY2(lowestLaundering > highestNormal,
                 qPrintable(QStringLiteral("%1 <= %2").arg(lowestLaundering).arg(highestNormal)));
        // The separating column carries the gain.
        QCOMPARE(r.importance.size(), std::size_t(3));
        QVERIFY(std::abs(std::accumulate(r.importance.begin(), r.importance.end(), 0.0) - 1.0) < 1e-9);
        QVERIFY(r.importance[0] > 0.9);
        QVERIFY(r.trainSeconds >= 0);
    }

    void sameSeedSameScores()
    {
        const Synthetic s = synthetic();
        const XgbResult a = trainXgbBaseline(s.features, s.labels, s.train, options());
        const XgbResult b = trainXgbBaseline(s.features, s.labels, s.train, options());
        QCOMPARE(a.scores, b.scores);
    }

    void learnsOnlyFromTheTrainingRows()
    {
        // Labels outside the mask (and unknown labels inside it) do not change the model.
        const Synthetic s = synthetic();
        const XgbResult r = trainXgbBaseline(s.features, s.labels, s.train, options());
        auto wrong = s.labels;
        for (std::size_t i = kTrainRows; i < kRows; ++i)
            wrong[i] = std::int8_t(1 - wrong[i]);
        QCOMPARE(trainXgbBaseline(s.features, wrong, s.train, options()).scores, r.scores);

        auto unknown = s.labels;
        auto mask = s.train;
        for (std::size_t i = 0; i < kRows; i += 7) {
            unknown[i] = -1;
            mask[i] = false;
        }
        const XgbResult skipped = trainXgbBaseline(s.features, unknown, s.train, options());
        QCOMPARE(trainXgbBaseline(s.features, s.labels, mask, options()).scores, skipped.scores);

        // With no laundering row in the training months there is nothing to learn.
        auto none = s.labels;
        for (std::size_t i = 0; i < kTrainRows; ++i)
            none[i] = 0;
        try {
            trainXgbBaseline(s.features, none, s.train, options());
            QFAIL("no exception");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("laundering and normal transactions in the training months")
                         != std::string::npos,
                     e.what());
        }
    }

    void writesTheModel()
    {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath(QStringLiteral("xgboost.json")).toStdString();
        const Synthetic s = synthetic();
        trainXgbBaseline(s.features, s.labels, s.train, options(), file);
        std::ifstream in(file);
        QVERIFY(in.good());
        std::stringstream text;
        text << in.rdbuf();
        QVERIFY(text.str().find("\"learner\"") != std::string::npos);
    }

    void badInputIsAClearError_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("values");
        QTest::addColumn<int>("labels");
        QTest::addColumn<int>("flags");
        QTest::addColumn<QString>("message");
        const int n = int(kRows), v = int(kRows) * 3;
        QTest::newRow("empty matrix") << 0 << 0 << 0 << 0 << "needs a feature matrix with rows and columns (got 0 x 3)";
        QTest::newRow("short values") << n << v - 1 << n << n
                                      << "the feature matrix holds 599 values, not 200 rows x 3 columns";
        QTest::newRow("too few labels") << n << v << n - 1 << n
                                        << "got 199 labels and 200 training flags for 200 feature rows";
        QTest::newRow("too many labels") << n << v << n + 1 << n
                                         << "got 201 labels and 200 training flags for 200 feature rows";
        QTest::newRow("short mask") << n << v << n << n - 50
                                    << "got 200 labels and 150 training flags for 200 feature rows";
    }
    void badInputIsAClearError()
    {
        QFETCH(int, rows);
        QFETCH(int, values);
        QFETCH(int, labels);
        QFETCH(int, flags);
        QFETCH(QString, message);
        Synthetic s = synthetic();
        s.features.rows = std::size_t(rows);
        s.features.values.resize(std::size_t(values));
        s.labels.resize(std::size_t(labels), 1);
        s.train.resize(std::size_t(flags), true);
        try {
            trainXgbBaseline(s.features, s.labels, s.train, options());
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestXgbBaseline)
#include "test_xgb_baseline.moc"
