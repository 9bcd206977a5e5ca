#pragma once

// Writes batches of one run's points, samples and events into the store, with their
// tiles, curve stats, summary and the run's heartbeat, inside the caller's transaction.
// Shared by the live MetricWriter and the SegmentImporter, so both paths store exactly
// the same rows. Duplicate points (same curve, step and attempt) are ignored, which
// makes re-imports idempotent and keeps tiles from counting a point twice.

#include "seekbench/run/metrics_sink.h"
#include "sql.h"
#include "summary.h"
#include "tiles.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace seekbench::projects {

class Ingest
{
public:
    Ingest(sql::Database &db, std::string runId, int attempt);

    // An event from a segment carries its origin (segment name) and ordinal (line), so
    // that importing it twice stores it once. Direct writes leave origin empty.
    struct OriginEvent
    {
        RunEvent event;
        std::string origin;
        std::int64_t ordinal = 0;
    };

    // Inside a write transaction. Returns the number of points newly stored.
    std::size_t write(const std::vector<MetricPoint> &points, const std::vector<SystemSample> &samples,
                      const std::vector<OriginEvent> &events, double heartbeatAt);
    // After COMMIT: keep the curve ids learnt in the transaction. After a ROLLBACK they
    // may not exist, so discard() forgets them.
    void committed();
    void discard();
    void setAttempt(int attempt) { m_attempt = attempt; }

private:
    std::int64_t curveId(const std::string &key, int rank);

    sql::Database &m_db;
    std::string m_runId;
    int m_attempt;
    std::unordered_map<std::string, std::int64_t> m_curves;  // key + '\n' + rank
    std::unordered_map<std::string, std::int64_t> m_pending; // learnt in this transaction
    sql::Statement m_insertPoint, m_insertCurve, m_findCurve, m_curveStats, m_summary, m_sample, m_event, m_heartbeat;
    tiles::TileBatch m_tiles;
};

} // namespace seekbench::projects
