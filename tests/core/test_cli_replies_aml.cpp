// aml generate|import|alerts replies and train's JSON-lines step events: what the CLI
// prints reads into the typed reply and round-trips, and a malformed document is rejected
// with the key named.

#include "seekbench/replies/aml_replies.h"

#include <QTest>

#include <cmath>

using namespace seekbench::replies;

namespace {
// What `aml alerts --json` prints (nlohmann dump(1): one-space indent, keys sorted), with
// a NaN rate (written as null) in the curve.
const char *const kAlerts = R"json({
 "alerts": [
  {
   "account_id": 17,
   "id": 3,
   "notes": "called the bank\nno answer",
   "reasons": [
    "FAN_OUT: out_degree_7d=12 (z=4.1)",
    "NEIGHBOUR: 2 flagged counterparties"
   ],
   "score": 0.9375,
   "severity": "high",
   "status": "escalated",
   "tx_id": 1042
  }
 ],
 "alerts_total": 58,
 "curve": [
  {
   "alerts": 0,
   "fpr": 0.0,
   "precision": null,
   "recall": 0.0,
   "threshold": 1.0
  },
  {
   "alerts": 58,
   "fpr": 0.0125,
   "precision": 0.5,
   "recall": 0.725,
   "threshold": 0.41
  }
 ],
 "days": 61.0,
 "figures_period": "test",
 "model": "graph",
 "operating_point": {
  "alerts_per_day": 0.9508196721311475,
  "capacity_bound": false,
  "expected_cost": 629.0,
  "fpr": 0.0125,
  "precision": 0.5,
  "precision_at_capacity": 0.52,
  "recall": 0.725,
  "threshold": 0.41
 },
 "positives": 40,
 "recall_at_fpr": {
  "fpr": 0.02,
  "recall": 0.8,
  "target": 0.021,
  "threshold": 0.3
 },
 "run": "20260101-aml",
 "threshold_period": "validation"
})json";
} // namespace

