// SeriesId: the store watcher names a curve, the curve provider reads the name back to
// route live points to the right plot and label the rank. Both directions agree for keys
// with slashes and for ranks, and a foreign string is refused rather than misread.

#include "runs/series_id.h"

#include <QtTest>

using seekbench::ui::SeriesId;

class TestSeriesId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("run");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("rank");
        QTest::addColumn<QString>("text");
        QTest::newRow("rank 0") << "20261202-a1b2"
                                << "train/loss" << 0 << "20261202-a1b2/train/loss";
        QTest::newRow("rank 3") << "20261202-a1b2"
                                << "eval/loss" << 3 << "20261202-a1b2/eval/loss#3";
        QTest::newRow("key without slash") << "r1"
                                           << "lr" << 1 << "r1/lr#1";
        QTest::newRow("key with a hash") << "r1"
                                         << "grad#norm" << 0 << "r1/grad#norm";
        QTest::newRow("key with a hash, rank 2") << "r1"
                                                 << "grad#norm" << 2 << "r1/grad#norm#2";
    }
    void roundTrip()
    {
        QFETCH(QString, run);
        QFETCH(QString, key);
        QFETCH(int, rank);
        QFETCH(QString, text);
        const SeriesId id{run, key, rank};
        QCOMPARE(id.toString(), text);
        const auto back = SeriesId::parse(text);
        QVERIFY(back.has_value());
        QCOMPARE(back->runId, run);
        QCOMPARE(back->key, key);
        QCOMPARE(back->rank, rank);
    }

    void foreignStringsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("no slash") << "train-loss";
        QTest::newRow("no run") << "/train/loss";
        QTest::newRow("no key") << "r1/";
    }
    void foreignStringsRefused()
    {
        QFETCH(QString, text);
        QVERIFY(!SeriesId::parse(text).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSeriesId)
#include "test_series_id.moc"
