// The evaluation of a model's scores and the alerts they raise (core/aml evaluation.h,
// run_evaluation.h): thresholds from the validation months, figures from the test months,
// on a hand-made set of seventeen transactions whose figures are worked out by hand below.

#include "seekbench/aml/evaluation.h"
#include "seekbench/aml/run_evaluation.h"

#include <QtTest>

#include <algorithm>

using namespace seekbench;
using namespace seekbench::aml;

namespace {

constexpr double kDay = 86400;
constexpr double kValidation = 6 * kDay; // the validation months start here ...
constexpr double kSplit = 10 * kDay;     // ... and the test months here

AmlPeriods periods()
{
    AmlPeriods p;
    p.validationStart = kValidation;
    p.testStart = kSplit;
    p.months = 3;
    p.trainMonths = p.validationMonths = p.testMonths = 1;
    return p;
}

// Rows in time order. Training: 0-3 (3 lies one second before the validation months).
// Validation: 4-9 (9 lies one second before the test months), scoring like the test rows:
// 0.9 (laundering), 0.8, 0.7 (laundering), 0.6, 0.5, 0.4, so the thresholds they choose
// are the ones the test rows would choose. Test: 10-16, of which 12 is unlabelled. The
// labelled test rows score 0.9 (laundering, fan-out), 0.8, 0.7 (laundering, cycle), 0.6,
// 0.5, 0.4: PR-AUC (1 + 2/3) / 2, ROC-AUC 7/8.
struct Example
{
    AmlData data;
    std::vector<float> scores;
    FeatureMatrix features;
};

Example example()
{
    Example e;
    for (const char *name : {"A", "B", "C", "D", "E", "F", "R9"})
        e.data.accounts.push(name, false, "US", 0, false);
    enum { A, B, C, D, E, F, R9 };
    struct Row
    {
        double time;
        int sender, receiver, label, typology;
        float score, amount, fanOut;
    };
    const Row rows[] = {
        {1 * kDay, A, B, 0, kNormal, 0.99f, 1.0f, 1.0f},
        {2 * kDay, B, C, 0, kNormal, 0.1f, 1.2f, 0.8f},
        {3 * kDay, C, A, 1, kFanOut, 0.3f, 5.0f, 5.0f},
        {kValidation - 1, D, E, 0, kNormal, 0.2f, 0.8f, 1.2f},
        {kValidation, B, C, 1, kFanOut, 0.9f, 1.0f, 1.0f},
        {kValidation + 0.5 * kDay, C, D, 0, kNormal, 0.8f, 1.0f, 1.0f},
        {kValidation + 1.5 * kDay, D, E, 1, kCycle, 0.7f, 1.0f, 1.0f},
        {kValidation + 2 * kDay, E, B, 0, kNormal, 0.6f, 1.0f, 1.0f},
        {kValidation + 3 * kDay, B, D, 0, kNormal, 0.5f, 1.0f, 1.0f},
        {kSplit - 1, C, E, 0, kNormal, 0.4f, 1.0f, 1.0f},
        {kSplit, A, R9, 1, kFanOut, 0.9f, 3.0f, 1.0f},
        {kSplit + 0.5 * kDay, B, C, 0, kNormal, 0.8f, 1.0f, 3.0f},
        {kSplit + 1 * kDay, E, F, -1, kNormal, 0.95f, 1.0f, 1.0f},
        {kSplit + 1.5 * kDay, C, D, 1, kCycle, 0.7f, 2.0f, 2.0f},
        {kSplit + 2 * kDay, D, E, 0, kNormal, 0.6f, 1.0f, 1.0f},
        {kSplit + 3 * kDay, E, A, 0, kNormal, 0.5f, 1.0f, 1.0f},
        {kSplit + 4 * kDay, F, B, 0, kNormal, 0.4f, 1.0f, 1.0f},
    };
    e.features.names = {"amount", "sender_fan_out_7d"};
    e.features.codes = {"AMOUNT", "FAN_OUT_7D"};
    for (const auto &r : rows) {
        e.data.tx.push(r.time, r.sender, r.receiver, 100, "USD", 0, r.label, r.typology, -1);
        e.scores.push_back(r.score);
        e.features.values.push_back(r.amount);
        e.features.values.push_back(r.fanOut);
    }
    e.features.rows = std::size(rows);
    return e;
}

// Capacity 0.5 a day over the 4 validation days: at most 2 alerts. Costs 10 (missed) and 1
// (false alert) with 2 laundering rows: 10 at 0.9, 11 at 0.8, 1 at 0.7 (3 alerts: over
// capacity), so 0.9 is chosen and the choice is capacity-bound. The test months (4 days
// too) get the same figures at it.
ThresholdPolicy policy()
{
    ThresholdPolicy p;
    p.capacity_per_day = 0.5;
    p.cost_missed = 10;
    p.cost_false_alert = 1;
    return p;
}

EvaluationOptions options(const std::string &model = "graph")
{
    EvaluationOptions o;
    o.model = model;
    o.periods = periods();
    o.policy = policy();
    return o;
}

} // namespace

