#include "seekbench/projects/pdm_results.h"

#include "connection.h"
#include "seekbench/projects/project.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace seekbench::projects {

namespace {

using nlohmann::json;

double now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

template<typename T>
void bindArray(sql::Statement &st, int index, const std::vector<T> &v)
{
    st.bindBlob(index, v.data(), v.size() * sizeof(T));
}

// A BLOB of T's; `expected` elements when >= 0. The store is read as untrusted.
template<typename T>
std::vector<T> readArray(const sql::Statement &st, int col, const std::string &what, long long expected = -1)
{
    const std::string bytes = st.blob(col);
    if (bytes.size() % sizeof(T) != 0 || (expected >= 0 && bytes.size() != std::size_t(expected) * sizeof(T)))
        throw std::runtime_error("pdm results: " + what + " has " + std::to_string(bytes.size())
                                 + " bytes, not a whole array of the expected size");
    std::vector<T> v(bytes.size() / sizeof(T));
    if (!v.empty())
        std::memcpy(v.data(), bytes.data(), bytes.size());
    return v;
}

std::optional<double> optional(double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; }

pdm::Split splitOf(const std::string &name, const std::string &what)
{
    if (name == "train")
        return pdm::Split::Train;
    if (name == "validation")
        return pdm::Split::Validation;
    if (name == "test")
        return pdm::Split::Test;
    throw std::runtime_error("pdm results: " + what + " has split '" + name + "'");
}

template<typename T>
std::vector<T> jsonList(const std::string &text, const std::string &what)
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array())
        throw std::runtime_error("pdm results: " + what + " is not a JSON list");
    std::vector<T> out;
    for (const json &e : j) {
        if constexpr (std::is_same_v<T, std::string>) {
            if (!e.is_string())
                throw std::runtime_error("pdm results: " + what + " holds a value that is not text");
        } else if (!e.is_number()) {
            throw std::runtime_error("pdm results: " + what + " holds a value that is not a number");
        }
        out.push_back(e.get<T>());
    }
    return out;
}

constexpr const char *kRunColumns = "SELECT run_id, fleet, time_unit, step, history, horizon, min_lead, sensors_json, "
                                    "modes_json, thresholds_json, evaluation_json, replay_json, created_at "
                                    "FROM pdm_runs ";

PdmRunRecord readRun(const sql::Statement &st)
{
    PdmRunRecord r;
    r.runId = st.text(0);
    const std::string what = "run '" + r.runId + "'";
    r.fleet = st.text(1);
    r.timeUnit = st.text(2) == "cycles" ? pdm::TimeUnit::Cycles : pdm::TimeUnit::Seconds;
    r.step = st.real(3);
    r.history = st.int32(4);
    r.horizon = st.real(5);
    r.minLead = st.real(6);
    r.sensors = jsonList<std::string>(st.text(7), what + " sensors");
    r.modes = jsonList<std::string>(st.text(8), what + " failure modes");
    r.thresholds = jsonList<double>(st.text(9), what + " thresholds");
    r.evaluationJson = st.text(10);
    r.replayJson = st.text(11);
    r.createdAt = st.real(12);
    return r;
}

constexpr const char *kAlertColumns
    = "SELECT id, run_id, machine, mode, split, time, last_time, score, threshold, "
      "failure_time, lead, window, temporal, sensor, explanation_json, failure FROM pdm_alerts ";

PdmStoredAlert readAlert(const sql::Statement &st)
{
    PdmStoredAlert s;
    pdm::AlertRecord &a = s.record;
    a.id = st.int64(0);
    s.runId = st.text(1);
    const std::string what = "alert " + std::to_string(a.id) + " of run '" + s.runId + "'";
    a.alert.machine = st.int32(2);
    a.alert.mode = st.int32(3);
    a.split = splitOf(st.text(4), what);
    a.alert.time = st.real(5);
    a.alert.last_time = st.real(6);
    a.alert.score = float(st.real(7));
    a.threshold = st.real(8);
    if (!st.isNull(9)) {
        a.failure_time = st.real(9);
        a.alert.lead = st.isNull(10) ? a.failure_time - a.alert.time : st.real(10);
    }
    a.alert.failure = st.isNull(9) ? -1 : st.int32(15); // an index into the replay's failures
    a.window = st.int64(11);
    a.temporal = readArray<float>(st, 12, what + " temporal attention");
    a.sensor = readArray<float>(st, 13, what + " sensor attention");
    try {
        a.explanation = pdm::parseAlertExplanation(st.text(14));
    } catch (const std::invalid_argument &e) {
        throw std::runtime_error("pdm results: " + what + ": " + e.what());
    }
    return s;
}

} // namespace

