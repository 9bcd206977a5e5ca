#include "seekbench/plotmath/case_graph_layout.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace seekbench::plotmath {

namespace {

bool valid(const CaseGraphInput &in, const CaseGraphInput::Edge &e)
{
    const int n = int(in.nodes.size());
    return e.from >= 0 && e.to >= 0 && e.from < n && e.to < n && e.from != e.to;
}

// Which way an account's money goes relative to the case: towards it (it sends to accounts
// nearer the case), away from it (it receives from them), or both. Accounts linked only to
// their own hop fall back to all their transfers.
CaseGroupSide sideOf(const CaseGraphInput &in, int v, const std::vector<std::vector<int>> &touching)
{
    bool sends = false, receives = false, anySends = false, anyReceives = false;
    for (const int ei : touching[std::size_t(v)]) {
        const auto &e = in.edges[std::size_t(ei)];
        const int other = e.from == v ? e.to : e.from;
        const bool nearer = in.nodes[std::size_t(other)].hop < in.nodes[std::size_t(v)].hop;
        if (e.from == v) {
            anySends = true;
            sends = sends || nearer;
        } else {
            anyReceives = true;
            receives = receives || nearer;
        }
    }
    if (!sends && !receives) {
        sends = anySends;
        receives = anyReceives;
    }
    if (sends && !receives)
        return CaseGroupSide::Sending;
    if (receives && !sends)
        return CaseGroupSide::Receiving;
    return CaseGroupSide::Both;
}

} // namespace

CaseGraphLayout foldCaseGraph(const CaseGraphInput &in, const CaseGraphOptions &options)
{
    CaseGraphLayout out;
    const int n = int(in.nodes.size());
    if (n == 0)
        return out;
    const int focal = std::clamp(in.focal, 0, n - 1);
    std::vector<bool> onChain(in.edges.size(), false), single(std::size_t(n), false);
    single[std::size_t(focal)] = true;
    for (const auto &chain : in.chains)
        for (const int ei : chain)
            if (ei >= 0 && ei < int(in.edges.size()) && valid(in, in.edges[std::size_t(ei)])) {
                onChain[std::size_t(ei)] = true;
                single[std::size_t(in.edges[std::size_t(ei)].from)] = true;
                single[std::size_t(in.edges[std::size_t(ei)].to)] = true;
            }
    std::vector<std::vector<int>> touching(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < in.edges.size(); ++i)
        if (valid(in, in.edges[i])) {
            touching[std::size_t(in.edges[i].from)].push_back(int(i));
            touching[std::size_t(in.edges[i].to)].push_back(int(i));
        }

    // Everyone else into groups by (hop, side, flagged); a group of one stays an account.
    std::map<std::tuple<int, int, bool>, std::vector<int>> byKey;
    if (n > options.foldAbove)
        for (int v = 0; v < n; ++v)
            if (!single[std::size_t(v)]) {
                const auto &node = in.nodes[std::size_t(v)];
                byKey[std::make_tuple(node.hop, int(sideOf(in, v, touching)), node.flagged)].push_back(v);
            }
    for (auto &[key, members] : byKey)
        if (members.size() == 1)
            single[std::size_t(members.front())] = true;
    if (n <= options.foldAbove)
        std::fill(single.begin(), single.end(), true);

    out.itemOf.assign(std::size_t(n), -1);
    auto addItem = [&](int node, int group) {
        out.items.push_back({node, group, {}});
        return int(out.items.size()) - 1;
    };
    out.itemOf[std::size_t(focal)] = addItem(focal, -1);
    for (int v = 0; v < n; ++v)
        if (single[std::size_t(v)] && v != focal)
            out.itemOf[std::size_t(v)] = addItem(v, -1);
    for (auto &[key, members] : byKey) {
        if (members.size() < 2)
            continue;
        CaseGraphGroup g;
        g.hop = std::get<0>(key);
        g.side = CaseGroupSide(std::get<1>(key));
        g.flagged = std::get<2>(key);
        g.members = members;
        out.groups.push_back(std::move(g));
        const int item = addItem(-1, int(out.groups.size()) - 1);
        for (const int v : members)
            out.itemOf[std::size_t(v)] = item;
    }

    // One link per ordered pair of drawn nodes; transfers inside a group are counted there.
    std::map<std::pair<int, int>, int> linkOf;
    for (std::size_t i = 0; i < in.edges.size(); ++i) {
        const auto &e = in.edges[i];
        if (!valid(in, e))
            continue;
        const int a = out.itemOf[std::size_t(e.from)], b = out.itemOf[std::size_t(e.to)];
        if (a == b) {
            ++out.groups[std::size_t(out.items[std::size_t(a)].group)].innerEdges;
            continue;
        }
        auto [it, added] = linkOf.emplace(std::pair(a, b), int(out.links.size()));
        if (added)
            out.links.push_back({a, b, {}, false, false, {}});
        auto &link = out.links[std::size_t(it->second)];
        link.edges.push_back(int(i));
        link.chain = link.chain || onChain[i];
    }
    return out;
}

} // namespace seekbench::plotmath
