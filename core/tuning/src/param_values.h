#pragma once

// Internal helpers shared by the samplers, the grid and the importance: value text <->
// numbers, the order in which params are decided (parents first), and seeding.

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace seekbench::tuning::detail {

// Shortest text that reads back to the same double ("0.001", "128", "1e-05").
std::string numberText(double value);
std::optional<double> parseNumber(const std::string &text);

// The text a param's value takes in TrialParams: ints without a decimal point.
std::string valueText(const ParamSpec &spec, double value);

// The param's internal coordinate: log for log scales, the choice index for choices.
// nullopt when the text is not a value of the param (the space changed since the trial).
std::optional<double> internalValue(const ParamSpec &spec, const std::string &text);
// Back from the internal coordinate: rounds ints to their step, clamps into the range.
std::string externalText(const ParamSpec &spec, double internal);

// Indices of space.params with every parent before its children, so a param's condition
// can be checked against the values already decided. Params in a cycle are left out.
std::vector<std::size_t> decisionOrder(const SearchSpace &space);

// Whether a param can be active given the decided params; `decided` holds only active ones.
bool conditionHolds(const ParamSpec &spec, const TrialParams &decided);

// Per trial and seed a fresh generator, so suggest() needs no state between calls.
std::mt19937_64 trialRng(std::uint64_t seed, int trialNumber, std::uint64_t stream = 0);

// One draw from the param's prior (uniform in its internal coordinate).
std::string randomValue(const ParamSpec &spec, std::mt19937_64 &rng);

// Grid points of one param as value texts; empty for a continuous param without `grid:`.
std::vector<std::string> gridValues(const ParamSpec &spec);

// The grid as a tree of conditions: for each param, its grid values and, per value, the
// params active under it. size[i] counts the points of the subtree rooted at params[i]
// (saturating at 2^64 - 1).
struct GridTree
{
    struct Branch
    {
        std::string value;
        std::vector<std::size_t> children;
        std::uint64_t size = 1; // product of the children's sizes
    };
    std::vector<std::vector<Branch>> branches; // per param
    std::vector<std::uint64_t> size;           // per param
    std::vector<std::size_t> roots;            // unconditional params
    std::uint64_t total = 1;

    explicit GridTree(const SearchSpace &space);
    // The index-th combination, decoded as a mixed-radix number over the tree.
    TrialParams decode(const SearchSpace &space, std::uint64_t index) const;

private:
    void decodeParam(const SearchSpace &space, std::size_t i, std::uint64_t index, TrialParams &out) const;
};

} // namespace seekbench::tuning::detail
