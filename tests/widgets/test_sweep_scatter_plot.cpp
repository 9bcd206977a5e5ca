// SweepScatterPlot (issue 22): a click on a point emits its trial, in every mode; the
// Pareto front is the given set; points without an objective are left out; log and
// categorical x.

#include "seekbench/widgets/sweep_scatter_plot.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace seekbench::widgets;

namespace {

SweepChartData sampleData()
{
    const double nan = std::nan("");
    SweepChartData d;
    d.params = {{QStringLiteral("lr"), SweepAxis::Scale::Log, {}},
                {QStringLiteral("opt"), SweepAxis::Scale::Categorical, {QStringLiteral("adam"), QStringLiteral("sgd")}}};
    d.objectiveName = QStringLiteral("loss");
    d.values = {{1e-4, 0}, {1e-3, 1}, {1e-2, 0}, {3e-3, 1}, {5e-4, 0}};
    d.objective = {0.9, 0.5, 0.7, 0.3, nan};
    d.trialNumbers = {20, 21, 22, 23, 24};
    d.states = {0, 1, 0, 0, 2};
    return d;
}

} // namespace

class TestSweepScatterPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clickEmitsTheTrial()
    {
        SweepScatterPlot s;
        s.resize(600, 400);
        s.setData(sampleData());
        s.showParameter(0);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.replot();
        QCOMPARE(s.plottedCount(), 4); // 24 failed: no objective
        QVERIFY(s.pointPosition(24).isNull());
        // On a log axis, 1e-3 lies between 1e-4 and 1e-2 at the geometric middle.
        const double x4 = s.pointPosition(20).x(), x3 = s.pointPosition(21).x(), x2 = s.pointPosition(22).x();
        QVERIFY(std::abs(x3 - (x4 + x2) / 2) < 1.0);
        QSignalSpy spy(&s, &SweepScatterPlot::trialClicked);
        QTest::mouseClick(s.plotWidget(), Qt::LeftButton, {}, s.pointPosition(23).toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toInt(), 23);
        QTest::mouseClick(s.plotWidget(), Qt::LeftButton, {}, QPoint(3, 3)); // no point there
        QCOMPARE(spy.count(), 1);
    }

    void categoricalPointsStayInTheirCategory()
    {
        SweepScatterPlot s;
        s.resize(600, 400);
        s.setData(sampleData());
        s.showParameter(1);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.replot();
        const double adam = s.pointPosition(20).x(), sgd = s.pointPosition(21).x();
        QVERIFY(sgd - adam > 100);                                              // one category apart
        QVERIFY(std::abs(s.pointPosition(22).x() - adam) < (sgd - adam) / 2.5); // jitter within
    }

    void paretoHighlightsTheFront()
    {
        SweepScatterPlot s;
        s.resize(600, 400);
        s.setData(sampleData());
        QCOMPARE(s.mode(), SweepScatterPlot::Mode::History);
        QVERIFY(s.paretoTrials().isEmpty());
        s.showPareto({1, 2, 3, 4, 5}, QStringLiteral("cost"), {0, 3});
        QCOMPARE(s.mode(), SweepScatterPlot::Mode::Pareto);
        QCOMPARE(s.paretoTrials(), (QList<int>{20, 23}));
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.replot();
        QSignalSpy spy(&s, &SweepScatterPlot::trialClicked);
        QTest::mouseClick(s.plotWidget(), Qt::LeftButton, {}, s.pointPosition(20).toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toInt(), 20);
        s.setData(sampleData()); // new trials: the front is gone
        QVERIFY(s.paretoTrials().isEmpty());
    }
};

QTEST_MAIN(TestSweepScatterPlot)
#include "test_sweep_scatter_plot.moc"
