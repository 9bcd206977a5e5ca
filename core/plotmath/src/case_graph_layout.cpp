#include "seekbench/plotmath/case_graph_layout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>

namespace seekbench::plotmath {

namespace {

// Graphviz keeps global state (its error level, the cgraph allocator, plugin loading), and
// older releases are not safe with contexts on two threads: one layout at a time.
std::mutex graphvizMutex;

constexpr double kAccountWidth = 72, kAccountHeight = 26, kFocalExtra = 18, kGroupWidth = 150, kGroupHeight = 40;

// Graphviz 2.42 takes `char *` for names and values it only reads.
void set(void *object, const char *name, const std::string &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.c_str()), const_cast<char *>(""));
}

std::string inches(double points)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", points / 72.0);
    return buf;
}

LayoutBox boxFor(const CaseGraphInput &in, const CaseGraphItem &item, int focal)
{
    if (item.group >= 0)
        return {0, 0, kGroupWidth, kGroupHeight};
    const double w = std::max(in.nodes[std::size_t(item.node)].width, 36.0);
    const double base = in.nodes[std::size_t(item.node)].width > 0 ? w : kAccountWidth;
    return item.node == focal ? LayoutBox{0, 0, base + kFocalExtra, kAccountHeight + kFocalExtra / 2}
                              : LayoutBox{0, 0, base, kAccountHeight};
}

// Which links may set the layers: added in order of importance (the chains in the order
// their money moved, then links of the case's account, then one link per other node, by
// size), each only when it closes no cycle, so dot never turns a chain around to break one.
// Items in the case's layer count as one node here.
std::vector<bool> constraining(const CaseGraphLayout &out, const CaseGraphInput &in, int focalItem,
                               const std::vector<bool> &inFocalLayer)
{
    auto rep = [&](int item) { return inFocalLayer[std::size_t(item)] ? focalItem : item; };
    const std::size_t items = out.items.size();
    std::vector<int> order;
    std::vector<bool> queued(out.links.size(), false);
    std::vector<int> linkOfEdge(in.edges.size(), -1);
    for (std::size_t l = 0; l < out.links.size(); ++l)
        for (const int e : out.links[l].edges)
            linkOfEdge[std::size_t(e)] = int(l);
    for (const auto &chain : in.chains)
        for (const int e : chain)
            if (e >= 0 && e < int(in.edges.size()))
                if (const int l = linkOfEdge[std::size_t(e)]; l >= 0 && !queued[std::size_t(l)]) {
                    queued[std::size_t(l)] = true;
                    order.push_back(l);
                }
    // Besides the chains and the case's own links, each drawn node is hung on one link: its
    // biggest to a node nearer the case. Links between two such nodes are context, drawn
    // but not setting layers (in a hub's case they would knot the picture).
    auto hopOf = [&](int item) {
        const auto &it = out.items[std::size_t(item)];
        return it.node >= 0 ? in.nodes[std::size_t(it.node)].hop : out.groups[std::size_t(it.group)].hop;
    };
    std::vector<int> anchor(items, -1);
    for (std::size_t l = 0; l < out.links.size(); ++l) {
        const auto &link = out.links[l];
        for (const auto &[self, other] : {std::pair(link.from, link.to), std::pair(link.to, link.from)}) {
            if (hopOf(other) >= hopOf(self))
                continue;
            int &best = anchor[std::size_t(self)];
            if (best < 0 || out.links[std::size_t(best)].edges.size() < link.edges.size())
                best = int(l);
        }
    }
    std::vector<bool> candidate(out.links.size(), false);
    for (const int l : anchor)
        if (l >= 0)
            candidate[std::size_t(l)] = true;
    std::vector<int> rest;
    for (std::size_t l = 0; l < out.links.size(); ++l)
        if (!queued[l] && (candidate[l] || out.links[l].from == focalItem || out.links[l].to == focalItem))
            rest.push_back(int(l));
    std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) {
        const auto &la = out.links[std::size_t(a)], &lb = out.links[std::size_t(b)];
        const bool fa = la.from == focalItem || la.to == focalItem, fb = lb.from == focalItem || lb.to == focalItem;
        return fa != fb ? fa : la.edges.size() > lb.edges.size();
    });
    order.insert(order.end(), rest.begin(), rest.end());

    std::vector<std::vector<int>> next(items);
    std::vector<bool> keep(out.links.size(), false);
    auto reaches = [&](int from, int to) {
        std::vector<bool> seen(items, false);
        std::vector<int> stack{from};
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            if (v == to)
                return true;
            if (seen[std::size_t(v)])
                continue;
            seen[std::size_t(v)] = true;
            for (const int w : next[std::size_t(v)])
                stack.push_back(w);
        }
        return false;
    };
    for (const int l : order) {
        const auto &link = out.links[std::size_t(l)];
        const int from = rep(link.from), to = rep(link.to);
        if (from == to || reaches(to, from))
            continue;
        keep[std::size_t(l)] = true;
        next[std::size_t(from)].push_back(to);
    }
    return keep;
}

} // namespace

