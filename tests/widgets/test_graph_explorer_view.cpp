// The knowledge graph explorer (offscreen) and its force layout: hit-testing after pan and
// zoom, filters, fit, signals, the highlight drawn, keyboard; the layout deterministic,
// cancellable, keeping fixed nodes fixed and components apart. With SEEKBENCH_KG_SHOTS set
// to a folder, also saves screenshots (small and 10k graphs, light and dark) there.
#include "seekbench/plotmath/force_layout.h"
#include "seekbench/widgets/graph_explorer_view.h"

#include "kg_explorer_fixture.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace seekbench;
using widgets::GraphExplorerEdge;
using widgets::GraphExplorerNode;
using widgets::GraphExplorerView;

namespace {

// A square of four nodes, two diagonals missing, and a fifth node off to the right:
//   0 --1-- 1        edges: 0: 0-1, 1: 1-2, 2: 2-3, 3: 3-0, 4: 1-4
//   |       |
//   3 ----- 2 ... 4
void fillSquare(GraphExplorerView &v)
{
    QVector<GraphExplorerNode> nodes;
    const QPointF at[] = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {220, 50}};
    for (int i = 0; i < 5; ++i)
        nodes.push_back({at[i], i % 5, QStringLiteral("node %1").arg(i)});
    QVector<GraphExplorerEdge> edges{{0, 1, 1}, {1, 2, 2}, {2, 3, 3, 0.9}, {3, 0, 4}, {1, 4, 5}};
    v.setGraph(nodes, edges);
}

QPointF midpoint(const GraphExplorerView &v, int edge)
{
    const auto &e = v.edges()[edge];
    return (v.toWidget(v.nodes()[e.from].pos) + v.toWidget(v.nodes()[e.to].pos)) / 2;
}

plotmath::ForceGraph twoComponents()
{
    plotmath::ForceGraph g;
    g.nodeCount = 20;
    for (int i = 0; i < 9; ++i)
        g.edges.push_back({i, i + 1}); // a path of ten
    for (int i = 10; i < 20; ++i)
        g.edges.push_back({i, 10 + (i + 1 - 10) % 10}); // a ring of ten
    return g;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225);
    for (const auto role : {QPalette::Window, QPalette::Button, QPalette::AlternateBase})
        p.setColor(role, window);
    p.setColor(QPalette::Base, base);
    for (const auto role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(role, text);
    p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    return p;
}

} // namespace

