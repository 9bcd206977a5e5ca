// A maintenance case as a report document: what the engineer needs to act on an alert (or
// to look at a machine) in the order they read it, every word from PdmCaseLabels. The
// charts, the log, the other alerts and the recommended action are in pdm_case_sections.cpp.

#include "seekbench/projects/report/pdm_case_document.h"

#include "pdm_case_parts.h"

#include "seekbench/projects/pdm_case.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/report/report_labels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>

namespace seekbench::projects::report {

namespace pdmparts {

std::string fixed(double v, int decimals)
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string percent(double share) { return fixed(100 * share, share < 0.1 ? 1 : 0) + "%"; }

std::string word(const PdmCaseLabels::Words &shown, const std::string &stored)
{
    if (shown)
        return shown(stored);
    std::string out = stored; // "bearing_wear" reads as "bearing wear"
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string modeText(const PdmCase &c, const PdmCaseLabels &l, int mode)
{
    if (mode < 0 || std::size_t(mode) >= c.run.modes.size())
        return l.notRecorded;
    return word(l.modeName, c.run.modes[std::size_t(mode)]);
}

std::string utcText(double t)
{
    const std::time_t s = std::time_t(std::floor(t));
    std::tm tm{};
    if (!gmtime_r(&s, &tm))
        return fixed(t, 0);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string timeText(const PdmCase &c, const PdmCaseLabels &l, double t)
{
    if (!std::isfinite(t))
        return l.notRecorded;
    return c.run.timeUnit == pdm::TimeUnit::Cycles ? fillLabel(l.cycleAt, {fixed(t, 0)}) : utcText(t);
}

std::string durationText(const PdmCase &c, const PdmCaseLabels &l, double d)
{
    if (!std::isfinite(d))
        return l.notRecorded;
    if (c.run.timeUnit == pdm::TimeUnit::Cycles)
        return fillLabel(l.cycles, {fixed(d, 0)});
    const double hours = d / 3600;
    if (std::fabs(hours) < 48)
        return fillLabel(l.hours, {fixed(hours, std::fabs(hours) < 10 ? 1 : 0)});
    return fillLabel(l.days, {fixed(hours / 24, 1)});
}

double thresholdOf(const PdmCase &c, int mode)
{
    return mode >= 0 && std::size_t(mode) < c.run.thresholds.size() ? c.run.thresholds[std::size_t(mode)] : NAN;
}

} // namespace pdmparts

namespace {

using namespace pdmparts;

std::string runText(const PdmCase &c, const PdmCaseLabels &l)
{
    const std::string &id = c.run.runId;
    return c.runName.empty() || c.runName == id ? id : fillLabel(l.runNamed, {c.runName, id});
}

std::string number(const PdmCaseLabels &l, std::int64_t id) { return fillLabel(l.alertNumber, {std::to_string(id)}); }

// Why the readings and the log are missing, or where they were read from.
std::string fleetText(const PdmCase &c, const PdmCaseLabels &l)
{
    switch (c.fleetState) {
    case PdmFleetFileState::Read: return fillLabel(l.fleetRead, {c.fleetFile});
    case PdmFleetFileState::NoRecord: return fillLabel(l.fleetNoRecord, {c.run.fleet});
    case PdmFleetFileState::Missing: return fillLabel(l.fleetMissing, {c.fleetFile});
    case PdmFleetFileState::Changed: return fillLabel(l.fleetChanged, {c.fleetFile});
    case PdmFleetFileState::Unreadable: return fillLabel(l.fleetUnreadable, {c.fleetFile, c.fleetProblem});
    }
    return {};
}

std::string splitText(const PdmCase &c, const PdmCaseLabels &l)
{
    const std::string name = word(l.splitName, pdm::splitName(c.machine.split));
    if (c.machine.split == pdm::Split::Test)
        return fillLabel(l.heldOut, {name});
    if (c.machine.split == pdm::Split::Validation)
        return fillLabel(l.tunedOn, {name});
    return name;
}

Section overviewSection(const PdmCase &c, const Provenance &p, const PdmCaseLabels &l)
{
    KeyValueList kv;
    kv.items = {{l.project, c.projectDir},      {l.run, runText(c, l)},      {l.fleet, c.run.fleet},
                {l.fleetFile, fleetText(c, l)}, {l.machine, c.machine.name}, {l.split, splitText(c, l)}};
    if (c.alert)
        kv.items.push_back({l.alertId, number(l, c.alert->id)});
    kv.items.push_back({l.times, c.run.timeUnit == pdm::TimeUnit::Cycles ? l.cycleTimes : l.utcTimes});
    kv.items.push_back({l.reportTime, p.generatedAt});
    return Section{pdmcase::kOverview, l.overview, {std::move(kv)}};
}

Section alertSection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kAlert, l.alert, {}};
    if (!c.alert) {
        s.blocks.push_back(Paragraph{l.noAlert});
        return s;
    }
    const pdm::AlertRecord &r = *c.alert;
    const pdm::Alert &a = r.alert;
    const std::string mode = modeText(c, l, a.mode);
    const std::string outcome = a.isTrue() ? fillLabel(l.failureFollowed, {mode, timeText(c, l, r.failure_time),
                                                                           durationText(c, l, a.lead)})
                                           : fillLabel(l.noFailure, {durationText(c, l, c.run.horizon)});
    s.blocks.push_back(
        KeyValueList{{},
                     {{l.alertId, number(l, r.id)},
                      {l.mode, mode},
                      {l.raisedAt, timeText(c, l, a.time)},
                      {l.lastWindow, timeText(c, l, a.last_time)},
                      {l.score, fillLabel(l.scoreVsThreshold, {fixed(a.score, 3), fixed(r.threshold, 3)})},
                      {l.outcome, outcome}}});
    return s;
}

// The indices of the `count` largest weights, largest first.
std::vector<std::size_t> topIndices(const std::vector<float> &w, std::size_t count)
{
    std::vector<std::size_t> order(w.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });
    order.resize(std::min(count, order.size()));
    return order;
}

void addContributions(const PdmCase &c, const PdmCaseLabels &l, Section &s)
{
    const pdm::AlertExplanation &e = c.alert->explanation;
    if (e.top.empty()) {
        s.blocks.push_back(Paragraph{l.noContributions});
    } else {
        Table t{fillLabel(l.contributions, {modeText(c, l, c.alert->alert.mode)}),
                {{l.feature}, {l.value, ColumnKind::Number}, {l.contribution, ColumnKind::Delta}},
                {}};
        for (const auto &f : e.top) {
            const CellTone tone = f.contribution > 0 ? CellTone::Worse : CellTone::Better;
            t.rows.push_back(
                {{f.name}, {fixed(f.value, 3)}, {(f.contribution > 0 ? "+" : "") + fixed(f.contribution, 4), tone}});
        }
        s.blocks.push_back(std::move(t));
        s.blocks.push_back(Paragraph{fillLabel(l.logOdds, {fixed(e.bias, 3), fixed(e.margin, 3), fixed(e.score, 3)})});
    }
    if (!e.note.empty())
        s.blocks.push_back(Paragraph{fillLabel(l.explanationNote, {e.note})});
}

void addAttention(const PdmCase &c, const PdmCaseLabels &l, Section &s)
{
    const auto &sensors = c.sensorAttention();
    const auto &temporal = c.temporal();
    if (sensors.empty() && temporal.empty()) {
        s.blocks.push_back(Paragraph{l.noAttention});
        return;
    }
    if (!sensors.empty() && sensors.size() == c.run.sensors.size()) {
        Table t{l.sensorAttention, {{l.sensor}, {l.weight, ColumnKind::Number}}, {}};
        for (const std::size_t i : topIndices(sensors, 5))
            t.rows.push_back({{word(l.sensorName, c.run.sensors[i])}, {percent(sensors[i])}});
        s.blocks.push_back(std::move(t));
    }
    if (temporal.empty())
        return;
    // Step j (oldest first) covers (t - (history - j) * step, t - (history - 1 - j) * step].
    const double t = c.moment(), step = c.run.step;
    const int n = int(temporal.size());
    const auto startOf = [&](int j) { return t - (n - j) * step; };
    const int quarter = std::max(1, n / 4);
    const double total = std::accumulate(temporal.begin(), temporal.end(), 0.0);
    const double newest = std::accumulate(temporal.end() - quarter, temporal.end(), 0.0);
    s.blocks.push_back(
        Paragraph{fillLabel(l.temporalSummary,
                            {timeText(c, l, startOf(0)), timeText(c, l, t), std::to_string(n), durationText(c, l, step),
                             percent(total > 0 ? newest / total : NAN), percent(double(quarter) / n)})});
    Table table{l.temporalAttention, {{l.step, ColumnKind::Number}, {l.covers}, {l.weight, ColumnKind::Number}}, {}};
    for (const std::size_t j : topIndices(temporal, 5))
        table.rows.push_back(
            {{std::to_string(j + 1)},
             {fillLabel(l.span, {timeText(c, l, startOf(int(j))), timeText(c, l, startOf(int(j)) + step)})},
             {percent(total > 0 ? temporal[j] / total : NAN)}});
    s.blocks.push_back(std::move(table));
}

Section whySection(const PdmCase &c, const PdmCaseLabels &l)
{
    Section s{pdmcase::kWhy, c.alert ? l.why : l.whyLast, {}};
    if (c.alert)
        addContributions(c, l, s);
    addAttention(c, l, s);
    return s;
}

Section healthSection(const PdmCase &c, const PdmCaseLabels &l)
{
    const pdm::MachineHealth &m = c.machine;
    const std::string risk = m.risk_mode < 0 ? l.notRecorded
                                             : fillLabel(l.riskOf, {fixed(m.risk, 3), modeText(c, l, m.risk_mode)});
    KeyValueList kv{{},
                    {{l.risk, risk},
                     {l.rul, durationText(c, l, m.rul)},
                     {l.peakRisk, fixed(m.peak_risk, 3)},
                     {l.windows, std::to_string(m.windows)},
                     {l.lastWindowAt, timeText(c, l, m.last_time)},
                     {l.alertCount, std::to_string(m.alerts)},
                     {l.failureCount, std::to_string(m.failures)}}};
    return Section{pdmcase::kHealth, l.health, {std::move(kv)}};
}

Section provenanceSection(const PdmCase &c, const Provenance &p, const PdmCaseLabels &l)
{
    KeyValueList kv{{}, buildRows(p, l.seekbenchVersion, l.qtVersion, l.noQt, l.generatedAt, l.generatedOn)};
    kv.items.insert(kv.items.end(), {{l.project, c.projectDir},
                                     {l.run, runText(c, l)},
                                     {l.runCreated, c.run.createdAt > 0 ? utcText(c.run.createdAt) : l.notRecorded},
                                     {l.fleet, c.run.fleet},
                                     {l.fleetFile, fleetText(c, l)}});
    return Section{pdmcase::kProvenance, l.provenance, {std::move(kv)}};
}

} // namespace

