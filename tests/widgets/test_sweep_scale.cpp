// The sweep charts' axis maths (widgets/src/sweep_scale.h): fitting, log and categorical
// positions, ticks (decades, whole numbers, categories), short labels, the colour map's
// orientation against the background.

#include "sweep_scale.h"

#include <QtTest>

#include <cmath>

using namespace seekbench::widgets;

class TestSweepScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logAxisTicksDecades()
    {
        const SweepScale s = SweepScale::fit({QStringLiteral("lr"), SweepAxis::Scale::Log, {}}, {1e-5, 3e-3, 0.1, -1});
        QCOMPARE(s.lo, -5.0);
        QCOMPARE(s.hi, -1.0);
        QVERIFY(std::abs(s.toUnit(1e-3) - 0.5) < 1e-12);
        QVERIFY(std::abs(s.fromUnit(0.5) - 1e-3) < 1e-15);
        QStringList labels;
        for (const SweepTick &t : s.ticks(8))
            labels << t.label;
        QCOMPARE(labels, (QStringList{QStringLiteral("1e-5"), QStringLiteral("0.0001"), QStringLiteral("0.001"),
                                      QStringLiteral("0.01"), QStringLiteral("0.1")}));
        // Less than a decade: 1, 2, 5 steps.
        const SweepScale narrow = SweepScale::fit({QStringLiteral("x"), SweepAxis::Scale::Log, {}}, {1.5, 6});
        QStringList narrowLabels;
        for (const SweepTick &t : narrow.ticks(8))
            narrowLabels << t.label;
        QCOMPARE(narrowLabels, (QStringList{QStringLiteral("2"), QStringLiteral("5")}));
    }

    void wholeNumbersTickAtIntegers()
    {
        const SweepScale s = SweepScale::fit({QStringLiteral("layers"), SweepAxis::Scale::Linear, {}}, {2, 3, 4});
        QVERIFY(s.integral);
        QStringList labels;
        for (const SweepTick &t : s.ticks(20))
            labels << t.label;
        QCOMPARE(labels, (QStringList{QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4")}));
        const SweepScale warmup = SweepScale::fit({QStringLiteral("w"), SweepAxis::Scale::Linear, {}}, {0, 2000});
        QCOMPARE(warmup.ticks(3).last().label, QStringLiteral("2000")); // not 2e3
    }

    void categoriesSitInTheMiddleOfTheirShare()
    {
        const SweepScale s = SweepScale::fit({QStringLiteral("opt"),
                                              SweepAxis::Scale::Categorical,
                                              {QStringLiteral("a"), QStringLiteral("b")}},
                                             {0, 1});
        QCOMPARE(s.toUnit(0), 0.25);
        QCOMPARE(s.toUnit(1), 0.75);
        QCOMPARE(s.format(1), QStringLiteral("b"));
        QCOMPARE(s.ticks(10).size(), 2);
        QVERIFY(std::isnan(s.toUnit(std::nan(""))));
    }

    void singleValueGetsARange()
    {
        const SweepScale s = SweepScale::fit({QStringLiteral("x"), SweepAxis::Scale::Linear, {}}, {3, 3});
        QVERIFY(s.hi > s.lo);
        QCOMPARE(s.toUnit(3), 0.5);
    }

    void bestHasTheMostContrast()
    {
        QCOMPARE(objectiveQuality(0.3, 0.3, 0.9, true), 1.0);
        QCOMPARE(objectiveQuality(0.3, 0.3, 0.9, false), 0.0);
        const QColor white(Qt::white), black(Qt::black);
        QVERIFY(objectiveColour(1, white).lightness() < objectiveColour(0, white).lightness());
        QVERIFY(objectiveColour(1, black).lightness() > objectiveColour(0, black).lightness());
    }
};

QTEST_GUILESS_MAIN(TestSweepScale)
#include "test_sweep_scale.moc"
