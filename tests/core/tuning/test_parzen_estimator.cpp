// The Parzen estimator against Optuna 3.1's _ParzenEstimator: log densities on fixed
// observations, computed by optuna.samplers._tpe.parzen_estimator with the parameters
// TPESampler uses (prior, prior weight 1, magic clip, consider_endpoints=False, default
// weights), univariate and multivariate, for float, log-float, stepped int and
// categorical distributions. Optuna 3.1.0's vendored truncnorm.logpdf lacks the
// -log(scale) term (later releases have it); the reference values were taken with that
// term restored, and match to 1e-9. tests/benchmarks/tuning/optuna_reference.py prints them.

#include "parzen_estimator.h"

#include <QtTest>

#include <cmath>

using namespace seekbench::tuning::detail;

namespace {

ParzenDimension numeric(double low, double high, double step = 0)
{
    ParzenDimension d;
    d.low = low;
    d.high = high;
    d.step = step;
    return d;
}

ParzenDimension categorical(int choices)
{
    ParzenDimension d;
    d.categorical = true;
    d.choices = choices;
    return d;
}

} // namespace

class TestParzenEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesOptuna_data();
    void matchesOptuna();
    void samplesStayInBounds();
};

using Dims = std::vector<ParzenDimension>;
using Values = std::vector<double>;
using Samples = std::vector<std::vector<double>>;
Q_DECLARE_METATYPE(Dims)
Q_DECLARE_METATYPE(Values)
Q_DECLARE_METATYPE(Samples)

void TestParzenEstimator::matchesOptuna_data()
{
    QTest::addColumn<Dims>("dims");
    QTest::addColumn<Values>("observations"); // flat, [observation][dimension]
    QTest::addColumn<bool>("multivariate");
    QTest::addColumn<Samples>("samples");
    QTest::addColumn<Values>("expected");

    const ParzenDimension f = numeric(0, 10);
    // IntDistribution(0, 10, step=2): bounds widened by half a step.
    const ParzenDimension i = numeric(-1, 11, 2);
    Values many;
    for (int k = 0; k < 40; ++k)
        many.push_back((k * 37 % 100) / 10.0);
    QTest::newRow("float") << Dims{f} << Values{1, 2, 2.5, 7, 9} << false << Samples{{0.5}, {3}, {8}}
                           << Values{-2.0730782743, -2.1534238498, -2.3719319142};
    QTest::newRow("float, 40 observations (weight ramp, clip)")
        << Dims{f} << many << false << Samples{{0.5}, {3}, {8}, {9.99}}
        << Values{-2.1377134480, -2.3074274932, -2.5263768448, -2.4188195169};
    // Enough observations for the radix sort and the windowed evaluation; negative values
    // and every value twice.
    Values wide;
    for (int k = 0; k < 600; ++k)
        wide.push_back(((k * 7919) % 300) / 30.0 - 5);
    QTest::newRow("float, 600 observations (radix sort, window)")
        << Dims{numeric(-5, 5)} << wide << false << Samples{{-4.99}, {-0.3}, {0.0}, {2.5}, {4.9}}
        << Values{-2.5731767182, -2.2714152006, -2.2990576532, -2.3499495683, -2.4032397180};
    QTest::newRow("log float") << Dims{numeric(std::log(1e-3), 0)}
                               << Values{std::log(0.01), std::log(0.02), std::log(0.5)} << false
                               << Samples{{std::log(0.005)}, {std::log(0.3)}} << Values{-1.8141152287, -2.2010550117};
    QTest::newRow("int with step") << Dims{i} << Values{0, 2, 2, 6, 10} << false << Samples{{0}, {4}, {10}}
                                   << Values{-1.5178398055, -1.7101721156, -2.2343496675};
    QTest::newRow("categorical") << Dims{categorical(3)} << Values{0, 2, 2, 1} << false << Samples{{0}, {1}, {2}}
                                 << Values{-1.2321436813, -1.2321436813, -0.8754687374};
    QTest::newRow("multivariate float x categorical")
        << Dims{f, categorical(3)} << Values{1, 0, 2, 2, 2.5, 2, 7, 1, 9, 0} << true
        << Samples{{0.5, 0}, {3, 2}, {8, 1}} << Values{-2.9221988684, -2.6232259454, -3.2494834480};
    QTest::newRow("multivariate float x int")
        << Dims{f, i} << Values{1, 0, 2, 2, 2.5, 2, 7, 6, 9, 10} << true << Samples{{0.5, 0}, {3, 4}, {8, 10}}
        << Values{-3.0469118123, -3.6519632922, -3.4410921561};
}

void TestParzenEstimator::matchesOptuna()
{
    QFETCH(Dims, dims);
    QFETCH(Values, observations);
    QFETCH(bool, multivariate);
    QFETCH(Samples, samples);
    QFETCH(Values, expected);
    const ParzenEstimator estimator(dims, observations, multivariate);
    const auto got = estimator.logPdf(samples);
    QCOMPARE(got.size(), expected.size());
    for (std::size_t k = 0; k < got.size(); ++k)
        QVERIFY2(std::abs(got[k] - expected[k]) < 1e-9, qPrintable(QStringLiteral("sample %1: %2 against %3")
                                                                       .arg(k)
                                                                       .arg(got[k], 0, 'g', 12)
                                                                       .arg(expected[k], 0, 'g', 12)));
}

void TestParzenEstimator::samplesStayInBounds()
{
    std::mt19937_64 rng(1);
    // Observations piled at the bounds: the truncated kernels must not leak out.
    const ParzenEstimator e({numeric(0, 1), numeric(-1, 11, 2), categorical(4)}, {0, 10, 3, 1, -1, 0, 0.999, 0, 2},
                            true);
    for (const auto &x : e.sample(rng, 2000)) {
        QVERIFY(x[0] >= 0 && x[0] <= 1);
        QVERIFY(x[1] >= 0 && x[1] <= 10 && std::fmod(x[1], 2) == 0);
        QVERIFY(x[2] >= 0 && x[2] <= 3 && std::floor(x[2]) == x[2]);
    }
}

QTEST_GUILESS_MAIN(TestParzenEstimator)
#include "test_parzen_estimator.moc"
