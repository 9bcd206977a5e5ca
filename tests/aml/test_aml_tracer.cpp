// Fund-chain tracing on hand-built graphs: hops respect time order, the window and the
// amount tolerance; cycles are marked; the frontier cap sets 'truncated'.

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"
#include "test_support.h"

#include <QtTest>

#include <set>

using namespace seekbench;
using namespace seekbench::projects;

namespace {
constexpr double H = 3600;

// Accounts A..Z by letter; transfers (from, to, hour, amount) get ids 1.. in the order given.
struct Graph
{
    aml::AmlData d;
    explicit Graph(int accounts)
    {
        for (int i = 0; i < accounts; ++i)
            d.accounts.push(std::string(1, char('A' + i)), false, "CN", 0, false);
    }
    Graph &tx(char from, char to, double hour, double amount)
    {
        d.tx.push(1767225600 + hour * H, from - 'A', to - 'A', amount, "USD", 0, 0, 0, -1);
        return *this;
    }
};

std::set<std::vector<std::int64_t>> chainIds(const TraceResult &r, bool forward)
{
    std::set<std::vector<std::int64_t>> out;
    for (const auto &c : r.chains)
        if (c.forward == forward) {
            std::vector<std::int64_t> ids;
            for (const auto &h : c.hops)
                ids.push_back(h.txId);
            out.insert(ids);
        }
    return out;
}
} // namespace

class TestAmlTracer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;

    Project store(const Graph &g)
    {
        const auto dir = testsupport::tempPath(m_tmp, ("p" + std::to_string(m_n++)).c_str());
        auto p = testsupport::makeProject(dir);
        TransactionStore(p).append(g.d);
        return p;
    }

private Q_SLOTS:
    void forwardRespectsTimeOrderAndTolerance()
    {
        Graph g(8);
        g.tx('A', 'B', 0, 1000)     // 1: the start
            .tx('B', 'C', 5, 970)   // 2: follows (later, within 10 %)
            .tx('B', 'D', -1, 970)  // 3: before the money arrived: not a hop
            .tx('B', 'E', 6, 500)   // 4: amount outside the tolerance
            .tx('B', 'F', 100, 960) // 5: outside the 72 h window
            .tx('C', 'G', 10, 950)  // 6: second hop
            .tx('G', 'H', 9, 940);  // 7: earlier than hop 6: not a hop
        Project p = store(g);
        Tracer t(p);
        TraceOptions o;
        o.direction = TraceOptions::Direction::Forward;
        const TraceResult r = t.fromTransaction(1, o);
        QCOMPARE(chainIds(r, true), (std::set<std::vector<std::int64_t>>{{1, 2, 6}}));
        QVERIFY(!r.truncated);
        const auto &c = r.chains.front();
        QCOMPARE(c.hops[1].delaySeconds, 5 * H);
        QCOMPARE(c.hops[2].delaySeconds, 5 * H);
        QCOMPARE(c.hops[2].share, 0.95);
        QCOMPARE(c.hops[2].from, std::int64_t(3)); // account ids: C is 3
        QCOMPARE(c.hops[2].to, std::int64_t(7));
        QVERIFY(!c.cycle);

        // A wider tolerance lets the 500 transfer through; a shorter window drops hop 6.
        o.tolerance = 0.6;
        QCOMPARE(chainIds(t.fromTransaction(1, o), true), (std::set<std::vector<std::int64_t>>{{1, 2, 6}, {1, 4}}));
        o.tolerance = 0.1;
        o.windowSeconds = 4 * H;
        QCOMPARE(chainIds(t.fromTransaction(1, o), true), (std::set<std::vector<std::int64_t>>{{1}}));
    }

    void backwardFindsTheSource()
    {
        Graph g(5);
        g.tx('A', 'B', 0, 1000).tx('B', 'C', 2, 980).tx('C', 'D', 4, 960).tx('E', 'C', 3, 5000);
        Project p = store(g);
        Tracer t(p);
        TraceOptions o;
        o.direction = TraceOptions::Direction::Backward;
        const TraceResult r = t.fromTransaction(3, o);
        // Returned in time order; the 5000 transfer into C is not the same money.
        QCOMPARE(chainIds(r, false), (std::set<std::vector<std::int64_t>>{{1, 2, 3}}));
        QCOMPARE(r.chains.front().hops.front().from, std::int64_t(1));
        o.direction = TraceOptions::Direction::Both;
        const TraceResult both = t.fromTransaction(2, o);
        QCOMPARE(chainIds(both, true), (std::set<std::vector<std::int64_t>>{{2, 3}}));
        QCOMPARE(chainIds(both, false), (std::set<std::vector<std::int64_t>>{{1, 2}}));
    }

    void cyclesAreMarked()
    {
        Graph g(4);
        g.tx('A', 'B', 0, 1000).tx('B', 'C', 3, 980).tx('C', 'D', 6, 960).tx('D', 'A', 9, 940).tx('A', 'B', 12, 930);
        Project p = store(g);
        Tracer t(p);
        TraceOptions o;
        o.direction = TraceOptions::Direction::Forward;
        const TraceResult r = t.fromTransaction(1, o);
        QCOMPARE(r.chains.size(), std::size_t(1));
        QVERIFY(r.chains[0].cycle);
        QCOMPARE(r.chains[0].hops.size(), std::size_t(4)); // stops where it closes
        QCOMPARE(r.chains[0].hops.back().to, std::int64_t(1));
    }

    void hubsTruncate()
    {
        // A hub forwards the money to 30 accounts: with a cap of 10 the result says so.
        Graph g(26);
        g.tx('A', 'B', 0, 1000);
        for (int i = 0; i < 24; ++i)
            g.tx('B', char('C' + i), 1 + i * 0.1, 990);
        Project p = store(g);
        Tracer t(p);
        TraceOptions o;
        o.direction = TraceOptions::Direction::Forward;
        TraceResult r = t.fromTransaction(1, o);
        QCOMPARE(r.chains.size(), std::size_t(24));
        QVERIFY(!r.truncated);
        o.frontierCap = 10;
        r = t.fromTransaction(1, o);
        QVERIFY(r.truncated);
        QVERIFY(r.chains.size() <= 10);
        o.frontierCap = 500;
        o.perAccountLimit = 5;
        r = t.fromTransaction(1, o);
        QVERIFY(r.truncated);
        QCOMPARE(r.chains.size(), std::size_t(5));
        // The earliest come first.
        QCOMPARE(r.chains[0].hops[1].txId, std::int64_t(2));
    }

    void fromAccountAndErrors()
    {
        Graph g(3);
        g.tx('A', 'B', 0, 100).tx('B', 'C', 1, 99).tx('A', 'C', 2, 50);
        Project p = store(g);
        Tracer t(p);
        TraceOptions o;
        o.direction = TraceOptions::Direction::Forward;
        const TraceResult r = t.fromAccount(1, 0, 1e18, o);
        QCOMPARE(chainIds(r, true), (std::set<std::vector<std::int64_t>>{{1, 2}, {3}}));
        QVERIFY_THROWS_EXCEPTION(ProjectError, t.fromTransaction(99, o));
        o.maxHops = 0;
        QVERIFY_THROWS_EXCEPTION(ProjectError, t.fromTransaction(1, o));
    }
};

QTEST_GUILESS_MAIN(TestAmlTracer)
#include "test_aml_tracer.moc"