class TestGraphExplorerView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hitTestingAfterPanAndZoom_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::addColumn<QPointF>("pan");
        QTest::newRow("fitted") << 1.0 << QPointF();
        QTest::newRow("zoomed in") << 2.5 << QPointF();
        QTest::newRow("panned") << 1.0 << QPointF(-60, 35);
        QTest::newRow("zoomed out and panned") << 0.6 << QPointF(40, -20);
    }
    void hitTestingAfterPanAndZoom()
    {
        QFETCH(double, zoom);
        QFETCH(QPointF, pan);
        GraphExplorerView v;
        v.resize(600, 400);
        fillSquare(v);
        v.zoomAt(QPointF(300, 200), zoom);
        v.panBy(pan);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(v.nodeAt(v.toWidget(v.nodes()[i].pos) + QPointF(1, -1)), i);
        for (int e = 0; e < 5; ++e) {
            QCOMPARE(v.edgeAt(midpoint(v, e)), e);
            QCOMPARE(v.nodeAt(midpoint(v, e)), -1);
        }
        const QPointF centre = (v.toWidget({0, 0}) + v.toWidget({100, 100})) / 2; // inside the square
        QCOMPARE(v.nodeAt(centre), -1);
        QCOMPARE(v.edgeAt(centre), -1);
    }

    void filtersHideNodesAndTheirEdges()
    {
        GraphExplorerView v;
        v.resize(600, 400);
        fillSquare(v);
        QVector<bool> nodes(5, true), edges(5, true);
        nodes[1] = false; // hides edges 0, 1 and 4 with it
        edges[2] = false;
        v.setVisibleMasks(nodes, edges);
        QCOMPARE(v.nodeAt(v.toWidget(v.nodes()[1].pos)), -1);
        for (const int e : {0, 1, 2, 4}) {
            QVERIFY(!v.edgeShown(e));
            QCOMPARE(v.edgeAt(midpoint(v, e)), -1);
        }
        QVERIFY(v.edgeShown(3));
        QCOMPARE(v.edgeAt(midpoint(v, 3)), 3);
        QSignalSpy clicked(&v, &GraphExplorerView::nodeClicked);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QTest::mouseClick(&v, Qt::LeftButton, {}, v.toWidget(v.nodes()[1].pos).toPoint());
        QCOMPARE(clicked.count(), 0);
        // Shown again: clickable again.
        v.setVisibleMasks({}, {});
        QTest::mouseClick(&v, Qt::LeftButton, {}, v.toWidget(v.nodes()[1].pos).toPoint());
        QCOMPARE(clicked.count(), 1);
    }

    void fitShowsEveryVisibleNode()
    {
        GraphExplorerView v;
        v.resize(500, 360);
        fillSquare(v);
        v.zoomAt(QPointF(10, 10), 6);
        v.panBy(QPointF(300, -200));
        v.fitToView();
        for (int i = 0; i < 5; ++i)
            QVERIFY(QRectF(v.rect()).contains(v.toWidget(v.nodes()[i].pos)));
        const double all = v.scale();
        QVector<bool> nodes(5, true);
        nodes[4] = false; // only the square: fit zooms in on it
        v.setVisibleMasks(nodes, {});
        v.fitToView();
        QVERIFY(v.scale() > all);
        for (int i = 0; i < 4; ++i)
            QVERIFY(QRectF(v.rect()).contains(v.toWidget(v.nodes()[i].pos)));
    }

    void clicksSendSignals()
    {
        GraphExplorerView v;
        v.resize(600, 400);
        fillSquare(v);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QSignalSpy clicked(&v, &GraphExplorerView::nodeClicked), activated(&v, &GraphExplorerView::nodeActivated),
            edge(&v, &GraphExplorerView::edgeClicked);
        QTest::mouseClick(&v, Qt::LeftButton, {}, v.toWidget(v.nodes()[2].pos).toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().front().toInt(), 2);
        QCOMPARE(v.selectedNode(), 2);
        QTest::mouseDClick(&v, Qt::LeftButton, {}, v.toWidget(v.nodes()[3].pos).toPoint());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().front().toInt(), 3);
        QTest::mouseClick(&v, Qt::LeftButton, {}, midpoint(v, 4).toPoint());
        QCOMPARE(edge.count(), 1);
        QCOMPARE(edge.front().front().toInt(), 4);
        QCOMPARE(v.selectedEdge(), 4);
        QCOMPARE(v.selectedNode(), -1);
    }

    void highlightedEdgeIsDrawn()
    {
        GraphExplorerView v;
        v.resize(600, 400);
        fillSquare(v);
        v.setHighlighted({}, {2});
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const QImage shot = v.grab().toImage();
        const QPointF a = v.toWidget(v.nodes()[2].pos), b = v.toWidget(v.nodes()[3].pos);
        int hits = 0;
        for (double t = 0.3; t <= 0.7; t += 0.1) {
            const QPoint at = (a + (b - a) * t).toPoint();
            hits += shot.pixelColor(at) == v.highlightColor() ? 1 : 0;
        }
        QVERIFY2(hits >= 4,
                 qPrintable(QStringLiteral("%1 of 5 points along the edge in the highlight colour").arg(hits)));
        // Not highlighted: drawn in its relation's colour, not the highlight's.
        const QPointF c = v.toWidget(v.nodes()[0].pos), d = v.toWidget(v.nodes()[3].pos);
        QVERIFY(shot.pixelColor(((c + d) / 2).toPoint()) != v.highlightColor());
    }

    // Panning a crowded picture scrolls the last frame's edges and draws only the strips
    // uncovered: the picture is the one drawn whole.
    void panningDrawsWhatAFullPaintDraws()
    {
        const auto kg = kgbench::makeKgLikeGraph(1500, 7500, 10, 3);
        const auto layout = plotmath::forceLayout(kgbench::forceGraphOf(kg));
        QVERIFY(layout.laidOut);
        const auto in = kgbench::explorerInputOf(kg, layout.positions);
        GraphExplorerView v;
        v.resize(500, 400);
        v.setGraph(in.nodes, in.edges);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        (void)v.grab();
        v.panBy(QPointF(23, -17));
        const QImage scrolled = v.grab().toImage();
        v.setHighlighted({}, {}); // the same look, but the edges are drawn whole again
        const QImage whole = v.grab().toImage();
        int differing = 0;
        for (int y = 0; y < whole.height(); ++y)
            for (int x = 0; x < whole.width(); ++x)
                differing += whole.pixel(x, y) != scrolled.pixel(x, y) ? 1 : 0;
        QVERIFY2(differing <= whole.width() * whole.height() / 1000,
                 qPrintable(QStringLiteral("%1 pixels differ").arg(differing)));
    }

    void keyboardPansAndTabsThroughHighlighted()
    {
        GraphExplorerView v;
        v.resize(600, 400);
        fillSquare(v);
        v.setHighlighted({3, 1}, {});
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setFocus();
        const QPointF before = v.offset();
        QTest::keyClick(&v, Qt::Key_Left);
        QVERIFY(v.offset().x() > before.x());
        const double scale = v.scale();
        QTest::keyClick(&v, Qt::Key_Plus);
        QVERIFY(v.scale() > scale);
        QTest::keyClick(&v, Qt::Key_Home);
        QCOMPARE(v.offset(), before);
        QSignalSpy clicked(&v, &GraphExplorerView::nodeClicked);
        QTest::keyClick(&v, Qt::Key_Tab);
        QCOMPARE(v.selectedNode(), 1);
        QTest::keyClick(&v, Qt::Key_Tab);
        QCOMPARE(v.selectedNode(), 3);
        QCOMPARE(clicked.count(), 2);
    }

    void forceLayoutIsDeterministicAndFinite()
    {
        const auto kg = kgbench::makeKgLikeGraph(300, 900, 6, 11);
        const auto graph = kgbench::forceGraphOf(kg);
        plotmath::ForceLayoutOptions options;
        options.seed = 5;
        const auto a = plotmath::forceLayout(graph, options), b = plotmath::forceLayout(graph, options);
        QVERIFY2(a.laidOut, a.error.c_str());
        QCOMPARE(a.positions.size(), std::size_t(300));
        for (std::size_t i = 0; i < a.positions.size(); ++i) {
            QVERIFY(std::isfinite(a.positions[i].x) && std::isfinite(a.positions[i].y));
            QCOMPARE(a.positions[i].x, b.positions[i].x); // bit for bit
            QCOMPARE(a.positions[i].y, b.positions[i].y);
        }
        options.seed = 6;
        const auto c = plotmath::forceLayout(graph, options);
        bool differs = false;
        for (std::size_t i = 0; i < c.positions.size(); ++i)
            differs = differs || c.positions[i].x != a.positions[i].x;
        QVERIFY(differs);
    }

    void forceLayoutCancels()
    {
        const auto graph = kgbench::forceGraphOf(kgbench::makeKgLikeGraph(300, 900, 6, 11));
        std::atomic<bool> cancel{true};
        plotmath::ForceLayoutOptions options;
        options.cancel = &cancel;
        const auto whole = plotmath::forceLayout(graph, options);
        QVERIFY(!whole.laidOut);
        QVERIFY(whole.positions.empty());
        std::vector<plotmath::LayoutPoint> at(300);
        const auto around = plotmath::layoutAround(graph, at, std::vector<bool>(300, false), options);
        QVERIFY(!around.laidOut);
    }

    void forceLayoutRejectsBadEdges_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("negative") << -1 << 2;
        QTest::newRow("past the end") << 3 << 20;
    }
    void forceLayoutRejectsBadEdges()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        plotmath::ForceGraph g{20, {{0, 1}, {from, to}}};
        const auto out = plotmath::forceLayout(g);
        QVERIFY(!out.laidOut);
        QVERIFY2(out.error.find("edge 1") != std::string::npos, out.error.c_str());
    }

    void forceLayoutKeepsComponentsApartAndNear()
    {
        const auto graph = twoComponents();
        const auto out = plotmath::forceLayout(graph);
        QVERIFY2(out.laidOut, out.error.c_str());
        QRectF boxes[2];
        for (int i = 0; i < 20; ++i) {
            const QRectF p(QPointF(out.positions[std::size_t(i)].x, out.positions[std::size_t(i)].y), QSizeF(0, 0));
            boxes[i / 10] = boxes[i / 10].isNull() ? p : boxes[i / 10].united(p);
        }
        QVERIFY(!boxes[0].intersects(boxes[1]));
        const QRectF both = boxes[0].united(boxes[1]);
        const double edge = plotmath::ForceLayoutOptions().edgeLength;
        QVERIFY2(both.width() + both.height() < 30 * edge, "the components are packed side by side, not far apart");
    }

    void layoutAroundKeepsFixedNodesFixed()
    {
        const auto graph = kgbench::forceGraphOf(kgbench::makeKgLikeGraph(300, 900, 6, 11));
        const auto whole = plotmath::forceLayout(graph);
        QVERIFY(whole.laidOut);
        std::vector<bool> fixed(300, true);
        std::vector<plotmath::LayoutPoint> start = whole.positions;
        for (int i = 0; i < 300; i += 7) { // new: expanded into the picture
            fixed[std::size_t(i)] = false;
            start[std::size_t(i)] = {};
        }
        const auto out = plotmath::layoutAround(graph, start, fixed);
        QVERIFY2(out.laidOut, out.error.c_str());
        const double edge = plotmath::ForceLayoutOptions().edgeLength;
        for (std::size_t i = 0; i < 300; ++i) {
            QVERIFY(std::isfinite(out.positions[i].x) && std::isfinite(out.positions[i].y));
            if (fixed[i]) {
                QCOMPARE(out.positions[i].x, whole.positions[i].x);
                QCOMPARE(out.positions[i].y, whole.positions[i].y);
            }
        }
        // A new node ends near one of its neighbours.
        for (const auto &e : graph.edges)
            if (!fixed[std::size_t(e.from)] && fixed[std::size_t(e.to)]) {
                const double d = std::hypot(out.positions[std::size_t(e.from)].x - out.positions[std::size_t(e.to)].x,
                                            out.positions[std::size_t(e.from)].y - out.positions[std::size_t(e.to)].y);
                QVERIFY2(d < 12 * edge,
                         qPrintable(QStringLiteral("node %1 is %2 from its neighbour").arg(e.from).arg(d)));
            }
        const auto again = plotmath::layoutAround(graph, start, fixed);
        for (std::size_t i = 0; i < 300; ++i)
            QCOMPARE(again.positions[i].x, out.positions[i].x);
    }

    void screenshots()
    {
        const QString folder = qEnvironmentVariable("SEEKBENCH_KG_SHOTS");
        if (folder.isEmpty())
            QSKIP("set SEEKBENCH_KG_SHOTS to a folder to save the explorer's screenshots");
        QDir().mkpath(folder);
        for (const int size : {300, 10000}) {
            const auto kg = kgbench::makeKgLikeGraph(size, size * 5, size / 50 + 2, 7);
            const auto layout = plotmath::forceLayout(kgbench::forceGraphOf(kg));
            QVERIFY(layout.laidOut);
            auto in = kgbench::explorerInputOf(kg, layout.positions);
            GraphExplorerView v;
            v.resize(1200, 800);
            v.setGraph(in.nodes, in.edges);
            QVector<int> path; // an explanatory path: a disease and its first few edges
            for (int e = 0; e < in.edges.size() && path.size() < 4; ++e)
                if (in.edges[e].from == 0)
                    path.push_back(e);
            QVector<int> ends{0};
            for (const int e : path)
                ends.push_back(in.edges[e].to);
            v.setHighlighted(ends, path);
            v.show();
            QVERIFY(QTest::qWaitForWindowExposed(&v));
            for (const bool dark : {false, true}) {
                v.setPalette(dark ? darkPalette() : QPalette());
                const QString name = QStringLiteral("%1/kg_%2_%3")
                                         .arg(folder)
                                         .arg(size)
                                         .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"));
                v.fitToView();
                QVERIFY(v.grab().save(name + QStringLiteral("_fit.png")));
                v.zoomAt(v.toWidget(in.nodes[0].pos), 6);
                QVERIFY(v.grab().save(name + QStringLiteral("_zoom.png")));
            }
        }
    }
};

QTEST_MAIN(TestGraphExplorerView)
#include "test_graph_explorer_view.moc"
