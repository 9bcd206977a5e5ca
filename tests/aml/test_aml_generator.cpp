// The generator is deterministic for a seed and plants every typology with its shape;
// the metrics and threshold tuning the alerts rely on.

#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"
#include "seekbench/aml/metrics.h"

#include <QtTest>

#include <map>
#include <set>

using namespace seekbench::aml;

class TestAmlGenerator : public QObject
{
    Q_OBJECT

    static GeneratorOptions small(std::uint64_t seed)
    {
        GeneratorOptions o;
        o.accounts = 300;
        o.months = 3;
        o.seed = seed;
        return o;
    }

private Q_SLOTS:
    void deterministicForASeed()
    {
        const AmlData a = generateTransactions(small(11)), b = generateTransactions(small(11)),
                      c = generateTransactions(small(12));
        QCOMPARE(a.tx.size(), b.tx.size());
        QCOMPARE(fingerprint(a), fingerprint(b));
        QVERIFY(a.tx.amount == b.tx.amount);
        QVERIFY(a.accounts.name == b.accounts.name);
        QVERIFY(fingerprint(a) != fingerprint(c));
    }

    void sortedAndLabelled()
    {
        const AmlData d = generateTransactions(small(3));
        QVERIFY(d.tx.size() > 5000);
        std::int64_t laundering = 0;
        for (std::size_t i = 0; i < d.tx.size(); ++i) {
            if (i)
                QVERIFY(d.tx.time[i] >= d.tx.time[i - 1]);
            QVERIFY(d.tx.sender[i] != d.tx.receiver[i]);
            QVERIFY(d.tx.amount[i] > 0);
            QCOMPARE(d.tx.label[i] == 1, d.tx.pattern[i] >= 0);
            QCOMPARE(d.tx.label[i] == 1, d.tx.typology[i] != kNormal);
            laundering += d.tx.label[i] == 1;
            if (d.tx.label[i] == 1) {
                // Labels per account as well as per transaction.
                QCOMPARE(int(d.accounts.label[std::size_t(d.tx.sender[i])]), 1);
                QCOMPARE(int(d.accounts.label[std::size_t(d.tx.receiver[i])]), 1);
            }
        }
        QVERIFY(laundering > 100);
        QVERIFY(laundering < std::int64_t(d.tx.size()) / 10);
    }

    void everyTypologyHasItsShape()
    {
        const AmlData d = generateTransactions(small(5));
        std::set<int> seen;
        for (const auto &p : d.patterns) {
            seen.insert(p.typology);
            std::vector<std::size_t> tx;
            for (auto t : p.transactions)
                tx.push_back(std::size_t(t));
            QVERIFY2(!tx.empty(), typologyName(p.typology));
            std::map<int, int> outDeg, inDeg;
            std::set<std::pair<int, int>> edges;
            for (auto i : tx) {
                QCOMPARE(int(d.tx.pattern[i]), p.id);
                QCOMPARE(int(d.tx.typology[i]), p.typology);
                outDeg[d.tx.sender[i]]++;
                inDeg[d.tx.receiver[i]]++;
                edges.insert({d.tx.sender[i], d.tx.receiver[i]});
            }
            const int members = int(p.accounts.size());
            switch (p.typology) {
            case kFanOut: // one sender pays every other member
                QCOMPARE(int(outDeg.size()), 1);
                QCOMPARE(outDeg.begin()->second, members - 1);
                QCOMPARE(int(inDeg.size()), members - 1);
                break;
            case kFanIn:
                QCOMPARE(int(inDeg.size()), 1);
                QCOMPARE(inDeg.begin()->second, members - 1);
                break;
            case kCycle: {
                // The chain returns to its origin, each hop later and smaller than the last.
                std::vector<std::size_t> order = tx;
                std::sort(order.begin(), order.end());
                QCOMPARE(int(order.size()), members);
                for (std::size_t k = 1; k < order.size(); ++k) {
                    QCOMPARE(d.tx.sender[order[k]], d.tx.receiver[order[k - 1]]);
                    QVERIFY(d.tx.time[order[k]] > d.tx.time[order[k - 1]]);
                    QVERIFY(d.tx.amount[order[k]] < d.tx.amount[order[k - 1]]);
                }
                QCOMPARE(d.tx.receiver[order.back()], d.tx.sender[order.front()]);
                break;
            }
            case kScatterGather: { // source -> k intermediates -> one sink
                const int source = p.accounts.front(), sink = p.accounts.back();
                QCOMPARE(outDeg[source], members - 2);
                QCOMPARE(inDeg[sink], members - 2);
                for (auto i : tx)
                    if (d.tx.receiver[i] == sink) // forwarded after it arrived
                        for (auto j : tx)
                            if (d.tx.receiver[j] == d.tx.sender[i])
                                QVERIFY(d.tx.time[i] > d.tx.time[j]);
                break;
            }
            case kGatherScatter: { // sources -> hub -> destinations, all in before any out
                const int hub = p.accounts.front();
                double lastIn = 0, firstOut = 1e300;
                for (auto i : tx) {
                    if (d.tx.receiver[i] == hub)
                        lastIn = std::max(lastIn, d.tx.time[i]);
                    else {
                        QCOMPARE(d.tx.sender[i], hub);
                        firstOut = std::min(firstOut, d.tx.time[i]);
                    }
                }
                QVERIFY(lastIn < firstOut);
                break;
            }
            case kBipartite: { // every member of one side pays every member of the other
                const std::size_t k = p.accounts.size() / 2;
                QCOMPARE(edges.size(), k * (p.accounts.size() - k));
                for (std::size_t i = 0; i < k; ++i)
                    QCOMPARE(inDeg.count(p.accounts[i]), std::size_t(0));
                break;
            }
            case kStack: { // three layers: the middle layer receives and pays on
                const std::size_t a = p.accounts.size() / 3, b = 2 * p.accounts.size() / 3;
                QCOMPARE(edges.size(), a * (b - a) + (b - a) * (p.accounts.size() - b));
                for (std::size_t j = a; j < b; ++j) {
                    QVERIFY(inDeg[p.accounts[j]] > 0);
                    QVERIFY(outDeg[p.accounts[j]] > 0);
                }
                break;
            }
            default: QFAIL("unknown typology");
            }
        }
        QCOMPARE(int(seen.size()), 7);
    }

