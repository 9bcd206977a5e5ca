#include "tiles.h"

#include <cstdint>
#include <limits>

namespace seekbench::projects::tiles {

namespace {

void bindTile(sql::Statement &st, std::int64_t curve, int level, std::int64_t block, const Tile &t)
{
    st.bind(1, curve).bind(2, level).bind(3, block);
    st.bind(4, t.firstStep).bind(5, t.firstValue).bind(6, t.firstTime);
    st.bind(7, t.lastStep).bind(8, t.lastValue).bind(9, t.lastTime);
    if (t.count > 0)
        st.bind(10, t.min).bind(11, t.max);
    else
        st.bindNull(10).bindNull(11);
    st.bind(12, t.sum).bind(13, t.count);
}

} // namespace

void TileBatch::write(sql::Database &db) const
{
    // The upsert merges with a tile that earlier flushes (or other processes) started:
    // every SET expression sees the old row, so the order of the CASEs does not matter.
    auto st = db.prepare(R"(
        INSERT INTO tiles(curve_id, level, block, first_step, first_value, first_time,
                          last_step, last_value, last_time, vmin, vmax, vsum, n)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT(curve_id, level, block) DO UPDATE SET
          first_value = CASE WHEN excluded.first_step < first_step THEN excluded.first_value ELSE first_value END,
          first_time  = CASE WHEN excluded.first_step < first_step THEN excluded.first_time ELSE first_time END,
          first_step  = min(first_step, excluded.first_step),
          last_value  = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END,
          last_time   = CASE WHEN excluded.last_step >= last_step THEN excluded.last_time ELSE last_time END,
          last_step   = max(last_step, excluded.last_step),
          vmin = CASE WHEN vmin IS NULL OR excluded.vmin < vmin THEN excluded.vmin ELSE vmin END,
          vmax = CASE WHEN vmax IS NULL OR excluded.vmax > vmax THEN excluded.vmax ELSE vmax END,
          vsum = vsum + excluded.vsum,
          n = n + excluded.n)");
    for (const auto &[curve, levels] : m_curves) {
        for (int level = 1; level <= kLevels; ++level) {
            for (const auto &[block, tile] : levels[static_cast<std::size_t>(level - 1)]) {
                bindTile(st, curve, level, block, tile);
                st.run();
            }
        }
    }
}

void rebuildCurve(sql::Database &db, std::int64_t curveId, std::int64_t fromStep, bool hasAttempts)
{
    const bool whole = fromStep <= 0;
    // Each level restarts at the beginning of the block holding fromStep, so the block
    // that straddles the cut is rebuilt whole.
    auto del = db.prepare("DELETE FROM tiles WHERE curve_id = ?1 AND level = ?2 AND block >= ?3");
    std::int64_t readFrom = std::numeric_limits<std::int64_t>::min();
    for (int level = 1; level <= kLevels; ++level) {
        const std::int64_t block = whole ? std::numeric_limits<std::int64_t>::min() : blockOf(fromStep, level);
        del.bind(1, curveId).bind(2, level).bind(3, block).run();
        if (!whole)
            readFrom = block << shiftOf(level); // the coarsest level starts earliest
    }

    std::map<std::tuple<std::int64_t, int, std::int64_t>, Tile> fresh;
    // Schema 2 had no attempts: every point was visible.
    auto read = db.prepare(hasAttempts ? "SELECT step, wall_time, value FROM metrics WHERE curve_id = ?1 "
                                         "AND step >= ?2 AND superseded = 0 ORDER BY step"
                                       : "SELECT step, wall_time, value FROM metrics WHERE curve_id = ?1 "
                                         "AND step >= ?2 ORDER BY step");
    read.bind(1, curveId).bind(2, readFrom);
    while (read.step()) {
        const std::int64_t step = read.int64(0);
        const double time = read.real(1);
        const double value = read.isNull(2) ? std::numeric_limits<double>::quiet_NaN() : read.real(2);
        for (int level = 1; level <= kLevels; ++level) {
            const std::int64_t block = blockOf(step, level);
            if (!whole && block < blockOf(fromStep, level))
                continue; // an earlier block of a finer level: its tile is still valid
            fresh[{curveId, level, block}].add(step, time, value);
        }
    }
    auto ins = db.prepare(R"(
        INSERT INTO tiles(curve_id, level, block, first_step, first_value, first_time,
                          last_step, last_value, last_time, vmin, vmax, vsum, n)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))");
    for (const auto &[key, tile] : fresh) {
        bindTile(ins, std::get<0>(key), std::get<1>(key), std::get<2>(key), tile);
        ins.run();
    }

    if (!hasAttempts) {
        db.prepare("UPDATE curves SET min_step = (SELECT min(step) FROM metrics WHERE curve_id = ?1), "
                   "max_step = (SELECT max(step) FROM metrics WHERE curve_id = ?1), "
                   "points = (SELECT count(*) FROM metrics WHERE curve_id = ?1) WHERE id = ?1")
            .bind(1, curveId)
            .run();
        return;
    }
    db.prepare(R"(
        UPDATE curves SET
          min_step = (SELECT min(step) FROM metrics WHERE curve_id = ?1 AND superseded = 0),
          max_step = (SELECT max(step) FROM metrics WHERE curve_id = ?1 AND superseded = 0),
          points = (SELECT count(*) FROM metrics WHERE curve_id = ?1 AND superseded = 0)
        WHERE id = ?1)")
        .bind(1, curveId)
        .run();
}

} // namespace seekbench::projects::tiles