struct PdmResultStore::Impl
{
    const Project &project;
    sql::Database db;
};

PdmResultStore::PdmResultStore(const Project &project, bool readOnly) : d(new Impl{project, {}})
{
    d->db = openConnection(project, readOnly);
}

PdmResultStore::~PdmResultStore() = default;

void PdmResultStore::save(const std::string &runId, const std::string &fleet, const pdm::RunResults &r,
                          const std::string &evaluationJson)
{
    const std::string replay = pdm::policyReplayJson(r.replay);
    sql::withWriteTransaction(d->db, [&] {
        for (const char *table :
             {"DELETE FROM pdm_runs WHERE run_id = ?", "DELETE FROM pdm_machines WHERE run_id = ?",
              "DELETE FROM pdm_machine_scores WHERE run_id = ?", "DELETE FROM pdm_alerts WHERE run_id = ?"})
            d->db.prepare(table).bind(1, runId).run();
        d->db
            .prepare("INSERT INTO pdm_runs(run_id, fleet, time_unit, step, history, horizon, min_lead, sensors_json, "
                     "modes_json, thresholds_json, evaluation_json, replay_json, created_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
            .bind(1, runId)
            .bind(2, fleet)
            .bind(3, pdm::timeUnitName(r.unit))
            .bind(4, r.step)
            .bind(5, r.history)
            .bind(6, r.horizon)
            .bind(7, r.min_lead)
            .bind(8, json(r.sensors).dump())
            .bind(9, json(r.modes).dump())
            .bind(10, json(r.thresholds).dump())
            .bind(11, evaluationJson)
            .bind(12, replay)
            .bind(13, now())
            .run();
        auto machine = d->db.prepare(
            "INSERT INTO pdm_machines(run_id, machine, name, split, windows, last_time, risk, risk_mode, rul, "
            "peak_risk, alerts, failures, spark, temporal, sensor) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        for (const pdm::MachineHealth &h : r.machines) {
            machine.bind(1, runId)
                .bind(2, h.machine)
                .bind(3, h.name)
                .bind(4, pdm::splitName(h.split))
                .bind(5, h.windows)
                .bind(6, optional(h.last_time))
                .bind(7, double(h.risk))
                .bind(8, h.risk_mode)
                .bind(9, optional(h.rul))
                .bind(10, double(h.peak_risk))
                .bind(11, h.alerts)
                .bind(12, h.failures);
            bindArray(machine, 13, h.spark);
            bindArray(machine, 14, h.temporal);
            bindArray(machine, 15, h.sensor);
            machine.run();
        }
        auto scores = d->db.prepare("INSERT INTO pdm_machine_scores(run_id, machine, time, scores, rul, split) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (const pdm::MachineScores &s : r.scores) {
            scores.bind(1, runId).bind(2, s.machine);
            bindArray(scores, 3, s.time);
            bindArray(scores, 4, s.scores);
            bindArray(scores, 5, s.rul);
            bindArray(scores, 6, s.split);
            scores.run();
        }
        auto alert = d->db.prepare(
            "INSERT INTO pdm_alerts(run_id, machine, mode, split, time, last_time, score, threshold, failure_time, "
            "lead, window, temporal, sensor, explanation_json, failure) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        for (const pdm::AlertRecord &a : r.alerts) {
            alert.bind(1, runId)
                .bind(2, a.alert.machine)
                .bind(3, a.alert.mode)
                .bind(4, pdm::splitName(a.split))
                .bind(5, a.alert.time)
                .bind(6, a.alert.last_time)
                .bind(7, double(a.alert.score))
                .bind(8, a.threshold)
                .bind(9, optional(a.failure_time))
                .bind(10, optional(a.alert.lead))
                .bind(11, a.window);
            bindArray(alert, 12, a.temporal);
            bindArray(alert, 13, a.sensor);
            alert.bind(14, pdm::alertExplanationJson(a.explanation)).bind(15, a.alert.failure).run();
        }
    });
}

std::vector<PdmRunRecord> PdmResultStore::runs()
{
    auto st = d->db.prepare(std::string(kRunColumns) + "ORDER BY created_at DESC, run_id");
    std::vector<PdmRunRecord> out;
    while (st.step())
        out.push_back(readRun(st));
    return out;
}

std::optional<PdmRunRecord> PdmResultStore::run(const std::string &runId)
{
    auto st = d->db.prepare(std::string(kRunColumns) + "WHERE run_id = ?");
    st.bind(1, runId);
    if (!st.step())
        return std::nullopt;
    PdmRunRecord r = readRun(st);
    st.reset();
    return r;
}

std::vector<pdm::MachineHealth> PdmResultStore::machines(const std::string &runId)
{
    auto st = d->db.prepare("SELECT machine, name, split, windows, last_time, risk, risk_mode, rul, peak_risk, alerts, "
                            "failures, spark, temporal, sensor FROM pdm_machines WHERE run_id = ? ORDER BY machine");
    st.bind(1, runId);
    std::vector<pdm::MachineHealth> out;
    while (st.step()) {
        pdm::MachineHealth h;
        h.machine = st.int32(0);
        h.name = st.text(1);
        const std::string what = "machine '" + h.name + "' of run '" + runId + "'";
        h.split = splitOf(st.text(2), what);
        h.windows = st.int64(3);
        h.last_time = st.isNull(4) ? std::nan("") : st.real(4);
        h.risk = float(st.real(5));
        h.risk_mode = st.int32(6);
        h.rul = st.isNull(7) ? std::nanf("") : float(st.real(7));
        h.peak_risk = float(st.real(8));
        h.alerts = st.int32(9);
        h.failures = st.int32(10);
        h.spark = readArray<float>(st, 11, what + " sparkline");
        h.temporal = readArray<float>(st, 12, what + " temporal attention");
        h.sensor = readArray<float>(st, 13, what + " sensor attention");
        out.push_back(std::move(h));
    }
    return out;
}

std::optional<pdm::MachineScores> PdmResultStore::machineScores(const std::string &runId, std::int32_t machine)
{
    const auto record = run(runId);
    if (!record)
        return std::nullopt;
    auto st = d->db.prepare("SELECT time, scores, rul, split FROM pdm_machine_scores WHERE run_id = ? AND machine = ?");
    st.bind(1, runId).bind(2, machine);
    if (!st.step())
        return std::nullopt;
    const std::string what = "the scores of machine " + std::to_string(machine) + " of run '" + runId + "'";
    pdm::MachineScores s;
    s.machine = machine;
    s.time = readArray<double>(st, 0, what + " (times)");
    const long long n = (long long)s.time.size();
    s.scores = readArray<float>(st, 1, what, n * (long long)record->modes.size());
    s.rul = readArray<float>(st, 2, what + " (RUL)", n);
    s.split = readArray<std::int8_t>(st, 3, what + " (splits)", n);
    st.reset();
    return s;
}

std::vector<pdm::AlertRecord> PdmResultStore::alerts(const std::string &runId, const PdmAlertQuery &q)
{
    auto st = d->db.prepare(std::string(kAlertColumns)
                            + "WHERE run_id = ?1 AND (?2 IS NULL OR machine = ?2) AND (?3 IS NULL OR mode = ?3) "
                              "AND (?4 IS NULL OR split = ?4) ORDER BY time, machine, mode LIMIT ?5");
    st.bind(1, runId);
    q.machine ? st.bind(2, *q.machine) : st.bindNull(2);
    q.mode ? st.bind(3, *q.mode) : st.bindNull(3);
    q.split ? st.bind(4, pdm::splitName(*q.split)) : st.bindNull(4);
    st.bind(5, std::max(0, q.limit));
    std::vector<pdm::AlertRecord> out;
    while (st.step())
        out.push_back(readAlert(st).record);
    return out;
}

std::optional<PdmStoredAlert> PdmResultStore::alert(std::int64_t id)
{
    auto st = d->db.prepare(std::string(kAlertColumns) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    PdmStoredAlert a = readAlert(st);
    st.reset();
    return a;
}

pdm::PolicyReplay PdmResultStore::replay(const std::string &runId)
{
    const auto r = run(runId);
    if (!r)
        throw std::invalid_argument("run '" + runId
                                    + "' has no predictive maintenance results (seekbench-cli pdm "
                                      "evaluate --run "
                                    + runId + " makes them)");
    try {
        return pdm::parsePolicyReplay(r->replayJson);
    } catch (const std::invalid_argument &e) {
        throw std::invalid_argument("run '" + runId + "': " + e.what());
    }
}

} // namespace seekbench::projects
