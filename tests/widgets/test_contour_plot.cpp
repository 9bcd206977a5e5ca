// ContourPlot (issue 22): the interpolated grid for given points (exact at the points,
// between their values elsewhere, log axes in decades), and the plot's use of it.

#include "seekbench/widgets/contour_plot.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace seekbench::widgets;

class TestContourPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gridTakesThePointsValues()
    {
        // Four corners and the middle of the unit square, on a 5 x 5 grid.
        const ContourGrid g = ContourPlot::interpolate({0, 1, 0, 1, 0.5}, {0, 0, 1, 1, 0.5}, {1, 2, 3, 4, 10}, 5, 5);
        QCOMPARE(g.cols, 5);
        QCOMPARE(g.rows, 5);
        QCOMPARE(g.values.size(), 25);
        QCOMPARE(g.xMin, 0.0);
        QCOMPARE(g.yMax, 1.0);
        QCOMPARE(g.at(0, 0), 1.0);
        QCOMPARE(g.at(4, 0), 2.0);
        QCOMPARE(g.at(0, 4), 3.0); // row 4 is y = 1
        QCOMPARE(g.at(4, 4), 4.0);
        QCOMPARE(g.at(2, 2), 10.0);
        for (double v : g.values)
            QVERIFY(v >= 1.0 && v <= 10.0);
        // Symmetry: the cell between corners 1 and 2 is nearer the middle than the edge.
        QVERIFY(g.at(1, 0) < g.at(3, 0));
    }

    void nanPointsAreSkipped()
    {
        const double nan = std::nan("");
        const ContourGrid g = ContourPlot::interpolate({0, 1, nan, 2}, {0, 1, 5, nan}, {1, 3, 100, 100}, 3, 3);
        QCOMPARE(g.xMax, 1.0);
        QCOMPARE(g.at(0, 0), 1.0);
        QCOMPARE(g.at(2, 2), 3.0);
        QCOMPARE(g.at(1, 1), 2.0); // halfway between the two
        QVERIFY(ContourPlot::interpolate({nan}, {nan}, {1}, 4, 4).isEmpty());
    }

    void plotGridsInLogDecades()
    {
        SweepChartData d;
        d.params = {{QStringLiteral("lr"), SweepAxis::Scale::Log, {}},
                    {QStringLiteral("dropout"), SweepAxis::Scale::Linear, {}}};
        d.objectiveName = QStringLiteral("loss");
        d.values = {{1e-4, 0.1}, {1e-2, 0.1}, {1e-4, 0.5}, {1e-2, 0.5}, {1e-3, 0.3}, {0.0, 0.3}};
        d.objective = {1, 2, 3, 4, 0.5, 9};
        d.trialNumbers = {0, 1, 2, 3, 4, 5};
        d.states = {0, 0, 0, 0, 0, 0};
        ContourPlot c;
        c.resize(500, 400);
        c.setGridSize(21, 11); // no parameters yet: nothing to compute
        QSignalSpy ready(&c, &ContourPlot::gridReady);
        c.setData(d);
        c.showParameters(0, 1); // two requests: only the last one's grid arrives
        QVERIFY(ready.wait());
        QTest::qWait(50);
        QCOMPARE(ready.count(), 1);
        const ContourGrid &g = c.grid();
        QCOMPARE(g.cols, 21);
        QCOMPARE(g.xMin, -4.0); // log10, the non-positive lr left out
        QCOMPARE(g.xMax, -2.0);
        QCOMPARE(g.at(10, 5), 0.5); // 1e-3 is the middle column
        QCOMPARE(c.dotCount(), 5);
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        c.replot();
        c.showParameters(0, 7); // no such parameter: empty at once, no crash
        QVERIFY(c.grid().isEmpty());
        QCOMPARE(ready.count(), 2);
        c.showParameters(1, 0); // destroyed while its grid is on its way
    }
};

QTEST_MAIN(TestContourPlot)
#include "test_contour_plot.moc"
