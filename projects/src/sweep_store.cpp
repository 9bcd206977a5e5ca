#include "seekbench/projects/sweep_store.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace seekbench::projects {

using nlohmann::json;
using tuning::Trial;
using tuning::TrialState;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

std::optional<SweepState> parseSweepState(const std::string &text)
{
    for (SweepState s : {SweepState::Active, SweepState::Stopped, SweepState::Finished})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

void checkSweepName(const std::string &name)
{
    if (name.empty() || name.size() > 100)
        throw ProjectError(ProjectError::Kind::BadInput, "a sweep's name is 1 to 100 characters");
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            throw ProjectError(ProjectError::Kind::BadInput,
                               "sweep name '" + name + "': use letters, digits, '-', '_' and '.' only");
    if (name.front() == '.')
        throw ProjectError(ProjectError::Kind::BadInput, "sweep name '" + name + "' must not start with '.'");
}

std::string paramsJson(const tuning::TrialParams &params)
{
    json j = json::object();
    for (const auto &[k, v] : params)
        j[k] = v;
    return j.dump();
}

tuning::TrialParams paramsOf(const std::string &text)
{
    tuning::TrialParams p;
    const json j = json::parse(text, nullptr, false);
    if (j.is_object())
        for (const auto &[k, v] : j.items())
            if (v.is_string())
                p[k] = v.get<std::string>();
    return p;
}

} // namespace

const char *toString(SweepState state)
{
    switch (state) {
    case SweepState::Active: return "active";
    case SweepState::Stopped: return "stopped";
    case SweepState::Finished: return "finished";
    }
    return "active";
}

struct SweepStore::Impl
{
    sql::Database db;

    SweepRecord read(sql::Statement &st)
    {
        SweepRecord r;
        r.id = st.text(0);
        r.name = st.text(1);
        r.spaceYaml = st.text(2);
        r.state = parseSweepState(st.text(3)).value_or(SweepState::Stopped);
        r.createdAt = st.real(4);
        if (!st.isNull(5))
            r.driver = ProcessIdentity{st.text(7), st.int64(5), st.int64(6)};
        return r;
    }

    std::vector<Trial> trials(const std::string &sweepId)
    {
        std::vector<Trial> out;
        auto st = db.prepare("SELECT number, params_json, state, value, reason, cost FROM sweep_trials "
                             "WHERE sweep_id = ? ORDER BY number");
        st.bind(1, sweepId);
        while (st.step()) {
            Trial t;
            t.number = st.int32(0);
            t.params = paramsOf(st.text(1));
            t.state = tuning::parseTrialState(st.text(2)).value_or(TrialState::Failed);
            t.value = st.optReal(3);
            t.reason = st.text(4);
            t.cost = st.optReal(5);
            out.push_back(std::move(t));
        }
        auto iv = db.prepare("SELECT number, step, value FROM sweep_intermediate WHERE sweep_id = ? "
                             "ORDER BY number, step");
        iv.bind(1, sweepId);
        std::size_t at = 0;
        while (iv.step()) {
            const int number = iv.int32(0);
            while (at < out.size() && out[at].number < number)
                ++at;
            if (at < out.size() && out[at].number == number)
                out[at].intermediate.emplace_back(iv.int64(1), iv.real(2));
        }
        return out;
    }

    TrialState stateOf(const std::string &sweepId, int number)
    {
        auto st = db.prepare("SELECT state FROM sweep_trials WHERE sweep_id = ? AND number = ?");
        st.bind(1, sweepId).bind(2, number);
        if (!st.step())
            throw ProjectError(ProjectError::Kind::BadInput,
                               "sweep " + sweepId + " has no trial " + std::to_string(number));
        return tuning::parseTrialState(st.text(0)).value_or(TrialState::Failed);
    }
};

SweepStore::SweepStore(const Project &project) : d(std::make_unique<Impl>()) { d->db = openConnection(project, false); }

SweepStore::~SweepStore() = default;

std::string SweepStore::createSweep(const std::string &name, const std::string &spaceYaml)
{
    checkSweepName(name);
    const std::string id = "sw-" + RunStore::newRunId();
    sql::withWriteTransaction(d->db, [&] {
        auto taken = d->db.prepare("SELECT 1 FROM sweeps WHERE name = ?");
        taken.bind(1, name);
        if (taken.step())
            throw ProjectError(ProjectError::Kind::BadInput, "a sweep named '" + name + "' exists in this project");
        d->db.prepare("INSERT INTO sweeps(id, name, space_yaml, state, created_at) VALUES (?, ?, ?, 'active', ?)")
            .bind(1, id)
            .bind(2, name)
            .bind(3, spaceYaml)
            .bind(4, now())
            .run();
    });
    return id;
}

std::optional<SweepRecord> SweepStore::find(const std::string &idOrName)
{
    auto st = d->db.prepare("SELECT id, name, space_yaml, state, created_at, driver_pid, driver_start, driver_host "
                            "FROM sweeps WHERE id = ?1 OR name = ?1 ORDER BY id = ?1 DESC LIMIT 1");
    st.bind(1, idOrName);
    if (!st.step())
        return std::nullopt;
    SweepRecord r = d->read(st);
    st.reset();
    return r;
}

SweepRecord SweepStore::require(const std::string &idOrName)
{
    if (auto r = find(idOrName))
        return *r;
    throw ProjectError(ProjectError::Kind::BadInput, "no sweep '" + idOrName + "' in this project");
}

