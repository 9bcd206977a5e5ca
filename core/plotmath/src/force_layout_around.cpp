// layoutAround: incremental placement for neighbourhood expansion (force_layout.h).
#include "seekbench/plotmath/force_layout.h"

#include "force_layout_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace seekbench::plotmath {

using detail::cancelled;
using detail::checkEdges;

namespace {

// Neighbour lists in one array (CSR), self-loops left out.
struct Adjacency
{
    std::vector<int> start, list;
    explicit Adjacency(const ForceGraph &graph) : start(std::size_t(graph.nodeCount) + 1, 0)
    {
        for (const auto &e : graph.edges)
            if (e.from != e.to) {
                ++start[std::size_t(e.from) + 1];
                ++start[std::size_t(e.to) + 1];
            }
        for (std::size_t i = 1; i < start.size(); ++i)
            start[i] += start[i - 1];
        list.resize(std::size_t(start.back()));
        std::vector<int> fill(start.begin(), start.end() - 1);
        for (const auto &e : graph.edges)
            if (e.from != e.to) {
                list[std::size_t(fill[std::size_t(e.from)]++)] = e.to;
                list[std::size_t(fill[std::size_t(e.to)]++)] = e.from;
            }
    }
    template<typename F>
    void forEach(int v, F f) const
    {
        for (int k = start[std::size_t(v)]; k < start[std::size_t(v) + 1]; ++k)
            f(list[std::size_t(k)]);
    }
};

// A uniform grid over the positions, rebuilt each step: nodes sorted by cell.
class CellIndex
{
public:
    explicit CellIndex(double cell) : m_cell(cell) {}
    void rebuild(const std::vector<LayoutPoint> &pos)
    {
        m_entries.clear();
        for (std::size_t i = 0; i < pos.size(); ++i)
            m_entries.push_back({key(cellOf(pos[i].x), cellOf(pos[i].y)), int(i)});
        std::sort(m_entries.begin(), m_entries.end());
    }
    // Calls f(node) for every node in the 3 x 3 cells around p.
    template<typename F>
    void near(const LayoutPoint &p, F f) const
    {
        const long long cx = cellOf(p.x), cy = cellOf(p.y);
        for (long long dx = -1; dx <= 1; ++dx)
            for (long long dy = -1; dy <= 1; ++dy) {
                const std::uint64_t k = key(cx + dx, cy + dy);
                auto it = std::lower_bound(m_entries.begin(), m_entries.end(), std::pair<std::uint64_t, int>(k, -1));
                for (; it != m_entries.end() && it->first == k; ++it)
                    f(it->second);
            }
    }

private:
    long long cellOf(double v) const { return (long long)std::floor(v / m_cell); }
    static std::uint64_t key(long long x, long long y)
    {
        return (std::uint64_t(std::uint32_t(std::int32_t(x))) << 32) | std::uint32_t(std::int32_t(y));
    }
    double m_cell;
    std::vector<std::pair<std::uint64_t, int>> m_entries;
};

// A direction for the k-th node placed around one anchor: golden-angle steps, so successive
// children spread evenly, turned by a seeded offset.
LayoutPoint around(const LayoutPoint &anchor, int k, double radius, double turn)
{
    const double angle = turn + k * 2.399963229728653;
    const double r = radius * (1 + 0.15 * (k / 8));
    return {anchor.x + r * std::cos(angle), anchor.y + r * std::sin(angle)};
}

} // namespace

