#include "grid_tree.h"

#include "param_values.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace seekbench::tuning::detail {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::uint64_t mulSat(std::uint64_t a, std::uint64_t b) { return a != 0 && b > kMax / a ? kMax : a * b; }

std::uint64_t addSat(std::uint64_t a, std::uint64_t b) { return b > kMax - a ? kMax : a + b; }

} // namespace

GridTree::GridTree(const SearchSpace &space)
    : m_space(space), m_branches(space.params.size()), m_size(space.params.size(), 0)
{
    const auto order = decisionOrder(space);
    for (std::size_t i : order)
        if (!space.params[i].when)
            m_roots.push_back(i);
    std::sort(m_roots.begin(), m_roots.end());
    for (std::size_t j : order) {
        const auto &when = space.params[j].when;
        if (!when)
            continue;
        for (std::size_t i : order) {
            if (i == j || space.params[i].key != when->parent)
                continue;
            const auto index = gridIndex(space.params[i], when->equals);
            if (!index)
                continue; // a value the parent never takes: the child is never active
            auto &branches = m_branches[i];
            auto it = std::find_if(branches.begin(), branches.end(), [&](const Branch &b) { return b.value == *index; });
            if (it == branches.end())
                it = branches.insert(branches.end(), Branch{*index, {}, 1});
            it->children.push_back(j);
        }
    }
    // Children come after their parents in `order`, so sizes fill in from the leaves.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        auto &branches = m_branches[*it];
        std::sort(branches.begin(), branches.end(), [](const Branch &a, const Branch &b) { return a.value < b.value; });
        std::uint64_t total = gridCount(space.params[*it]) - branches.size();
        for (auto &b : branches) {
            b.size = 1;
            for (std::size_t c : b.children)
                b.size = mulSat(b.size, m_size[c]);
            total = addSat(total, b.size);
        }
        m_size[*it] = total;
    }
    for (std::size_t r : m_roots)
        m_total = mulSat(m_total, m_size[r]);
}

void GridTree::decodeParam(std::size_t i, std::uint64_t index, TrialParams &out) const
{
    // Values in order; plain values take one index each, a branch as many as its subtree.
    const ParamSpec &spec = m_space.params[i];
    std::uint64_t next = 0; // first value index not yet passed
    for (const auto &b : m_branches[i]) {
        const std::uint64_t plain = b.value - next;
        if (index < plain) {
            out[spec.key] = gridValue(spec, next + index);
            return;
        }
        index -= plain;
        if (index < b.size) {
            out[spec.key] = gridValue(spec, b.value);
            for (std::size_t c : b.children) {
                decodeParam(c, index % m_size[c], out);
                index /= m_size[c];
            }
            return;
        }
        index -= b.size;
        next = b.value + 1;
    }
    out[spec.key] = gridValue(spec, next + index);
}

TrialParams GridTree::decode(std::uint64_t index) const
{
    TrialParams out;
    for (std::size_t r : m_roots) {
        if (m_size[r] == 0)
            return {};
        decodeParam(r, index % m_size[r], out);
        index /= m_size[r];
    }
    return out;
}

} // namespace seekbench::tuning::detail
