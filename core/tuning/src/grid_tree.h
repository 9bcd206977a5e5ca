#pragma once

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <cstdint>
#include <vector>

namespace seekbench::tuning::detail {

// The grid as a tree of conditions. A param's grid values are counted, not listed; only
// the values that switch on other params (a condition's `equals`) are branches of their
// own, with the product of their children's sizes. Sizes saturate at 2^64 - 1.
class GridTree
{
public:
    explicit GridTree(const SearchSpace &space);

    std::uint64_t total() const { return m_total; }
    // The index-th combination, decoded as a mixed-radix number over the tree.
    TrialParams decode(std::uint64_t index) const;

private:
    struct Branch
    {
        std::uint64_t value = 0; // grid index of the parent's value
        std::vector<std::size_t> children;
        std::uint64_t size = 1;
    };

    void decodeParam(std::size_t i, std::uint64_t index, TrialParams &out) const;

    const SearchSpace &m_space;
    std::vector<std::vector<Branch>> m_branches; // per param, by value index
    std::vector<std::uint64_t> m_size;           // per param: points of its subtree
    std::vector<std::size_t> m_roots;            // unconditional params
    std::uint64_t m_total = 1;
};

} // namespace seekbench::tuning::detail