    void badOptionsAreNamed()
    {
        GeneratorOptions o;
        o.months = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateTransactions(o));
        o = {};
        o.fraud_rate = 0.9;
        try {
            generateTransactions(o);
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY(std::string(e.what()).find("fraud rate") != std::string::npos);
        }
    }

    void cycleFeatureMarksCycles()
    {
        // The feature is point-in-time: it marks the transfer that closes a cycle, once
        // the earlier hops have happened, so every planted cycle has a marked transfer.
        const AmlData d = generateTransactions(small(5));
        const FeatureMatrix f = computeFeatures(d);
        std::size_t col = 0;
        while (f.names[col] != "cycle_member")
            ++col;
        std::set<int> cycles, marked;
        for (std::size_t i = 0; i < d.tx.size(); ++i)
            if (d.tx.typology[i] == kCycle) {
                cycles.insert(d.tx.pattern[i]);
                if (f.at(i, col) > 0)
                    marked.insert(d.tx.pattern[i]);
            }
        QVERIFY(!cycles.empty());
        qInfo("%zu of %zu planted cycles have a transfer that closes them", marked.size(), cycles.size());
        QVERIFY2(marked.size() * 10 >= cycles.size() * 9, "most planted cycles are marked where they close");
    }

    void metrics()
    {
        const std::vector<float> s{0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};
        const std::vector<std::int8_t> l{1, 0, 1, 0, 0, 0};
        QCOMPARE(prAuc(s, l), (1.0 + 2.0 / 3.0) / 2);
        QCOMPARE(rocAuc(s, l), 7.0 / 8.0);
        const auto curve = operatingCurve(s, l);
        QCOMPARE(curve.size(), std::size_t(6));
        QCOMPARE(recallAtFpr(curve, 0.25).recall, 1.0); // threshold 0.7: 1 false positive of 4
        QCOMPARE(recallAtFpr(curve, 0.2).recall, 0.5);
        // Capacity of 2 alerts a day over 1 day: the cost optimum (3 alerts, cost 1) is not
        // allowed; of 1 alert (cost 10) and 2 alerts (cost 11), 1 is cheaper.
        const auto c = tuneThreshold(curve, 2, {2, 10, 1, 1});
        QCOMPARE(c.point.alerts, std::int64_t(1));
        QVERIFY(c.capacityBound);
        QCOMPARE(c.precisionAtCapacity, 0.5);
        const auto free = tuneThreshold(curve, 2, {100, 10, 1, 1});
        QCOMPARE(free.point.threshold, 0.7f * 1.0);
    }
};

QTEST_GUILESS_MAIN(TestAmlGenerator)
#include "test_aml_generator.moc"
