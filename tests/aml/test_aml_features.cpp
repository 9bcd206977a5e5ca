// The engineered features are point-in-time (core/aml features.h): a transaction's row
// reads only itself and strictly earlier transactions, so the data cut after any row
// gives that row, and every row before it, exactly the values the whole data gives.

#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"

#include <QtTest>

#include <cstring>
#include <set>

using namespace seekbench::aml;

namespace {

constexpr double kDay = 86400;

// The first `rows` transactions of `data` (same accounts).
AmlData prefix(const AmlData &data, std::size_t rows)
{
    AmlData p;
    p.accounts = data.accounts;
    const auto &t = data.tx;
    for (std::size_t i = 0; i < rows; ++i) {
        p.tx.push(t.time[i], t.sender[i], t.receiver[i], t.amount[i], t.currency[i], t.channel[i], t.label[i],
                  t.typology[i], t.pattern[i]);
    }
    return p;
}

std::size_t column(const FeatureMatrix &m, const char *name)
{
    for (std::size_t c = 0; c < m.cols(); ++c)
        if (m.names[c] == name)
            return c;
    qFatal("no feature column %s", name);
    return 0;
}

const AmlData &generated()
{
    static const AmlData d = [] {
        GeneratorOptions o;
        o.accounts = 300;
        o.months = 3;
        o.seed = 5;
        return generateTransactions(o);
    }();
    return d;
}

} // namespace

class TestAmlFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prefixGivesTheSameRows_data()
    {
        QTest::addColumn<double>("share");
        QTest::newRow("first tenth") << 0.1;
        QTest::newRow("first third") << 0.33;
        QTest::newRow("half") << 0.5;
        QTest::newRow("two thirds") << 0.67;
        QTest::newRow("all but the last row") << -1.0;
    }
    void prefixGivesTheSameRows()
    {
        QFETCH(double, share);
        const AmlData &data = generated();
        static const FeatureMatrix whole = computeFeatures(data);
        const std::size_t cut = share < 0 ? data.tx.size() - 1 : std::size_t(double(data.tx.size()) * share);
        const AmlData part = prefix(data, cut);
        // Every typology is in the data, and the cut keeps laundering rows.
        std::set<int> typologies, before;
        for (std::size_t i = 0; i < data.tx.size(); ++i) {
            typologies.insert(data.tx.typology[i]);
            if (i < cut)
                before.insert(data.tx.typology[i]);
        }
        QCOMPARE(int(typologies.size()), kTypologyCount);
        QVERIFY(before.size() > 1);

        const FeatureMatrix m = computeFeatures(part);
        QCOMPARE(m.rows, cut);
        QCOMPARE(m.names, whole.names);
        for (std::size_t i = 0; i < cut; ++i)
            for (std::size_t c = 0; c < m.cols(); ++c)
                if (std::memcmp(&m.values[i * m.cols() + c], &whole.values[i * whole.cols() + c], sizeof(float)) != 0)
                    QFAIL(qPrintable(QStringLiteral("row %1 (cut at %2 of %3), feature %4: %5 on the prefix, %6 on "
                                                    "the whole data")
                                         .arg(i)
                                         .arg(cut)
                                         .arg(data.tx.size())
                                         .arg(QString::fromStdString(m.names[c]))
                                         .arg(double(m.at(i, c)))
                                         .arg(double(whole.at(i, c)))));
    }

    // The cut between two transactions of the same second: neither sees the other.
    void sameSecondTransactionsDoNotSeeEachOther()
    {
        AmlData d;
        for (const char *name : {"A", "B", "C", "D"})
            d.accounts.push(name, false, "US", 0, false);
        d.tx.push(10 * kDay, 0, 1, 100, "USD", 0, 0, kNormal, -1); // A -> B
        d.tx.push(10 * kDay, 0, 2, 100, "USD", 0, 0, kNormal, -1); // A -> C, same second
        d.tx.push(12 * kDay, 0, 3, 100, "USD", 0, 0, kNormal, -1); // A -> D, two days later
        const FeatureMatrix m = computeFeatures(d);
        const auto outDegree = column(m, "sender_out_degree"), activity = column(m, "sender_account_tx"),
                   fanOut = column(m, "sender_fan_out_7d"), velocity = column(m, "sender_velocity_24h");
        for (std::size_t row : {0, 1}) {
            QCOMPARE(m.at(row, outDegree), 0.0f);                  // no earlier receiver
            QCOMPARE(m.at(row, activity), float(std::log1p(1.0))); // itself only
            QCOMPARE(m.at(row, fanOut), float(std::log1p(1.0)));   // its own receiver
            QCOMPARE(m.at(row, velocity), 0.0f);
        }
        QCOMPARE(m.at(2, outDegree), float(std::log1p(2.0)));
        QCOMPARE(m.at(2, activity), float(std::log1p(3.0)));
        QCOMPARE(m.at(2, fanOut), float(std::log1p(3.0)));
        QCOMPARE(m.at(2, velocity), 0.0f); // both two days before
        QCOMPARE(computeFeatures(prefix(d, 1)).values,
                 std::vector<float>(m.values.begin(), m.values.begin() + long(m.cols())));
    }

    // A cycle is marked on its closing transfer, once its earlier hops have happened; the
    // hops before it are not (that would need the future).
    void cycleIsMarkedWhenItCloses()
    {
        AmlData d;
        for (const char *name : {"A", "B", "C"})
            d.accounts.push(name, false, "US", 0, false);
        d.tx.push(1 * kDay, 0, 1, 1000, "USD", 0, 1, kCycle, 0); // A -> B
        d.tx.push(2 * kDay, 1, 2, 980, "USD", 0, 1, kCycle, 0);  // B -> C
        d.tx.push(3 * kDay, 2, 0, 960, "USD", 0, 1, kCycle, 0);  // C -> A closes it
        const FeatureMatrix m = computeFeatures(d);
        const auto cycle = column(m, "cycle_member");
        QCOMPARE(m.at(0, cycle), 0.0f);
        QCOMPARE(m.at(1, cycle), 0.0f);
        QCOMPARE(m.at(2, cycle), 1.0f);
    }

    void typicalAmountIsTheMedianOfEarlierPayments()
    {
        AmlData d;
        d.accounts.push("A", false, "US", 0, false);
        d.accounts.push("B", false, "US", 0, false);
        const double amounts[] = {100, 300, 200, 1000, 50};
        for (int k = 0; k < 5; ++k)
            d.tx.push(k * kDay, 0, 1, amounts[k], "USD", 0, 0, kNormal, -1);
        const FeatureMatrix m = computeFeatures(d);
        const auto c = column(m, "amount_vs_typical");
        // Medians of the earlier amounts (the upper one of two middles): -, 100, 300, 200, 300.
        const double typical[] = {0, 100, 300, 200, 300};
        QCOMPARE(m.at(0, c), 0.0f); // nothing earlier
        for (int k = 1; k < 5; ++k)
            QCOMPARE(m.at(std::size_t(k), c), float(std::log(amounts[k] / typical[k] + 1e-9)));
    }

    void unsortedDataIsRefused()
    {
        AmlData d;
        d.accounts.push("A", false, "US", 0, false);
        d.tx.push(2 * kDay, 0, 0, 1, "USD", 0, 0, kNormal, -1);
        d.tx.push(1 * kDay, 0, 0, 1, "USD", 0, 0, kNormal, -1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeFeatures(d));
    }
};

QTEST_GUILESS_MAIN(TestAmlFeatures)
#include "test_aml_features.moc"