class TestCliRepliesAml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsFromCliDocument()
    {
        const AmlAlertsReply r = AmlAlertsReply::fromJson(kAlerts);
        QCOMPARE(r.run, std::string("20260101-aml"));
        QCOMPARE(r.model, std::string("graph"));
        QCOMPARE(r.figuresPeriod, std::string("test"));
        QCOMPARE(r.thresholdPeriod, std::string("validation"));
        QCOMPARE(r.days, 61.0);
        QCOMPARE(r.positives, std::int64_t(40));
        QCOMPARE(r.operatingPoint.threshold, 0.41);
        QCOMPARE(r.operatingPoint.expectedCost, 629.0);
        QCOMPARE(r.operatingPoint.precisionAtCapacity, 0.52);
        QVERIFY(!r.operatingPoint.capacityBound);
        QCOMPARE(r.recallAtFpr.recall, 0.8);
        QCOMPARE(r.recallAtFpr.threshold, 0.3);
        QCOMPARE(r.recallAtFpr.target, 0.021);
        QCOMPARE(r.curve.size(), std::size_t(2));
        QVERIFY(std::isnan(r.curve[0].precision));
        QCOMPARE(r.curve[1].alerts, std::int64_t(58));
        QCOMPARE(r.alertsTotal, std::int64_t(58));
        QCOMPARE(r.alerts.size(), std::size_t(1));
        QCOMPARE(r.alerts[0].txId, std::int64_t(1042));
        QCOMPARE(r.alerts[0].accountId, std::int64_t(17));
        QCOMPARE(r.alerts[0].severity, std::string("high"));
        QCOMPARE(r.alerts[0].reasons.size(), std::size_t(2));
        QCOMPARE(r.alerts[0].reasons[1], std::string("NEIGHBOUR: 2 flagged counterparties"));
        QCOMPARE(r.alerts[0].status, std::string("escalated"));
        QCOMPARE(r.alerts[0].notes, std::string("called the bank\nno answer"));
        // A reply without the review (an older CLI) reads as new, without notes.
        const AmlAlertsReply old = AmlAlertsReply::fromJson(
            QByteArray(kAlerts)
                .replace("\"status\": \"escalated\",", "")
                .replace("\"notes\": \"called the bank\\nno answer\",", "")
                .toStdString());
        QCOMPARE(old.alerts[0].status, std::string("new"));
        QCOMPARE(old.alerts[0].notes, std::string());
    }

    void alertsRoundTrip()
    {
        const AmlAlertsReply r = AmlAlertsReply::fromJson(kAlerts);
        // toJson writes the CLI's layout: the same text back, byte for byte.
        QCOMPARE(r.toJson(), std::string(kAlerts));
        const AmlAlertsReply back = AmlAlertsReply::fromJson(r.toJson());
        QCOMPARE(back.alerts[0].reasons, r.alerts[0].reasons);
        QCOMPARE(back.curve[1].recall, 0.725);
    }

    void generateRoundTrip()
    {
        const std::string line
            = R"({"first_id":1,"laundering":312,"new_accounts":2000,"patterns":41,"seed":7,"transactions":48210})";
        const AmlGenerateReply r = AmlGenerateReply::fromJson(line);
        QCOMPARE(r.transactions, std::int64_t(48210));
        QCOMPARE(r.newAccounts, std::int64_t(2000));
        QCOMPARE(r.patterns, std::int64_t(41));
        QCOMPARE(r.seed, std::uint64_t(7));
        QCOMPARE(r.toJson(), line);
    }

    void importRoundTrip()
    {
        const std::string line = R"({"import_id":2,"imported":998,"lines":1000,"new_accounts":40,)"
                                 R"("quarantine":"datasets/quarantine-tx-1.csv","quarantined":2})";
        const AmlImportReply r = AmlImportReply::fromJson(line);
        QCOMPARE(r.importId, std::int64_t(2));
        QCOMPARE(r.imported, std::int64_t(998));
        QCOMPARE(r.quarantined, std::int64_t(2));
        QCOMPARE(r.quarantine, std::string("datasets/quarantine-tx-1.csv"));
        QCOMPARE(r.toJson(), line);
    }

    void trainEventLine()
    {
        // A step event carries more keys (loss, time, rank...): they are ignored.
        const TrainEventLine e = TrainEventLine::fromJson(
            R"({"event":"step","loss":0.5,"rank":0,"step":120,"time":1.5})");
        QCOMPARE(e.event, std::string("step"));
        QCOMPARE(*e.step, std::int64_t(120));
        QCOMPARE(TrainEventLine::fromJson(e.toJson()).step.value_or(-1), std::int64_t(120));
        const TrainEventLine system = TrainEventLine::fromJson(R"({"event":"system","time":3})");
        QVERIFY(!system.step);
    }

    void malformedAlerts_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QByteArray>("message");
        const QByteArray good(kAlerts);
        QTest::newRow("not json") << QByteArray("{\"run\"") << QByteArray("not JSON");
        QTest::newRow("array") << QByteArray("[]") << QByteArray("not a JSON object");
        QTest::newRow("no run") << QByteArray(good).replace("\"run\"", "\"runs\"")
                                << QByteArray("key 'run' is missing");
        QTest::newRow("no threshold period") << QByteArray(good).replace("\"threshold_period\"", "\"period\"")
                                             << QByteArray("key 'threshold_period' is missing");
        QTest::newRow("days text") << QByteArray(good).replace("\"days\": 61.0", "\"days\": \"61\"")
                                   << QByteArray("key 'days' is not a number");
        QTest::newRow("no operating point") << QByteArray(good).replace("\"operating_point\"", "\"op\"")
                                            << QByteArray("key 'operating_point' is missing");
        QTest::newRow("operating point array") << QByteArray(
            R"({"run":"r","model":"m","figures_period":"test","threshold_period":"validation","days":1,"positives":1,"operating_point":[]})")
                                               << QByteArray("key 'operating_point' is not an object");
        QTest::newRow("capacity bound number")
            << QByteArray(good).replace("\"capacity_bound\": false", "\"capacity_bound\": 0")
            << QByteArray("operating_point: key 'capacity_bound' is not a boolean");
        QTest::newRow("no recall at fpr") << QByteArray(good).replace("\"recall_at_fpr\"", "\"recall_at\"")
                                          << QByteArray("key 'recall_at_fpr' is missing");
        QTest::newRow("curve not array") << QByteArray(good).replace("\"curve\": [", "\"curve\": 1, \"x\": [")
                                         << QByteArray("key 'curve' is not an array");
        QTest::newRow("curve alerts float") << QByteArray(good).replace("\"alerts\": 58,", "\"alerts\": 5.5,")
                                            << QByteArray("curve[1]: key 'alerts' is not an integer");
        QTest::newRow("no alerts total") << QByteArray(good).replace("\"alerts_total\"", "\"total\"")
                                         << QByteArray("key 'alerts_total' is missing");
        QTest::newRow("tx id text") << QByteArray(good).replace("\"tx_id\": 1042", "\"tx_id\": \"1042\"")
                                    << QByteArray("alerts[0]: key 'tx_id' is not an integer");
        QTest::newRow("reason number") << QByteArray(good).replace("\"NEIGHBOUR: 2 flagged counterparties\"", "2")
                                       << QByteArray("alerts[0]: key 'reasons' is not an array of strings");
        QTest::newRow("no severity") << QByteArray(good).replace("\"severity\"", "\"level\"")
                                     << QByteArray("alerts[0]: key 'severity' is missing");
        QTest::newRow("status number") << QByteArray(good).replace("\"escalated\"", "2")
                                       << QByteArray("alerts[0]: key 'status' is not a string");
    }

    void malformedAlerts()
    {
        QFETCH(QByteArray, document);
        QFETCH(QByteArray, message);
        try {
            AmlAlertsReply::fromJson(document.toStdString());
            QFAIL("accepted a malformed document");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QByteArray(e.what()).contains(message), e.what());
        }
    }

    void malformedLines_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("generate not json") << QByteArray("generate") << QByteArray("generated 10 transactions")
                                           << QByteArray("aml generate reply: not JSON");
        QTest::newRow("generate no seed")
            << QByteArray("generate")
            << QByteArray(R"({"first_id":1,"laundering":3,"new_accounts":2,"patterns":4,"transactions":5})")
            << QByteArray("key 'seed' is missing");
        QTest::newRow("generate negative seed")
            << QByteArray("generate")
            << QByteArray(R"({"first_id":1,"laundering":3,"new_accounts":2,"patterns":4,"seed":-1,"transactions":5})")
            << QByteArray("key 'seed' is not an unsigned integer");
        QTest::newRow("import no quarantine")
            << QByteArray("import")
            << QByteArray(R"({"import_id":1,"imported":1,"lines":1,"new_accounts":0,"quarantined":0})")
            << QByteArray("key 'quarantine' is missing");
        QTest::newRow("import lines text")
            << QByteArray("import")
            << QByteArray(R"({"import_id":1,"imported":1,"lines":"1","new_accounts":0,"quarantine":"","quarantined":0})")
            << QByteArray("key 'lines' is not an integer");
        QTest::newRow("event missing") << QByteArray("train") << QByteArray(R"({"step":3})")
                                       << QByteArray("key 'event' is missing");
        QTest::newRow("step missing") << QByteArray("train") << QByteArray(R"({"event":"step"})")
                                      << QByteArray("key 'step' is missing");
        QTest::newRow("step text") << QByteArray("train") << QByteArray(R"({"event":"step","step":"3"})")
                                   << QByteArray("key 'step' is not an integer");
        QTest::newRow("event line not json")
            << QByteArray("train") << QByteArray("step 3 loss 0.5") << QByteArray("train event line: not JSON");
    }

    void malformedLines()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, document);
        QFETCH(QByteArray, message);
        const std::string text = document.toStdString();
        try {
            if (kind == "generate")
                AmlGenerateReply::fromJson(text);
            else if (kind == "import")
                AmlImportReply::fromJson(text);
            else
                TrainEventLine::fromJson(text);
            QFAIL("accepted a malformed document");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QByteArray(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRepliesAml)
#include "test_cli_replies_aml.moc"
