#include "ingest.h"

#include "seekbench/projects/run_record.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace seekbench::projects {

namespace {

// The GPU part of a sample (devices and status); the scalar figures have columns.
std::string gpuJson(const SystemSample &s)
{
    nlohmann::json devices = nlohmann::json::array();
    for (const auto &d : s.devices)
        devices.push_back(
            {{"index", d.index}, {"name", d.name}, {"used_bytes", d.usedBytes}, {"total_bytes", d.totalBytes}});
    return nlohmann::json{{"gpu_status", s.gpuStatus}, {"devices", devices}}.dump();
}

} // namespace

Ingest::Ingest(sql::Database &db, std::string runId, int attempt)
    : m_db(db), m_runId(std::move(runId)), m_attempt(attempt)
{
    m_insertPoint = db.prepare("INSERT OR IGNORE INTO metrics(curve_id, step, attempt, wall_time, value) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
    m_insertCurve = db.prepare("INSERT OR IGNORE INTO curves(run_id, key, rank) VALUES (?1, ?2, ?3)");
    m_findCurve = db.prepare("SELECT id FROM curves WHERE run_id = ?1 AND key = ?2 AND rank = ?3");
    m_curveStats = db.prepare(R"(UPDATE curves SET
          min_step = CASE WHEN min_step IS NULL OR ?2 < min_step THEN ?2 ELSE min_step END,
          max_step = CASE WHEN max_step IS NULL OR ?3 > max_step THEN ?3 ELSE max_step END,
          points = points + ?4 WHERE id = ?1)");
    m_summary = db.prepare(summary::mergeSql());
    m_sample = db.prepare(R"(INSERT OR IGNORE INTO system_samples(run_id, rank, wall_time, rss_bytes,
          cpu_percent, cuda_allocated, cuda_reserved, cuda_peak, gpu_json)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))");
    m_event = db.prepare(R"(INSERT OR IGNORE INTO events(run_id, attempt, rank, step, wall_time, kind, json,
          origin, ordinal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))");
    m_heartbeat = db.prepare("UPDATE runs SET heartbeat_at = max(coalesce(heartbeat_at, 0), ?2) WHERE id = ?1");
}

std::int64_t Ingest::curveId(const std::string &key, int rank)
{
    std::string cacheKey = key;
    cacheKey += '\n';
    cacheKey += std::to_string(rank);
    if (auto it = m_curves.find(cacheKey); it != m_curves.end())
        return it->second;
    if (auto it = m_pending.find(cacheKey); it != m_pending.end())
        return it->second;
    m_insertCurve.bind(1, m_runId).bind(2, key).bind(3, rank).run();
    m_findCurve.bind(1, m_runId).bind(2, key).bind(3, rank);
    m_findCurve.step();
    const std::int64_t id = m_findCurve.int64(0);
    m_findCurve.reset();
    m_pending.emplace(std::move(cacheKey), id);
    return id;
}

std::size_t Ingest::write(const std::vector<MetricPoint> &points, const std::vector<SystemSample> &samples,
                          const std::vector<OriginEvent> &events, double heartbeatAt)
{
    struct CurveBatch
    {
        std::int64_t id = 0;
        const MetricPoint *sample = nullptr; // key and rank
        std::int64_t minStep = 0, maxStep = 0, count = 0;
        bool rank0 = false, higher = false;
        summary::Update summary;
    };
    // A trainer logs a handful of keys per step, interleaved: a short list searched
    // linearly (without building strings) beats a map here, and this loop is the hot path.
    std::vector<CurveBatch> curves;
    m_tiles.clear();
    std::size_t stored = 0;
    std::size_t hit = 0;
    for (const MetricPoint &p : points) {
        if (curves.empty() || curves[hit].sample->rank != p.rank || curves[hit].sample->key != p.key) {
            hit = curves.size();
            for (std::size_t i = 0; i < curves.size(); ++i) {
                if (curves[i].sample->rank == p.rank && curves[i].sample->key == p.key) {
                    hit = i;
                    break;
                }
            }
            if (hit == curves.size()) {
                CurveBatch c;
                c.id = curveId(p.key, p.rank);
                c.sample = &p;
                c.rank0 = p.rank == 0;
                c.higher = higherIsBetter(p.key);
                curves.push_back(c);
            }
        }
        CurveBatch &c = curves[hit];
        m_insertPoint.bind(1, c.id).bind(2, p.step).bind(3, m_attempt).bind(4, p.wallTime);
        if (std::isnan(p.value))
            m_insertPoint.bindNull(5); // SQLite has no NaN; NULL reads back as NaN
        else
            m_insertPoint.bind(5, p.value);
        m_insertPoint.run();
        if (m_db.changes() == 0)
            continue;
        ++stored;
        m_tiles.add(c.id, p.step, p.wallTime, p.value);
        if (c.count == 0 || p.step < c.minStep)
            c.minStep = p.step;
        if (c.count == 0 || p.step >= c.maxStep) {
            c.maxStep = p.step;
            c.summary.finalStep = p.step;
            c.summary.finalValue = p.value;
        }
        if (c.rank0 && std::isfinite(p.value)) {
            if (!c.summary.hasBest || (c.higher ? p.value > c.summary.bestValue : p.value < c.summary.bestValue)) {
                c.summary.bestValue = p.value;
                c.summary.bestStep = p.step;
                c.summary.hasBest = true;
            }
        }
        ++c.count;
    }
    m_tiles.write(m_db);
    for (const CurveBatch &c : curves) {
        if (c.count == 0)
            continue;
        m_curveStats.bind(1, c.id).bind(2, c.minStep).bind(3, c.maxStep).bind(4, c.count).run();
        if (c.rank0)
            summary::merge(m_summary, m_runId, c.sample->key, c.summary);
    }
    for (const SystemSample &s : samples) {
        m_sample.bind(1, m_runId).bind(2, s.rank).bind(3, s.wallTime).bind(4, s.rssBytes).bind(5, s.cpuPercent);
        if (s.cudaAvailable)
            m_sample.bind(6, s.cudaAllocatedBytes).bind(7, s.cudaReservedBytes).bind(8, s.cudaPeakAllocatedBytes);
        else
            m_sample.bindNull(6).bindNull(7).bindNull(8);
        m_sample.bind(9, gpuJson(s));
        m_sample.run();
    }
    for (const OriginEvent &oe : events) {
        const RunEvent &e = oe.event;
        m_event.bind(1, m_runId)
            .bind(2, m_attempt)
            .bind(3, e.rank)
            .bind(4, e.step)
            .bind(5, e.wallTime)
            .bind(6, e.kind)
            .bind(7, e.json);
        if (oe.origin.empty())
            m_event.bindNull(8).bindNull(9);
        else
            m_event.bind(8, oe.origin).bind(9, oe.ordinal);
        m_event.run();
    }
    m_heartbeat.bind(1, m_runId).bind(2, heartbeatAt).run();
    return stored;
}

void Ingest::committed()
{
    for (auto &kv : m_pending)
        m_curves.insert(kv);
    m_pending.clear();
}

void Ingest::discard() { m_pending.clear(); }

} // namespace seekbench::projects
