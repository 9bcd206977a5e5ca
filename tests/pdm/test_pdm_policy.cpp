// Maintenance policy simulation (issue 26): every policy's costs hand-computed on a tiny
// fleet, crew capacity turning a delayed alert into a failure, a false alert's cost, the
// fixed schedule's tuning and the settings' validation.

#include "seekbench/pdm/policy.h"

#include <QtTest>

#include <functional>
#include <map>

using namespace seekbench::pdm;

namespace {

constexpr double kDay = 86400;

// Round numbers: a failure costs 10 h x 100 + 50 parts + 20 crew = 1070; a planned action
// 2 h x 10 + 50 + 20 = 90.
PolicySettings handSettings()
{
    PolicySettings s;
    s.unplanned_cost_per_hour = 100;
    s.planned_cost_per_hour = 10;
    s.parts_cost = 50;
    s.crew_cost = 20;
    s.corrective_downtime_hours = 10;
    s.planned_downtime_hours = 2;
    s.crew_per_day = 1;
    s.response_hours = 12;
    s.preventable_days = 5;
    s.schedule_days = {10, 15, 20, 40};
    return s;
}

// Two machines over days [0, 60]. F0 m0 day 18.5, F1 m0 day 45.5, F2 m1 day 30.5; F3 m1 day
// 70 lies outside the period and never counts.
std::vector<MachinePeriod> handPeriods() { return {{0, 0, 60 * kDay}, {1, 0, 60 * kDay}}; }
std::vector<FailureEvent> handFailures()
{
    return {{0, 18.5 * kDay, 0}, {0, 45.5 * kDay, 0}, {1, 30.5 * kDay, 1}, {1, 70 * kDay, 1}};
}

Alert alert(int machine, int mode, double day, float score, int failure)
{
    Alert a;
    a.machine = machine;
    a.mode = mode;
    a.time = a.last_time = day * kDay;
    a.score = score;
    a.failure = failure;
    return a;
}

// a1 true for F0, a2 false on m1, a3 true for F1 but late, a4 false on m1. Response 12 h:
// a1 ready 16.5 and a2 ready 16.7 (day 17); a3 ready 44.5 and a4 ready 44.6 (day 45).
std::vector<Alert> handAlerts()
{
    return {alert(0, 0, 16.0, 0.9f, 0), alert(1, 1, 16.2, 0.95f, -1), alert(0, 0, 44.0, 0.5f, 1),
            alert(1, 1, 44.1, 0.8f, -1)};
}

} // namespace

class TestPdmPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reactivePaysEveryFailure()
    {
        const PolicyResult r = simulateReactive(handPeriods(), handFailures(), handSettings());
        QCOMPARE(r.failures, 3); // F3 (day 70) is outside the period
        QCOMPARE(r.planned_actions, 0);
        QCOMPARE(r.unplanned_downtime_hours, 30.0); // 3 x 10 h
        QCOMPARE(r.downtime_cost, 3000.0);          // 30 h x 100
        QCOMPARE(r.parts_cost, 150.0);
        QCOMPARE(r.crew_cost, 60.0);
        QCOMPARE(r.total_cost, 3210.0); // 3 x 1070
    }

    void fixedScheduleAvoidsWhatFallsInThePreventableWindow_data()
    {
        QTest::addColumn<double>("days");
        QTest::addColumn<int>("actions");
        QTest::addColumn<int>("failures");
        QTest::addColumn<double>("cost");
        // Preventable windows [f - 5 d, f): F0 [13.5, 18.5), F1 [40.5, 45.5), F2 [25.5, 30.5).
        // T 10: 10..60 on each machine, 12 actions; only m1's day 30 hits (F2):
        //       2 x 1070 + 12 x 90 = 3220.
        QTest::newRow("10") << 10.0 << 12 << 2 << 3220.0;
        // T 15: 15, 30, 45, 60 each: 15 hits F0, 45 hits F1, 30 hits F2: 8 x 90 = 720.
        QTest::newRow("15") << 15.0 << 8 << 0 << 720.0;
        // T 20: 20, 40, 60 each: nothing hits: 3 x 1070 + 6 x 90 = 3750.
        QTest::newRow("20") << 20.0 << 6 << 3 << 3750.0;
        // T 40: day 40 each (40 < 40.5 misses F1): 3 x 1070 + 2 x 90 = 3390.
        QTest::newRow("40") << 40.0 << 2 << 3 << 3390.0;
    }

    void fixedScheduleAvoidsWhatFallsInThePreventableWindow()
    {
        QFETCH(double, days);
        QFETCH(int, actions);
        QFETCH(int, failures);
        QFETCH(double, cost);
        const PolicyResult r = simulateFixedSchedule(handPeriods(), handFailures(), handSettings(), TimeUnit::Seconds,
                                                     days);
        QCOMPARE(r.planned_actions, actions);
        QCOMPARE(r.failures, failures);
        QCOMPARE(r.avoided_failures, 3 - failures);
        QCOMPARE(r.planned_downtime_hours, 2.0 * actions);
        QCOMPARE(r.total_cost, cost);
    }

    void scheduleTuningPicksTheCheapestInterval()
    {
        const ScheduleTuning t = tuneFixedSchedule(handPeriods(), handFailures(), handSettings(), TimeUnit::Seconds);
        QCOMPARE(t.total_cost, (std::vector<double>{3220, 720, 3750, 3390}));
        QCOMPARE(t.chosen_days, 15.0);
    }

    void predictiveWithOneCrew()
    {
        // Day 17: a2 (0.95) beats a1 (0.9): a false action on m1 (90 for nothing).
        // Day 18: a1 acts before F0 (18.5): avoided (90).
        // Day 45: a4 (0.8) beats a3 (0.5): another false action on m1 (90).
        // Day 46: F1 came at 45.5, before a3's action: dropped, F1 happens (1070).
        // F2 had no alert (1070). Total 2 x 1070 + 3 x 90 = 2410; downtime 20 + 6 h.
        const PolicyResult r = simulatePredictive(handPeriods(), handFailures(), handAlerts(), handSettings(),
                                                  TimeUnit::Seconds);
        QCOMPARE(r.planned_actions, 3);
        QCOMPARE(r.wasted_actions, 2);
        QCOMPARE(r.avoided_failures, 1);
        QCOMPARE(r.failures, 2);
        QCOMPARE(r.downtime_hours, 26.0);
        QCOMPARE(r.total_cost, 2410.0);
    }

    void predictiveWithTwoCrews()
    {
        // Both alerts of day 17 and of day 45 are acted on: F0 and F1 avoided (45 < 45.5);
        // F2 still happens. 1070 + 4 x 90 = 1430.
        PolicySettings s = handSettings();
        s.crew_per_day = 2;
        const PolicyResult r = simulatePredictive(handPeriods(), handFailures(), handAlerts(), s, TimeUnit::Seconds);
        QCOMPARE(r.planned_actions, 4);
        QCOMPARE(r.avoided_failures, 2);
        QCOMPARE(r.failures, 1);
        QCOMPARE(r.total_cost, 1430.0);
    }

    void oneVisitServesTheMachinesQueuedAlerts()
    {
        // Day 17, one crew: the false alert on m0 (0.9) is acted on first, and the same visit
        // serves m0's true alert for F0 (0.5): F0 avoided with one action, which is not
        // wasted.
        const std::vector<Alert> two = {alert(0, 0, 16.0, 0.9f, -1), alert(0, 0, 16.1, 0.5f, 0)};
        const PolicyResult r = simulatePredictive(handPeriods(), handFailures(), two, handSettings(), TimeUnit::Seconds);
        QCOMPARE(r.planned_actions, 1);
        QCOMPARE(r.wasted_actions, 0);
        QCOMPARE(r.avoided_failures, 1);
        // The same in cycles (a cycle = 2 h, so a day = 12 cycles): times scaled by 12/86400.
        PolicySettings s = handSettings();
        s.cycle_hours = 2;
        std::vector<MachinePeriod> periods = handPeriods();
        for (MachinePeriod &p : periods)
            p.to = 60 * 12;
        std::vector<FailureEvent> f = handFailures();
        for (FailureEvent &e : f)
            e.time = e.time / kDay * 12;
        std::vector<Alert> cycles = two;
        for (Alert &a : cycles)
            a.time = a.last_time = a.time / kDay * 12;
        const PolicyResult c = simulatePredictive(periods, f, cycles, s, TimeUnit::Cycles);
        QCOMPARE(c.planned_actions, 1);
        QCOMPARE(c.avoided_failures, 1);
        QCOMPARE(c.total_cost, r.total_cost);
    }

    void anAlertTooLateToActOnIsAFailure()
    {
        // Lead 6 h < response 12 h: ready after the failure, which happens; no planned cost.
        const std::vector<Alert> late = {alert(1, 1, 30.25, 0.9f, 2)};
        const PolicyResult r = simulatePredictive(handPeriods(), handFailures(), late, handSettings(),
                                                  TimeUnit::Seconds);
        QCOMPARE(r.planned_actions, 0);
        QCOMPARE(r.failures, 3);
        QCOMPARE(r.total_cost, 3210.0);
    }

    void comparisonTunesOnValidationAndReplaysTest()
    {
        // m0 (validation) fails at days 18.5 and 45.5: T 15 is cheapest there (as above).
        // m1 (test) fails at 30.5 (failure 2); one alert at day 29, acted on day 30.
        Windows w;
        w.failure_modes = {"mode0", "mode1"};
        w.machine_names = {"m0", "m1"};
        w.machine_split = {Split::Validation, Split::Test};
        for (int m = 0; m < 2; ++m)
            for (int d = 0; d <= 60; ++d) {
                w.machine.push_back(m);
                w.time.push_back(d * kDay);
                w.split.push_back(w.machine_split[std::size_t(m)]);
            }
        w.options.horizon = 0;
        const std::vector<FailureEvent> f = {{0, 18.5 * kDay, 0}, {0, 45.5 * kDay, 0}, {1, 30.5 * kDay, 1}};
        const PolicyComparison c = comparePolicies(w, f, {alert(1, 1, 29, 0.9f, 2)}, handSettings(), TimeUnit::Seconds);
        QCOMPARE(c.schedule_tuning.chosen_days, 15.0);
        QCOMPARE(c.reactive.total_cost, 1070.0);      // downtime 10 h
        QCOMPARE(c.fixed_schedule.total_cost, 360.0); // 4 actions (30 in F2's window), 8 h
        QCOMPARE(c.predictive.total_cost, 90.0);      // 1 action, 2 h
        QCOMPARE(c.downtime_reduction_vs_reactive, 0.8);
        QCOMPARE(c.cost_reduction_vs_reactive, 980.0 / 1070.0);
        QCOMPARE(c.downtime_reduction_vs_fixed, 0.75);
        QCOMPARE(c.cost_reduction_vs_fixed, 0.75);
        QVERIFY(policyComparisonJson(c).find("\"cost_vs_fixed_schedule\"") != std::string::npos);
    }

    void settingsAreValidated_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("unplanned cost") << QStringLiteral("unplanned_cost_per_hour");
        QTest::newRow("planned cost") << QStringLiteral("planned_cost_per_hour");
        QTest::newRow("parts") << QStringLiteral("parts_cost");
        QTest::newRow("crew cost") << QStringLiteral("crew_cost");
        QTest::newRow("corrective hours") << QStringLiteral("corrective_downtime_hours");
        QTest::newRow("planned hours") << QStringLiteral("planned_downtime_hours");
        QTest::newRow("crew") << QStringLiteral("crew_per_day");
        QTest::newRow("response") << QStringLiteral("response_hours");
        QTest::newRow("preventable") << QStringLiteral("preventable_days");
        QTest::newRow("empty grid") << QStringLiteral("schedule_days");
        QTest::newRow("zero interval") << QStringLiteral("schedule_days=0");
        QTest::newRow("cycle hours") << QStringLiteral("cycle_hours");
    }

    void settingsAreValidated()
    {
        QFETCH(QString, field);
        PolicySettings s;
        validatePolicySettings(s); // the defaults are valid
        const std::map<QString, std::function<void()>> spoil = {
            {QStringLiteral("unplanned_cost_per_hour"), [&] { s.unplanned_cost_per_hour = -1; }},
            {QStringLiteral("planned_cost_per_hour"), [&] { s.planned_cost_per_hour = std::nan(""); }},
            {QStringLiteral("parts_cost"), [&] { s.parts_cost = -5; }},
            {QStringLiteral("crew_cost"), [&] { s.crew_cost = std::numeric_limits<double>::infinity(); }},
            {QStringLiteral("corrective_downtime_hours"), [&] { s.corrective_downtime_hours = -1; }},
            {QStringLiteral("planned_downtime_hours"), [&] { s.planned_downtime_hours = -1; }},
            {QStringLiteral("crew_per_day"), [&] { s.crew_per_day = 0; }},
            {QStringLiteral("response_hours"), [&] { s.response_hours = -2; }},
            {QStringLiteral("preventable_days"), [&] { s.preventable_days = 0; }},
            {QStringLiteral("schedule_days"), [&] { s.schedule_days.clear(); }},
            {QStringLiteral("schedule_days=0"),
             [&] {
                 s.schedule_days = {7, 0};
             }},
            {QStringLiteral("cycle_hours"), [&] { s.cycle_hours = 0; }},
        };
        spoil.at(field)();
        const QString name = field.section(QLatin1Char('='), 0, 0);
        try {
            validatePolicySettings(s);
            QFAIL("no exception");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("policy.") + name), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, simulateReactive(handPeriods(), handFailures(), s));
    }
};

QTEST_APPLESS_MAIN(TestPdmPolicy)
#include "test_pdm_policy.moc"
