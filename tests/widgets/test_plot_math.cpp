// Pure functions of plot_math: decimation keeps spikes, smoothing is TensorBoard's, and the
// AML case graph folds its crowd into counted groups and lays the chains out left to right.
#include "seekbench/plotmath/case_graph_layout.h"
#include "seekbench/plotmath/decimation.h"
#include "seekbench/plotmath/smoothing.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <thread>
#include <tuple>

namespace {

using seekbench::plotmath::CaseGraphInput;

// An ego network as the store gives it: the case's account 0, three traced chains (out
// 0 -> 1 -> 2 -> 3, in 4 -> 5 -> 0, a cycle 0 -> 6 -> 7 -> 0), transfers 3 -> 0 and
// 2 -> 4 that close cycles through the chains, and a crowd around them.
struct CaseFixture
{
    CaseGraphInput in;
    int add(int hop, bool flagged = false)
    {
        in.nodes.push_back({hop, flagged, 0});
        return int(in.nodes.size()) - 1;
    }
    int edge(int from, int to)
    {
        in.edges.push_back({from, to});
        return int(in.edges.size()) - 1;
    }
    CaseFixture()
    {
        add(0);
        for (const int hop : {1, 2, 3, 2, 1, 1, 2})
            add(hop);
        in.chains
            = {{edge(0, 1), edge(1, 2), edge(2, 3)}, {edge(4, 5), edge(5, 0)}, {edge(0, 6), edge(6, 7), edge(7, 0)}};
        edge(3, 0);
        edge(2, 4); // with the chains, a cycle that dot alone breaks at 5 -> 0
        std::vector<int> senders, receivers;
        for (int i = 0; i < 40; ++i)
            senders.push_back(add(1)), edge(senders.back(), 0);
        for (int i = 0; i < 5; ++i)
            edge(add(1, true), 0);
        for (int i = 0; i < 30; ++i)
            receivers.push_back(add(1)), edge(0, receivers.back());
        for (int i = 0; i < 10; ++i) {
            const int v = add(1);
            edge(v, 0), edge(0, v);
        }
        for (int i = 0; i < 60; ++i)
            edge(add(2), senders[std::size_t(i % 40)]);
        for (int i = 0; i < 50; ++i)
            edge(receivers[std::size_t(i % 30)], add(2));
        for (int i = 0; i < 8; ++i)
            edge(1, add(2));
        edge(senders[0], senders[1]); // inside a group
        edge(senders[2], senders[3]);
    }
};

} // namespace

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

    void caseGraphFoldsTheCrowdIntoCountedGroups()
    {
        const CaseFixture f;
        const CaseGraphLayout l = layoutCaseGraph(f.in);
        QVERIFY(l.laidOut);
        QCOMPARE(l.itemOf.size(), f.in.nodes.size());
        QVERIFY2(l.items.size() < 20, qPrintable(QString::number(l.items.size())));
        QCOMPARE(l.items.front().node, 0);
        for (int v = 0; v < 8; ++v) // the case's account and every chain account stand alone
            QCOMPARE(l.items[std::size_t(l.itemOf[std::size_t(v)])].node, v);
        std::size_t single = 0, grouped = 0;
        for (const auto &item : l.items)
            single += item.node >= 0;
        std::map<std::tuple<int, int, bool>, std::size_t> counts;
        int inner = 0;
        for (const auto &g : l.groups) {
            grouped += g.members.size();
            inner += g.innerEdges;
            counts[{g.hop, int(g.side), g.flagged}] = g.members.size();
            for (const int v : g.members)
                QCOMPARE(l.items[std::size_t(l.itemOf[std::size_t(v)])].group, int(&g - l.groups.data()));
        }
        QCOMPARE(single + grouped, f.in.nodes.size());
        using Side = CaseGroupSide;
        QCOMPARE(counts[std::make_tuple(1, int(Side::Sending), false)], std::size_t(40));
        QCOMPARE(counts[std::make_tuple(1, int(Side::Sending), true)], std::size_t(5));
        QCOMPARE(counts[std::make_tuple(1, int(Side::Receiving), false)], std::size_t(30));
        QCOMPARE(counts[std::make_tuple(1, int(Side::Both), false)], std::size_t(10));
        QCOMPARE(counts[std::make_tuple(2, int(Side::Sending), false)], std::size_t(60));
        QCOMPARE(counts[std::make_tuple(2, int(Side::Receiving), false)], std::size_t(58));
        QCOMPARE(inner, 2);
        std::size_t linked = 0;
        for (const auto &link : l.links)
            linked += link.edges.size();
        QCOMPARE(linked + std::size_t(inner), f.in.edges.size()); // every transfer drawn or counted once

        // The chains read left to right (the edge back to an account already on the chain aside).
        for (const auto &chain : f.in.chains) {
            std::vector<int> seen;
            for (const int e : chain) {
                const auto &edge = f.in.edges[std::size_t(e)];
                seen.push_back(edge.from);
                if (std::find(seen.begin(), seen.end(), edge.to) != seen.end())
                    continue;
                const auto &a = l.items[std::size_t(l.itemOf[std::size_t(edge.from)])].box;
                const auto &b = l.items[std::size_t(l.itemOf[std::size_t(edge.to)])].box;
                QVERIFY2(a.x + a.width / 2 < b.x - b.width / 2,
                         qPrintable(QStringLiteral("%1 -> %2: %3, %4").arg(edge.from).arg(edge.to).arg(a.x).arg(b.x)));
            }
        }
        // No two boxes overlap, and all lie in the layout's extent.
        for (std::size_t i = 0; i < l.items.size(); ++i) {
            const auto &a = l.items[i].box;
            QVERIFY(a.width > 0 && a.height > 0);
            QVERIFY(a.x - a.width / 2 >= -0.5 && a.x + a.width / 2 <= l.width + 0.5);
            QVERIFY(a.y - a.height / 2 >= -0.5 && a.y + a.height / 2 <= l.height + 0.5);
            for (std::size_t j = i + 1; j < l.items.size(); ++j) {
                const auto &b = l.items[j].box;
                const bool apart = std::abs(a.x - b.x) >= (a.width + b.width) / 2
                                   || std::abs(a.y - b.y) >= (a.height + b.height) / 2;
                QVERIFY2(apart, qPrintable(QStringLiteral("items %1 and %2 overlap").arg(i).arg(j)));
            }
        }
        int context = 0;
        for (const auto &link : l.links) {
            QVERIFY(link.context() || (link.route.size() >= 4 && (link.route.size() - 1) % 3 == 0));
            QVERIFY(!link.context() || link.route.empty());
            QVERIFY(link.primary || !link.chain || link.to == 0); // only the cycle's closing hop is not
            context += link.context();
        }
        QVERIFY(context > 0 && context < int(l.links.size()) / 2);
    }

    void caseGraphWithoutChainsPutsSendersLeftAndReceiversRight()
    {
        CaseFixture f;
        f.in.chains.clear();
        const CaseGraphLayout l = layoutCaseGraph(f.in);
        QVERIFY(l.laidOut);
        auto xOf = [&](int hop, CaseGroupSide side) {
            for (std::size_t i = 0; i < l.items.size(); ++i)
                if (const int g = l.items[i].group; g >= 0 && l.groups[std::size_t(g)].hop == hop
                                                    && l.groups[std::size_t(g)].side == side
                                                    && !l.groups[std::size_t(g)].flagged)
                    return l.items[i].box.x;
            return std::numeric_limits<double>::quiet_NaN();
        };
        const double focal = l.items.front().box.x;
        QVERIFY(xOf(2, CaseGroupSide::Sending) < xOf(1, CaseGroupSide::Sending));
        QVERIFY(xOf(1, CaseGroupSide::Sending) < focal);
        QVERIFY(focal < xOf(1, CaseGroupSide::Receiving));
        QVERIFY(xOf(1, CaseGroupSide::Receiving) < xOf(2, CaseGroupSide::Receiving));
        QCOMPARE(xOf(1, CaseGroupSide::Both), focal); // both ways: the case's own layer
    }

    void caseGraphSmallIsNotFoldedAndLayoutIsDeterministicAndThreadSafe()
    {
        CaseGraphInput small;
        small.nodes = {{0, false, 0}, {1, false, 0}, {1, false, 0}, {2, true, 0}};
        small.edges = {{1, 0}, {0, 2}, {2, 3}};
        const CaseGraphLayout s = layoutCaseGraph(small);
        QCOMPARE(s.items.size(), std::size_t(4));
        QVERIFY(s.groups.empty());
        QVERIFY(s.items[s.itemOf[1]].box.x < s.items[0].box.x);
        QVERIFY(s.items[0].box.x < s.items[s.itemOf[2]].box.x);

        const CaseFixture f;
        const CaseGraphLayout first = layoutCaseGraph(f.in);
        std::vector<CaseGraphLayout> results(4);
        std::vector<std::thread> threads;
        for (auto &r : results)
            threads.emplace_back([&r, &f] { r = layoutCaseGraph(f.in); });
        for (auto &t : threads)
            t.join();
        for (const auto &r : results) {
            QVERIFY(r.laidOut);
            QCOMPARE(r.items.size(), first.items.size());
            for (std::size_t i = 0; i < r.items.size(); ++i) {
                QCOMPARE(r.items[i].box.x, first.items[i].box.x);
                QCOMPARE(r.items[i].box.y, first.items[i].box.y);
            }
        }
        std::atomic<bool> cancel{true};
        CaseGraphOptions o;
        o.cancel = &cancel;
        const CaseGraphLayout cancelled = layoutCaseGraph(f.in, o);
        QVERIFY(!cancelled.laidOut);
        QCOMPARE(cancelled.items.size(), first.items.size()); // folded, not placed
        QVERIFY(layoutCaseGraph({}).items.empty());
    }
};

QTEST_GUILESS_MAIN(TestPlotMath)
#include "test_plot_math.moc"