class TestAmlEvaluation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void heldOutRowsStartAtTheSplitAndSkipUnlabelled()
    {
        const auto e = example();
        const HeldOut h = heldOut(e.data, kSplit);
        QCOMPARE(h.rows, (std::vector<std::size_t>{10, 11, 13, 14, 15, 16}));
        QCOMPARE(h.labels, (std::vector<std::int8_t>{1, 0, 1, 0, 0, 0}));
        QCOMPARE(h.positives, std::int64_t(2));
        QCOMPARE(h.scoresOf(e.scores), (std::vector<float>{0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f}));
        // One second earlier, row 9 joins.
        QCOMPARE(heldOut(e.data, kSplit - 1).rows.front(), std::size_t(9));
        QVERIFY(heldOut(e.data, 20 * kDay).rows.empty());
        QCOMPARE(heldOutDays(e.data, kSplit), 4.0);
        QCOMPARE(heldOutDays(e.data, kSplit + 3.5 * kDay), 1.0); // at least a day
        // The periods: [start, validation), [validation, test), [test, end).
        QCOMPARE(periodRows(e.data, periods(), AmlPeriod::Train).rows, (std::vector<std::size_t>{0, 1, 2, 3}));
        QCOMPARE(periodRows(e.data, periods(), AmlPeriod::Validation).rows,
                 (std::vector<std::size_t>{4, 5, 6, 7, 8, 9}));
        QCOMPARE(periodRows(e.data, periods(), AmlPeriod::Test).rows, h.rows);
        QCOMPARE(periodDays(e.data, periods(), AmlPeriod::Validation), 4.0); // the data goes on past it
        QCOMPARE(periodDays(e.data, periods(), AmlPeriod::Test), 4.0);
        QCOMPARE(periods().of(kValidation - 1), AmlPeriod::Train);
        QCOMPARE(periods().of(kValidation), AmlPeriod::Validation);
        QCOMPARE(periods().of(kSplit), AmlPeriod::Test);
    }

    void recallAtFprNames_data()
    {
        QTest::addColumn<double>("fpr");
        QTest::addColumn<QString>("name");
        QTest::newRow("the article's 2.1 %") << kDefaultFprTarget << "recall_at_fpr_2_1";
        QTest::newRow("5 %") << 0.05 << "recall_at_fpr_5";
        QTest::newRow("0.1 %") << 0.001 << "recall_at_fpr_0_1";
    }
    void recallAtFprNames()
    {
        QFETCH(double, fpr);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(recallAtFprName(fpr)), name);
    }

    void evaluatesOverallAndPerTypology()
    {
        const auto e = example();
        const ModelEvaluation m = evaluateModel(e.data, e.scores, options());
        QCOMPARE(m.model, std::string("graph"));
        // Only typologies with test laundering rows: fan_out (row 10) and cycle (row 13).
        QCOMPARE(m.slices.size(), std::size_t(3));
        QCOMPARE(m.slices[0].typology, std::string("all"));
        QCOMPARE(m.slices[1].typology, std::string("fan_out"));
        QCOMPARE(m.slices[2].typology, std::string("cycle"));
        const auto &all = m.overall();
        QCOMPARE(all.rows, std::int64_t(6));
        QCOMPARE(all.positives, std::int64_t(2));
        QCOMPARE(all.prAuc, (1.0 + 2.0 / 3.0) / 2);
        QCOMPARE(all.rocAuc, 7.0 / 8.0);
        // At FPR <= 2.1 % no false positive is allowed: the validation months choose 0.9,
        // where the test months have recall 1/2 and no false positive.
        QCOMPARE(m.fprThreshold, double(0.9f));
        QCOMPARE(all.atFpr.recall, 0.5);
        QCOMPARE(all.atFpr.fpr, 0.0);
        QCOMPARE(all.atFpr.threshold, double(0.9f));
        // fan_out: its one laundering row (0.9) above the four normal ones.
        QCOMPARE(m.slices[1].figures.rows, std::int64_t(5));
        QCOMPARE(m.slices[1].figures.prAuc, 1.0);
        // cycle: its laundering row (0.7) below one normal row (0.8) of four.
        QCOMPARE(m.slices[2].figures.prAuc, 0.5);
        QCOMPARE(m.slices[2].figures.rocAuc, 0.75);

        QCOMPARE(m.curve.size(), std::size_t(6));
        QCOMPARE(m.thinCurve.size(), m.curve.size());
        QCOMPARE(m.policy.days, 4.0);
        QCOMPARE(m.choice.point.threshold, double(0.9f));
        QVERIFY(m.choice.capacityBound);
        QCOMPARE(m.choice.expectedCost, 10.0);
        QCOMPARE(m.choice.alertsPerDay, 0.25);
        QCOMPARE(m.choice.precisionAtCapacity, 0.5); // the top 2 rows: 0.9 (laundering) and 0.8
        QCOMPARE(m.validationChoice.point.threshold, double(0.9f));
        QCOMPARE(m.validationPolicy.days, 4.0);
        QCOMPARE(m.validation.rows, std::int64_t(6));

        const std::map<std::string, double> expected{{"aml/pr_auc", (1.0 + 2.0 / 3.0) / 2},
                                                     {"aml/roc_auc", 7.0 / 8.0},
                                                     {"aml/recall_at_fpr_2_1", 0.5},
                                                     {"aml/fpr_at_fpr_threshold", 0.0},
                                                     {"aml/precision_at_capacity", 0.5},
                                                     {"aml/alerts_per_day", 0.25},
                                                     {"aml/threshold", double(0.9f)},
                                                     {"aml/validation_pr_auc", (1.0 + 2.0 / 3.0) / 2},
                                                     {"aml/validation_recall_at_fpr_2_1", 0.5},
                                                     {"aml/validation_precision_at_capacity", 0.5}};
        QCOMPARE(m.metrics, expected);
    }

    // The thresholds come from the validation months, whatever the test months would prefer.
    void thresholdsComeFromTheValidationMonths()
    {
        auto e = example();
        // The validation months now rank a normal row first (0.95 normal, 0.8 laundering):
        // no threshold keeps their FPR within 2.1 %, so the strictest, 0.95, is taken; it
        // is above every labelled test score, so the test recall there is 0.
        e.data.tx.label[4] = 0;
        e.scores[4] = 0.95f;
        e.data.tx.label[5] = 1;
        const ModelEvaluation m = evaluateModel(e.data, e.scores, options());
        QCOMPARE(m.fprThreshold, double(0.95f));
        QCOMPARE(m.overall().atFpr.recall, 0.0);
        QCOMPARE(m.metrics.at("aml/recall_at_fpr_2_1"), 0.0);
        // The test months alone would have chosen 0.9 (recall 1/2): the figure is not theirs.
        QCOMPARE(recallAtFpr(m.curve, 0.021).recall, 0.5);
        QCOMPARE(m.overall().prAuc, (1.0 + 2.0 / 3.0) / 2); // threshold-free: unchanged
    }

    void emptyPeriodsAreRefused_data()
    {
        QTest::addColumn<double>("validationStart");
        QTest::addColumn<double>("testStart");
        QTest::addColumn<QString>("error");
        QTest::newRow("no validation rows") << kSplit << kSplit << "the validation months have no labelled";
        QTest::newRow("no test rows") << kValidation << 30 * kDay << "the test months have no labelled";
    }
    void emptyPeriodsAreRefused()
    {
        QFETCH(double, validationStart);
        QFETCH(double, testStart);
        QFETCH(QString, error);
        const auto e = example();
        EvaluationOptions o = options();
        o.periods.validationStart = validationStart;
        o.periods.testStart = testStart;
        try {
            evaluateModel(e.data, e.scores, o);
            QFAIL("an empty period was evaluated");
        } catch (const std::invalid_argument &x) {
            QVERIFY2(QString::fromUtf8(x.what()).startsWith(error), x.what());
            QVERIFY2(QString::fromUtf8(x.what()).contains(QLatin1String("aml.validation_months")), x.what());
        }
    }

    // The months of data a config's periods need: training must keep at least one.
    void periodsFromMonths_data()
    {
        QTest::addColumn<double>("spanDays");
        QTest::addColumn<int>("validation");
        QTest::addColumn<int>("test");
        QTest::addColumn<int>("months");
        QTest::addColumn<int>("trainMonths");
        QTest::newRow("six months, 1 + 1") << 179.0 << 1 << 1 << 6 << 4;
        QTest::newRow("six months, 2 + 1") << 179.0 << 2 << 1 << 6 << 3;
        QTest::newRow("three months, 1 + 1") << 61.0 << 1 << 1 << 3 << 1;
        QTest::newRow("two months, 1 + 1: no training") << 45.0 << 1 << 1 << 2 << -1;
        QTest::newRow("six months, 3 + 3: no training") << 179.0 << 3 << 3 << 6 << -1;
        QTest::newRow("no validation month") << 179.0 << 0 << 1 << 6 << -1;
        QTest::newRow("no test month") << 179.0 << 1 << 0 << 6 << -1;
    }
    void periodsFromMonths()
    {
        QFETCH(double, spanDays);
        QFETCH(int, validation);
        QFETCH(int, test);
        QFETCH(int, months);
        QFETCH(int, trainMonths);
        AmlData data;
        data.accounts.push("A", false, "US", 0, false);
        for (double d = 0; d <= spanDays; d += 1)
            data.tx.push(d * kDay, 0, 0, 1, "USD", 0, 0, kNormal, -1);
        if (trainMonths < 0) {
            try {
                amlPeriods(data, validation, test);
                QFAIL("periods without training months were accepted");
            } catch (const std::invalid_argument &e) {
                const QString what = QString::fromUtf8(e.what());
                QVERIFY2(what.contains(QStringLiteral("has %1 months").arg(months)), e.what());
                QVERIFY2(what.contains(QLatin1String("aml.validation_months"))
                             && what.contains(QLatin1String("aml.test_months")),
                         e.what());
            }
            return;
        }
        const AmlPeriods p = amlPeriods(data, validation, test);
        QCOMPARE(p.months, months);
        QCOMPARE(p.trainMonths, trainMonths);
        QCOMPARE(p.testStart, double(months - test) * 30 * kDay);
        QCOMPARE(p.validationStart, p.testStart - double(validation) * 30 * kDay);
        RunConfig cfg;
        cfg.aml.validation_months = validation;
        cfg.aml.test_months = test;
        QCOMPARE(amlPeriods(data, cfg.aml).testStart, p.testStart);
        QCOMPARE(evaluationOptions(cfg, data, "graph").periods.validationStart, p.validationStart);
    }

    void metricNamesFollowTheModelAndTarget()
    {
        const auto e = example();
        EvaluationOptions o = options("xgboost");
        o.fprTarget = 0.25; // one false positive of four: the validation threshold 0.7 reaches recall 1
        o.curvePoints = 2;
        const ModelEvaluation m = evaluateModel(e.data, e.scores, o);
        QCOMPARE(m.fprTarget, 0.25);
        QCOMPARE(m.metrics.count("aml/xgboost_pr_auc"), std::size_t(1));
        QCOMPARE(m.metrics.count("aml/pr_auc"), std::size_t(0));
        QCOMPARE(m.metrics.at("aml/xgboost_recall_at_fpr_25"), 1.0);
        QCOMPARE(m.overall().atFpr.recall, 1.0);
        // Thinned to its ends.
        QCOMPARE(m.thinCurve.size(), std::size_t(2));
        QCOMPARE(m.thinCurve.front().threshold, m.curve.front().threshold);
        QCOMPARE(m.thinCurve.back().threshold, m.curve.back().threshold);
    }

    void severityFromCuts_data()
    {
        QTest::addColumn<double>("precision");
        QTest::addColumn<double>("high");
        QTest::addColumn<double>("medium");
        QTest::addColumn<QString>("severity");
        QTest::newRow("0.85 high") << 0.85 << 0.8 << 0.5 << "high";
        QTest::newRow("0.8 is high") << 0.8 << 0.8 << 0.5 << "high";
        QTest::newRow("0.6 medium") << 0.6 << 0.8 << 0.5 << "medium";
        QTest::newRow("0.5 is medium") << 0.5 << 0.8 << 0.5 << "medium";
        QTest::newRow("0.2 low") << 0.2 << 0.8 << 0.5 << "low";
        QTest::newRow("0.85 medium under 0.9/0.7") << 0.85 << 0.9 << 0.7 << "medium";
        QTest::newRow("0.6 low under 0.9/0.7") << 0.6 << 0.9 << 0.7 << "low";
        QTest::newRow("0.2 high under 0.1/0") << 0.2 << 0.1 << 0.0 << "high";
        QTest::newRow("0 medium under 0.1/0") << 0.0 << 0.1 << 0.0 << "medium";
    }
    void severityFromCuts()
    {
        QFETCH(double, precision);
        QFETCH(double, high);
        QFETCH(double, medium);
        QFETCH(QString, severity);
        QCOMPARE(QString::fromLatin1(aml::severity(precision, {high, medium})), severity);
    }

    void operatingPointTunedOrManual()
    {
        const auto e = example();
        const HeldOut h = heldOut(e.data, kSplit);
        const auto curve = operatingCurve(h.scoresOf(e.scores), h.labels);
        ThresholdPolicy p = policy();
        p.days = 4;
        const ThresholdChoice tuned = chooseOperatingPoint(curve, h.positives, p);
        QCOMPARE(tuned.point.threshold, double(0.9f));
        QCOMPARE(tuned.alertsPerDay, 0.25);
        QCOMPARE(tuned.expectedCost, 10.0);

        // 0.65 alerts on the rows of threshold 0.7: 3 alerts, both laundering rows, one false.
        const ThresholdChoice manual = chooseOperatingPoint(curve, h.positives, p, 0.65);
        QCOMPARE(manual.point.threshold, 0.65);
        QCOMPARE(manual.point.alerts, std::int64_t(3));
        QCOMPARE(manual.point.recall, 1.0);
        QCOMPARE(manual.point.precision, 2.0 / 3.0);
        QCOMPARE(manual.alertsPerDay, 0.75);
        QCOMPARE(manual.expectedCost, 1.0);
        QVERIFY(manual.capacityBound); // what the tuning found stays
        QCOMPARE(manual.precisionAtCapacity, 0.5);

        // Above every score: nothing alerted, both laundering rows missed.
        const ThresholdChoice none = chooseOperatingPoint(curve, h.positives, p, 0.99);
        QCOMPARE(none.point.alerts, std::int64_t(0));
        QCOMPARE(none.alertsPerDay, 0.0);
        QCOMPARE(none.expectedCost, 20.0);
    }

    void accountRiskIsTheRiskiestTransaction()
    {
        const auto e = example();
        const auto acc = accountScores(e.data, e.scores);
        QCOMPARE(acc.size(), std::size_t(7));
        QCOMPARE(acc[0], 0.99f); // A sent row 0
        QCOMPARE(acc[5], 0.95f); // F received row 6
        QCOMPARE(acc[6], 0.9f);  // R9 only received row 4
    }

    void alertsAreTestRowsAtTheThresholdByScore()
    {
        const auto e = example();
        const HeldOut h = periodRows(e.data, periods(), AmlPeriod::Validation);
        const auto curve = operatingCurve(h.scoresOf(e.scores), h.labels); // severities from validation
        const double threshold = 0.7f;                                     // a curve threshold: a score as a double
        const auto alerts = buildAlerts(e.data, e.features, periods(), e.scores, threshold, curve);
        // Row 0 (0.99) is in the training months, rows 4-6 (0.9-0.7) in the validation
        // months; row 12 (0.95) is unlabelled but in the test months.
        std::vector<std::size_t> rows;
        for (const auto &a : alerts)
            rows.push_back(a.row);
        QCOMPARE(rows, (std::vector<std::size_t>{12, 10, 11, 13}));
        QVERIFY(std::is_sorted(alerts.begin(), alerts.end(),
                               [](const Alert &x, const Alert &y) { return x.score > y.score; }));
        // Precision at the score: none above 0.95, 1 at 0.9, 1/2 at 0.8, 2/3 at 0.7.
        QCOMPARE(alerts[0].severity, std::string("low"));
        QCOMPARE(alerts[1].severity, std::string("high"));
        QCOMPARE(alerts[2].severity, std::string("medium"));
        QCOMPARE(alerts[3].severity, std::string("medium"));
        const Alert &a = alerts[1];
        QCOMPARE(a.txId, std::int64_t(11));
        QCOMPARE(a.accountId, std::int64_t(1)); // A
        QCOMPARE(a.score, double(0.9f));
        QCOMPARE(a.threshold, threshold);
        // Against the normal training rows (amount 1, 1.2, 0.8: mean 1, sd 0.163) the
        // amount 3 stands out; the receiver R9 carries this row's risk.
        QCOMPARE(a.reasons, (std::vector<std::string>{"AMOUNT: amount=3 (z=12.2)",
                                                      "NEIGHBOUR: receiver R9 has account risk 0.900"}));
        for (const auto &x : alerts)
            QVERIFY(!x.reasons.empty() && x.reasons.back().rfind("NEIGHBOUR: receiver ", 0) == 0);

        // Other cuts move the severities.
        const auto strict = buildAlerts(e.data, e.features, periods(), e.scores, threshold, curve, {0.6, 0.4});
        QCOMPARE(strict[3].severity, std::string("high"));   // 2/3
        QCOMPARE(strict[2].severity, std::string("medium")); // 1/2
        QVERIFY(buildAlerts(e.data, e.features, periods(), e.scores, 0.991, curve).empty());
    }

    void tiedAlertsKeepDataOrder()
    {
        // 40 test rows scoring 0.6 and 0.5 in turn: the 0.6 rows first, each score's rows in
        // data order (the alert list's order among equal scores).
        AmlData data;
        data.accounts.push("A", false, "US", 0, false);
        data.accounts.push("B", false, "US", 0, false);
        FeatureMatrix features;
        features.names = {"amount"};
        features.codes = {"AMOUNT"};
        std::vector<float> scores;
        for (int i = 0; i < 40; ++i) {
            data.tx.push(kSplit + i, 0, 1, 100, "USD", 0, i % 3 == 0 ? 1 : 0, kNormal, -1);
            scores.push_back(i % 2 ? 0.5f : 0.6f);
            features.values.push_back(1.0f);
        }
        features.rows = 40;
        const auto alerts = buildAlerts(data, features, periods(), scores, 0.5, {});
        QCOMPARE(alerts.size(), std::size_t(40));
        for (std::size_t k = 0; k < 40; ++k)
            QCOMPARE(alerts[k].row, k < 20 ? 2 * k : 2 * (k - 20) + 1);
    }

    void reviewFollowsTheRunConfig()
    {
        const auto e = example();
        RunConfig cfg;
        cfg.aml.fpr_target = 0.25;
        cfg.aml.severity_high = 0.6;
        cfg.aml.severity_medium = 0.4;
        cfg.aml.capacity_per_day = 0.5;
        cfg.aml.cost_missed = 10;
        // The example spans 14 days: one month, no room for three periods.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alertOptions(cfg, e.data));
        AmlData longer = e.data;
        longer.tx.push(100 * kDay, 0, 1, 100, "USD", 0, 0, kNormal, -1); // four months
        const AlertOptions o = alertOptions(cfg, longer);
        QCOMPARE(o.periods.testStart, amlPeriods(longer, 1, 1).testStart);
        QCOMPARE(o.fprTarget, 0.25);
        QCOMPARE(o.cuts.high, 0.6);
        QCOMPARE(o.cuts.medium, 0.4);
        QCOMPARE(o.policy.capacity_per_day, 0.5);
        QVERIFY(!o.threshold);

        AlertOptions mine = o;
        mine.periods = periods();
        AlertReview r = reviewAlerts(e.data, e.features, e.scores, mine);
        QCOMPARE(r.positives, std::int64_t(2));
        QCOMPARE(r.policy.days, 4.0);
        QCOMPARE(r.validationPolicy.days, 4.0);
        QCOMPARE(r.atFpr.recall, 1.0); // at the validation months' threshold for FPR 25 %: 0.7
        QCOMPARE(r.atFpr.threshold, double(0.7f));
        QCOMPARE(r.choice.point.threshold, double(0.9f));
        QVERIFY(!r.manualThreshold);
        QCOMPARE(r.alerts.size(), std::size_t(2)); // 0.95 and 0.9
        mine.threshold = 0.65;
        r = reviewAlerts(e.data, e.features, e.scores, mine);
        QVERIFY(r.manualThreshold);
        QCOMPARE(r.choice.point.threshold, 0.65);
        QCOMPARE(r.alerts.size(), std::size_t(4));
        QCOMPARE(r.alerts[3].severity, std::string("high")); // 2/3 against the config's cut of 0.6
    }

    void alertsReplyCarriesTheReview()
    {
        const auto e = example();
        AlertOptions o;
        o.periods = periods();
        o.policy.capacity_per_day = 0.5;
        const AlertReview r = reviewAlerts(e.data, e.features, e.scores, o);
        seekbench::replies::AmlAlertItem top{7, 3, 2, 0.95, "high", {"CODE: x=1"}};
        const auto reply = alertsReply("run-1", "graph", r, {top}, 2);
        QCOMPARE(reply.run, std::string("run-1"));
        QCOMPARE(reply.model, std::string("graph"));
        QCOMPARE(reply.figuresPeriod, std::string("test"));
        QCOMPARE(reply.thresholdPeriod, std::string("validation"));
        QCOMPARE(reply.days, r.policy.days);
        QCOMPARE(reply.positives, r.positives);
        QCOMPARE(reply.operatingPoint.threshold, r.choice.point.threshold);
        QCOMPARE(reply.operatingPoint.alertsPerDay, r.choice.alertsPerDay);
        QCOMPARE(reply.operatingPoint.capacityBound, r.choice.capacityBound);
        QCOMPARE(reply.recallAtFpr.recall, r.atFpr.recall);
        QCOMPARE(reply.recallAtFpr.target, r.fprTarget);
        QCOMPARE(reply.curve.size(), std::size_t(2)); // thinned to 2: the first and the last point
        QCOMPARE(reply.curve.front().threshold, r.curve.front().threshold);
        QCOMPARE(reply.curve.back().alerts, r.curve.back().alerts);
        QCOMPARE(reply.alertsTotal, std::int64_t(r.alerts.size()));
        QCOMPARE(reply.alerts.size(), std::size_t(1));
        // The reply reads back as the GUI reads it.
        const auto back = seekbench::replies::AmlAlertsReply::fromJson(reply.toJson());
        QCOMPARE(back.alerts.front().reasons.front(), std::string("CODE: x=1"));
        QCOMPARE(back.operatingPoint.precision, reply.operatingPoint.precision);
        QCOMPARE(back.thresholdPeriod, std::string("validation"));
        QCOMPARE(back.figuresPeriod, std::string("test"));
        // The table names the point, the recall at the FPR target and the top alert's first reason.
        const std::string table = alertsTable(reply, 0.5, 0.021);
        QVERIFY(table.find("run run-1, model graph") == 0);
        QVERIFY(table.find("<- operating point") != std::string::npos);
        QVERIFY(table.find("recall at FPR 2.1%") != std::string::npos);
        QVERIFY(table.find("operating point (threshold from validation, figures from test)") != std::string::npos);
        QVERIFY(table.find("#7 tx 3 account 2 score 0.950 high: CODE: x=1") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAmlEvaluation)
#include "test_aml_evaluation.moc"
