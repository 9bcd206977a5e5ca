#include "seekbench/projects/curve_query.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "sql.h"
#include "tiles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench::projects {

using Kind = ProjectError::Kind;

namespace {

// A grid of buckets in step space: bucket i covers [origin + i*width, origin + (i+1)*width).
struct StepGrid
{
    std::int64_t origin = 0;
    std::int64_t width = 1;
    int level = 0; // tile level to read; 0 reads raw points
    std::size_t count = 0;
};

StepGrid makeGrid(std::int64_t from, std::int64_t to, int buckets)
{
    StepGrid g;
    const std::int64_t span = std::max<std::int64_t>(1, to - from + 1);
    const std::int64_t width = std::max<std::int64_t>(1, (span + buckets - 1) / buckets);
    for (int level = tiles::kLevels; level >= 1; --level) {
        if (tiles::blockSize(level) <= width) {
            g.level = level;
            break;
        }
    }
    if (g.level > 0) {
        // Whole tiles per bucket, so no tile is split between two buckets.
        const std::int64_t bs = tiles::blockSize(g.level);
        g.width = (width + bs - 1) / bs * bs;
        g.origin = (from >> tiles::shiftOf(g.level)) << tiles::shiftOf(g.level);
    } else {
        g.width = width;
        g.origin = from;
    }
    g.count = static_cast<std::size_t>((to - g.origin) / g.width + 1);
    return g;
}

void addPoint(CurveBucket &b, bool &empty, std::int64_t step, double time, double value)
{
    if (empty) {
        b.firstStep = b.lastStep = step;
        b.first = b.last = value;
        b.firstTime = b.lastTime = time;
        empty = false;
    }
    if (step < b.firstStep) {
        b.firstStep = step;
        b.first = value;
        b.firstTime = time;
    }
    if (step >= b.lastStep) {
        b.lastStep = step;
        b.last = value;
        b.lastTime = time;
    }
    if (std::isfinite(value)) {
        if (b.count == 0 || value < b.min)
            b.min = value;
        if (b.count == 0 || value > b.max)
            b.max = value;
        b.sum += value;
        ++b.count;
    }
}

void addTile(CurveBucket &b, bool &empty, const tiles::Tile &t)
{
    if (empty) {
        b.firstStep = t.firstStep;
        b.first = t.firstValue;
        b.firstTime = t.firstTime;
        b.lastStep = t.lastStep;
        b.last = t.lastValue;
        b.lastTime = t.lastTime;
        empty = false;
    }
    if (t.firstStep < b.firstStep) {
        b.firstStep = t.firstStep;
        b.first = t.firstValue;
        b.firstTime = t.firstTime;
    }
    if (t.lastStep >= b.lastStep) {
        b.lastStep = t.lastStep;
        b.last = t.lastValue;
        b.lastTime = t.lastTime;
    }
    if (t.count > 0) {
        if (b.count == 0 || t.min < b.min)
            b.min = t.min;
        if (b.count == 0 || t.max > b.max)
            b.max = t.max;
        b.sum += t.sum;
        b.count += t.count;
    }
}

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

} // namespace

struct CurveQuery::Impl
{
    const Project &project;
    sql::Database db;
    sql::Statement findCurve, readTiles, readRaw, runStart;

    explicit Impl(const Project &p) : project(p), db(openConnection(p, /*readOnly=*/true))
    {
        findCurve = db.prepare("SELECT id, coalesce(min_step, 0), coalesce(max_step, -1), points FROM curves "
                               "WHERE run_id = ?1 AND key = ?2 AND rank = ?3");
        readTiles = db.prepare("SELECT block, first_step, first_value, first_time, last_step, last_value, "
                               "last_time, vmin, vmax, vsum, n FROM tiles WHERE curve_id = ?1 AND level = ?2 "
                               "AND block BETWEEN ?3 AND ?4 ORDER BY block");
        readRaw = db.prepare("SELECT step, wall_time, value FROM metrics WHERE curve_id = ?1 AND step BETWEEN ?2 "
                             "AND ?3 AND superseded = 0 ORDER BY step");
        runStart = db.prepare("SELECT coalesce(started_at, created_at), status, attempt FROM runs WHERE id = ?1");
    }

