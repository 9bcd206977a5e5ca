#include "seekbench/plotmath/force_layout.h"

#include "force_layout_checks.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>

namespace seekbench::plotmath {

namespace {

using detail::cancelled;
using detail::checkEdges;

// Graphviz keeps global state (error level, allocator, plugins, drand48): one layout at a time.
std::mutex sfdpMutex;

void set(void *object, const char *name, const char *value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value), const_cast<char *>(""));
}

// Scales about the origin so the median edge is `length` long (the picture's size then does
// not depend on the library's units), and moves the top-left corner to (0, 0).
void normalise(const ForceGraph &graph, std::vector<LayoutPoint> &pos, double length)
{
    if (pos.empty())
        return;
    std::vector<double> lengths;
    lengths.reserve(graph.edges.size());
    for (const auto &e : graph.edges)
        if (e.from != e.to)
            lengths.push_back(std::hypot(pos[std::size_t(e.from)].x - pos[std::size_t(e.to)].x,
                                         pos[std::size_t(e.from)].y - pos[std::size_t(e.to)].y));
    double factor = 1;
    if (!lengths.empty()) {
        auto mid = lengths.begin() + std::ptrdiff_t(lengths.size() / 2);
        std::nth_element(lengths.begin(), mid, lengths.end());
        if (*mid > 1e-9)
            factor = length / *mid;
    }
    double minX = std::numeric_limits<double>::max(), minY = minX;
    for (const auto &p : pos) {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
    }
    for (auto &p : pos)
        p = {(p.x - minX) * factor, (p.y - minY) * factor};
}

// Moves each connected component (as sfdp placed it) into rows, biggest first, a gap of a
// few edges apart: sfdp's own packing spaces lone nodes by Graphviz's node size, far wider
// than its edges, which shrank the main component to a dot in a field of singletons.
void packComponents(const ForceGraph &graph, std::vector<LayoutPoint> &pos, double length)
{
    const std::size_t n = pos.size();
    std::vector<int> parent(n);
    for (std::size_t i = 0; i < n; ++i)
        parent[i] = int(i);
    auto root = [&](int v) {
        while (parent[std::size_t(v)] != v)
            v = parent[std::size_t(v)] = parent[std::size_t(parent[std::size_t(v)])];
        return v;
    };
    for (const auto &e : graph.edges)
        parent[std::size_t(root(e.from))] = root(e.to);
    struct Component
    {
        int first = -1, size = 0;
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    std::vector<int> componentOf(n, -1), rootComponent(n, -1);
    std::vector<Component> components;
    for (std::size_t i = 0; i < n; ++i) {
        int &c = rootComponent[std::size_t(root(int(i)))];
        if (c < 0) {
            c = int(components.size());
            components.push_back({int(i), 0, pos[i].x, pos[i].y, pos[i].x, pos[i].y});
        }
        Component &k = components[std::size_t(c)];
        componentOf[i] = c;
        ++k.size;
        k.x0 = std::min(k.x0, pos[i].x);
        k.y0 = std::min(k.y0, pos[i].y);
        k.x1 = std::max(k.x1, pos[i].x);
        k.y1 = std::max(k.y1, pos[i].y);
    }
    std::vector<int> order(components.size());
    for (std::size_t c = 0; c < order.size(); ++c)
        order[c] = int(c);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return components[std::size_t(a)].size > components[std::size_t(b)].size; });
    // Lone nodes closer together than components: they have no edges to keep apart.
    auto gap = [&](const Component &k) { return (k.size == 1 ? 0.35 : 1.5) * length; };
    double area = 0, widest = 0;
    for (const auto &k : components) {
        area += (k.x1 - k.x0 + gap(k)) * (k.y1 - k.y0 + gap(k));
        widest = std::max(widest, k.x1 - k.x0 + gap(k));
    }
    const double rowWidth = std::max(widest, std::sqrt(area) * 1.3);
    std::vector<LayoutPoint> shift(components.size());
    double x = 0, y = 0, rowHeight = 0;
    for (const int c : order) {
        const Component &k = components[std::size_t(c)];
        const double w = k.x1 - k.x0 + gap(k), h = k.y1 - k.y0 + gap(k);
        if (x > 0 && x + w > rowWidth) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        shift[std::size_t(c)] = {x - k.x0, y - k.y0};
        x += w;
        rowHeight = std::max(rowHeight, h);
    }
    for (std::size_t i = 0; i < n; ++i) {
        pos[i].x += shift[std::size_t(componentOf[i])].x;
        pos[i].y += shift[std::size_t(componentOf[i])].y;
    }
}

} // namespace

ForceLayoutResult forceLayout(const ForceGraph &graph, const ForceLayoutOptions &options)
{
    ForceLayoutResult out;
    if (out.error = checkEdges(graph); !out.error.empty())
        return out;
    if (graph.nodeCount == 0 || cancelled(options)) {
        out.laidOut = graph.nodeCount == 0 && !cancelled(options);
        return out;
    }
    // Nodes without edges stay out of Graphviz: packing places them.
    std::vector<bool> linked(std::size_t(graph.nodeCount), false);
    for (const auto &e : graph.edges)
        if (e.from != e.to)
            linked[std::size_t(e.from)] = linked[std::size_t(e.to)] = true;
    out.positions.assign(std::size_t(graph.nodeCount), LayoutPoint{});
    if (std::find(linked.begin(), linked.end(), true) != linked.end()) {
        const std::lock_guard lock(sfdpMutex);
        if (cancelled(options))
            return {};
        agseterr(AGMAX); // failures come back as gvLayout's result, not on stderr
        GVC_t *gvc = gvContext();
        Agraph_t *g = agopen(const_cast<char *>("kg"), Agundirected, nullptr);
        set(g, "overlap", "true");  // overlap removal (prism) would cost seconds; the view culls instead
        set(g, "splines", "false"); // the view draws straight edges itself
        const std::string start = std::to_string(options.seed % 1000000007ull);
        set(g, "start", start.c_str());
        std::vector<Agnode_t *> nodes(std::size_t(graph.nodeCount), nullptr);
        for (int i = 0; i < graph.nodeCount; ++i)
            if (linked[std::size_t(i)]) {
                const std::string name = std::to_string(i);
                nodes[std::size_t(i)] = agnode(g, const_cast<char *>(name.c_str()), 1);
            }
        for (const auto &e : graph.edges)
            if (e.from != e.to)
                agedge(g, nodes[std::size_t(e.from)], nodes[std::size_t(e.to)], nullptr, 1);
        // sfdp seeds srand() but draws from drand48(): seed both, so the picture follows the seed.
        srand48(long(options.seed));
        std::srand(unsigned(options.seed));
        bool ok = false;
        if (!cancelled(options)) {
            ok = gvLayout(gvc, g, "sfdp") == 0;
            if (ok) {
                for (std::size_t i = 0; i < nodes.size(); ++i)
                    if (nodes[i])
                        out.positions[i] = {ND_coord(nodes[i]).x, -ND_coord(nodes[i]).y}; // y grows downwards
                gvFreeLayout(gvc, g);
            } else {
                out.error = "Graphviz could not lay the graph out with sfdp (is its neato plugin installed?)";
            }
        }
        agclose(g);
        gvFreeContext(gvc);
        if (!ok) {
            out.positions.clear();
            return out;
        }
    }
    if (cancelled(options))
        return {};
    normalise(graph, out.positions, options.edgeLength);
    packComponents(graph, out.positions, options.edgeLength);
    out.laidOut = true;
    return out;
}

} // namespace seekbench::plotmath
