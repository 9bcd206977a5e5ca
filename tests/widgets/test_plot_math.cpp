// Pure functions of plot_math: decimation keeps spikes, smoothing is TensorBoard's.
#include "seekbench/plotmath/decimation.h"
#include "seekbench/plotmath/smoothing.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace seekbench::plotmath;

class TestPlotMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decimationKeepsSpikes()
    {
        std::vector<double> xs, ys;
        for (int i = 0; i < 1000000; ++i) {
            xs.push_back(i);
            ys.push_back(1.0);
        }
        ys[123457] = 50.0; // a one-point spike
        ys[800001] = -7.0; // and a dip
        const auto buckets = decimateMinMax(xs, ys, 0, 999999, 1000);
        QCOMPARE(buckets.size(), std::size_t(1000));
        double hi = -1e9, lo = 1e9;
        std::int64_t count = 0;
        for (const Bucket &b : buckets) {
            hi = std::max(hi, b.max);
            lo = std::min(lo, b.min);
            count += b.count;
        }
        QCOMPARE(hi, 50.0);
        QCOMPARE(lo, -7.0);
        QCOMPARE(count, std::int64_t(1000000));
        QCOMPARE(buckets[123].max, 50.0); // in the right column
        QCOMPARE(buckets[123].min, 1.0);
    }

    void decimationMeansAndRange()
    {
        const std::vector<double> xs{0, 1, 2, 3, 4, 5, 6, 7};
        const std::vector<double> ys{1, 3, 5, 7, 9, 11, 13, 15};
        const auto b = decimateMinMax(xs, ys, 2, 5, 2); // only x in [2, 5]
        QCOMPARE(b.size(), std::size_t(2));
        QCOMPARE(b[0].count, std::int64_t(2));
        QCOMPARE(b[0].mean, 6.0);
        QCOMPARE(b[1].min, 9.0);
        QCOMPARE(b[1].max, 11.0);
        QCOMPARE(b[1].x, 4.5);
    }

    void decimationSkipsNonFinite()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const auto b = decimateMinMax({0, 1, 2}, {nan, 2, nan}, 0, 2, 3);
        QCOMPARE(b.size(), std::size_t(1));
        QCOMPARE(b[0].mean, 2.0);
        QVERIFY(decimateMinMax({}, {}, 0, 1, 10).empty());
    }

    // TensorBoard's scalar smoothing (tf_scalar_dashboard): last = last * w + (1 - w) * v,
    // debiased by 1 - w^n. Numbers worked out by hand for w = 0.6.
    void emaMatchesTensorBoard()
    {
        const auto s = debiasedEma({1.0, 2.0, 3.0}, 0.6);
        QCOMPARE(s.size(), std::size_t(3));
        QVERIFY(std::abs(s[0] - 1.0) < 1e-12); // 0.4 / 0.4
        QVERIFY(std::abs(s[1] - 1.625) < 1e-12);
        const double last3 = 1.04 * 0.6 + 0.4 * 3.0;           // 1.824
        QVERIFY(std::abs(s[2] - last3 / (1 - 0.216)) < 1e-12); // 2.3265...
    }

    void emaEdgeCases()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const auto same = debiasedEma({4, 5, 6}, 0.0);
        QCOMPARE(same, (std::vector<double>{4, 5, 6}));
        const auto withNan = debiasedEma({1, nan, 1}, 0.9);
        QVERIFY(std::isnan(withNan[1]));
        QVERIFY(std::abs(withNan[2] - 1.0) < 1e-12); // a constant stays constant when debiased
    }

    void bucketWeightMatchesRawSmoothing()
    {
        QCOMPARE(bucketWeight(0.6, 1), 0.6);
        QVERIFY(std::abs(bucketWeight(0.9, 10) - std::pow(0.9, 10)) < 1e-12);
        // A constant curve smooths to itself at any bucket width.
        const auto s = debiasedEma({2, 2, 2, 2}, bucketWeight(0.99, 100));
        for (double v : s)
            QVERIFY(std::abs(v - 2) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestPlotMath)
#include "test_plot_math.moc"