    struct Curve
    {
        std::int64_t id = 0, minStep = 0, maxStep = -1, points = 0;
        bool found = false;
    };

    Curve curve(const std::string &runId, const std::string &key, int rank)
    {
        Curve c;
        findCurve.bind(1, runId).bind(2, key).bind(3, rank);
        if (findCurve.step()) {
            c = {findCurve.int64(0), findCurve.int64(1), findCurve.int64(2), findCurve.int64(3), true};
            findCurve.reset();
        }
        return c;
    }

    void requireRun(const std::string &runId)
    {
        Project::checkRunId(runId);
        runStart.bind(1, runId);
        const bool found = runStart.step();
        runStart.reset();
        if (!found)
            throw ProjectError(Kind::NotFound, "no run '" + runId + "' in " + project.dir().string());
    }

    // Calls f(tile) for each tile of a level within [fromBlock, toBlock].
    template<typename F>
    void forTiles(std::int64_t curveId, int level, std::int64_t fromBlock, std::int64_t toBlock, F &&f)
    {
        readTiles.bind(1, curveId).bind(2, level).bind(3, fromBlock).bind(4, toBlock);
        while (readTiles.step()) {
            tiles::Tile t;
            t.firstStep = readTiles.int64(1);
            t.firstValue = readTiles.isNull(2) ? nan() : readTiles.real(2);
            t.firstTime = readTiles.real(3);
            t.lastStep = readTiles.int64(4);
            t.lastValue = readTiles.isNull(5) ? nan() : readTiles.real(5);
            t.lastTime = readTiles.real(6);
            t.count = readTiles.int64(10);
            if (t.count > 0) {
                t.min = readTiles.real(7);
                t.max = readTiles.real(8);
                t.sum = readTiles.real(9);
            }
            t.empty = false;
            f(t);
        }
    }

    void fillStepGrid(DecimatedCurve &out, const Curve &c, const StepGrid &g, std::int64_t from, std::int64_t to)
    {
        std::vector<CurveBucket> buckets(g.count);
        std::vector<char> empty(g.count, 1);
        auto slot = [&](std::int64_t step) -> std::size_t {
            return static_cast<std::size_t>((step - g.origin) / g.width);
        };
        if (g.level > 0) {
            const int shift = tiles::shiftOf(g.level);
            forTiles(c.id, g.level, from >> shift, to >> shift, [&](const tiles::Tile &t) {
                const std::size_t i = slot(t.firstStep);
                if (i < buckets.size()) {
                    bool e = empty[i] != 0;
                    addTile(buckets[i], e, t);
                    empty[i] = e;
                }
            });
        } else {
            readRaw.bind(1, c.id).bind(2, from).bind(3, to);
            while (readRaw.step()) {
                const std::size_t i = slot(readRaw.int64(0));
                if (i < buckets.size()) {
                    bool e = empty[i] != 0;
                    addPoint(buckets[i], e, readRaw.int64(0), readRaw.real(1),
                             readRaw.isNull(2) ? nan() : readRaw.real(2));
                    empty[i] = e;
                }
            }
        }
        out.bucketWidth = g.width;
        out.tileLevel = g.level;
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            if (!empty[i]) {
                buckets[i].x = static_cast<double>(g.origin + static_cast<std::int64_t>(i) * g.width);
                out.buckets.push_back(buckets[i]);
            }
        }
    }
};

CurveQuery::CurveQuery(const Project &project) : d(std::make_unique<Impl>(project)) {}
CurveQuery::~CurveQuery() = default;

