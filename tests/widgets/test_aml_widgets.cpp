// The AML widgets and the layout maths (issue 10): the timeline switches to density above
// its threshold and back when zoomed in, zooms about the cursor, pans, and a click on an
// alert emits its id; the ego graph hides transfers after the cutoff without moving
// nodes; the force layout is deterministic, in the unit square, pins the case's account
// and keeps linked accounts closer than unlinked ones.

#include "seekbench/plotmath/graph_layout.h"
#include "seekbench/widgets/alert_timeline.h"
#include "seekbench/widgets/ego_graph_view.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace seekbench;

class TestAmlWidgets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timelineDensityZoomPanAndClick()
    {
        widgets::AlertTimeline t;
        t.resize(800, 300);
        t.setLaneNames({QStringLiteral("cycle"), QStringLiteral("unknown")});
        QVector<widgets::TimelineAlert> alerts;
        for (int i = 0; i < 3000; ++i)
            alerts.push_back({i + 1, 1000.0 + i * 60, 0.5f + (i % 50) / 100.0f, quint8(i % 3), quint8(i % 2)});
        t.setAlerts(alerts);
        t.setDensityThreshold(1000);
        t.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t));
        t.repaint();
        QCOMPARE(t.lastMode(), widgets::AlertTimeline::Mode::Density);
        QCOMPARE(t.lastVisibleCount(), 3000);
        const auto full = t.visibleRange();
        t.zoomAt(400, 0.1);
        const auto zoomed = t.visibleRange();
        QVERIFY(zoomed.second - zoomed.first < (full.second - full.first) * 0.11);
        t.repaint();
        QCOMPARE(t.lastMode(), widgets::AlertTimeline::Mode::Glyphs);
        QVERIFY(t.lastVisibleCount() < 1000);
        t.panPixels(100); // drag right: earlier times
        QVERIFY(t.visibleRange().first < zoomed.first);
        t.repaint();
        // Click the first visible alert.
        const auto range = t.visibleRange();
        const auto it = std::find_if(alerts.begin(), alerts.end(),
                                     [&](const auto &a) { return a.ts > range.first + 600; });
        QVERIFY(it != alerts.end());
        QSignalSpy activated(&t, &widgets::AlertTimeline::alertActivated);
        QTest::mouseClick(&t, Qt::LeftButton, {}, t.positionOf(*it).toPoint());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toLongLong(), it->id);
        t.resetRange();
        QCOMPARE(t.visibleRange(), full);
    }

    void egoGraphCutoffHidesLaterTransfers()
    {
        widgets::EgoGraphView v;
        v.setGraph({{1, QStringLiteral("A"), 0, false},
                    {2, QStringLiteral("B"), 1, true},
                    {3, QStringLiteral("C"), 2, false}},
                   {{10, 0, 1, 100, 5}, {11, 1, 2, 200, 5}});
        v.setPositions({{0.5, 0.5}, {0.2, 0.2}, {0.8, 0.8}});
        QCOMPARE(v.visibleTransactions(), (QVector<qint64>{10, 11}));
        v.setCutoff(150);
        QCOMPARE(v.visibleTransactions(), QVector<qint64>{10});
        QCOMPARE(v.visibleNodeCount(), 2);
        v.setCutoff(50);
        QVERIFY(v.visibleTransactions().isEmpty());
        QCOMPARE(v.visibleNodeCount(), 1); // the case's account stays
        QVERIFY(v.hasLayout());
    }

    void forceLayout()
    {
        // A star around 0 plus a pair (5, 6) linked only to each other.
        const std::vector<std::pair<int, int>> edges{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {5, 6}, {5, 6}};
        const auto a = plotmath::forceLayout(7, edges);
        const auto b = plotmath::forceLayout(7, edges);
        QCOMPARE(a.size(), std::size_t(7));
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].x, b[i].x);
            QVERIFY(a[i].x >= 0 && a[i].x <= 1 && a[i].y >= 0 && a[i].y <= 1);
        }
        QCOMPARE(a[0].x, 0.5);
        QCOMPARE(a[0].y, 0.5);
        auto dist = [&](int i, int j) {
            return std::hypot(a[std::size_t(i)].x - a[std::size_t(j)].x, a[std::size_t(i)].y - a[std::size_t(j)].y);
        };
        QVERIFY(dist(5, 6) < dist(5, 1));
        QVERIFY(dist(0, 1) < dist(1, 6));
        std::atomic<bool> cancel{true};
        plotmath::LayoutOptions o;
        o.cancel = &cancel;
        QCOMPARE(plotmath::forceLayout(7, edges, o).size(), std::size_t(7)); // stops at once, still one point per node
        QVERIFY(plotmath::forceLayout(0, {}).empty());
    }
};

QTEST_MAIN(TestAmlWidgets)
#include "test_aml_widgets.moc"