ForceLayoutResult layoutAround(const ForceGraph &graph, const std::vector<LayoutPoint> &positions,
                               const std::vector<bool> &fixed, const ForceLayoutOptions &options)
{
    ForceLayoutResult out;
    if (out.error = checkEdges(graph); !out.error.empty())
        return out;
    const std::size_t n = std::size_t(graph.nodeCount);
    if (positions.size() != n || fixed.size() != n) {
        out.error = "layoutAround: " + std::to_string(positions.size()) + " positions and "
                    + std::to_string(fixed.size()) + " fixed flags for " + std::to_string(n) + " nodes";
        return out;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (fixed[i] && !(std::isfinite(positions[i].x) && std::isfinite(positions[i].y))) {
            out.error = "layoutAround: fixed node " + std::to_string(i) + " has no finite position";
            return out;
        }
    const double length = options.edgeLength > 0 ? options.edgeLength : 40;
    const Adjacency adj(graph);
    std::vector<LayoutPoint> pos = positions;
    std::vector<bool> placed = fixed;
    std::vector<int> children(n, 0); // nodes placed around each anchor so far
    const double turn = double(options.seed % 6283) / 1000.0;
    // Breadth-first from the fixed nodes: a new node starts beside its first placed neighbour,
    // pulled towards the mean of all its placed neighbours.
    std::vector<int> queue;
    for (std::size_t i = 0; i < n; ++i)
        if (fixed[i])
            queue.push_back(int(i));
    double right = -std::numeric_limits<double>::max(), top = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < n; ++i)
        if (fixed[i]) {
            right = std::max(right, pos[i].x);
            top = std::min(top, pos[i].y);
        }
    if (queue.empty())
        right = top = 0;
    int orphans = 0; // new nodes with no placed path to the picture go in a column beside it
    for (std::size_t head = 0, seed = 0; head < queue.size() || seed < n;) {
        if (head == queue.size()) {
            while (seed < n && placed[seed])
                ++seed;
            if (seed == n)
                break;
            pos[seed] = {right + 3 * length, top + length * 2 * orphans++};
            placed[seed] = true;
            queue.push_back(int(seed));
        }
        const int v = queue[head++];
        adj.forEach(v, [&](int w) {
            if (placed[std::size_t(w)])
                return;
            LayoutPoint mean{0, 0};
            int count = 0;
            adj.forEach(w, [&](int u) {
                if (placed[std::size_t(u)]) {
                    mean.x += pos[std::size_t(u)].x;
                    mean.y += pos[std::size_t(u)].y;
                    ++count;
                }
            });
            const LayoutPoint anchor = count > 1 ? LayoutPoint{mean.x / count, mean.y / count} : pos[std::size_t(v)];
            pos[std::size_t(w)] = around(anchor, children[std::size_t(v)]++, length, turn);
            placed[std::size_t(w)] = true;
            queue.push_back(w);
        });
    }
    // Relaxation of the new nodes only (Fruchterman-Reingold forces, a cooling step cap).
    std::vector<int> moving;
    for (std::size_t i = 0; i < n; ++i)
        if (!fixed[i])
            moving.push_back(int(i));
    CellIndex cells(2 * length);
    std::vector<LayoutPoint> force(moving.size());
    const int iterations = std::max(0, options.aroundIterations);
    for (int it = 0; it < iterations && !moving.empty(); ++it) {
        if (cancelled(options))
            return {};
        cells.rebuild(pos);
        const double step = length * (1 - double(it) / iterations) * 0.5 + length * 0.02;
        for (std::size_t m = 0; m < moving.size(); ++m) {
            const int v = moving[m];
            const LayoutPoint p = pos[std::size_t(v)];
            LayoutPoint f{0, 0};
            cells.near(p, [&](int u) {
                if (u == v)
                    return;
                double dx = p.x - pos[std::size_t(u)].x, dy = p.y - pos[std::size_t(u)].y;
                double d2 = dx * dx + dy * dy;
                if (d2 < 1e-12) { // on top of each other: a direction from the indices
                    dx = std::cos(v * 0.7 + u);
                    dy = std::sin(v * 0.7 + u);
                    d2 = 1e-6;
                }
                if (d2 < 4 * length * length) {
                    f.x += dx * length * length / d2;
                    f.y += dy * length * length / d2;
                }
            });
            adj.forEach(v, [&](int u) {
                const double dx = pos[std::size_t(u)].x - p.x, dy = pos[std::size_t(u)].y - p.y;
                const double d = std::hypot(dx, dy);
                f.x += dx * d / length;
                f.y += dy * d / length;
            });
            force[m] = f;
        }
        for (std::size_t m = 0; m < moving.size(); ++m) {
            const double size = std::hypot(force[m].x, force[m].y);
            if (size > 1e-12 && std::isfinite(size)) {
                const double move = std::min(size, step) / size;
                pos[std::size_t(moving[m])].x += force[m].x * move;
                pos[std::size_t(moving[m])].y += force[m].y * move;
            }
        }
    }
    out.positions = std::move(pos);
    out.laidOut = true;
    return out;
}

} // namespace seekbench::plotmath
