// TrialCurvesPlot (issue 22): pruned curves faint, colours by the last value, highlight.

#include "seekbench/widgets/trial_curves_plot.h"

#include <QtTest>

using namespace seekbench::widgets;

class TestTrialCurvesPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prunedCurvesAreFaint()
    {
        TrialCurvesPlot p;
        p.resize(600, 400);
        p.setCurves({{1, SweepChartData::Complete, {0, 1, 2}, {1.0, 0.6, 0.4}},
                     {2, SweepChartData::Pruned, {0, 1}, {1.0, 0.9}},
                     {3, SweepChartData::Complete, {0, 1, 2}, {1.0, 0.8, 0.7}},
                     {4, SweepChartData::Running, {0}, {1.1}}},
                    QStringLiteral("loss"), true);
        QCOMPARE(p.curveCount(), 4);
        QVERIFY(p.curveFaded(2));
        QVERIFY(!p.curveFaded(1));
        QVERIFY(!p.curveFaded(99));
        QVERIFY(p.curveColour(2).alpha() < p.curveColour(1).alpha());
        QVERIFY(p.curveColour(1) != p.curveColour(3)); // best and worst last value
        p.highlightTrial(3);
        QCOMPARE(p.highlightedTrial(), 3);
        QCOMPARE(p.curveColour(3).alpha(), 255);
        p.highlightTrial(42);
        QCOMPARE(p.highlightedTrial(), -1);
        p.setLogY(true);
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        p.replot();
    }
};

QTEST_MAIN(TestTrialCurvesPlot)
#include "test_trial_curves_plot.moc"
