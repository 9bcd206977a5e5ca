// The analyst's review through seekbench-cli (issue 20, item 3): `aml alert set` writes an
// alert's status and notes, `aml alerts --json` shows them, and they survive a threshold
// moved up (the transaction no longer alerted) and back down; a threshold outside [0, 1]
// is refused with exit 2 and replaces nothing; bad reviews are refused by name.

#include "cli_process.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <algorithm>
#include <fstream>

namespace {

using seekbench::testing::CliResult;
using seekbench::testing::firstRawControl;
using seekbench::testing::runCli;
using Result = CliResult;

QStringList words(const QString &text) { return text.split(QLatin1Char('|')); }

} // namespace

class TestAlertCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reviewSurvivesThresholdUpAndDown();
    void outOfRangeThresholdReplacesNothing_data();
    void outOfRangeThresholdReplacesNothing();
    void badReviewIsRefused_data();
    void badReviewIsRefused();
    void refusedReviewsChangedNothing();

private:
    // `aml alerts --threshold t --json` with every alert listed.
    QJsonObject alertsAt(const QString &threshold);
    Result alertSet(const QStringList &args);

    QTemporaryDir m_tmp;
    QString m_project, m_id; // m_id: the alert the refusals are tried on (m_alert as listed)
    QJsonObject m_alert;
};

// A project with 3 months of synthetic transfers between 150 accounts and one AML run of
// a tiny graph model (a few steps) and a small XGBoost baseline.
void TestAlertCli::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_project = m_tmp.filePath(QStringLiteral("project"));
    Result r = runCli({QStringLiteral("project"), QStringLiteral("init"), m_project});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli(words(QStringLiteral("aml|generate|--project|%1|--accounts|150|--months|3|--seed|7").arg(m_project)));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString config = m_tmp.filePath(QStringLiteral("aml.yaml"));
    {
        std::ofstream cfg(config.toStdString());
        cfg << "name: alert-cli\nmodel:\n  hidden_size: 16\n  num_attention_heads: 2\n  num_key_value_heads: 2\n"
               "  intermediate_size: 32\n  num_hidden_layers: 1\n  max_position_embeddings: 16\n"
               "data:\n  kind: aml_transactions\ntraining:\n  max_steps: 6\n  warmup_steps: 1\n  batch_size: 64\n"
               "  eval_every: 0\n  checkpoint_every: 0\n  threads: 1\naml:\n  sequence_length: 8\n  message_layers: 1\n"
               "  validation_months: 1\n  test_months: 1\n  xgb_rounds: 10\n";
    }
    r = runCli(words(QStringLiteral("aml|train|--project|%1|--config|%2").arg(m_project, config)));
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

