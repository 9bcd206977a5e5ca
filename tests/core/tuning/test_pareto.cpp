// The Pareto front of objective against cost, from a table worked by hand.

#include "seekbench/tuning/pareto.h"

#include <QtTest>

#include <cmath>

using namespace seekbench::tuning;

using Points = std::vector<std::pair<double, double>>;
using Indices = std::vector<std::size_t>;
Q_DECLARE_METATYPE(Points)
Q_DECLARE_METATYPE(Indices)

class TestPareto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void front_data();
    void front();
};

void TestPareto::front_data()
{
    QTest::addColumn<Points>("points");
    QTest::addColumn<bool>("maximize");
    QTest::addColumn<Indices>("expected");

    // (loss, seconds): 0 best loss, 2 cheapest; 1 trades between them; 3 is beaten by 1;
    // 4 repeats 1 exactly and stays; 5 ties 0's loss at a higher cost.
    const Points table{{0.10, 100}, {0.20, 40}, {0.50, 10}, {0.25, 50}, {0.20, 40}, {0.10, 120}};
    QTest::newRow("minimize") << table << false << Indices{0, 1, 2, 4};
    // Maximising the same numbers (as accuracy): 2 is best and cheapest; it dominates all.
    QTest::newRow("maximize") << table << true << Indices{2};
    QTest::newRow("accuracy") << Points{{0.9, 100}, {0.8, 10}, {0.85, 50}, {0.7, 60}, {0.9, 90}} << true
                              << Indices{1, 2, 4};
    QTest::newRow("empty") << Points{} << false << Indices{};
    QTest::newRow("nan left out") << Points{{NAN, 1}, {0.5, 2}, {0.4, NAN}} << false << Indices{1};
}

void TestPareto::front()
{
    QFETCH(Points, points);
    QFETCH(bool, maximize);
    QFETCH(Indices, expected);
    QCOMPARE(paretoFront(points, maximize ? Direction::Maximize : Direction::Minimize), expected);
}

QTEST_GUILESS_MAIN(TestPareto)
#include "test_pareto.moc"
