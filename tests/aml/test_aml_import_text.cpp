// Text from an imported CSV (issue 20, items 1 and 9): a field that is not UTF-8, or an
// account id with a control character, is quarantined with a reason that names the line
// and the column; a store that already holds bad bytes (written before the check) still
// gives valid JSON and a terminal-safe trace; an import record is never shown as done
// without its rows.

#include "cli_process.h"
#include "seekbench/aml/csv_import.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/trace_json.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"
#include "test_support.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>

using namespace seekbench;
using namespace seekbench::aml;

namespace {

const char *kHeader = "timestamp,sender,receiver,amount,currency,channel,label\n";
const char *kGood = "2026-01-05T10:00:00Z,alice,bob,120.50,USD,wire,0\n";

// The first byte a terminal acts on, or -1 (cli_process.h).
int firstControlByte(const std::string &s) { return seekbench::testing::firstRawControl(QByteArray::fromStdString(s)); }

bool validUtf8(const std::string &s)
{
    const QByteArray bytes = QByteArray::fromStdString(s);
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

} // namespace

class TestAmlImportText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each text column with bytes that are not UTF-8 (a stray byte, a cut sequence, an
    // overlong form, a surrogate), and account ids with control characters.
    void badTextIsQuarantined_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("timestamp 0xFF") << QByteArray("2026-01-05T10:00:00\xFFZ,alice,bob,10,USD,wire,0")
                                        << "timestamp: not valid UTF-8 (byte 0xFF at byte 20 of the field, column 1)";
        QTest::newRow("sender latin-1") << QByteArray("2026-01-05T10:00:00Z,Jos\xE9,bob,10,USD,wire,0")
                                        << "sender: not valid UTF-8 (byte 0xE9 at byte 4 of the field, column 2)";
        QTest::newRow("receiver cut sequence")
            << QByteArray("2026-01-05T10:00:00Z,alice,\xE4\xB8,10,USD,wire,0")
            << "receiver: not valid UTF-8 (byte 0xE4 at byte 1 of the field, column 3)";
        QTest::newRow("amount overlong") << QByteArray("2026-01-05T10:00:00Z,alice,bob,1\xC0\xB0,USD,wire,0")
                                         << "amount: not valid UTF-8 (byte 0xC0 at byte 2 of the field, column 4)";
        QTest::newRow("currency surrogate") << QByteArray("2026-01-05T10:00:00Z,alice,bob,10,U\xED\xA0\x80,wire,0")
                                            << "currency: not valid UTF-8 (byte 0xED at byte 2 of the field, column 5)";
        QTest::newRow("channel stray continuation")
            << QByteArray("2026-01-05T10:00:00Z,alice,bob,10,USD,\x80wire,0")
            << "channel: not valid UTF-8 (byte 0x80 at byte 1 of the field, column 6)";
        QTest::newRow("label past U+10FFFF")
            << QByteArray("2026-01-05T10:00:00Z,alice,bob,10,USD,wire,\xF4\x90\x80\x80")
            << "label: not valid UTF-8 (byte 0xF4 at byte 1 of the field, column 7)";
        QTest::newRow("quoted sender 0xFE") << QByteArray("2026-01-05T10:00:00Z,\"a,\xFE\",bob,10,USD,wire,0")
                                            << "sender: not valid UTF-8 (byte 0xFE at byte 3 of the field, column 2)";
        QTest::newRow("sender escape sequence") << QByteArray("2026-01-05T10:00:00Z,acc\x1b[2J,bob,10,USD,wire,0")
                                                << "sender: 'acc\\e[2J' holds a control character (\\e)";
        QTest::newRow("receiver BEL") << QByteArray("2026-01-05T10:00:00Z,alice,b\x07ob,10,USD,wire,0")
                                      << "receiver: 'b\\x07ob' holds a control character (\\x07)";
        QTest::newRow("receiver C1 CSI") << QByteArray("2026-01-05T10:00:00Z,alice,b\xC2\x9B"
                                                       "31m,10,USD,wire,0")
                                         << "receiver: 'b\\u009B31m' holds a control character (\\u009B)";
        QTest::newRow("sender tab inside") << QByteArray("2026-01-05T10:00:00Z,al\tice,bob,10,USD,wire,0")
                                           << "sender: 'al\\tice' holds a control character (\\t)";
        QTest::newRow("currency escape") << QByteArray("2026-01-05T10:00:00Z,alice,bob,10,U\x1bSD,wire,0")
                                         << "currency: 'U\\eSD' is not a three-letter";
    }

