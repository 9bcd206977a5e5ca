// The generator is deterministic for a seed and plants every typology with its shape;
// its hard setting camouflages mules, adds label noise at the documented rates and
// drifts the typology mix; the metrics and threshold tuning the alerts rely on.

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

    static GeneratorOptions hard(std::uint64_t seed)
    {
        GeneratorOptions o;
        o.seed = seed;
        o.difficulty = Difficulty::Hard;
        return o;
    }

    // The month (0-based) a pattern starts in.
    static int startMonth(const AmlData &d, const Pattern &p, const GeneratorOptions &o)
    {
        double t = 1e300;
        for (auto i : p.transactions)
            t = std::min(t, d.tx.time[std::size_t(i)]);
        return int((t - o.start_time) / (30 * 86400.0));
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

    void everyTypologyHasItsShape_data()
    {
        QTest::addColumn<bool>("hardSetting");
        QTest::newRow("easy") << false;
        QTest::newRow("hard") << true;
    }

    void everyTypologyHasItsShape()
    {
        QFETCH(bool, hardSetting);
        GeneratorOptions o = small(5);
        if (hardSetting)
            o.difficulty = Difficulty::Hard;
        const AmlData d = generateTransactions(o);
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

    void hardIsDeterministicAndDiffers()
    {
        const AmlData a = generateTransactions(hard(11)), b = generateTransactions(hard(11)),
                      c = generateTransactions(hard(12));
        QCOMPARE(fingerprint(a), fingerprint(b));
        QVERIFY(fingerprint(a) != fingerprint(c));
        GeneratorOptions easy = hard(11);
        easy.difficulty = Difficulty::Easy;
        QVERIFY(fingerprint(a) != fingerprint(generateTransactions(easy)));
        // The easy setting ignores the hard setting's knobs.
        GeneratorOptions knobs = easy;
        knobs.missed_label_rate = 0.5;
        knobs.drift = 0;
        QCOMPARE(fingerprint(generateTransactions(knobs)), fingerprint(generateTransactions(easy)));
    }

    // Mules are ordinary accounts with months of normal history before their first
    // laundering transfer and several usual counterparties; no fresh accounts are made.
    void hardMulesHaveHistory()
    {
        const GeneratorOptions o = hard(3);
        const AmlData d = generateTransactions(o);
        std::map<int, double> firstLaundering;
        std::map<int, int> normalBefore;
        std::map<int, std::set<int>> peers;
        for (std::size_t i = 0; i < d.tx.size(); ++i)
            for (int a : {d.tx.sender[i], d.tx.receiver[i]})
                if (d.tx.pattern[i] >= 0 && !firstLaundering.count(a))
                    firstLaundering[a] = d.tx.time[i];
        for (std::size_t i = 0; i < d.tx.size(); ++i) {
            if (d.tx.pattern[i] >= 0)
                continue;
            const int s = d.tx.sender[i], r = d.tx.receiver[i];
            peers[s].insert(r);
            peers[r].insert(s);
            for (int a : {s, r})
                if (firstLaundering.count(a) && d.tx.time[i] < firstLaundering[a])
                    normalBefore[a]++;
        }
        int mules = 0, withHistory = 0;
        for (std::size_t a = 0; a < d.accounts.size(); ++a) {
            QVERIFY2(d.accounts.name[a][0] != 'M', "no fresh mule accounts in the hard setting");
            if (!d.accounts.mule[a])
                continue;
            ++mules;
            QVERIFY2(peers[int(a)].size() >= 3, qPrintable(QString::fromStdString(d.accounts.name[a])));
            withHistory += normalBefore[int(a)] >= 3;
        }
        QVERIFY(mules >= 10);
        qInfo("%d of %d mules have 3 or more normal transfers before their first laundering one", withHistory, mules);
        QVERIFY(withHistory * 10 >= mules * 8);
        // The easy setting's mules are fresh and quiet.
        const AmlData e = generateTransactions(small(3));
        int freshMules = 0;
        for (std::size_t a = 0; a < e.accounts.size(); ++a)
            freshMules += e.accounts.mule[a] && e.accounts.name[a][0] == 'M';
        QVERIFY(freshMules > 0);
    }

    void hardLabelNoiseAtItsRates_data()
    {
        QTest::addColumn<double>("missed");
        QTest::addColumn<double>("falseRate");
        QTest::newRow("defaults") << 0.2 << 0.001;
        QTest::newRow("noisier") << 0.4 << 0.004;
        QTest::newRow("none") << 0.0 << 0.0;
    }

    void hardLabelNoiseAtItsRates()
    {
        QFETCH(double, missed);
        QFETCH(double, falseRate);
        std::int64_t patterns = 0, unlabelled = 0, normal = 0, mislabelled = 0;
        for (std::uint64_t seed : {1, 2, 3}) {
            GeneratorOptions o = hard(seed);
            o.missed_label_rate = missed;
            o.false_label_rate = falseRate;
            const AmlData d = generateTransactions(o);
            for (const auto &p : d.patterns) {
                int labelled = 0;
                for (auto i : p.transactions)
                    labelled += d.tx.label[std::size_t(i)];
                QVERIFY2(labelled == 0 || labelled == int(p.transactions.size()), "a run is caught whole or missed");
                ++patterns;
                unlabelled += labelled == 0;
            }
            for (std::size_t i = 0; i < d.tx.size(); ++i) {
                QCOMPARE(d.tx.typology[i] != kNormal, d.tx.pattern[i] >= 0); // the truth is kept
                if (d.tx.pattern[i] < 0) {
                    ++normal;
                    mislabelled += d.tx.label[i] == 1;
                }
                if (d.tx.label[i] == 1) { // accounts are labelled from the transactions
                    QCOMPARE(int(d.accounts.label[std::size_t(d.tx.sender[i])]), 1);
                    QCOMPARE(int(d.accounts.label[std::size_t(d.tx.receiver[i])]), 1);
                }
            }
        }
        const double missedShare = double(unlabelled) / double(patterns),
                     falseShare = double(mislabelled) / double(normal);
        qInfo("%lld runs, %.3f missed; %lld normal transfers, %.5f labelled laundering", (long long)patterns,
              missedShare, (long long)normal, falseShare);
        QVERIFY(patterns > 200);
        QVERIFY2(std::abs(missedShare - missed) <= 0.08, "missed runs at the missed_label_rate");
        QVERIFY2(std::abs(falseShare - falseRate) <= 0.25 * falseRate + 1e-9, "false reports at the false_label_rate");
    }

    // Fan-out, fan-in and cycle runs dominate the first month and are rare in the last;
    // gather-scatter, bipartite and stack the other way round. Without drift the mix stays.
    void hardTypologyMixDrifts()
    {
        auto earlyShare = [](double drift) {
            int first[2] = {0, 0}, last[2] = {0, 0}; // {early typologies, all}
            for (std::uint64_t seed : {1, 2, 3, 4}) {
                GeneratorOptions o = hard(seed);
                o.drift = drift;
                const AmlData d = generateTransactions(o);
                for (const auto &p : d.patterns) {
                    const int m = startMonth(d, p, o);
                    int *slot = m == 0 ? first : m == o.months - 1 ? last : nullptr;
                    if (slot) {
                        slot[0] += p.typology <= kCycle;
                        slot[1]++;
                    }
                }
            }
            return std::pair{double(first[0]) / first[1], double(last[0]) / last[1]};
        };
        const auto [first, last] = earlyShare(1.0);
        qInfo("fan-out, fan-in and cycle runs: %.2f of the first month's, %.2f of the last month's", first, last);
        QVERIFY(first >= 0.5);
        QVERIFY(last <= 0.25);
        QVERIFY(first - last >= 0.35);
        const auto [first0, last0] = earlyShare(0.0);
        QVERIFY(std::abs(first0 - last0) < first - last);
    }

    // Structuring: a share of fan-in and fan-out legs sit just under the 10,000
    // reporting threshold; normal businesses also pay invoices there.
    void hardStructuringUnderThreshold()
    {
        const AmlData d = generateTransactions(hard(2));
        int fanLegs = 0, structured = 0, normalUnder = 0;
        for (std::size_t i = 0; i < d.tx.size(); ++i) {
            const bool under = d.tx.amount[i] >= 8500 && d.tx.amount[i] < 10000;
            if (d.tx.typology[i] == kFanIn || d.tx.typology[i] == kFanOut) {
                ++fanLegs;
                structured += under;
            } else if (d.tx.pattern[i] < 0) {
                normalUnder += under;
            }
        }
        qInfo("%d of %d fan legs under the threshold; %d normal transfers there", structured, fanLegs, normalUnder);
        QVERIFY(structured * 8 >= fanLegs); // 20-50 % of the runs, 5 legs in 6 of them
        QVERIFY(normalUnder > structured);
    }

    void badOptionsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("months") << QByteArray("months") << QByteArray("months must be between 1 and 120");
        QTest::newRow("fraud rate") << QByteArray("fraud_rate") << QByteArray("fraud rate must be in (0, 0.5]");
        QTest::newRow("missed labels") << QByteArray("missed_label_rate")
                                       << QByteArray("missed_label_rate must be in [0, 0.9] (got 1.0");
        QTest::newRow("false labels") << QByteArray("false_label_rate")
                                      << QByteArray("false_label_rate must be in [0, 0.05] (got -0.1");
        QTest::newRow("drift") << QByteArray("drift") << QByteArray("drift must be in [0, 1] (got 2.0");
        QTest::newRow("difficulty") << QByteArray("difficulty")
                                    << QByteArray("difficulty must be easy or hard (got 'medium')");
    }

    void badOptionsAreNamed()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, named);
        GeneratorOptions o;
        try {
            if (field == "months")
                o.months = 0;
            else if (field == "fraud_rate")
                o.fraud_rate = 0.9;
            else if (field == "missed_label_rate")
                o.missed_label_rate = 1.0;
            else if (field == "false_label_rate")
                o.false_label_rate = -0.1;
            else if (field == "drift")
                o.drift = 2.0;
            else
                o.difficulty = difficultyFromName("medium");
            generateTransactions(o);
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QByteArray(e.what()).startsWith(named), e.what());
        }
    }

    void difficultyNames()
    {
        QCOMPARE(difficultyFromName("easy"), Difficulty::Easy);
        QCOMPARE(difficultyFromName("hard"), Difficulty::Hard);
        QCOMPARE(std::string(difficultyName(Difficulty::Hard)), std::string("hard"));
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