QJsonObject TestAlertCli::alertsAt(const QString &threshold)
{
    const Result r = runCli(words(
        QStringLiteral("aml|alerts|--project|%1|--threshold|%2|--limit|1000000|--json").arg(m_project, threshold)));
    if (r.exitCode != 0)
        qWarning("aml alerts failed: %s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

Result TestAlertCli::alertSet(const QStringList &args)
{
    return runCli(QStringList{QStringLiteral("aml"), QStringLiteral("alert"), QStringLiteral("set"),
                              QStringLiteral("--project"), m_project}
                  + args);
}

void TestAlertCli::reviewSurvivesThresholdUpAndDown()
{
    // Every transaction of the test months is an alert at threshold 0.
    const QJsonObject all = alertsAt(QStringLiteral("0"));
    const QJsonArray alerts = all.value(QLatin1String("alerts")).toArray();
    const int total = all.value(QLatin1String("alerts_total")).toInt();
    QVERIFY2(alerts.size() >= 2, "too few alerts to move a threshold through");
    QCOMPARE(alerts.size(), total);
    std::vector<double> scores;
    for (const auto &a : alerts)
        scores.push_back(a.toObject().value(QLatin1String("score")).toDouble());
    std::sort(scores.begin(), scores.end());
    // A threshold halfway between two neighbouring distinct scores near the middle: an exact
    // count above it, no score near it.
    std::size_t cut = scores.size() / 2;
    while (cut < scores.size() && scores[cut] - scores[cut - 1] < 1e-6)
        ++cut;
    QVERIFY2(cut < scores.size(), "no two distinct scores");
    const double threshold = (scores[cut - 1] + scores[cut]) / 2;
    const int above = int(scores.size() - cut);

    // The top alert and the bottom one (below the higher threshold) get a review.
    auto byScore = [](const QJsonValue &a, const QJsonValue &b) {
        return a.toObject().value(QLatin1String("score")).toDouble()
               < b.toObject().value(QLatin1String("score")).toDouble();
    };
    const QJsonObject top = std::max_element(alerts.begin(), alerts.end(), byScore)->toObject();
    const QJsonObject low = std::min_element(alerts.begin(), alerts.end(), byScore)->toObject();
    const QString topTx = QString::number(top.value(QLatin1String("tx_id")).toInteger());
    const QString lowTx = QString::number(low.value(QLatin1String("tx_id")).toInteger());
    const QString topNote = QStringLiteral("SAR filed\n\tsee the bank's reply 三");
    Result r = alertSet({QStringLiteral("--alert"), QString::number(top.value(QLatin1String("id")).toInteger()),
                         QStringLiteral("--status"), QStringLiteral("escalated"), QStringLiteral("--note"), topNote,
                         QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject set = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(set.value(QLatin1String("status")).toString(), QStringLiteral("escalated"));
    QCOMPARE(set.value(QLatin1String("notes")).toString(), topNote);
    QCOMPARE(QString::number(set.value(QLatin1String("tx_id")).toInteger()), topTx);
    QVERIFY(set.value(QLatin1String("updated_at")).isDouble());
    r = alertSet({QStringLiteral("--tx"), lowTx, QStringLiteral("--status"), QStringLiteral("dismissed"),
                  QStringLiteral("--note"), QStringLiteral("salary")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("dismissed; notes: salary"), r.out.constData());

    auto find = [](const QJsonObject &doc, const QString &tx) {
        for (const auto &a : doc.value(QLatin1String("alerts")).toArray())
            if (QString::number(a.toObject().value(QLatin1String("tx_id")).toInteger()) == tx)
                return a.toObject();
        return QJsonObject();
    };
    // Up: the low transaction is no alert; the top one keeps its review.
    const QJsonObject up = alertsAt(QString::number(threshold, 'g', 17));
    QCOMPARE(up.value(QLatin1String("alerts_total")).toInt(), above);
    QCOMPARE(up.value(QLatin1String("alerts")).toArray().size(), above);
    QVERIFY(find(up, lowTx).isEmpty());
    QCOMPARE(find(up, topTx).value(QLatin1String("status")).toString(), QStringLiteral("escalated"));
    QCOMPARE(find(up, topTx).value(QLatin1String("notes")).toString(), topNote);
    r = alertSet({QStringLiteral("--tx"), lowTx, QStringLiteral("--status"), QStringLiteral("reviewing")});
    QCOMPARE(r.exitCode, 2); // not an alert now
    QVERIFY2(r.err.contains("no alert on transaction " + lowTx.toUtf8()), r.err.constData());

    // Down again: both reviews are back, every other alert is new.
    const QJsonObject down = alertsAt(QStringLiteral("0"));
    QCOMPARE(down.value(QLatin1String("alerts_total")).toInt(), total);
    QCOMPARE(find(down, topTx).value(QLatin1String("status")).toString(), QStringLiteral("escalated"));
    QCOMPARE(find(down, topTx).value(QLatin1String("notes")).toString(), topNote);
    QCOMPARE(find(down, lowTx).value(QLatin1String("status")).toString(), QStringLiteral("dismissed"));
    QCOMPARE(find(down, lowTx).value(QLatin1String("notes")).toString(), QStringLiteral("salary"));
    int reviewed = 0;
    for (const auto &a : down.value(QLatin1String("alerts")).toArray())
        reviewed += a.toObject().value(QLatin1String("status")).toString() != QLatin1String("new");
    QCOMPARE(reviewed, 2);
}

void TestAlertCli::outOfRangeThresholdReplacesNothing_data()
{
    QTest::addColumn<QString>("threshold");
    for (const char *t : {"2", "-0.1", "nan", "inf", "1e400"})
        QTest::newRow(t) << QString::fromLatin1(t);
}

// Refused before anything is replaced: the alert listed before the refusals keeps its id
// (a re-created set would have new ids) and its review.
void TestAlertCli::outOfRangeThresholdReplacesNothing()
{
    QFETCH(QString, threshold);
    if (m_alert.isEmpty()) {
        const QJsonArray listed = alertsAt(QStringLiteral("0")).value(QLatin1String("alerts")).toArray();
        QVERIFY(!listed.isEmpty());
        m_alert = listed.first().toObject();
        m_id = QString::number(m_alert.value(QLatin1String("id")).toInteger());
    }
    const Result r = runCli(
        words(QStringLiteral("aml|alerts|--project|%1|--threshold|%2|--json").arg(m_project, threshold)));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--threshold '" + threshold.toUtf8() + "' is not a score in [0, 1]"), r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    const Result again = alertSet({QStringLiteral("--alert"), m_id, QStringLiteral("--note"),
                                   QStringLiteral("still here after ") + threshold, QStringLiteral("--json")});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    const QJsonObject set = QJsonDocument::fromJson(again.out).object();
    QCOMPARE(set.value(QLatin1String("tx_id")).toInteger(), m_alert.value(QLatin1String("tx_id")).toInteger());
    QCOMPARE(set.value(QLatin1String("status")).toString(), m_alert.value(QLatin1String("status")).toString());
}

void TestAlertCli::badReviewIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, const char *args, const char *message) {
        QTest::newRow(name) << words(QString::fromUtf8(args)) << QString::fromUtf8(message);
    };
    row("unknown status", "--alert|@id|--status|open", "unknown alert status 'open'");
    row("status with an escape", "--alert|@id|--status|\x1b[2J", "unknown alert status '\\e[2J'");
    row("unknown alert", "--alert|999999999|--status|new", "no alert 999999999 in the project");
    row("alert id not a number", "--alert|12x|--status|new", "--alert");
    row("note with an escape", "--alert|@id|--note|\x1b]0;owned\x07", "hold a control character (\\e)");
    row("note with a carriage return", "--alert|@id|--note|a\rb", "hold a control character (\\r)");
    row("nothing to set", "--alert|@id", "give --status STATUS, --note TEXT or both");
    row("no alert named", "--status|new", "give --alert ID or --tx ID");
    row("alert and tx", "--alert|@id|--tx|1|--status|new", "give --alert ID or --tx ID");
    row("alert of another run", "--alert|@id|--run|nope|--status|new", "for run 'nope'");
    row("alert of another model", "--alert|@id|--model|xgboost|--status|new", "(xgboost)");
}

// Exit 2, one line naming the problem, nothing on stdout and no raw control character on
// stderr.
void TestAlertCli::badReviewIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QVERIFY(!m_id.isEmpty());
    args.replaceInStrings(QStringLiteral("@id"), m_id);
    const Result r = alertSet(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QVERIFY2(!r.err.contains('\x1b') && !r.err.contains('\x07') && !r.err.contains('\r'), r.err.constData());
}

// The refused reviews changed nothing: the alert has the review the last accepted change gave it.
void TestAlertCli::refusedReviewsChangedNothing()
{
    const Result r = runCli(words(QStringLiteral("aml|report|--project|%1|--alert|%2|--out|%3")
                                      .arg(m_project, m_id, m_tmp.filePath(QStringLiteral("case.html")))));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile html(m_tmp.filePath(QStringLiteral("case.html")));
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QByteArray page = html.readAll();
    QVERIFY2(page.contains("still here after 1e400"), page.constData());
    // The case report's alert block (report_html.h: a key-value list).
    QVERIFY2(page.contains("<dt>Status</dt><dd>" + m_alert.value(QLatin1String("status")).toString().toUtf8() + "</dd>"),
             page.constData());
}

QTEST_GUILESS_MAIN(TestAlertCli)
#include "test_alert_cli.moc"
