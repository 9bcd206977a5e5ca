// The maintenance case report's charts, maintenance log, other alerts and recommended
// action (the rest is in pdm_case_document.cpp).

#include "pdm_case_parts.h"

#include "seekbench/projects/report/pdm_case_document.h"
#include "seekbench/projects/report/report_labels.h"

#include <algorithm>
#include <cmath>

namespace seekbench::projects::report::pdmparts {

namespace {

constexpr std::size_t kScoreBuckets = 300, kReadingBuckets = 240;

// `n` values in at most `buckets` consecutive buckets, each as its mean x and the mean, min
// and max of its finite values (a bucket with none keeps NaN: a gap in the line).
template<typename X, typename Y>
std::vector<ChartPoint> bucketed(std::size_t n, std::size_t buckets, X x, Y y)
{
    std::vector<ChartPoint> out;
    if (n == 0)
        return out;
    buckets = std::min(buckets, n);
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t from = b * n / buckets, to = (b + 1) * n / buckets;
        double xs = 0, sum = 0, lo = INFINITY, hi = -INFINITY;
        int count = 0;
        for (std::size_t i = from; i < to; ++i) {
            xs += x(i);
            const double v = y(i);
            if (!std::isfinite(v))
                continue;
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            ++count;
        }
        const double mean = count ? sum / count : NAN;
        out.push_back({xs / double(to - from), mean, count ? lo : NAN, count ? hi : NAN});
    }
    return out;
}

bool inCycles(const PdmCase &c) { return c.run.timeUnit == pdm::TimeUnit::Cycles; }

Chart scoresChart(const PdmCase &c, const PdmCaseLabels &l)
{
    const pdm::MachineScores &s = c.scores;
    const std::size_t modes = c.run.modes.size(), n = s.time.size();
    const double t0 = s.time.front();
    // Days since the first window for a fleet in seconds, the cycle itself for one in cycles.
    const auto x = [&](double t) { return inCycles(c) ? t : (t - t0) / 86400; };
    Chart chart{l.scoresOverTime,
                inCycles(c) ? l.cycleAxis : fillLabel(l.daysSince, {timeText(c, l, t0)}),
                l.failureScore,
                false,
                true,
                {}};
    for (std::size_t m = 0; m < modes; ++m) {
        ChartSeries line{modeText(c, l, int(m)), int(m), {}};
        line.points = bucketed(
            n, kScoreBuckets, [&](std::size_t i) { return x(s.time[i]); },
            [&](std::size_t i) { return double(s.scores[i * modes + m]); });
        chart.series.push_back(std::move(line));
    }
    for (std::size_t m = 0; m < modes; ++m) {
        const double th = thresholdOf(c, int(m));
        if (std::isfinite(th))
            chart.series.push_back({fillLabel(l.thresholdSeries, {modeText(c, l, int(m))}),
                                    int(m),
                                    {{x(s.time.front()), th, th, th}, {x(s.time.back()), th, th, th}}});
    }
    ChartSeries alerts{c.alert ? l.alertMark : l.alertsMark, 4, {}, true};
    for (const auto &a : c.machineAlerts)
        if (!c.alert || a.id == c.alert->id)
            alerts.points.push_back({x(a.alert.time), a.alert.score, a.alert.score, a.alert.score});
    if (!alerts.points.empty())
        chart.series.push_back(std::move(alerts));
    ChartSeries failures{l.failureMark, 8, {}, true};
    for (const auto &f : c.failures)
        if (f.time >= s.time.front() && f.time <= s.time.back())
            failures.points.push_back({x(f.time), 1, 1, 1});
    if (!failures.points.empty())
        chart.series.push_back(std::move(failures));
    return chart;
}

void addReadings(const PdmCase &c, const PdmCaseLabels &l, Section &s)
{
    const std::string sensor = word(l.sensorName, c.readingsSensor);
    const std::string title = fillLabel(c.alert ? l.readingsTitle : l.readingsTitleLast, {sensor});
    if (c.readingTime.empty()) {
        s.blocks.push_back(MissingNotice{title, fillLabel(l.noReadings, {sensor})});
        return;
    }
    const double scale = inCycles(c) ? 1 : 3600;
    Chart chart{title,  fillLabel(inCycles(c) ? l.cyclesFromAlert : l.hoursFromAlert, {timeText(c, l, c.readingsAt)}),
                sensor, false,
                true,   {}};
    ChartSeries line{sensor, 0, {}};
    line.points = bucketed(
        c.readingTime.size(), kReadingBuckets, [&](std::size_t i) { return (c.readingTime[i] - c.readingsAt) / scale; },
        [&](std::size_t i) { return double(c.readingValue[i]); });
    const std::size_t shown = line.points.size();
    chart.series.push_back(std::move(line));
    // The case's moment on the line, where the window ends.
    const auto &points = chart.series.front().points;
    const auto nearest = std::min_element(points.begin(), points.end(), [](const ChartPoint &a, const ChartPoint &b) {
        return std::fabs(a.x) < std::fabs(b.x);
    });
    if (nearest != points.end() && std::isfinite(nearest->mean))
        chart.series.push_back(
            {c.alert ? l.alertMark : l.lastWindowAt, 4, {{0, nearest->mean, nearest->mean, nearest->mean}}, true});
    ChartSeries failures{l.failureMark, 8, {}, true};
    // A failure inside the span, at the readings' highest value so it sits on the chart.
    double top = -INFINITY;
    for (const auto &p : chart.series.front().points)
        if (std::isfinite(p.max))
            top = std::max(top, p.max);
    for (const auto &f : c.failures)
        if (f.time >= c.readingsFrom && f.time <= c.readingsTo && std::isfinite(top))
            failures.points.push_back({(f.time - c.readingsAt) / scale, top, top, top});
    if (!failures.points.empty())
        chart.series.push_back(std::move(failures));
    s.blocks.push_back(std::move(chart));
    s.blocks.push_back(Paragraph{fillLabel(c.alert ? l.readingsNotes : l.readingsNotesLast,
                                           {std::to_string(c.readingTime.size()), std::to_string(shown)})});
}

} // namespace

