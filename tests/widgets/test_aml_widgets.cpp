// The AML widgets (issues 10 and 21): the timeline switches to density above its threshold
// and back when zoomed in, zooms about the cursor, pans, and a click on an alert emits its
// id; the case graph hides transfers after the cutoff without moving nodes, zooms about
// the cursor, pans and fits, draws only labels that do not overlap, draws the chains in
// their own hue, and tells what a node or a group is on hover.

#include "seekbench/plotmath/case_graph_layout.h"
#include "seekbench/widgets/alert_timeline.h"
#include "seekbench/widgets/ego_graph_view.h"
#include "seekbench/widgets/run_palette.h"

#include <QAction>
#include <QSignalSpy>
#include <QToolTip>
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
        QVERIFY(!v.hasLayout());
        v.setGraphLayout(layoutOf(v));
        QVERIFY(v.hasLayout());
        QCOMPARE(v.visibleTransactions(), (QVector<qint64>{10, 11}));
        v.setCutoff(150);
        QCOMPARE(v.visibleTransactions(), QVector<qint64>{10});
        QCOMPARE(v.visibleNodeCount(), 2);
        QVERIFY(!v.itemVisible(v.graphLayout().itemOf[2]));
        v.setCutoff(50);
        QVERIFY(v.visibleTransactions().isEmpty());
        QCOMPARE(v.visibleNodeCount(), 1); // the case's account stays
        QVERIFY(v.itemVisible(0));
    }

    void egoGraphZoomsAboutTheCursorPansAndFits()
    {
        widgets::EgoGraphView v;
        fillCase(v);
        v.resize(900, 520);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const double fitScale = v.scale();
        const QPointF fitOffset = v.offset();
        for (int i = 0; i < int(v.graphLayout().items.size()); ++i)
            QVERIFY(QRectF(v.rect()).contains(v.itemRect(i)));
        const QPointF cursor(300, 200);
        const QPointF under = v.toLayout(cursor);
        v.zoomAt(cursor, 2);
        QCOMPARE(v.scale(), fitScale * 2);
        QVERIFY(QLineF(v.toLayout(cursor), under).length() < 1e-9);
        // The wheel zooms the same way, about where it is turned.
        const QPointF at(600, 150), before = v.toLayout(at);
        QWheelEvent wheel(at, v.mapToGlobal(at), {}, {0, 120}, Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&v, &wheel);
        QVERIFY(std::abs(v.scale() - fitScale * 2 * 1.2) < 1e-9);
        QVERIFY(QLineF(v.toLayout(at), before).length() < 1e-9);
        // A drag pans by as much as the mouse moved.
        const QRectF focal = v.itemRect(0);
        QTest::mousePress(&v, Qt::LeftButton, {}, QPoint(400, 300));
        QMouseEvent move(QEvent::MouseMove, QPointF(430, 290), v.mapToGlobal(QPointF(430, 290)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&v, &move);
        QTest::mouseRelease(&v, Qt::LeftButton, {}, QPoint(430, 290));
        QCOMPARE(v.itemRect(0).topLeft(), focal.topLeft() + QPointF(30, -10));
        v.panBy({-5, 5});
        QCOMPARE(v.itemRect(0).topLeft(), focal.topLeft() + QPointF(25, -5));
        // Double-click and the Fit action show it all again.
        QTest::mouseDClick(&v, Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(v.scale(), fitScale);
        QCOMPARE(v.offset(), fitOffset);
        v.zoomAt(cursor, 0.3);
        v.fitAction()->trigger();
        QCOMPARE(v.scale(), fitScale);
        // A fitted view follows resizes; a zoomed one keeps its scale.
        v.resize(600, 400);
        QVERIFY(v.scale() < fitScale);
        v.zoomAt(cursor, 1.5);
        const double zoomed = v.scale();
        v.resize(900, 520);
        QCOMPARE(v.scale(), zoomed);
    }

    void egoGraphLabelsOnlyWhatFitsAndChainsStandOut()
    {
        widgets::EgoGraphView v;
        fillCase(v);
        v.resize(900, 520);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        // Paints, then returns what is wrong with the labels drawn ('' when nothing is).
        QImage shot;
        auto check = [&](const char *what) {
            shot = v.grab().toImage();
            shot.save(QStringLiteral("/tmp/h4-%1.png").arg(QLatin1String(what)));
            const auto &labels = v.drawnLabelRects();
            for (int i = 0; i < labels.size(); ++i) {
                if (!QRectF(v.rect()).contains(labels[i]))
                    return QStringLiteral("%1: label %2 sticks out").arg(QLatin1String(what)).arg(i);
                for (int j = i + 1; j < labels.size(); ++j)
                    if (labels[i].intersects(labels[j]))
                        return QStringLiteral("%1: labels %2 and %3 overlap").arg(QLatin1String(what)).arg(i).arg(j);
            }
            return QString();
        };
        QCOMPARE(check("fitted"), QString());
        const QImage full = shot;
        const int items = int(v.graphLayout().items.size());
        QVERIFY(v.drawnLabelRects().size() >= 2);
        QVERIFY(v.itemRect(0).contains(v.drawnLabelRects().front())); // the case's account first, inside its box
        QVERIFY(v.drawnLabelRects().size() <= items);
        for (int w = 260; w <= 700; w += 40) { // names spill out of their boxes: fewer, still apart
            v.resize(w, w * 3 / 4);
            v.fitToView();
            QCOMPARE(check(w == 260 ? "small" : "sizes"), QString());
            QVERIFY(w > 260 || v.drawnLabelRects().size() < items);
        }
        v.resize(260, 200);
        v.zoomAt({130, 100}, 4);
        QCOMPARE(check("zoomed"), QString());
        // The traced chains are drawn in their own hue, and nothing else is.
        v.resize(900, 520);
        v.fitToView();
        auto chainPixels = [](const QImage &img) {
            const QColor chain = widgets::runColor(1);
            int n = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    const QColor c = img.pixelColor(x, y);
                    n += std::abs(c.red() - chain.red()) + std::abs(c.green() - chain.green())
                             + std::abs(c.blue() - chain.blue())
                         < 30;
                }
            return n;
        };
        QCOMPARE(check("again"), QString());
        const int withChains = chainPixels(shot);
        v.setHighlighted({});
        QCOMPARE(check("no chains"), QString());
        const int without = chainPixels(shot);
        QVERIFY2(withChains > 400, qPrintable(QString::number(withChains)));
        QVERIFY2(without < 150, qPrintable(QString::number(without))); // the legend's sample line
        QVERIFY(full.size() == QSize(900, 520));
    }

    void egoGraphHoverTellsWhatANodeOrGroupIs()
    {
        widgets::EgoGraphView v;
        fillCase(v);
        v.resize(900, 520);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const QString focal = v.toolTipAt(v.itemRect(0).center());
        QVERIFY2(focal.startsWith(QStringLiteral("CASE-ACCOUNT\n")), qPrintable(focal));
        QVERIFY(focal.contains(QStringLiteral("The case's account")));
        QVERIFY(focal.contains(QStringLiteral("On a traced chain")));
        QVERIFY2(focal.contains(QStringLiteral("Transfers sent: 32 (1,400.00 in total)")), qPrintable(focal));
        QVERIFY2(focal.contains(QStringLiteral("Transfers received: 40 (400.00 in total)")), qPrintable(focal));
        const auto &layout = v.graphLayout();
        const int b = layout.itemOf[1];
        const QString chain = v.toolTipAt(v.itemRect(b).center());
        QVERIFY(chain.startsWith(QStringLiteral("MULE-BRAVO\nHops from the case's account: 1")));
        QVERIFY(chain.contains(QStringLiteral("Flagged: labelled as laundering")));
        const int group = layout.itemOf[5];
        QVERIFY(layout.items[std::size_t(group)].group >= 0);
        const QString crowd = v.toolTipAt(v.itemRect(group).center());
        QVERIFY2(crowd.startsWith(QStringLiteral("Senders: 40, hop 1")), qPrintable(crowd));
        QVERIFY(crowd.contains(QStringLiteral(
            "Accounts: SENDER-000, SENDER-001, SENDER-002, SENDER-003, SENDER-004, SENDER-005 and 34 more")));
        QVERIFY(crowd.contains(QStringLiteral("Transfers sent: 40 (400.00 in total)")));
        QVERIFY(v.toolTipAt({2, 2}).isEmpty());
        // At an earlier time the group counts only the accounts with transfers by then.
        v.setCutoff(1019);
        QVERIFY(v.toolTipAt(v.itemRect(group).center())
                    .startsWith(QStringLiteral("Senders: 20, hop 1\n20 of 40 have transfers up to this time")));
        // The tooltip event shows the same text.
        QHelpEvent help(QEvent::ToolTip, v.itemRect(0).center().toPoint(),
                        v.mapToGlobal(v.itemRect(0).center().toPoint()));
        QApplication::sendEvent(&v, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), v.toolTipAt(v.itemRect(0).center()));
    }

