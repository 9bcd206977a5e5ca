// CSV import: every bad row goes to quarantine with its line number and the reason; good
// rows go to the project's store, and come back out of it as the same columns.

#include "seekbench/aml/csv_import.h"
#include "seekbench/aml/generator.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/schema.h"
#include "seekbench/projects/transactions.h"
#include "test_support.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace seekbench;
using namespace seekbench::aml;

namespace {
const char *kHeader = "timestamp,sender,receiver,amount,currency,channel,label\n";
const char *kGood = "2026-01-05T10:00:00Z,alice,bob,120.50,USD,wire,0\n";
} // namespace

class TestAmlImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badRows_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("too few fields") << "2026-01-05T10:00:00Z,alice,bob,10,USD"
                                        << "expected 7 fields, found 5";
        QTest::newRow("too many fields") << "2026-01-05T10:00:00Z,alice,bob,10,USD,wire,0,x"
                                         << "expected 7 fields, found 8";
        QTest::newRow("bad timestamp") << "yesterday,alice,bob,10,USD,wire,0"
                                       << "timestamp: 'yesterday' is not";
        QTest::newRow("impossible date") << "2026-02-30T10:00:00Z,alice,bob,10,USD,wire,0"
                                         << "timestamp: '2026-02-30T10:00:00Z'";
        QTest::newRow("local time zone") << "2026-01-05T10:00:00+02:00,alice,bob,10,USD,wire,0"
                                         << "timestamp:";
        QTest::newRow("empty sender") << "2026-01-05T10:00:00Z,,bob,10,USD,wire,0"
                                      << "sender: empty";
        QTest::newRow("empty receiver") << "2026-01-05T10:00:00Z,alice, ,10,USD,wire,0"
                                        << "receiver: empty";
        QTest::newRow("self transfer") << "2026-01-05T10:00:00Z,alice,alice,10,USD,wire,0"
                                       << "receiver: same account as the sender";
        QTest::newRow("amount text") << "2026-01-05T10:00:00Z,alice,bob,ten,USD,wire,0"
                                     << "amount: 'ten' is not a number";
        QTest::newRow("amount comma") << "2026-01-05T10:00:00Z,alice,bob,\"1,000\",USD,wire,0"
                                      << "amount: '1,000' is not a number";
        QTest::newRow("amount zero") << "2026-01-05T10:00:00Z,alice,bob,0,USD,wire,0"
                                     << "amount: '0' must be greater than 0";
        QTest::newRow("amount negative") << "2026-01-05T10:00:00Z,alice,bob,-5,USD,wire,0"
                                         << "must be greater than 0";
        QTest::newRow("amount nan") << "2026-01-05T10:00:00Z,alice,bob,nan,USD,wire,0"
                                    << "amount: 'nan' must be greater than 0";
        QTest::newRow("currency lower") << "2026-01-05T10:00:00Z,alice,bob,10,usd,wire,0"
                                        << "currency: 'usd' is not a three-letter";
        QTest::newRow("currency long") << "2026-01-05T10:00:00Z,alice,bob,10,USDT,wire,0"
                                       << "currency: 'USDT'";
        QTest::newRow("channel") << "2026-01-05T10:00:00Z,alice,bob,10,USD,pigeon,0"
                                 << "channel: 'pigeon' is not one of";
        QTest::newRow("label") << "2026-01-05T10:00:00Z,alice,bob,10,USD,wire,yes"
                               << "label: 'yes' must be 0, 1 or empty";
        QTest::newRow("open quote") << "2026-01-05T10:00:00Z,\"alice,bob,10,USD,wire,0"
                                    << "unterminated quoted field";
    }

    void badRows()
    {
        QFETCH(QString, row);
        QFETCH(QString, reason);
        // The bad row sits between two good ones, on line 3.
        std::istringstream in(std::string(kHeader) + kGood + row.toStdString() + "\n" + kGood);
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY(r.headerError.empty());
        QCOMPARE(r.lines, std::int64_t(3));
        QCOMPARE(r.data.tx.size(), std::size_t(2));
        QCOMPARE(r.bad.size(), std::size_t(1));
        QCOMPARE(r.bad[0].line, std::int64_t(3));
        QVERIFY2(r.bad[0].reason.find(reason.toStdString()) != std::string::npos, r.bad[0].reason.c_str());
        QCOMPARE(QString::fromStdString(r.bad[0].text), row);
    }

    void badHeaders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty file") << ""
                                    << "the file is empty";
        QTest::newRow("missing amount") << "timestamp,sender,receiver,currency\n"
                                        << "no 'amount' column";
        QTest::newRow("unknown column") << "timestamp,sender,receiver,amount,currency,memo\n"
                                        << "unknown column 'memo'";
        QTest::newRow("twice") << "timestamp,sender,receiver,amount,amount,currency\n"
                               << "column 'amount' appears twice";
    }

    void badHeaders()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        std::istringstream in(text.toStdString());
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY2(r.headerError.find(message.toStdString()) != std::string::npos, r.headerError.c_str());
    }

    void missingFileIsNamed()
    {
        const CsvImport r = readTransactionsCsv("/nonexistent/tx.csv");
        QVERIFY(r.headerError.find("/nonexistent/tx.csv") != std::string::npos);
    }

    // Refused up front by name, before a byte is read (/dev/zero read 690 MB before).
    void notAFileIsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("directory") << "/tmp"
                                   << "/tmp: it is a directory";
        QTest::newRow("/dev/zero") << "/dev/zero"
                                   << "/dev/zero: it is not a regular file";
        QTest::newRow("missing") << "/nonexistent/tx.csv"
                                 << "/nonexistent/tx.csv: no such file";
    }

    void notAFileIsRefused()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const CsvImport r = readTransactionsCsv(path.toStdString());
        QVERIFY2(r.headerError.starts_with(message.toStdString()), r.headerError.c_str());
        QCOMPARE(r.lines, std::int64_t(0));
    }

    void formatsAndOptionalColumns()
    {
        std::istringstream in("amount,receiver,sender,timestamp,currency\r\n"
                              "5,b,a,2026-01-05,EUR\r\n"
                              "6,b,a,2026-01-05 10:30,EUR\r\n"
                              "7,b,a,1767225600,EUR\r\n");
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY(r.bad.empty());
        QCOMPARE(r.data.tx.size(), std::size_t(3));
        QCOMPARE(r.data.tx.time[0], 1767571200.0);
        QCOMPARE(r.data.tx.time[1], 1767571200.0 + 10.5 * 3600);
        QCOMPARE(r.data.tx.time[2], 1767225600.0);
        QCOMPARE(int(r.data.tx.label[0]), -1); // no label column: unknown
        QCOMPARE(r.data.accounts.name[std::size_t(r.data.tx.sender[0])], std::string("a"));
        QCOMPARE(formatTimestamp(1767571200.0 + 10.5 * 3600), std::string("2026-01-05T10:30:00Z"));
    }

    void quarantineAndStore()
    {
        QTemporaryDir tmp;
        const auto dir = testsupport::tempPath(tmp);
        auto project = testsupport::makeProject(dir);
        QCOMPARE(projects::Schema::versionInHeader(dir / "seekbench.db"), projects::Schema::kLatest);
        const auto csv = dir / "in.csv";
        {
            std::ofstream f(csv);
            f << kHeader << kGood << "2026-01-05T11:00:00Z,bob,carol,,USD,wire,1\n"
              << "2026-01-05T09:00:00Z,bob,carol,99,USD,crypto,1\n";
        }
        projects::TransactionStore store(project);
        CsvImport r = readTransactionsCsv(csv, store.accounts());
        QCOMPARE(r.bad.size(), std::size_t(1));
        QVERIFY(writeQuarantine(dir / "q.csv", r.bad));
        std::ifstream q(dir / "q.csv");
        std::stringstream qs;
        qs << q.rdbuf();
        QCOMPARE(
            qs.str(),
            std::string(
                "line,reason,text\n3,\"amount: '' is not a number\",\"2026-01-05T11:00:00Z,bob,carol,,USD,wire,1\"\n"));
        r.data.sortByTime();
        const auto added = store.appendImport(r.data, {csv.string(), 1, (dir / "q.csv").string(), "{}"}).appended;
        QCOMPARE(added.transactions, std::int64_t(2));
        QCOMPARE(added.newAccounts, std::int64_t(3));
        QCOMPARE(testsupport::queryInt(dir / "seekbench.db", "SELECT rows_bad FROM aml_imports"), std::int64_t(1));

        // A second import matches known accounts by name.
        std::istringstream more(std::string(kHeader) + "2026-01-06T10:00:00Z,carol,dave,50,USD,cash,\n");
        CsvImport r2 = parseTransactionsCsv(more, store.accounts());
        QCOMPARE(store.append(r2.data).newAccounts, std::int64_t(1));

        const AmlData back = store.load();
        QCOMPARE(back.tx.size(), std::size_t(3));
        QCOMPARE(back.accounts.size(), std::size_t(4));
        QCOMPARE(back.accounts.name[std::size_t(back.tx.sender[0])], std::string("bob")); // time order
        QCOMPARE(channelNames()[std::size_t(back.tx.channel[0])], std::string("crypto"));
        QCOMPARE(int(back.tx.label[0]), 1);
        QCOMPARE(int(back.tx.label[2]), -1);
        QCOMPARE(int(back.accounts.label[2]), 1); // carol took part in a labelled transfer
        QCOMPARE(store.accountByName("dave")->id, std::int64_t(4));
        QCOMPARE(store.transactionsOf(3, 10).size(), std::size_t(2));
    }

    void generatedDataRoundTrips()
    {
        QTemporaryDir tmp;
        const auto dir = testsupport::tempPath(tmp);
        auto project = testsupport::makeProject(dir);
        GeneratorOptions o;
        o.accounts = 100;
        o.months = 1;
        const AmlData d = generateTransactions(o);
        QVERIFY(writeTransactionsCsv(dir / "gen.csv", d));
        CsvImport r = readTransactionsCsv(dir / "gen.csv");
        QVERIFY(r.bad.empty());
        QCOMPARE(r.data.tx.size(), d.tx.size());
        projects::TransactionStore store(project);
        store.append(d);
        const AmlData back = store.load();
        QCOMPARE(back.tx.size(), d.tx.size());
        QVERIFY(back.tx.amount == d.tx.amount);
        QVERIFY(back.tx.label == d.tx.label);
        QVERIFY(back.tx.typology == d.tx.typology);
        QCOMPARE(fingerprint(back), fingerprint(d));
    }
};

QTEST_GUILESS_MAIN(TestAmlImport)
#include "test_aml_import.moc"
