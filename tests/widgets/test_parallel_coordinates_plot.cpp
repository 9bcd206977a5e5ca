// ParallelCoordinatesPlot (issue 22): axis mappings (linear, log, categorical), trials
// without an objective, brushing with the mouse on one and two axes, Esc, a click outside
// a brush, hover and highlight.

#include "seekbench/widgets/parallel_coordinates_plot.h"

#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

#include <cmath>

using namespace seekbench::widgets;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Six trials: lr on a log axis, layers linear, optimiser categorical, momentum only for sgd.
SweepChartData sampleData()
{
    SweepChartData d;
    d.params = {{QStringLiteral("lr"), SweepAxis::Scale::Log, {}},
                {QStringLiteral("layers"), SweepAxis::Scale::Linear, {}},
                {QStringLiteral("optimizer"),
                 SweepAxis::Scale::Categorical,
                 {QStringLiteral("adam"), QStringLiteral("sgd"), QStringLiteral("adamw")}},
                {QStringLiteral("momentum"), SweepAxis::Scale::Linear, {}}};
    d.objectiveName = QStringLiteral("loss");
    d.values = {{1e-4, 2, 0, kNaN}, {1e-3, 4, 1, 0.9},  {1e-2, 6, 2, kNaN},
                {3e-3, 8, 1, 0.5},  {5e-4, 3, 0, kNaN}, {2e-3, 5, 2, kNaN}};
    d.objective = {0.9, 0.5, 0.7, 0.3, kNaN, 0.6};
    d.trialNumbers = {10, 11, 12, 13, 14, 15};
    d.states = {0, 0, 1, 0, 2, 0};
    return d;
}

void drag(QWidget *w, QPointF from, QPointF to)
{
    QTest::mousePress(w, Qt::LeftButton, {}, from.toPoint());
    QTest::mouseMove(w, ((from + to) / 2).toPoint());
    QTest::mouseMove(w, to.toPoint());
    QTest::mouseRelease(w, Qt::LeftButton, {}, to.toPoint());
}

} // namespace

class TestParallelCoordinatesPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void logAxisPutsTheMiddleDecadeHalfway()
    {
        ParallelCoordinatesPlot p;
        p.setData(sampleData());
        QCOMPARE(p.axisCount(), 5);
        QCOMPARE(p.objectiveAxis(), 4);
        QCOMPARE(p.unitPosition(0, 1e-4), 0.0);
        QCOMPARE(p.unitPosition(0, 1e-2), 1.0);
        QVERIFY(std::abs(p.unitPosition(0, 1e-3) - 0.5) < 1e-12);
        QVERIFY(std::isnan(p.unitPosition(0, 0.0)));           // no place on a log axis
        QVERIFY(std::abs(p.unitPosition(1, 5) - 0.5) < 1e-12); // linear 2..8
    }

    void categoricalAxisSpacesCategoriesEvenly()
    {
        ParallelCoordinatesPlot p;
        p.setData(sampleData());
        QVERIFY(std::abs(p.unitPosition(2, 0) - 1.0 / 6) < 1e-12);
        QVERIFY(std::abs(p.unitPosition(2, 1) - 0.5) < 1e-12);
        QVERIFY(std::abs(p.unitPosition(2, 2) - 5.0 / 6) < 1e-12);
        // No jitter: every trial with the same category sits at the same height.
        p.resize(800, 400);
        QCOMPARE(p.pointFor(2, 1).y(), p.pointFor(2, 1.0).y());
    }

    void missingObjectiveIsDrawnAsNone()
    {
        ParallelCoordinatesPlot p;
        p.setData(sampleData());
        QVERIFY(p.drawnWithoutObjective(14));
        QVERIFY(!p.drawnWithoutObjective(13));
        // Minimised: the best (13, loss 0.3) and the worst (10, 0.9) differ in colour.
        QVERIFY(p.lineColour(13) != p.lineColour(10));
        QVERIFY(p.lineColour(14).alpha() < p.lineColour(13).alpha()); // faint grey
    }

    void brushingSelectsTheTrialsInRangeAndAndsAxes()
    {
        ParallelCoordinatesPlot p;
        p.resize(900, 420);
        p.setData(sampleData());
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        QSignalSpy spy(&p, &ParallelCoordinatesPlot::selectionChanged);

        // layers 3.5..6.5: trials 11 (4), 12 (6), 15 (5).
        drag(&p, p.pointFor(1, 6.5), p.pointFor(1, 3.5));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.last().first().value<QList<int>>(), (QList<int>{11, 12, 15}));
        QCOMPARE(p.selectedTrials(), (QList<int>{11, 12, 15}));

        // And lr 5e-4..2.5e-3: of those, 11 (1e-3) and 15 (2e-3).
        drag(&p, p.pointFor(0, 5e-4), p.pointFor(0, 2.5e-3));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.last().first().value<QList<int>>(), (QList<int>{11, 15}));

        // A click on the lr axis outside its brush clears that brush only.
        QTest::mouseClick(&p, Qt::LeftButton, {}, p.pointFor(0, 1.2e-4).toPoint());
        QCOMPARE(spy.count(), 3);
        QCOMPARE(p.selectedTrials(), (QList<int>{11, 12, 15}));

        // An inactive value (NaN) is outside every brush on its axis.
        drag(&p, p.pointFor(3, 0.8), p.pointFor(3, 0.95)); // beyond the top: clamped
        QCOMPARE(p.selectedTrials(), (QList<int>{11}));    // 12 and 15 have none

        // Esc clears all.
        QTest::keyClick(&p, Qt::Key_Escape);
        QVERIFY(!p.hasBrush());
        QVERIFY(p.selectedTrials().isEmpty());
        QVERIFY(spy.last().first().value<QList<int>>().isEmpty());
        p.repaint(); // the cached images rebuild without trouble
    }

    void programmaticBrushOnCategories()
    {
        ParallelCoordinatesPlot p;
        p.resize(900, 420);
        p.setData(sampleData());
        QSignalSpy spy(&p, &ParallelCoordinatesPlot::selectionChanged);
        p.setBrush(2, 1, 1); // sgd
        QCOMPARE(p.selectedTrials(), (QList<int>{11, 13}));
        p.setBrush(p.objectiveAxis(), 0, 0.4);
        QCOMPARE(p.selectedTrials(), QList<int>{13});
        QCOMPARE(spy.count(), 2);
        p.clearBrush(2); // the selection stays {13}: no signal
        QCOMPARE(spy.count(), 2);
        p.clearBrush(p.objectiveAxis());
        QVERIFY(!p.hasBrush());
        QCOMPARE(spy.count(), 3);
    }

    void hoverFindsTheLineAndHighlightFollows()
    {
        ParallelCoordinatesPlot p;
        p.resize(900, 420);
        p.setData(sampleData());
        const QPointF a = p.pointFor(1, 8), b = p.pointFor(2, 1); // trial 13: layers 8 -> sgd
        QCOMPARE(p.trialAt((a + b) / 2), 13);
        QCOMPARE(p.trialAt(QPointF(a.x() + 5, 2)), -1);
        // Hovering names the trial: the signal, and a tooltip with its values.
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        QSignalSpy hovered(&p, &ParallelCoordinatesPlot::trialHovered);
        QTest::mouseMove(&p, ((a + b) / 2).toPoint());
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().first().toInt(), 13);
        QHelpEvent help(QEvent::ToolTip, ((a + b) / 2).toPoint(), p.mapToGlobal(((a + b) / 2).toPoint()));
        QApplication::sendEvent(&p, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("Trial 13")));
        QVERIFY(QToolTip::text().contains(QStringLiteral("optimizer: sgd")));
        QVERIFY(QToolTip::text().contains(QStringLiteral("loss: 0.3")));
        p.highlightTrial(13);
        QCOMPARE(p.highlightedTrial(), 13);
        p.highlightTrial(999);
        QCOMPARE(p.highlightedTrial(), -1);
    }

    void linesAreDrawnInStripsOnThreads()
    {
        // 2,000 trials: enough for the widget to draw strips on its pool's threads. Every
        // trial's segments are there: the middle of a segment is not the background.
        SweepChartData d;
        d.params = {{QStringLiteral("a"), SweepAxis::Scale::Linear, {}},
                    {QStringLiteral("b"), SweepAxis::Scale::Linear, {}},
                    {QStringLiteral("c"), SweepAxis::Scale::Linear, {}}};
        d.objectiveName = QStringLiteral("loss");
        for (int t = 0; t < 2000; ++t) {
            d.values.push_back({double(t % 97), double((t * 7) % 89), double((t * 13) % 83)});
            d.objective.push_back(t % 50);
            d.trialNumbers.push_back(t);
            d.states.push_back(0);
        }
        ParallelCoordinatesPlot p;
        p.resize(900, 420);
        p.setData(d);
        const QImage image = p.grab().toImage();
        const QRgb base = p.palette().color(QPalette::Base).rgb();
        for (int t : {0, 555, 1999})
            for (int axis = 0; axis + 1 < p.axisCount(); ++axis) {
                const double u = axis + 1 < p.objectiveAxis() ? d.values.at(t).at(axis + 1) : d.objective.at(t);
                const QPointF mid = (p.pointFor(axis, axis < 3 ? d.values.at(t).at(axis) : 0) + p.pointFor(axis + 1, u))
                                    / 2;
                QVERIFY2(image.pixel(mid.toPoint()) != base,
                         qPrintable(QStringLiteral("trial %1, strip %2").arg(t).arg(axis)));
            }
    }

    // At thousands of trials the lines are also kept in layers, so a brush that keeps
    // whole layers composes them: the picture must be the one drawing every line gives,
    // for a brush on the objective (whole layers), on a parameter (every layer partial)
    // and with none.
    void layersDrawTheSamePicture()
    {
        SweepChartData d;
        d.params = {{QStringLiteral("a"), SweepAxis::Scale::Linear, {}},
                    {QStringLiteral("b"), SweepAxis::Scale::Log, {}}};
        d.objectiveName = QStringLiteral("loss");
        for (int t = 0; t < 1600; ++t) {
            d.values.push_back({double(t % 97), 1e-4 * (1 + (t * 7) % 89)});
            d.objective.push_back(t % 13 == 0 ? kNaN : double((t * 31) % 101));
            d.trialNumbers.push_back(t);
            d.states.push_back(0);
        }
        ParallelCoordinatesPlot layered, plain;
        plain.setLayerBudget(0);
        for (ParallelCoordinatesPlot *p : {&layered, &plain}) {
            p->resize(700, 360);
            p->setData(d);
        }
        const auto sameAs = [&](const char *what) {
            const QImage a = layered.grab().toImage().convertToFormat(QImage::Format_ARGB32);
            const QImage b = plain.grab().toImage().convertToFormat(QImage::Format_ARGB32);
            QCOMPARE(a.size(), b.size());
            int worst = 0;
            for (int y = 0; y < a.height(); ++y)
                for (int x = 0; x < a.width(); ++x) {
                    const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
                    worst = std::max({worst, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                                      std::abs(qBlue(p) - qBlue(q))});
                }
            // Premultiplied layers round each composition: a few levels at most.
            QVERIFY2(worst <= 6,
                     qPrintable(QStringLiteral("%1: a channel differs by %2").arg(QLatin1String(what)).arg(worst)));
        };
        sameAs("no brush");
        QVERIFY(layered.layerCount() >= 2);
        QCOMPARE(plain.layerCount(), 0);
        for (ParallelCoordinatesPlot *p : {&layered, &plain})
            p->setBrush(p->objectiveAxis(), 0, 100);
        sameAs("every trial with an objective");
        for (ParallelCoordinatesPlot *p : {&layered, &plain})
            p->setBrush(p->objectiveAxis(), 40, 100);
        sameAs("the better part of the objective");
        for (ParallelCoordinatesPlot *p : {&layered, &plain}) {
            p->clearBrushes();
            p->setBrush(0, 10, 80);
        }
        sameAs("a parameter");
    }

    void axesReorderByDraggingTheTitle()
    {
        ParallelCoordinatesPlot p;
        p.resize(900, 420);
        p.setData(sampleData());
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        const double x0 = p.pointFor(0, 1e-3).x(), x2 = p.pointFor(2, 1).x(), x3 = p.pointFor(3, 0.5).x();
        drag(&p, QPointF(x0, 10), QPointF((x2 + x3) / 2, 10));
        QCOMPARE(p.axisOrder(), (QList<int>{1, 2, 0, 3, 4}));
        p.setAxisOrder({0, 0, 1, 2, 3}); // not a permutation: ignored
        QCOMPARE(p.axisOrder(), (QList<int>{1, 2, 0, 3, 4}));
    }
};

QTEST_MAIN(TestParallelCoordinatesPlot)
#include "test_parallel_coordinates_plot.moc"
