#include "param_values.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>

namespace seekbench::tuning::detail {

std::string numberText(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::optional<double> parseNumber(const std::string &text)
{
    double value = 0;
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto result = std::from_chars(begin, end, value);
    if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string valueText(const ParamSpec &spec, double value)
{
    if (spec.kind == ParamKind::Int)
        return std::to_string(static_cast<long long>(std::llround(value)));
    return numberText(value);
}

std::optional<double> internalValue(const ParamSpec &spec, const std::string &text)
{
    if (spec.kind == ParamKind::Choice) {
        const auto it = std::find(spec.choices.begin(), spec.choices.end(), text);
        if (it == spec.choices.end())
            return std::nullopt;
        return static_cast<double>(it - spec.choices.begin());
    }
    std::optional<double> value;
    long long whole = 0;
    // Ints are most of a history's numbers; reading them as integers is several times cheaper.
    if (spec.kind == ParamKind::Int) {
        const auto r = std::from_chars(text.data(), text.data() + text.size(), whole);
        if (r.ec == std::errc() && r.ptr == text.data() + text.size())
            value = static_cast<double>(whole);
    }
    if (!value)
        value = parseNumber(text);
    if (!value || *value < spec.low || *value > spec.high)
        return std::nullopt;
    const bool logScale = spec.kind == ParamKind::LogUniform || (spec.kind == ParamKind::Int && spec.log);
    return logScale ? std::log(*value) : *value;
}

std::string externalText(const ParamSpec &spec, double internal)
{
    switch (spec.kind) {
    case ParamKind::Choice: {
        const auto last = static_cast<double>(spec.choices.size() - 1);
        return spec.choices[static_cast<std::size_t>(std::clamp(std::round(internal), 0.0, last))];
    }
    case ParamKind::Uniform: return numberText(std::clamp(internal, spec.low, spec.high));
    case ParamKind::LogUniform: return numberText(std::clamp(std::exp(internal), spec.low, spec.high));
    case ParamKind::Int: {
        double value = spec.log ? std::exp(internal) : internal;
        if (spec.log)
            value = std::round(value);
        else
            value = spec.low + std::round((value - spec.low) / spec.step) * spec.step;
        // The top of the range may be off the step grid; stay on it.
        const double top = spec.low + std::floor((spec.high - spec.low) / spec.step + 1e-9) * spec.step;
        return valueText(spec, std::clamp(value, spec.low, spec.log ? spec.high : top));
    }
    }
    return {};
}

std::vector<std::size_t> decisionOrder(const SearchSpace &space)
{
    const std::size_t n = space.params.size();
    std::vector<int> depth(n, -1);
    // Depth = length of the parent chain; a chain longer than n is a cycle.
    std::function<int(std::size_t, std::size_t)> depthOf = [&](std::size_t i, std::size_t guard) -> int {
        if (depth[i] >= 0)
            return depth[i];
        if (guard > n)
            return -2;
        const auto &when = space.params[i].when;
        if (!when)
            return depth[i] = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i && space.params[j].key == when->parent) {
                const int d = depthOf(j, guard + 1);
                return d < 0 ? -2 : (depth[i] = d + 1);
            }
        return -2;
    };
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (depthOf(i, 0) >= 0)
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return depth[a] < depth[b]; });
    return order;
}

bool conditionHolds(const ParamSpec &spec, const TrialParams &decided)
{
    if (!spec.when)
        return true;
    const auto it = decided.find(spec.when->parent);
    return it != decided.end() && it->second == spec.when->equals;
}

std::mt19937_64 trialRng(std::uint64_t seed, int trialNumber, std::uint64_t stream)
{
    // splitmix64 mixes the inputs so neighbouring seeds and trial numbers give unrelated streams.
    auto mix = [](std::uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    return std::mt19937_64(mix(mix(mix(seed) ^ static_cast<std::uint64_t>(trialNumber)) ^ stream));
}

std::string randomValue(const ParamSpec &spec, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    switch (spec.kind) {
    case ParamKind::Choice:
        return spec.choices[std::uniform_int_distribution<std::size_t>(0, spec.choices.size() - 1)(rng)];
    case ParamKind::Uniform: return externalText(spec, spec.low + unit(rng) * (spec.high - spec.low));
    case ParamKind::LogUniform: {
        const double lo = std::log(spec.low), hi = std::log(spec.high);
        return externalText(spec, lo + unit(rng) * (hi - lo));
    }
    case ParamKind::Int: {
        if (spec.log) {
            // Uniform in log space over [low - 0.5, high + 0.5], as Optuna's log int.
            const double lo = std::log(spec.low - 0.5), hi = std::log(spec.high + 0.5);
            return externalText(spec, std::log(std::round(std::exp(lo + unit(rng) * (hi - lo)))));
        }
        const auto steps = static_cast<long long>(std::floor((spec.high - spec.low) / spec.step + 1e-9));
        const long long k = std::uniform_int_distribution<long long>(0, steps)(rng);
        return valueText(spec, spec.low + static_cast<double>(k) * spec.step);
    }
    }
    return {};
}

std::uint64_t gridCount(const ParamSpec &spec)
{
    switch (spec.kind) {
    case ParamKind::Choice: return spec.choices.size();
    case ParamKind::Uniform:
    case ParamKind::LogUniform: return spec.grid.size();
    case ParamKind::Int: {
        const double step = spec.log ? 1.0 : spec.step;
        if (!(step > 0) || !(spec.high >= spec.low))
            return 0;
        return static_cast<std::uint64_t>(std::floor((spec.high - spec.low) / step + 1e-9)) + 1;
    }
    }
    return 0;
}

std::string gridValue(const ParamSpec &spec, std::uint64_t i)
{
    switch (spec.kind) {
    case ParamKind::Choice: return spec.choices[i];
    case ParamKind::Uniform:
    case ParamKind::LogUniform: return numberText(spec.grid[i]);
    case ParamKind::Int: return valueText(spec, spec.low + static_cast<double>(i) * (spec.log ? 1.0 : spec.step));
    }
    return {};
}

std::optional<std::uint64_t> gridIndex(const ParamSpec &spec, const std::string &text)
{
    if (spec.kind == ParamKind::Int) {
        const auto v = parseNumber(text);
        const double step = spec.log ? 1.0 : spec.step;
        if (!v || !(step > 0) || *v < spec.low || *v > spec.high)
            return std::nullopt;
        const double k = (*v - spec.low) / step;
        if (std::floor(k) != k || valueText(spec, *v) != text)
            return std::nullopt;
        return static_cast<std::uint64_t>(k);
    }
    for (std::uint64_t i = 0; i < gridCount(spec); ++i)
        if (gridValue(spec, i) == text)
            return i;
    return std::nullopt;
}

} // namespace seekbench::tuning::detail