std::vector<CurveInfo> CurveQuery::curves(const std::string &runId)
{
    d->requireRun(runId);
    std::vector<CurveInfo> out;
    auto st = d->db.prepare("SELECT id, key, rank, coalesce(min_step, 0), coalesce(max_step, 0), points "
                            "FROM curves WHERE run_id = ?1 ORDER BY key, rank");
    st.bind(1, runId);
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.int32(2), st.int64(3), st.int64(4), st.int64(5)});
    return out;
}

DecimatedCurve CurveQuery::decimate(const std::string &runId, const std::string &key, int buckets, int rank,
                                    std::int64_t fromStep, std::int64_t toStep)
{
    if (buckets < 1)
        throw ProjectError(Kind::BadInput, "buckets must be 1 or more, not " + std::to_string(buckets));
    d->requireRun(runId);
    const auto c = d->curve(runId, key, rank);
    if (!c.found)
        throw ProjectError(Kind::NotFound,
                           "run '" + runId + "' has no curve '" + key + "' (rank " + std::to_string(rank) + ")");
    DecimatedCurve out{runId, key, rank, {}, 0, 0, c.points};
    const std::int64_t from = std::max(fromStep, c.minStep);
    const std::int64_t to = std::min(toStep, c.maxStep);
    if (c.points == 0 || from > to)
        return out;
    try {
        d->fillStepGrid(out, c, makeGrid(from, to, buckets), from, to);
    } catch (const sql::SqlError &e) {
        throw ProjectError(Kind::Database, e.what());
    }
    return out;
}

std::vector<DecimatedCurve> CurveQuery::aligned(const std::vector<std::string> &runIds, const std::string &key,
                                                int buckets, AlignBy by, int rank)
{
    if (buckets < 1)
        throw ProjectError(Kind::BadInput, "buckets must be 1 or more, not " + std::to_string(buckets));
    std::vector<Impl::Curve> curves;
    std::vector<double> starts;
    std::int64_t from = std::numeric_limits<std::int64_t>::max(), to = std::numeric_limits<std::int64_t>::min();
    for (const auto &id : runIds) {
        d->requireRun(id);
        curves.push_back(d->curve(id, key, rank));
        d->runStart.bind(1, id);
        d->runStart.step();
        starts.push_back(d->runStart.real(0));
        d->runStart.reset();
        if (curves.back().found && curves.back().points > 0) {
            from = std::min(from, curves.back().minStep);
            to = std::max(to, curves.back().maxStep);
        }
    }
    std::vector<DecimatedCurve> out;
    for (std::size_t r = 0; r < runIds.size(); ++r)
        out.push_back({runIds[r], key, rank, {}, 0, 0, curves[r].points});
    if (from > to)
        return out;
    if (by == AlignBy::Step) {
        // One grid for all runs: bucket i means the same steps in every curve.
        const StepGrid g = makeGrid(from, to, buckets);
        for (std::size_t r = 0; r < runIds.size(); ++r)
            if (curves[r].found && curves[r].points > 0)
                d->fillStepGrid(out[r], curves[r], g, from, to);
        return out;
    }
    // By time: decimate each run finely in steps (4x the buckets), then place those
    // buckets on a common grid of seconds since each run's start.
    std::vector<DecimatedCurve> fine;
    double longest = 0;
    for (std::size_t r = 0; r < runIds.size(); ++r) {
        DecimatedCurve f{runIds[r], key, rank, {}, 0, 0, curves[r].points};
        if (curves[r].found && curves[r].points > 0) {
            d->fillStepGrid(f, curves[r], makeGrid(curves[r].minStep, curves[r].maxStep, buckets * 4),
                            curves[r].minStep, curves[r].maxStep);
            for (const auto &b : f.buckets)
                longest = std::max(longest, b.lastTime - starts[r]);
        }
        fine.push_back(std::move(f));
    }
    const double width = longest > 0 ? longest / buckets : 1.0;
    for (std::size_t r = 0; r < runIds.size(); ++r) {
        std::vector<CurveBucket> grid(static_cast<std::size_t>(buckets) + 1);
        std::vector<char> empty(grid.size(), 1);
        for (const auto &b : fine[r].buckets) {
            const double t = std::max(0.0, b.firstTime - starts[r]);
            const auto i = std::min(grid.size() - 1, static_cast<std::size_t>(t / width));
            CurveBucket &g = grid[i];
            tiles::Tile tile;
            tile.firstStep = b.firstStep;
            tile.lastStep = b.lastStep;
            tile.firstValue = b.first;
            tile.lastValue = b.last;
            tile.firstTime = b.firstTime;
            tile.lastTime = b.lastTime;
            tile.min = b.min;
            tile.max = b.max;
            tile.sum = b.sum;
            tile.count = b.count;
            tile.empty = false;
            bool e = empty[i] != 0;
            addTile(g, e, tile);
            empty[i] = e;
        }
        out[r].tileLevel = fine[r].tileLevel;
        for (std::size_t i = 0; i < grid.size(); ++i) {
            if (!empty[i]) {
                grid[i].x = static_cast<double>(i) * width;
                out[r].buckets.push_back(grid[i]);
            }
        }
    }
    return out;
}

