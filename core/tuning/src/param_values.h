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

// Grid points of one param, counted and read without listing them (an int range can
// hold a billion points): how many, the i-th as value text, and the index of a value text.
std::uint64_t gridCount(const ParamSpec &spec);
std::string gridValue(const ParamSpec &spec, std::uint64_t i);
std::optional<std::uint64_t> gridIndex(const ParamSpec &spec, const std::string &text);

} // namespace seekbench::tuning::detail