private:
    static plotmath::CaseGraphLayout layoutOf(const widgets::EgoGraphView &v)
    {
        plotmath::CaseGraphInput in;
        for (const auto &n : v.nodes())
            in.nodes.push_back({n.hop, n.flagged, 20 + 7.0 * n.name.size()});
        for (const auto &e : v.edges())
            in.edges.push_back({e.from, e.to});
        std::vector<int> chain;
        for (int i = 0; i < v.edges().size(); ++i)
            if (v.edges()[i].txId < 100)
                chain.push_back(i);
        if (!chain.empty())
            in.chains.push_back(chain);
        return plotmath::layoutCaseGraph(in);
    }

    // A case: CASE-ACCOUNT -> MULE-BRAVO (flagged) -> MULE-CHARLIE -> SINK-DELTA traced (tx
    // ids below 100), a transfer to ECHO, 40 senders into the case's account at 1000 + i,
    // and 30 receivers from it.
    static void fillCase(widgets::EgoGraphView &v)
    {
        QVector<widgets::EgoGraphNode> nodes{{1, QStringLiteral("CASE-ACCOUNT"), 0, false},
                                             {2, QStringLiteral("MULE-BRAVO"), 1, true},
                                             {3, QStringLiteral("MULE-CHARLIE"), 2, false},
                                             {4, QStringLiteral("SINK-DELTA"), 3, false},
                                             {5, QStringLiteral("ECHO-000005"), 1, false}};
        QVector<widgets::EgoGraphEdge> edges{{1, 0, 1, 500, 1000},
                                             {2, 1, 2, 600, 990},
                                             {3, 2, 3, 700, 980},
                                             {200, 0, 4, 800, 100}};
        for (int i = 0; i < 40; ++i) {
            nodes.push_back({100 + i, QStringLiteral("SENDER-%1").arg(i, 3, 10, QLatin1Char('0')), 1, false});
            edges.push_back({1000 + i, int(nodes.size()) - 1, 0, 1000.0 + i, 10});
        }
        for (int i = 0; i < 30; ++i) {
            nodes.push_back({200 + i, QStringLiteral("RECEIVER-%1").arg(i, 3, 10, QLatin1Char('0')), 1, false});
            edges.push_back({2000 + i, 0, int(nodes.size()) - 1, 2000.0 + i, 10});
        }
        v.setGraph(nodes, edges);
        v.setGraphLayout(layoutOf(v));
        v.setHighlighted({1, 2, 3});
    }
};

QTEST_MAIN(TestAmlWidgets)
#include "test_aml_widgets.moc"
