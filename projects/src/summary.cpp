#include "summary.h"

#include "seekbench/projects/run_record.h"

#include <cstdint>

namespace seekbench::projects::summary {

const char *mergeSql()
{
    return R"(INSERT INTO run_summary(run_id, key, final_value, final_step, best_value, best_step)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT(run_id, key) DO UPDATE SET
          final_value = CASE WHEN excluded.final_step >= coalesce(final_step, excluded.final_step)
                             THEN excluded.final_value ELSE final_value END,
          final_step = max(coalesce(final_step, excluded.final_step), excluded.final_step),
          best_step = CASE WHEN excluded.best_value IS NOT NULL AND (best_value IS NULL
                             OR (?7 = 1 AND excluded.best_value > best_value)
                             OR (?7 = 0 AND excluded.best_value < best_value))
                           THEN excluded.best_step ELSE best_step END,
          best_value = CASE WHEN excluded.best_value IS NOT NULL AND (best_value IS NULL
                             OR (?7 = 1 AND excluded.best_value > best_value)
                             OR (?7 = 0 AND excluded.best_value < best_value))
                            THEN excluded.best_value ELSE best_value END)";
}

void merge(sql::Statement &upsert, const std::string &runId, const std::string &key, const Update &u)
{
    upsert.bind(1, runId).bind(2, key).bind(3, u.finalValue).bind(4, u.finalStep);
    if (u.hasBest)
        upsert.bind(5, u.bestValue).bind(6, u.bestStep);
    else
        upsert.bindNull(5).bindNull(6);
    upsert.bind(7, higherIsBetter(key) ? 1 : 0);
    upsert.run();
}

void recompute(sql::Database &db, const std::string &runId, const std::string &key, std::int64_t curveId)
{
    const bool higher = higherIsBetter(key);
    auto last = db.prepare("SELECT step, value FROM metrics WHERE curve_id = ?1 AND superseded = 0 "
                           "ORDER BY step DESC LIMIT 1");
    auto best = db.prepare(higher ? "SELECT step, value FROM metrics WHERE curve_id = ?1 AND superseded = 0 "
                                    "AND value IS NOT NULL ORDER BY value DESC, step LIMIT 1"
                                  : "SELECT step, value FROM metrics WHERE curve_id = ?1 AND superseded = 0 "
                                    "AND value IS NOT NULL ORDER BY value ASC, step LIMIT 1");
    auto put = db.prepare("INSERT OR REPLACE INTO run_summary(run_id, key, final_value, final_step, best_value, "
                          "best_step) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    put.bind(1, runId).bind(2, key);
    last.bind(1, curveId);
    if (last.step()) {
        put.bind(3, last.optReal(1)).bind(4, last.int64(0));
        last.reset();
    } else {
        put.bindNull(3).bindNull(4);
    }
    best.bind(1, curveId);
    if (best.step()) {
        put.bind(5, best.real(1)).bind(6, best.int64(0));
        best.reset();
    } else {
        put.bindNull(5).bindNull(6);
    }
    put.run();
}

} // namespace seekbench::projects::summary