Section chartsSection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kCharts, l.charts, {}};
    if (c.scores.time.empty() || c.scores.scores.size() != c.scores.time.size() * c.run.modes.size()) {
        s.blocks.push_back(Paragraph{l.noScores});
    } else {
        s.blocks.push_back(scoresChart(c, l));
        s.blocks.push_back(Paragraph{l.scoresNotes});
    }
    if (c.fleetState != PdmFleetFileState::Read)
        s.blocks.push_back(MissingNotice{l.readings, fleetSentence(c, l)});
    else if (!c.readingsSensor.empty())
        addReadings(c, l, s);
    return s;
}

Section logSection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kLog, l.log, {}};
    if (c.fleetState != PdmFleetFileState::Read) {
        s.blocks.push_back(Paragraph{fillLabel(l.logUnavailable, {fleetSentence(c, l)})});
        return s;
    }
    if (c.maintenance.empty() && c.failures.empty()) {
        s.blocks.push_back(Paragraph{l.noEvents});
        return s;
    }
    struct Row
    {
        double time;
        std::vector<TableCell> cells;
    };
    std::vector<Row> rows;
    for (const auto &f : c.failures)
        rows.push_back({f.time,
                        {{timeText(c, l, f.time), CellTone::Worse},
                         {l.failure, CellTone::Worse},
                         {modeText(c, l, f.mode), CellTone::Worse},
                         {l.notRecorded, CellTone::Worse}}});
    for (const auto &m : c.maintenance)
        rows.push_back({m.time,
                        {{timeText(c, l, m.time)},
                         {m.kind == pdm::MaintenanceKind::Corrective ? l.corrective : l.scheduled},
                         {m.mode < 0 ? l.allModes : modeText(c, l, m.mode)},
                         {fillLabel(l.hours, {fixed(m.downtime_hours, 1)})}}});
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.time < b.time; });
    Table t{{}, {{l.time}, {l.event}, {l.mode}, {l.downtime, ColumnKind::Number}}, {}};
    for (auto &r : rows)
        t.rows.push_back(std::move(r.cells));
    s.blocks.push_back(std::move(t));
    return s;
}

Section otherAlertsSection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kOtherAlerts, c.alert ? l.otherAlerts : l.machineAlerts, {}};
    Table t{{}, {{l.alertId}, {l.raisedAt}, {l.mode}, {l.score, ColumnKind::Number}, {l.split}, {l.outcome}}, {}};
    for (const auto &r : c.machineAlerts) {
        if (c.alert && r.id == c.alert->id)
            continue;
        const pdm::Alert &a = r.alert;
        const CellTone tone = a.isTrue() ? CellTone::Worse : CellTone::Neutral;
        t.rows.push_back({{fillLabel(l.alertNumber, {std::to_string(r.id)})},
                          {timeText(c, l, a.time)},
                          {modeText(c, l, a.mode)},
                          {fixed(a.score, 3)},
                          {word(l.splitName, pdm::splitName(r.split))},
                          {a.isTrue() ? fillLabel(l.truePositive, {durationText(c, l, a.lead)}) : l.falseAlarm, tone}});
    }
    if (t.rows.empty())
        s.blocks.push_back(Paragraph{c.alert ? l.noOtherAlerts : l.noMachineAlerts});
    else
        s.blocks.push_back(std::move(t));
    return s;
}

// Only from the numbers the report shows: the machine's latest score against its mode's
// threshold, and what followed the alert.
Section actionSection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kAction, l.action, {}};
    const pdm::MachineHealth &m = c.machine;
    const double th = thresholdOf(c, m.risk_mode);
    if (m.risk_mode < 0 || !std::isfinite(th)) {
        s.blocks.push_back(Paragraph{l.notScored});
    } else {
        const std::string mode = modeText(c, l, m.risk_mode), rul = durationText(c, l, m.rul);
        s.blocks.push_back(
            Paragraph{m.risk >= th ? fillLabel(l.actNow, {m.name, mode, fixed(m.risk, 3), fixed(th, 3), rul})
                                   : fillLabel(l.noActionNow, {m.name, fixed(m.risk, 3), mode, fixed(th, 3), rul})});
    }
    if (c.alert) {
        const pdm::Alert &a = c.alert->alert;
        const std::string mode = modeText(c, l, a.mode);
        s.blocks.push_back(Paragraph{a.isTrue() ? fillLabel(l.alertPreceded, {mode, durationText(c, l, a.lead)})
                                                : fillLabel(l.alertFalse, {mode, durationText(c, l, c.run.horizon)})});
    }
    return s;
}

} // namespace seekbench::projects::report::pdmparts