namespace pdmparts {
std::string fleetSentence(const PdmCase &c, const PdmCaseLabels &l) { return fleetText(c, l); }
} // namespace pdmparts

Report buildPdmCaseReport(const PdmCase &c, const PdmCaseLabels &labels)
{
    const PdmCaseLabels &l = labels;
    Report report;
    report.kind = "pdm_case";
    report.language = l.language;
    report.title = c.alert ? fillLabel(l.alertTitle, {std::to_string(c.alert->id), c.machine.name})
                           : fillLabel(l.machineTitle, {c.machine.name});
    report.subtitle = fillLabel(l.subtitle, {c.projectDir, runText(c, l)});
    report.contentsTitle = l.contents;
    report.provenance = caseProvenance(c.run.runId, c.runName);
    report.sections.push_back(overviewSection(c, report.provenance, l));
    report.sections.push_back(alertSection(c, l));
    report.sections.push_back(whySection(c, l));
    report.sections.push_back(healthSection(c, l));
    report.sections.push_back(chartsSection(c, l));
    report.sections.push_back(logSection(c, l));
    report.sections.push_back(otherAlertsSection(c, l));
    report.sections.push_back(actionSection(c, l));
    report.sections.push_back(provenanceSection(c, report.provenance, l));
    return report;
}

} // namespace seekbench::projects::report
