// Point-in-time windows (issue 26): labels and RUL hand-checked, nothing after the
// prediction time reaching the features, the split by machine and time, the per-machine
// baseline, missing readings, and bad options and fleets refused by name.

#include "seekbench/pdm/windows.h"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace seekbench::pdm;

namespace {

constexpr double kHour = 3600, kDay = 86400, kStart = 1767225600; // 2026-01-01Z

// `machines` machines, one sensor read every 10 minutes for `days` days; value(m, t).
Fleet fleetOf(int machines, double days, const std::function<float(int, double)> &value)
{
    Fleet f;
    f.sensors = {"vibration_rms"};
    f.failure_modes = {"bearing_wear", "overheating"};
    for (int m = 0; m < machines; ++m) {
        MachineSeries s;
        s.name = "m" + std::to_string(m);
        s.values.resize(1);
        for (double t = kStart; t < kStart + days * kDay; t += 600) {
            s.time.push_back(t);
            s.values[0].push_back(value(m, t));
        }
        f.machines.push_back(std::move(s));
    }
    return f;
}

WindowOptions plainOptions()
{
    WindowOptions o;
    o.step = kHour;
    o.history = 3;
    o.horizon = 24 * kHour;
    o.rul_cap = 5 * kDay;
    o.baseline = 0;
    o.validation_share = 0;
    o.test_share = 0;
    o.test_from = std::numeric_limits<double>::infinity();
    return o;
}

long windowAt(const Windows &w, int machine, double t)
{
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w.machine[i] == machine && w.time[i] == t)
            return long(i);
    return -1;
}

} // namespace

using OptionChange = std::function<void(WindowOptions &)>;
Q_DECLARE_METATYPE(OptionChange)

class TestPdmWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelsAndRulHandChecked()
    {
        Fleet f = fleetOf(1, 10, [](int, double t) { return float(t - kStart) / 1000.0f; });
        const double fail = kStart + 6 * kDay + 12 * kHour;
        f.failures.push_back({0, fail, 1});
        f.maintenance.push_back({0, fail + 6 * kHour, MaintenanceKind::Corrective, 1, 2});
        const Windows w = makeWindows(f, plainOptions());

        long i = windowAt(w, 0, fail - 10 * kHour);
        QVERIFY(i >= 0);
        QCOMPARE(int(w.failure[std::size_t(i) * 2 + 0]), 0); // not bearing wear
        QCOMPARE(int(w.failure[std::size_t(i) * 2 + 1]), 1); // overheating within 24 h
        QCOMPARE(double(w.rul[std::size_t(i)]), 10 * kHour);
        QCOMPARE(int(w.rul_observed[std::size_t(i)]), 1);

        i = windowAt(w, 0, fail - 30 * kHour);
        QVERIFY(i >= 0);
        QCOMPARE(int(w.failure[std::size_t(i) * 2 + 1]), 0);
        QCOMPARE(double(w.rul[std::size_t(i)]), 30 * kHour);

        i = windowAt(w, 0, fail);
        QVERIFY(i >= 0);
        QCOMPARE(double(w.rul[std::size_t(i)]), 0.0);
        // Down from the failure to the end of the repair (6 h later, 2 h long): no window.
        for (double t = fail + kHour; t <= fail + 8 * kHour; t += kHour)
            QCOMPARE(windowAt(w, 0, t), -1L);
        QVERIFY(windowAt(w, 0, fail + 9 * kHour) >= 0);

        // After the repair no failure is known: the RUL is censored at the end of the data,
        // and the last day's labels cannot be decided, so those windows are not made.
        const double last = f.machines[0].time.back();
        i = windowAt(w, 0, fail + 24 * kHour);
        QVERIFY(i >= 0);
        QCOMPARE(int(w.rul_observed[std::size_t(i)]), 0);
        QCOMPARE(double(w.rul[std::size_t(i)]), last - (fail + 24 * kHour));
        for (std::size_t k = 0; k < w.size(); ++k)
            QVERIFY(w.time[k] + 24 * kHour <= last || w.time[k] <= fail);
        // A RUL longer than the cap is known to be the cap.
        i = windowAt(w, 0, kStart + 12 * kHour);
        QVERIFY(i >= 0);
        QCOMPARE(double(w.rul[std::size_t(i)]), 5 * kDay);
        QCOMPARE(int(w.rul_observed[std::size_t(i)]), 1);
    }

    void stepsAggregateOnlyThePast()
    {
        const Fleet f = fleetOf(1, 1, [](int, double t) { return float((t - kStart) / 600); });
        const Windows w = makeWindows(f, plainOptions());
        // The step ending at kStart + 2 h holds the readings at 1:10 ... 2:00 (numbers 7 .. 12).
        const MachineSteps &s = w.steps[0];
        std::size_t j = 0;
        while (s.end_time[j] != kStart + 2 * kHour)
            ++j;
        QCOMPARE(w.feature_names.at(0), std::string("vibration_rms.mean"));
        QCOMPARE(double(s.values[j * 4 + 0]), 9.5);
        QCOMPARE(double(s.values[j * 4 + 2]), 12.0);                                    // max
        QVERIFY(std::abs(double(s.values[j * 4 + 1]) - std::sqrt(35.0 / 12.0)) < 1e-5); // std
        QCOMPARE(double(s.values[j * 4 + 3]), 0.0);                                     // missing share
    }

    // No window sees the future: readings after a moment T, rewritten at random, leave every
    // step that ended by T and every window predicted by T exactly as they were.
    void futureDataLeavesThePastUnchanged()
    {
        auto signal = [](int m, double t) { return float(std::sin((t - kStart) / 5000.0 + m) * 3 + m); };
        Fleet f = fleetOf(6, 12, signal);
        f.failures = {{1, kStart + 9 * kDay, 0}, {4, kStart + 10.5 * kDay, 1}};
        WindowOptions o = plainOptions();
        o.baseline = kDay;
        o.validation_share = 0.2;
        o.test_share = 0.2;
        o.test_from = kStart + 8 * kDay;
        const Windows before = makeWindows(f, o);

        const double cut = kStart + 8 * kDay;
        Fleet g = f;
        std::uint64_t x = 12345;
        for (MachineSeries &m : g.machines)
            for (std::size_t r = 0; r < m.rows(); ++r)
                if (m.time[r] > cut) {
                    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                    m.values[0][r] = float(x >> 40) / 1000.0f;
                }
        const Windows after = makeWindows(g, o);
        QCOMPARE(after.feature_mean, before.feature_mean);
        QCOMPARE(after.feature_scale, before.feature_scale);
        for (std::size_t m = 0; m < f.machines.size(); ++m)
            for (std::size_t j = 0; j < before.steps[m].end_time.size() && before.steps[m].end_time[j] <= cut; ++j)
                for (int k = 0; k < before.features; ++k) {
                    const float a = before.steps[m].values[j * 4 + std::size_t(k)];
                    const float b = after.steps[m].values[j * 4 + std::size_t(k)];
                    QVERIFY((std::isnan(a) && std::isnan(b)) || a == b);
                }
        std::vector<float> wa(std::size_t(o.history * before.features)), wb(wa.size());
        int compared = 0;
        for (std::size_t i = 0; i < before.size(); ++i) {
            if (before.time[i] > cut)
                continue;
            const long k = windowAt(after, before.machine[i], before.time[i]);
            QVERIFY(k >= 0);
            before.copyWindow(i, wa.data());
            after.copyWindow(std::size_t(k), wb.data());
            QCOMPARE(wb, wa);
            ++compared;
        }
        QVERIFY(compared > 100);
    }

    void splitByMachineAndTime()
    {
        Fleet f = fleetOf(20, 20, [](int m, double t) { return float(m) + float(std::cos(t / 7000.0)); });
        for (int m = 0; m < 20; m += 2)
            f.failures.push_back({m, kStart + (5 + m / 2) * kDay, 0});
        WindowOptions o = plainOptions();
        o.validation_share = 0.2;
        o.test_share = 0.2;
        o.test_from = std::numeric_limits<double>::quiet_NaN(); // the last quarter
        const Windows w = makeWindows(f, o);
        QCOMPARE(w.options.test_from, kStart + 0.75 * (f.machines[0].time.back() - kStart));
        int per[3] = {0, 0, 0}, failing[3] = {0, 0, 0};
        for (int m = 0; m < 20; ++m) {
            ++per[int(w.machine_split[std::size_t(m)])];
            if (m % 2 == 0)
                ++failing[int(w.machine_split[std::size_t(m)])];
        }
        QCOMPARE(per[0], 12);
        QCOMPARE(per[1], 4);
        QCOMPARE(per[2], 4);
        QCOMPARE(failing[1], 2); // the machines that failed are spread over the splits
        QCOMPARE(failing[2], 2);
        for (std::size_t i = 0; i < w.size(); ++i) {
            QCOMPARE(w.split[i], w.machine_split[std::size_t(w.machine[i])]);
            if (w.split[i] == Split::Test)
                QVERIFY(w.time[i] >= w.options.test_from);
            else
                QVERIFY(w.time[i] + o.horizon <= w.options.test_from);
        }
        QVERIFY(w.count(Split::Train) > 0 && w.count(Split::Validation) > 0 && w.count(Split::Test) > 0);

        // Dealt by name, not position: the same machines in reverse order get the same splits.
        Fleet r = f;
        std::reverse(r.machines.begin(), r.machines.end());
        for (FailureEvent &e : r.failures)
            e.machine = 19 - e.machine;
        const Windows wr = makeWindows(r, o);
        for (int m = 0; m < 20; ++m)
            QCOMPARE(wr.machine_split[std::size_t(19 - m)], w.machine_split[std::size_t(m)]);
    }

    // Two machines running at different set points, each switching between two regimes,
    // read the same after the per-machine, per-regime baseline.
    void baselineRemovesSetPointsAndRegimes()
    {
        Fleet f = fleetOf(2, 4, [](int m, double t) {
            const bool high = std::fmod(t - kStart, 6 * kHour) >= 3 * kHour;
            return float(m * 100 + (high ? 40 : 0) + std::sin(t / 1234.0));
        });
        for (MachineSeries &m : f.machines)
            for (double t : m.time)
                m.regime.push_back(std::fmod(t - kStart, 6 * kHour) >= 3 * kHour ? 1 : 0);
        WindowOptions o = plainOptions();
        o.baseline = 2 * kDay;
        const Windows w = makeWindows(f, o);
        for (std::size_t j = 0; j < w.steps[0].end_time.size(); ++j) {
            const float a = w.steps[0].values[j * 4], b = w.steps[1].values[j * 4];
            if (std::isnan(a))
                continue;
            QVERIFY2(std::abs(a - b) < 1e-3, qPrintable(QStringLiteral("step %1: %2 against %3").arg(j).arg(a).arg(b)));
            QVERIFY(std::abs(a) < 3); // a z-score, not 40 or 140
        }
        for (double t : w.time)
            QVERIFY(t >= kStart + o.baseline);
    }

    void missingReadingsAreMarkedNotZero()
    {
        Fleet f = fleetOf(1, 2, [](int, double t) {
            const double h = (t - kStart) / kHour;
            return h > 10 && h <= 11 ? kMissing : (h > 12 && h <= 13 && std::fmod(t, 1200) == 0 ? kMissing : 5.0f);
        });
        const Windows w = makeWindows(f, plainOptions());
        const MachineSteps &s = w.steps[0];
        std::size_t j = 0;
        while (s.end_time[j] != kStart + 11 * kHour)
            ++j;
        QVERIFY(std::isnan(s.values[j * 4]));
        QCOMPARE(double(s.values[j * 4 + 3]), 1.0);
        QCOMPARE(double(s.values[(j + 2) * 4 + 3]), 0.5);
        QCOMPARE(double(s.values[(j + 2) * 4]), 5.0);
        const long i = windowAt(w, 0, kStart + 11 * kHour);
        QVERIFY(i >= 0);
        std::vector<float> x(std::size_t(3 * w.features));
        w.copyWindow(std::size_t(i), x.data());
        QCOMPARE(double(x[2 * 4]), 0.0); // the missing step's mean reads as the training mean
        QVERIFY(x[2 * 4 + 3] > x[1 * 4 + 3]);
    }

    void cyclesAsCmapss()
    {
        Fleet f;
        f.time_unit = TimeUnit::Cycles;
        f.sensors = {"T24", "T50"};
        f.failure_modes = {"failure"};
        for (int u = 0; u < 3; ++u) {
            MachineSeries s;
            s.name = std::to_string(u + 1);
            s.values.resize(2);
            const int life = 150 + 40 * u;
            for (int c = 1; c <= life; ++c) {
                s.time.push_back(c);
                s.values[0].push_back(642.0f + 0.002f * c);
                s.values[1].push_back(1400.0f + 0.05f * c);
            }
            f.failures.push_back({u, double(life), 0});
            f.machines.push_back(std::move(s));
        }
        WindowOptions o = defaultWindowOptions(TimeUnit::Cycles);
        o.validation_share = 0;
        o.test_share = 0;
        const Windows w = makeWindows(f, o);
        QCOMPARE(int(w.options.stats), int(StepStats::Mean));
        QVERIFY(std::isinf(w.options.test_from));
        QCOMPARE(w.features, 4); // mean and missing share per sensor
        for (std::size_t i = 0; i < w.size(); ++i) {
            const double life = 150 + 40 * w.machine[i];
            QCOMPARE(double(w.rul[i]), std::min(life - w.time[i], 125.0));
            QCOMPARE(int(w.failure[i]), life - w.time[i] <= 30 ? 1 : 0);
            QVERIFY(w.time[i] >= 30); // a full history
        }
        QCOMPARE(w.size(), std::size_t(121 + 161 + 201));
        // Held-out machines without a time cut: each test machine's windows are all test
        // windows (none were made before this was fixed, so C-MAPSS runs scored nothing).
        o.test_share = 0.34;
        const Windows held = makeWindows(f, o);
        QCOMPARE(held.size(), w.size());
        QVERIFY(held.count(Split::Test) >= 121);
    }

    void summaryFeaturesOfARamp()
    {
        const Fleet f = fleetOf(1, 2, [](int, double t) { return float((t - kStart) / kHour); });
        WindowOptions o = plainOptions();
        o.history = 5;
        const Windows w = makeWindows(f, o);
        QCOMPARE(summaryFeatureCount(w), 16);
        QCOMPARE(summaryFeatureNames(w).at(2), std::string("vibration_rms.mean.slope"));
        std::vector<float> s(16);
        summaryFeatures(w, 10, s.data());
        const float scale = w.feature_scale[0];
        QVERIFY(std::abs(s[2] - 1.0f / scale) < 1e-4); // the mean rises an hour's worth a step
        QVERIFY(std::abs(s[3] - s[0]) < 1e-5);         // the last step is the maximum
        QVERIFY(std::abs(s[1] - (s[0] - 2.0f / scale)) < 1e-4);
    }

    void badOptionsAreRefusedByName_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<OptionChange>("change");
        QTest::newRow("step 0") << QStringLiteral("step") << OptionChange([](auto &o) { o.step = 0; });
        QTest::newRow("step nan") << QStringLiteral("step") << OptionChange([](auto &o) { o.step = std::nan(""); });
        QTest::newRow("history 0") << QStringLiteral("history") << OptionChange([](auto &o) { o.history = 0; });
        QTest::newRow("stride 0") << QStringLiteral("stride") << OptionChange([](auto &o) { o.stride = 0; });
        QTest::newRow("horizon -1") << QStringLiteral("horizon") << OptionChange([](auto &o) { o.horizon = -1; });
        QTest::newRow("rul_cap 0") << QStringLiteral("rul_cap") << OptionChange([](auto &o) { o.rul_cap = 0; });
        QTest::newRow("baseline -1") << QStringLiteral("baseline") << OptionChange([](auto &o) { o.baseline = -1; });
        QTest::newRow("validation 1") << QStringLiteral("validation_share")
                                      << OptionChange([](auto &o) { o.validation_share = 1; });
        QTest::newRow("shares sum") << QStringLiteral("validation_share + test_share") << OptionChange([](auto &o) {
            o.validation_share = 0.5;
            o.test_share = 0.5;
        });
    }
    void badOptionsAreRefusedByName()
    {
        QFETCH(QString, field);
        QFETCH(OptionChange, change);
        WindowOptions o = plainOptions();
        change(o);
        const Fleet f = fleetOf(1, 1, [](int, double) { return 1.0f; });
        try {
            makeWindows(f, o);
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("windows.") + field
                                                            + QStringLiteral(" must be")),
                     e.what());
        }
    }

    void badFleetsAreRefusedByName()
    {
        Fleet f = fleetOf(2, 1, [](int, double) { return 1.0f; });
        std::swap(f.machines[1].time[4], f.machines[1].time[5]);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, makeWindows(f, plainOptions()));
        try {
            makeWindows(f, plainOptions());
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("machine 'm1': row 6") != std::string::npos, e.what());
        }
        Fleet g = fleetOf(1, 1, [](int, double) { return 1.0f; });
        g.machines[0].values[0].pop_back();
        try {
            makeWindows(g, plainOptions());
            QFAIL("accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("sensor 'vibration_rms' has 143 readings for 144 rows")
                         != std::string::npos,
                     e.what());
        }
        Fleet h = fleetOf(3, 1, [](int, double) { return 1.0f; });
        WindowOptions o = plainOptions();
        o.validation_share = 0.5;
        o.test_share = 0.45;
        try {
            makeWindows(h, o);
            QFAIL("accepted");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("leave none for training") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestPdmWindows)
#include "test_pdm_windows.moc"