    void badTextIsQuarantined()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, reason);
        // The bad row on line 3, between two good ones.
        std::istringstream in(std::string(kHeader) + kGood + row.toStdString() + "\n" + kGood);
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY(r.headerError.empty());
        QCOMPARE(r.lines, std::int64_t(3));
        QCOMPARE(r.data.tx.size(), std::size_t(2));
        QCOMPARE(r.data.accounts.size(), std::size_t(2)); // alice and bob: nothing of the bad row
        QCOMPARE(r.bad.size(), std::size_t(1));
        QCOMPARE(r.bad[0].line, std::int64_t(3));
        QVERIFY2(r.bad[0].reason.starts_with(reason.toStdString()), r.bad[0].reason.c_str());
        // The reason is printable UTF-8 (it goes to stderr and the quarantine file); the
        // quarantine keeps the raw line for the user to repair.
        QVERIFY2(validUtf8(r.bad[0].reason), r.bad[0].reason.c_str());
        QCOMPARE(firstControlByte(r.bad[0].reason), -1);
        QVERIFY(r.bad[0].reason.find('\n') == std::string::npos);
        QCOMPARE(QByteArray::fromStdString(r.bad[0].text), row);

        QTemporaryDir tmp;
        const auto q = testsupport::tempPath(tmp, "q.csv");
        QVERIFY(writeQuarantine(q, r.bad));
        std::ifstream f(q, std::ios::binary);
        std::stringstream text;
        text << f.rdbuf();
        QVERIFY2(text.str().starts_with("line,reason,text\n3,\"" + reason.toStdString()), text.str().c_str());
    }

    // UTF-8 of any script is an account id like any other.
    void unicodeNamesAreKept()
    {
        std::istringstream in(std::string(kHeader) + "2026-01-05T10:00:00Z,深圳贸易有限公司,José Müller,10,CNY,wire,\n"
                              + "2026-01-05T11:00:00Z,José Müller,🏦 bank,5,EUR,card,\n");
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY2(r.bad.empty(), r.bad.empty() ? "" : r.bad[0].reason.c_str());
        QCOMPARE(r.data.tx.size(), std::size_t(2));
        QCOMPARE(r.data.accounts.name[0], std::string("深圳贸易有限公司"));
        QCOMPARE(r.data.accounts.name[2], std::string("🏦 bank"));
    }

    // A header that is not UTF-8 is named escaped, never echoed raw.
    void badHeaderIsShownEscaped()
    {
        std::istringstream in("timestamp,sender,receiver,amount,currency,m\xFF\x1bo\n");
        const CsvImport r = parseTransactionsCsv(in);
        QVERIFY2(r.headerError.find("unknown column 'm\\xFF\\eo'") != std::string::npos, r.headerError.c_str());
        QCOMPARE(firstControlByte(r.headerError), -1);
        QVERIFY(validUtf8(r.headerError));
    }

    // A store written before the check holds names with bad bytes and escapes: the trace
    // is still one valid JSON document (U+FFFD for the bad bytes), and the text trace
    // shows the escape sequence escaped.
    void storedBadTextStillGivesValidOutput()
    {
        QTemporaryDir tmp;
        auto project = testsupport::makeProject(testsupport::tempPath(tmp));
        AmlData d;
        d.accounts.push("bad\xFFname", false, "", -1, false);
        d.accounts.push("red\x1b[31mX", false, "", -1, false);
        d.accounts.push("cut\xE4\xB8", false, "", -1, false);
        d.tx.push(1767225600, 0, 1, 1000, "USD", 0, -1, 0, -1);
        d.tx.push(1767225600 + 3600, 1, 2, 990, "USD", 0, -1, 0, -1);
        projects::TransactionStore(project).append(d); // the store API does not check: an old store
        projects::Tracer tracer(project);
        projects::TraceOptions forward;
        forward.direction = projects::TraceOptions::Direction::Forward;
        const projects::TraceResult trace = tracer.fromTransaction(1, forward);
        QCOMPARE(trace.chains.size(), std::size_t(1));

        std::string json;
        try {
            json = projects::traceJson(project, trace);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(validUtf8(json));
        const QJsonArray hops = doc.object()
                                    .value(QLatin1String("chains"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("hops"))
                                    .toArray();
        QCOMPARE(hops.size(), 2);
        QCOMPARE(hops.at(0).toObject().value(QLatin1String("from")).toString(), QStringLiteral("bad\uFFFDname"));
        QCOMPARE(hops.at(0).toObject().value(QLatin1String("to")).toString(), QStringLiteral("red\x1b[31mX"));
        QVERIFY(hops.at(1).toObject().value(QLatin1String("to")).toString().startsWith(QStringLiteral("cut\uFFFD")));

        const std::string text = projects::traceText(project, trace);
        QCOMPARE(firstControlByte(text), -1);
        QVERIFY(validUtf8(text));
        QVERIFY2(text.find("red\\e[31mX") != std::string::npos, text.c_str());
    }

    // The record and its rows commit together; a record without its rows (left by a
    // version that committed the record first) is listed as not complete, never as done.
    void importRecordMatchesItsRows()
    {
        QTemporaryDir tmp;
        const auto dir = testsupport::tempPath(tmp);
        auto project = testsupport::makeProject(dir);
        projects::TransactionStore store(project);
        testsupport::execSql(dir / "seekbench.db", "INSERT INTO aml_imports(source, imported_at, rows_ok, rows_bad) "
                                                   "VALUES ('old.csv', 1, 1000000, 0)");
        std::istringstream in(std::string(kHeader) + kGood + "2026-01-05T11:00:00Z,bob,carol,99,USD,crypto,1\n");
        CsvImport r = parseTransactionsCsv(in, store.accounts());
        const auto done = store.appendImport(r.data, {"new.csv", 0, "", "{}"});
        QCOMPARE(done.appended.transactions, std::int64_t(2));
        QCOMPARE(testsupport::queryInt(dir / "seekbench.db", "SELECT count(*) FROM aml_transactions WHERE import_id = "
                                                                 + std::to_string(done.importId)),
                 std::int64_t(2));

        const auto imports = store.imports();
        QCOMPARE(imports.size(), std::size_t(2));
        QCOMPARE(imports[0].source, std::string("old.csv"));
        QCOMPARE(imports[0].rowsOk, std::int64_t(1000000));
        QCOMPARE(imports[0].rowsStored, std::int64_t(0));
        QVERIFY(!imports[0].complete());
        QCOMPARE(imports[1].id, done.importId);
        QCOMPARE(imports[1].rowsOk, std::int64_t(2));
        QCOMPARE(imports[1].rowsStored, std::int64_t(2));
        QVERIFY(imports[1].complete());
    }
};

QTEST_GUILESS_MAIN(TestAmlImportText)
#include "test_aml_import_text.moc"