CaseGraphLayout layoutCaseGraph(const CaseGraphInput &in, const CaseGraphOptions &options)
{
    CaseGraphLayout out = foldCaseGraph(in, options);
    if (out.items.empty() || (options.cancel && options.cancel->load()))
        return out;
    const int focal = out.items.front().node;
    for (auto &item : out.items)
        item.box = boxFor(in, item, focal);
    // Groups on both sides of the case share its layer, above or below it.
    std::vector<bool> inFocalLayer(out.items.size(), false);
    inFocalLayer[0] = true;
    for (std::size_t i = 1; i < out.items.size(); ++i)
        if (const int group = out.items[i].group; group >= 0) {
            const CaseGraphGroup &g = out.groups[std::size_t(group)];
            inFocalLayer[i] = g.hop == 1 && g.side == CaseGroupSide::Both;
        }
    const std::vector<bool> keep = constraining(out, in, 0, inFocalLayer);
    for (std::size_t l = 0; l < out.links.size(); ++l)
        out.links[l].primary = keep[l];
    std::vector<int> chainOf(out.items.size(), -1); // dot keeps a "group" in a straight line
    for (std::size_t c = 0; c < in.chains.size(); ++c)
        for (const int e : in.chains[c])
            if (e >= 0 && e < int(in.edges.size()))
                for (const int v : {in.edges[std::size_t(e)].from, in.edges[std::size_t(e)].to})
                    if (v >= 0 && v < int(out.itemOf.size()) && v != focal
                        && chainOf[std::size_t(out.itemOf[std::size_t(v)])] < 0)
                        chainOf[std::size_t(out.itemOf[std::size_t(v)])] = int(c);

    const std::lock_guard lock(graphvizMutex);
    if (options.cancel && options.cancel->load())
        return out;
    agseterr(AGMAX); // failures come back as gvLayout's result, not on stderr
    GVC_t *gvc = gvContext();
    Agraph_t *g = agopen(const_cast<char *>("case"), Agdirected, nullptr);
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.25");
    set(g, "ranksep", "0.7");
    set(g, "splines", "true");
    std::vector<Agnode_t *> nodes;
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        const std::string name = "n" + std::to_string(i);
        Agnode_t *n = agnode(g, const_cast<char *>(name.c_str()), 1);
        const LayoutBox &b = out.items[i].box;
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "label", "");
        set(n, "width", inches(b.width));
        set(n, "height", inches(b.height));
        if (chainOf[i] >= 0)
            set(n, "group", "c" + std::to_string(chainOf[i]));
        nodes.push_back(n);
    }
    Agraph_t *same = agsubg(g, const_cast<char *>("focal_layer"), 1);
    set(same, "rank", "same");
    for (std::size_t i = 0; i < out.items.size(); ++i)
        if (inFocalLayer[i])
            agsubnode(same, nodes[i], 1);
    std::vector<Agedge_t *> edges(out.links.size(), nullptr);
    for (std::size_t l = 0; l < out.links.size(); ++l) {
        const auto &link = out.links[l];
        if (link.context())
            continue; // not routed: the view draws it straight, on demand
        Agedge_t *e = agedge(g, nodes[std::size_t(link.from)], nodes[std::size_t(link.to)], nullptr, 1);
        set(e, "dir", "none");
        set(e, "weight", link.chain ? "8" : keep[l] ? "2" : "0");
        if (!keep[l])
            set(e, "constraint", "false");
        edges[l] = e;
    }
    if (gvLayout(gvc, g, "dot") == 0) {
        const boxf bb = GD_bb(g);
        auto flip = [&](pointf p) { return LayoutPoint{p.x - bb.LL.x, bb.UR.y - p.y}; };
        for (std::size_t i = 0; i < out.items.size(); ++i) {
            const LayoutPoint c = flip(ND_coord(nodes[i]));
            out.items[i].box.x = c.x;
            out.items[i].box.y = c.y;
        }
        for (std::size_t l = 0; l < out.links.size(); ++l)
            if (const splines *spl = edges[l] ? ED_spl(edges[l]) : nullptr; spl && spl->size > 0)
                for (int k = 0; k < spl->list[0].size; ++k)
                    out.links[l].route.push_back(flip(spl->list[0].list[k]));
        out.width = bb.UR.x - bb.LL.x;
        out.height = bb.UR.y - bb.LL.y;
        out.laidOut = true;
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    return out;
}

} // namespace seekbench::plotmath
