// A kept policy replay and policy settings as JSON, and back (policy.h). The text is read
// as untrusted input: every field is checked for its type and range, and the error names it.

#include "seekbench/pdm/policy.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace seekbench::pdm {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string &where, const std::string &what)
{
    throw std::invalid_argument("policy replay: " + where + ": " + what);
}

const json &field(const json &o, const char *name, const std::string &where)
{
    if (!o.is_object())
        bad(where, "is not an object");
    const auto it = o.find(name);
    if (it == o.end())
        bad(where, std::string("has no '") + name + "'");
    return *it;
}

double number(const json &o, const char *name, const std::string &where)
{
    const json &v = field(o, name, where);
    if (!v.is_number() || !std::isfinite(v.get<double>()))
        bad(where + "." + name, "is not a finite number");
    return v.get<double>();
}

std::int32_t integer(const json &o, const char *name, const std::string &where, std::int64_t lo, std::int64_t hi)
{
    const json &v = field(o, name, where);
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        bad(where + "." + name, "is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::int32_t(v.get<std::int64_t>());
}

const json &array(const json &o, const char *name, const std::string &where)
{
    const json &v = field(o, name, where);
    if (!v.is_array())
        bad(where + "." + name, "is not a list");
    return v;
}

json periodsJson(const std::vector<MachinePeriod> &periods)
{
    json a = json::array();
    for (const MachinePeriod &p : periods)
        a.push_back({{"machine", p.machine}, {"from", p.from}, {"to", p.to}});
    return a;
}

std::vector<MachinePeriod> readPeriods(const json &o, const char *name)
{
    std::vector<MachinePeriod> out;
    const json &a = array(o, name, "replay");
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
        MachinePeriod p;
        p.machine = integer(a[i], "machine", where, 0, INT32_MAX);
        p.from = number(a[i], "from", where);
        p.to = number(a[i], "to", where);
        if (p.to < p.from)
            bad(where, "ends before it starts");
        out.push_back(p);
    }
    return out;
}

// Optional numbers: a field left out keeps `value`.
void maybe(const json &o, const char *name, double &value)
{
    if (o.contains(name))
        value = number(o, name, "settings");
}

} // namespace

std::string policySettingsJson(const PolicySettings &s)
{
    return json{{"unplanned_cost_per_hour", s.unplanned_cost_per_hour},
                {"planned_cost_per_hour", s.planned_cost_per_hour},
                {"parts_cost", s.parts_cost},
                {"crew_cost", s.crew_cost},
                {"corrective_downtime_hours", s.corrective_downtime_hours},
                {"planned_downtime_hours", s.planned_downtime_hours},
                {"crew_per_day", s.crew_per_day},
                {"response_hours", s.response_hours},
                {"preventable_days", s.preventable_days},
                {"schedule_days", s.schedule_days},
                {"cycle_hours", s.cycle_hours}}
        .dump();
}

PolicySettings parsePolicySettings(const std::string &text, const PolicySettings &base)
{
    const json o = json::parse(text, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        bad("settings", "are not a JSON object");
    PolicySettings s = base;
    maybe(o, "unplanned_cost_per_hour", s.unplanned_cost_per_hour);
    maybe(o, "planned_cost_per_hour", s.planned_cost_per_hour);
    maybe(o, "parts_cost", s.parts_cost);
    maybe(o, "crew_cost", s.crew_cost);
    maybe(o, "corrective_downtime_hours", s.corrective_downtime_hours);
    maybe(o, "planned_downtime_hours", s.planned_downtime_hours);
    if (o.contains("crew_per_day"))
        s.crew_per_day = integer(o, "crew_per_day", "settings", 1, 1000000);
    maybe(o, "response_hours", s.response_hours);
    maybe(o, "preventable_days", s.preventable_days);
    maybe(o, "cycle_hours", s.cycle_hours);
    if (o.contains("schedule_days")) {
        s.schedule_days.clear();
        const json &a = array(o, "schedule_days", "settings");
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!a[i].is_number())
                bad("settings.schedule_days[" + std::to_string(i) + "]", "is not a number");
            s.schedule_days.push_back(a[i].get<double>());
        }
    }
    try {
        validatePolicySettings(s);
    } catch (const std::invalid_argument &e) {
        bad("settings", e.what());
    }
    return s;
}

std::string policyReplayJson(const PolicyReplay &r)
{
    json failures = json::array();
    for (const FailureEvent &f : r.failures)
        failures.push_back({{"machine", f.machine}, {"time", f.time}, {"mode", f.mode}});
    json alerts = json::array();
    for (const Alert &a : r.test_alerts)
        alerts.push_back({{"machine", a.machine},
                          {"mode", a.mode},
                          {"time", a.time},
                          {"last_time", a.last_time},
                          {"score", a.score},
                          {"failure", a.failure}});
    return json{{"time_unit", timeUnitName(r.unit)},
                {"validation", periodsJson(r.validation)},
                {"test", periodsJson(r.test)},
                {"failures", failures},
                {"test_alerts", alerts},
                {"settings", json::parse(policySettingsJson(r.settings))}}
        .dump();
}

PolicyReplay parsePolicyReplay(const std::string &text)
{
    const json o = json::parse(text, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        bad("the text", "is not a JSON object");
    PolicyReplay r;
    const json &unit = field(o, "time_unit", "replay");
    if (unit == "seconds")
        r.unit = TimeUnit::Seconds;
    else if (unit == "cycles")
        r.unit = TimeUnit::Cycles;
    else
        bad("replay.time_unit", "is neither 'seconds' nor 'cycles'");
    r.validation = readPeriods(o, "validation");
    r.test = readPeriods(o, "test");
    const json &failures = array(o, "failures", "replay");
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const std::string where = "failures[" + std::to_string(i) + "]";
        FailureEvent f;
        f.machine = integer(failures[i], "machine", where, 0, INT32_MAX);
        f.time = number(failures[i], "time", where);
        f.mode = integer(failures[i], "mode", where, 0, INT32_MAX);
        r.failures.push_back(f);
    }
    const json &alerts = array(o, "test_alerts", "replay");
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        const std::string where = "test_alerts[" + std::to_string(i) + "]";
        Alert a;
        a.machine = integer(alerts[i], "machine", where, 0, INT32_MAX);
        a.mode = integer(alerts[i], "mode", where, 0, INT32_MAX);
        a.time = number(alerts[i], "time", where);
        a.last_time = number(alerts[i], "last_time", where);
        a.score = float(number(alerts[i], "score", where));
        a.failure = integer(alerts[i], "failure", where, -1, std::int64_t(r.failures.size()) - 1);
        if (a.failure >= 0)
            a.lead = r.failures[std::size_t(a.failure)].time - a.time;
        r.test_alerts.push_back(a);
    }
    r.settings = parsePolicySettings(field(o, "settings", "replay").dump());
    return r;
}

} // namespace seekbench::pdm