std::vector<SweepRecord> SweepStore::sweeps()
{
    std::vector<SweepRecord> out;
    auto st = d->db.prepare("SELECT id, name, space_yaml, state, created_at, driver_pid, driver_start, driver_host "
                            "FROM sweeps ORDER BY created_at, id");
    while (st.step())
        out.push_back(d->read(st));
    return out;
}

void SweepStore::setState(const std::string &sweepId, SweepState state)
{
    sql::withWriteTransaction(d->db, [&] {
        d->db.prepare("UPDATE sweeps SET state = ? WHERE id = ?").bind(1, toString(state)).bind(2, sweepId).run();
    });
}

void SweepStore::setDriver(const std::string &sweepId, const std::optional<ProcessIdentity> &driver)
{
    sql::withWriteTransaction(d->db, [&] {
        auto st = d->db.prepare("UPDATE sweeps SET driver_pid = ?, driver_start = ?, driver_host = ? WHERE id = ?");
        if (driver)
            st.bind(1, driver->pid).bind(2, driver->startTime).bind(3, driver->host);
        else
            st.bindNull(1).bindNull(2).bindNull(3);
        st.bind(4, sweepId).run();
    });
}

std::optional<Trial> SweepStore::ask(const std::string &sweepId, const Suggest &suggest)
{
    std::optional<Trial> made;
    sql::withWriteTransaction(d->db, [&] {
        made.reset();
        const std::vector<Trial> history = d->trials(sweepId);
        const int number = history.empty() ? 0 : history.back().number + 1;
        std::optional<tuning::TrialParams> params = suggest(history, number);
        if (!params)
            return;
        d->db
            .prepare("INSERT INTO sweep_trials(sweep_id, number, params_json, state, created_at) "
                     "VALUES (?, ?, ?, 'running', ?)")
            .bind(1, sweepId)
            .bind(2, number)
            .bind(3, paramsJson(*params))
            .bind(4, now())
            .run();
        Trial t;
        t.number = number;
        t.params = std::move(*params);
        made = std::move(t);
    });
    return made;
}

void SweepStore::tell(const std::string &sweepId, int number, TrialState state, std::optional<double> value,
                      const std::string &reason, std::optional<double> cost)
{
    const std::string trial = "trial " + std::to_string(number) + " of sweep " + sweepId;
    if (state == TrialState::Running)
        throw ProjectError(ProjectError::Kind::BadInput, trial + ": 'running' is not an end state");
    if (state == TrialState::Complete && !value)
        throw ProjectError(ProjectError::Kind::BadInput, trial + ": a complete trial needs its value");
    if (value && !std::isfinite(*value))
        throw ProjectError(ProjectError::Kind::BadInput, trial + ": the value is not a finite number");
    sql::withWriteTransaction(d->db, [&] {
        const TrialState was = d->stateOf(sweepId, number);
        if (was != TrialState::Running)
            throw ProjectError(ProjectError::Kind::BadInput,
                               trial + " has ended already (" + tuning::stateName(was) + ")");
        d->db
            .prepare("UPDATE sweep_trials SET state = ?, value = ?, reason = ?, cost = ?, finished_at = ? "
                     "WHERE sweep_id = ? AND number = ?")
            .bind(1, tuning::stateName(state))
            .bind(2, value)
            .bind(3, reason)
            .bind(4, cost)
            .bind(5, now())
            .bind(6, sweepId)
            .bind(7, number)
            .run();
    });
}

void SweepStore::report(const std::string &sweepId, int number, std::int64_t step, double value)
{
    if (!std::isfinite(value))
        throw ProjectError(ProjectError::Kind::BadInput, "trial " + std::to_string(number) + " of sweep " + sweepId
                                                             + ": the value at step " + std::to_string(step)
                                                             + " is not a finite number");
    sql::withWriteTransaction(d->db, [&] {
        const TrialState state = d->stateOf(sweepId, number); // an unknown trial is bad input
        if (state != TrialState::Running)
            throw ProjectError(ProjectError::Kind::BadInput, "trial " + std::to_string(number) + " of sweep " + sweepId
                                                                 + " has ended already (" + tuning::stateName(state)
                                                                 + ")");
        d->db.prepare("INSERT OR REPLACE INTO sweep_intermediate(sweep_id, number, step, value) VALUES (?, ?, ?, ?)")
            .bind(1, sweepId)
            .bind(2, number)
            .bind(3, step)
            .bind(4, value)
            .run();
    });
}

void SweepStore::setTrialRun(const std::string &sweepId, int number, const std::string &runId)
{
    sql::withWriteTransaction(d->db, [&] {
        d->stateOf(sweepId, number);
        d->db.prepare("UPDATE sweep_trials SET run_id = ? WHERE sweep_id = ? AND number = ?")
            .bind(1, runId)
            .bind(2, sweepId)
            .bind(3, number)
            .run();
    });
}

std::optional<std::string> SweepStore::trialRun(const std::string &sweepId, int number)
{
    auto st = d->db.prepare("SELECT run_id FROM sweep_trials WHERE sweep_id = ? AND number = ?");
    st.bind(1, sweepId).bind(2, number);
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    std::string id = st.text(0);
    st.reset();
    return id;
}

std::vector<Trial> SweepStore::trials(const std::string &sweepId) { return d->trials(sweepId); }

} // namespace seekbench::projects
