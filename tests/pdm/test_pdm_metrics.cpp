// Alert scoring, RUL error, threshold tuning and the plant's threshold rule (issue 26), on
// hand-built windows whose every figure is worked out by hand in the comments.

#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/pdm/policy.h"
#include "seekbench/pdm/simulator.h"
#include "seekbench/pdm/threshold_rule.h"

#include <QtTest>

#include <cmath>
#include <tuple>

using namespace seekbench::pdm;

namespace {

using WindowSpec = std::tuple<int, double, Split>; // machine, time, split

// Windows by hand, in cycles: labels from `failures` (a failure of the mode within
// [t, t + horizon]), RUL to the next failure of any mode (observed when there is one).
Windows tinyWindows(int machines, int modes, double horizon, const std::vector<FailureEvent> &failures,
                    const std::vector<WindowSpec> &specs)
{
    Windows w;
    w.options.horizon = horizon;
    for (int k = 0; k < modes; ++k)
        w.failure_modes.push_back("mode" + std::to_string(k));
    for (int m = 0; m < machines; ++m) {
        w.machine_names.push_back("m" + std::to_string(m));
        w.machine_split.push_back(Split::Test);
    }
    for (const auto &[m, t, split] : specs) {
        w.machine.push_back(m);
        w.time.push_back(t);
        w.split.push_back(split);
        w.end_step.push_back(0);
        double rul = -1;
        for (int k = 0; k < modes; ++k) {
            bool fails = false;
            for (const FailureEvent &f : failures)
                fails = fails || (f.machine == m && f.mode == k && f.time >= t && f.time <= t + horizon);
            w.failure.push_back(fails ? 1 : 0);
        }
        for (const FailureEvent &f : failures)
            if (f.machine == m && f.time >= t && (rul < 0 || f.time - t < rul))
                rul = f.time - t;
        w.rul.push_back(float(rul < 0 ? 0 : rul));
        w.rul_observed.push_back(rul < 0 ? 0 : 1);
    }
    return w;
}

std::vector<WindowSpec> range(int machine, int from, int to, Split split = Split::Test)
{
    std::vector<WindowSpec> out;
    for (int t = from; t <= to; ++t)
        out.emplace_back(machine, double(t), split);
    return out;
}

void setScore(std::vector<float> &scores, const Windows &w, int machine, double t, int mode, float v)
{
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w.machine[i] == machine && w.time[i] == t) {
            scores[i * std::size_t(w.modes()) + std::size_t(mode)] = v;
            return;
        }
    QFAIL("no such window");
}

// The main hand case: 2 machines, 2 modes, horizon 10 cycles.
//   F0 m0 mode0 at 15; F1 m1 mode1 at 20; F2 m0 mode1 at 14.5; F3 m1 mode0 at 40 (m1's
//   windows end at 14, so no window lies in [30, 40]: not seeable).
//   m0 windows at 0..14 and 16..18; m1 windows at 0..14.
std::vector<FailureEvent> handFailures() { return {{0, 15, 0}, {1, 20, 1}, {0, 14.5, 1}, {1, 40, 0}}; }

Windows handWindows()
{
    std::vector<WindowSpec> specs = range(0, 0, 14);
    for (const WindowSpec &s : range(0, 16, 18))
        specs.push_back(s);
    for (const WindowSpec &s : range(1, 0, 14))
        specs.push_back(s);
    return tinyWindows(2, 2, 10, handFailures(), specs);
}

std::vector<float> handScores(const Windows &w)
{
    std::vector<float> s(w.size() * 2, 0.1f);
    // mode0, m0: 2 alone (A1); 8, 9, 10, 12, 14 (A2: gaps <= cooldown 3); 16 (A6: F0 at 15
    // lies between 14 and 16, so a new alert although the gap is 2).
    for (double t : {2., 8., 9., 10., 12., 14., 16.})
        setScore(s, w, 0, t, 0, 0.9f);
    setScore(s, w, 1, 5, 0, 0.7f);  // A3: m1 has no mode0 failure in [5, 15]: false
    setScore(s, w, 0, 13, 1, 0.6f); // A5: F2 at 14.5, lead 1.5 < L
    setScore(s, w, 1, 13, 1, 0.8f); // A4: F1 at 20, lead 7
    setScore(s, w, 1, 14, 1, 0.8f); //     joins A4
    return s;
}

AlertOptions handOptions()
{
    AlertOptions o;
    o.thresholds = {0.5, 0.5};
    o.min_lead = 5;
    o.cooldown = 3;
    o.time_unit = TimeUnit::Cycles;
    return o;
}

} // namespace

class TestPdmMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alertsAreDebounced()
    {
        const Windows w = handWindows();
        const std::vector<Alert> a = raiseAlerts(w, handScores(w), handFailures(), handOptions());
        // By machine, mode, time: m0 mode0 {2, 8, 16}, m0 mode1 {13}, m1 mode0 {5}, m1 mode1 {13}.
        QCOMPARE(a.size(), std::size_t(6));
        QCOMPARE(a[0].time, 2.0);
        QVERIFY(!a[0].isTrue()); // 15 - 2 = 13 > horizon 10
        QCOMPARE(a[1].time, 8.0);
        QCOMPARE(a[1].last_time, 14.0);
        QCOMPARE(a[1].failure, 0);
        QCOMPARE(a[1].lead, 7.0);
        QCOMPARE(a[2].time, 16.0);
        QVERIFY(!a[2].isTrue());
        QCOMPARE(a[3].failure, 2);
        QCOMPARE(a[3].lead, 1.5);
        QCOMPARE(a[4].machine, 1);
        QVERIFY(!a[4].isTrue());
        QCOMPARE(a[5].time, 13.0);
        QCOMPARE(a[5].last_time, 14.0);
        QCOMPARE(a[5].lead, 7.0);
        QCOMPARE(a[5].score, 0.8f);

        // With the default cooldown (the horizon, 10), 2 and 8 are one alert, opened at 2.
        AlertOptions o = handOptions();
        o.cooldown = std::numeric_limits<double>::quiet_NaN();
        const std::vector<Alert> b = raiseAlerts(w, handScores(w), handFailures(), o);
        QCOMPARE(b.size(), std::size_t(5));
        QCOMPARE(b[0].last_time, 14.0);
        QVERIFY(!b[0].isTrue());
    }

    void precisionRecallAndLeads()
    {
        const Windows w = handWindows();
        const AlertEvaluation e = evaluateAlerts(w, handScores(w), {}, handFailures(), handOptions());
        QCOMPARE(e.modes.size(), std::size_t(2));
        const AlertMetrics &m0 = e.modes[0];
        QCOMPARE(m0.alerts, 4); // A1, A2, A6, A3
        QCOMPARE(m0.true_alerts, 1);
        QCOMPARE(m0.precision, 0.25);
        QCOMPARE(m0.failures, 1); // F0; F3 not seeable
        QCOMPARE(m0.caught_failures, 1);
        QCOMPARE(m0.recall, 1.0);
        const AlertMetrics &m1 = e.modes[1];
        QCOMPARE(m1.alerts, 2);
        QCOMPARE(m1.true_alerts, 2);
        QCOMPARE(m1.timely_alerts, 1); // A5's lead 1.5 < L = 5 does not count
        QCOMPARE(m1.precision, 1.0);
        QCOMPARE(m1.failures, 2);
        QCOMPARE(m1.recall, 0.5);
        const AlertMetrics &all = e.overall;
        QCOMPARE(all.alerts, 6);
        QCOMPARE(all.precision, 0.5);
        QCOMPARE(all.recall, 2.0 / 3.0);
        // Leads {1.5, 7, 7}: p25 at rank 0.5 = 1.5 + 0.5 x 5.5 = 4.25; p75 at rank 1.5 = 7.
        QCOMPARE(all.lead.count, 3);
        QCOMPARE(all.lead.min, 1.5);
        QCOMPARE(all.lead.p25, 4.25);
        QCOMPARE(all.lead.median, 7.0);
        QCOMPARE(all.lead.p75, 7.0);
        QCOMPARE(all.lead.max, 7.0);
        // 8 bins of 1.25 over [0, 10]: 1.5 in bin 1, 7 in bin 5.
        QCOMPARE(all.lead.bin_edges.size(), std::size_t(9));
        QCOMPARE(all.lead.bin_counts, (std::vector<int>{0, 1, 0, 0, 0, 2, 0, 0}));
        QVERIFY(alertEvaluationJson(e).find("\"recall_at_lead\"") != std::string::npos);
    }

    void perfectScoresArePerfect()
    {
        const Windows w = handWindows();
        std::vector<float> s(w.failure.begin(), w.failure.end());
        const AlertEvaluation e = evaluateAlerts(w, s, {}, handFailures(), handOptions());
        QCOMPARE(e.overall.precision, 1.0);
        QCOMPARE(e.overall.recall, 1.0);
        QCOMPARE(e.overall.pr_auc, 1.0);
        for (const AlertMetrics &m : e.modes)
            QCOMPARE(m.pr_auc, 1.0);
    }

    void averagePrecisionByHand()
    {
        // Ranked 0.9 (+), 0.8 (-), 0.7 (+), 0.1 (-): AP = 0.5 x 1 + 0.5 x 2/3.
        QCOMPARE(averagePrecision({0.1f, 0.7f, 0.8f, 0.9f}, {0, 1, 0, 1}), 0.5 + 1.0 / 3.0);
        // A tie of one positive and one negative is one step at precision 1/2.
        QCOMPARE(averagePrecision({0.5f, 0.5f}, {1, 0}), 0.5);
        QVERIFY(std::isnan(averagePrecision({0.5f}, {0})));
    }

    void rulErrorAndCmapssScore()
    {
        QCOMPARE(cmapssScore(-13), std::exp(1.0) - 1);
        QCOMPARE(cmapssScore(10), std::exp(1.0) - 1);
        QCOMPARE(cmapssScore(0), 0.0);
        // m0 fails at 20: windows at 0 and 10 hold RUL 20 and 10; m1 never fails (censored).
        const Windows w = tinyWindows(2, 1, 30, {{0, 20, 0}},
                                      {{0, 0., Split::Test}, {0, 10., Split::Test}, {1, 0., Split::Test}});
        AlertOptions o;
        o.thresholds = {0.5};
        o.time_unit = TimeUnit::Cycles;
        // d = -13 and +10; the censored window's error is ignored.
        const AlertEvaluation e = evaluateAlerts(w, {0, 0, 0}, {7, 20, 1000}, {{0, 20, 0}}, o);
        QCOMPARE(e.rul.unit, std::string("cycles"));
        QCOMPARE(e.rul.windows, 2);
        QCOMPARE(e.rul.rmse, std::sqrt((169.0 + 100.0) / 2));
        QCOMPARE(e.rul.cmapss_score, 2 * (std::exp(1.0) - 1));
        // In seconds, d is taken in hours.
        const Windows ws = tinyWindows(1, 1, 30 * 3600, {{0, 20 * 3600, 0}}, {{0, 0., Split::Test}});
        o.time_unit = TimeUnit::Seconds;
        const AlertEvaluation es = evaluateAlerts(ws, {0}, {float(7 * 3600)}, {{0, 20 * 3600, 0}}, o);
        QCOMPARE(es.rul.unit, std::string("hours"));
        QCOMPARE(es.rul.cmapss_score, std::exp(1.0) - 1);
    }

    void thresholdTuningOnValidation()
    {
        // One validation machine, failure at 15, windows 0..19, cooldown 2, L 7.5.
        //  0.1: alerts at 0 (runs to 14) and 16: both false      p 0,   r 0
        //  0.6: 3 false; 7..14 opens at 7, lead 8 >= 7.5         p 1/2, r 1
        //  0.7: 3 false; 8..14 opens at 8, lead 7 < 7.5          p 1/2, r 0
        //  0.8: 3 false                                          p 0,   r 0
        //  above 0.8: no alerts
        const Windows w = tinyWindows(1, 1, 10, {{0, 15, 0}}, range(0, 0, 19, Split::Validation));
        std::vector<float> s(w.size(), 0.1f);
        setScore(s, w, 0, 3, 0, 0.8f);
        setScore(s, w, 0, 7, 0, 0.6f);
        for (double t = 8; t <= 14; ++t)
            setScore(s, w, 0, t, 0, 0.7f);
        AlertOptions o;
        o.split = Split::Validation;
        o.cooldown = 2;
        o.min_lead = 7.5;
        const ThresholdChoice reach = tuneThresholds(w, s, {{0, 15, 0}}, o, 0.5);
        QCOMPARE(reach.thresholds, std::vector<double>{double(0.6f)});
        QCOMPARE(reach.criterion, std::vector<std::string>{"recall_at_precision"});
        QCOMPARE(reach.recall, std::vector<double>{1.0});
        // Precision 0.9 is out of reach: the best F1 (2/3, at 0.6) is used instead.
        const ThresholdChoice f1 = tuneThresholds(w, s, {{0, 15, 0}}, o, 0.9);
        QCOMPARE(f1.thresholds, std::vector<double>{double(0.6f)});
        QCOMPARE(f1.criterion, std::vector<std::string>{"f1"});
        // Tuned on validation, the test split's windows are not looked at: none here.
        o.split = Split::Test;
        o.thresholds = f1.thresholds;
        QCOMPARE(evaluateAlerts(w, s, {}, {{0, 15, 0}}, o).overall.alerts, 0);
    }

    void badInputIsNamed_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("scores size") << 0 << QStringLiteral("scores hold");
        QTest::newRow("NaN score") << 1 << QStringLiteral("NaN at window 3");
        QTest::newRow("negative L") << 2 << QStringLiteral("min_lead");
        QTest::newRow("thresholds size") << 3 << QStringLiteral("thresholds hold");
        QTest::newRow("RUL size") << 4 << QStringLiteral("predicted RUL");
        QTest::newRow("unknown machine") << 5 << QStringLiteral("failure names machine");
        QTest::newRow("negative cooldown") << 6 << QStringLiteral("cooldown");
    }

    void badInputIsNamed()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const Windows w = handWindows();
        std::vector<float> s = handScores(w);
        std::vector<float> rul;
        std::vector<FailureEvent> f = handFailures();
        AlertOptions o = handOptions();
        switch (kind) {
        case 0: s.pop_back(); break;
        case 1: s[7] = std::numeric_limits<float>::quiet_NaN(); break;
        case 2: o.min_lead = -1; break;
        case 3: o.thresholds = {0.5}; break;
        case 4: rul = {1, 2}; break;
        case 5: f.push_back({9, 1, 0}); break;
        case 6: o.cooldown = -1; break;
        }
        try {
            evaluateAlerts(w, s, rul, f, o);
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(expected), e.what());
        }
    }

    void thresholdRuleFollowsTheSeparatingSensor()
    {
        // Two sensors ("a" rises before mode 0, "b" drops before mode 1), one step feature
        // each plus a ".missing" one: the rule picks a (+1) for mode 0 and b (-1) for mode 1.
        Windows w = tinyWindows(1, 2, 10, {}, range(0, 0, 3, Split::Train));
        w.features = 3;
        w.feature_names = {"a.mean", "b.mean", "a.missing"};
        w.failure = {0, 0, 1, 0, 0, 1, 1, 0};
        w.steps.resize(1);
        w.steps[0].values = {0.1f, 0.2f, 0, 2.0f, 0.1f, 0, 0.2f, -3.0f, 0, 1.5f, std::nanf(""), 0};
        w.end_step = {0, 1, 2, 3};
        const ThresholdRule r = fitThresholdRule(w);
        QCOMPARE(r.sensor, (std::vector<std::string>{"a.mean", "b.mean"}));
        QCOMPARE(r.direction, (std::vector<int>{1, -1}));
        QCOMPARE(r.train_auc[0], 1.0);
        const std::vector<float> s = thresholdRuleScores(w, r);
        QCOMPARE(s, (std::vector<float>{0.1f, -0.2f, 2.0f, -0.1f, 0.2f, 3.0f, 1.5f, 0.0f}));
    }

    void simulatedFleetEndToEnd()
    {
        // The real windowing's labels and the alert rules agree: scores equal to the labels
        // give precision 1 and recall 1 at L = 0 on every split. Then the plant's rule is
        // fitted on training, tuned on validation, scored on test and replayed as a policy.
        SimulatorOptions so;
        so.machines = 12;
        so.days = 60;
        so.resolution_s = 600;
        so.bearing_wear_onset_days = so.overheating_onset_days = so.pump_cavitation_onset_days = 20;
        const Fleet fleet = simulateFleetInMemory(so);
        QVERIFY(!fleet.failures.empty());
        WindowOptions wo = defaultWindowOptions(TimeUnit::Seconds);
        wo.history = 6;
        wo.validation_share = wo.test_share = 0.25;
        const Windows w = makeWindows(fleet, wo);
        const std::vector<float> perfect(w.failure.begin(), w.failure.end());
        for (Split split : {Split::Train, Split::Validation, Split::Test}) {
            AlertOptions o;
            o.thresholds.assign(std::size_t(w.modes()), 0.5);
            o.split = split;
            const AlertEvaluation e = evaluateAlerts(w, perfect, {}, fleet.failures, o);
            QVERIFY(e.overall.failures > 0); // not vacuous: every split sees failures
            if (e.overall.alerts > 0)
                QCOMPARE(e.overall.precision, 1.0);
            if (e.overall.failures > 0)
                QCOMPARE(e.overall.recall, 1.0);
        }
        const ThresholdRule rule = fitThresholdRule(w);
        const std::vector<float> rule_scores = thresholdRuleScores(w, rule);
        AlertOptions o;
        o.split = Split::Validation;
        o.min_lead = 6 * 3600;
        const ThresholdChoice tuned = tuneThresholds(w, rule_scores, fleet.failures, o, 0.5);
        QCOMPARE(tuned.thresholds.size(), std::size_t(w.modes()));
        o.split = Split::Test;
        o.thresholds = tuned.thresholds;
        const AlertEvaluation e = evaluateAlerts(w, rule_scores, {}, fleet.failures, o);
        QVERIFY(e.overall.alerts == 0 || (e.overall.precision >= 0 && e.overall.precision <= 1));
        QCOMPARE(int(e.modes.size()), w.modes());
        const PolicyComparison c = comparePolicies(w, fleet.failures, e.alerts, PolicySettings(), TimeUnit::Seconds);
        QCOMPARE(c.reactive.failures, c.predictive.failures + c.predictive.avoided_failures);
        QCOMPARE(c.reactive.failures, c.fixed_schedule.failures + c.fixed_schedule.avoided_failures);
        QVERIFY(c.predictive.total_cost >= 0);
    }
};

QTEST_APPLESS_MAIN(TestPdmMetrics)
#include "test_pdm_metrics.moc"