std::vector<CurvePoint> CurveQuery::points(const std::string &runId, const std::string &key, int rank,
                                           bool includeSuperseded, std::int64_t fromStep, std::int64_t toStep)
{
    d->requireRun(runId);
    const auto c = d->curve(runId, key, rank);
    if (!c.found)
        throw ProjectError(Kind::NotFound, "run '" + runId + "' has no curve '" + key + "'");
    std::vector<CurvePoint> out;
    auto st = d->db.prepare(includeSuperseded
                                ? "SELECT step, wall_time, value, attempt, superseded FROM metrics WHERE curve_id = ?1 "
                                  "AND step BETWEEN ?2 AND ?3 ORDER BY step, attempt"
                                : "SELECT step, wall_time, value, attempt, superseded FROM metrics WHERE curve_id = ?1 "
                                  "AND step BETWEEN ?2 AND ?3 AND superseded = 0 ORDER BY step, attempt");
    st.bind(1, c.id).bind(2, fromStep).bind(3, toStep);
    while (st.step())
        out.push_back({st.int64(0), st.real(1), st.isNull(2) ? nan() : st.real(2), st.int32(3), st.int32(4) != 0});
    return out;
}

LiveUpdate CurveQuery::since(const std::string &runId, const LiveCursor &cursor, std::size_t maxPoints)
{
    d->requireRun(runId);
    LiveUpdate up;
    d->runStart.bind(1, runId);
    d->runStart.step();
    up.status = parseRunStatus(d->runStart.text(1)).value_or(RunStatus::Failed); // as the listing reads it
    const int attempt = d->runStart.int32(2);
    d->runStart.reset();
    up.reset = cursor.attempt != 0 && cursor.attempt != attempt;
    up.cursor.attempt = attempt;
    if (!up.reset)
        up.cursor.lastStep = cursor.lastStep;
    auto st = d->db.prepare("SELECT step, wall_time, value, attempt FROM metrics WHERE curve_id = ?1 AND step > ?2 "
                            "AND superseded = 0 ORDER BY step LIMIT ?3");
    for (const auto &c : curves(runId)) {
        auto it = up.cursor.lastStep.find(c.id);
        const std::int64_t after = it == up.cursor.lastStep.end() ? std::numeric_limits<std::int64_t>::min()
                                                                  : it->second;
        LiveUpdate::Series s{c.key, c.rank, {}};
        st.bind(1, c.id).bind(2, after).bind(3, static_cast<std::int64_t>(maxPoints));
        while (st.step())
            s.points.push_back({st.int64(0), st.real(1), st.isNull(2) ? nan() : st.real(2), st.int32(3), false});
        if (!s.points.empty()) {
            up.cursor.lastStep[c.id] = s.points.back().step;
            up.series.push_back(std::move(s));
        }
    }
    return up;
}

} // namespace seekbench::projects
