#pragma once

// Pre-aggregated tiles: for each curve, blocks of 16^level steps (levels 1..4: 16, 256,
// 4,096 and 65,536 steps) with first, last, min, max, sum and count. A decimated read
// touches only tiles, never raw points, and min/max keep spikes visible.

#include "sql.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace seekbench::projects::tiles {

constexpr int kLevels = 4;
constexpr int kShiftPerLevel = 4; // 16x per level

inline int shiftOf(int level) { return kShiftPerLevel * level; }
inline std::int64_t blockOf(std::int64_t step, int level) { return step >> shiftOf(level); }
inline std::int64_t blockSize(int level) { return std::int64_t(1) << shiftOf(level); }

struct Tile
{
    std::int64_t firstStep = 0, lastStep = 0;
    double firstValue = 0, lastValue = 0, firstTime = 0, lastTime = 0;
    double min = 0, max = 0, sum = 0;
    std::int64_t count = 0; // finite values only; min/max/sum ignore NaN and inf
    bool empty = true;

    void add(std::int64_t step, double time, double value)
    {
        if (empty || step < firstStep) {
            firstStep = step;
            firstValue = value;
            firstTime = time;
        }
        if (empty || step >= lastStep) {
            lastStep = step;
            lastValue = value;
            lastTime = time;
        }
        if (std::isfinite(value)) {
            if (count == 0 || value < min)
                min = value;
            if (count == 0 || value > max)
                max = value;
            sum += value;
            ++count;
        }
        empty = false;
    }
    void merge(const Tile &o)
    {
        if (o.empty)
            return;
        if (empty || o.firstStep < firstStep) {
            firstStep = o.firstStep;
            firstValue = o.firstValue;
            firstTime = o.firstTime;
        }
        if (empty || o.lastStep >= lastStep) {
            lastStep = o.lastStep;
            lastValue = o.lastValue;
            lastTime = o.lastTime;
        }
        if (o.count > 0) {
            if (count == 0 || o.min < min)
                min = o.min;
            if (count == 0 || o.max > max)
                max = o.max;
            sum += o.sum;
            count += o.count;
        }
        empty = false;
    }
};

// Tiles of one batch of newly inserted points, merged into the table with an upsert.
// Points of a curve mostly arrive in step order, so each (curve, level) keeps its open
// tile at the back of a list: adding a point is O(1) without a tree lookup.
class TileBatch
{
public:
    void add(std::int64_t curve, std::int64_t step, double time, double value)
    {
        if (curve != m_lastCurve || !m_last) {
            m_last = &m_curves[curve];
            m_lastCurve = curve;
        }
        for (int level = 1; level <= kLevels; ++level) {
            auto &list = (*m_last)[static_cast<std::size_t>(level - 1)];
            const std::int64_t block = blockOf(step, level);
            // Out of order, a block may get a second entry: the upsert merges them.
            if (list.empty() || list.back().first != block)
                list.emplace_back(block, Tile{});
            list.back().second.add(step, time, value);
        }
    }
    bool empty() const { return m_curves.empty(); }
    void clear()
    {
        m_curves.clear();
        m_last = nullptr;
    }
    void write(sql::Database &db) const;

private:
    using Levels = std::array<std::vector<std::pair<std::int64_t, Tile>>, kLevels>;
    std::map<std::int64_t, Levels> m_curves;
    Levels *m_last = nullptr;
    std::int64_t m_lastCurve = -1;
};

// Rebuilds a curve's tiles and stats from its visible raw points at and after
// `fromStep` (the whole curve for fromStep <= 0). Used by migrations and by resume.
void rebuildCurve(sql::Database &db, std::int64_t curveId, std::int64_t fromStep, bool hasAttempts = true);

} // namespace seekbench::projects::tiles
