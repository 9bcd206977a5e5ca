#include "seekbench/tuning/search_space.h"

#include "grid_tree.h"
#include "param_values.h"
#include "seekbench/config/config_schema.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

namespace seekbench::tuning {
namespace {

using detail::numberText;

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool isIntegral(double v) { return std::isfinite(v) && std::floor(v) == v; }

std::string optionalText(const std::optional<double> &v) { return v ? numberText(*v) : std::string(); }

// Why `value` cannot be set on `field`, or empty when it can.
std::string choiceProblem(const ConfigField &field, const std::string &value)
{
    RunConfig probe;
    if (!field.set(probe, value))
        return std::string("not a ") + typeName(field.type);
    if (!field.choices.empty() && std::find(field.choices.begin(), field.choices.end(), value) == field.choices.end())
        return "not one of: " + joined(field.choices);
    if (field.type == ConfigField::Type::Int || field.type == ConfigField::Type::Double) {
        const double v = std::stod(field.get(probe));
        if ((field.min && v < *field.min) || (field.max && v > *field.max))
            return "outside " + optionalText(field.min) + ".." + optionalText(field.max);
    }
    return {};
}

void checkNumeric(const ParamSpec &p, const ConfigField &field, ConfigIssues &issues)
{
    const bool intKey = field.type == ConfigField::Type::Int || field.type == ConfigField::Type::UInt64;
    if (p.kind == ParamKind::Int ? !intKey : field.type != ConfigField::Type::Double) {
        issues.push_back({p.key, "param_type_mismatch", {kindName(p.kind), typeName(field.type)}});
        return;
    }
    if (p.kind == ParamKind::Int) {
        for (double v : {p.low, p.high})
            if (!isIntegral(v))
                issues.push_back({p.key, "wrong_type", {"int", numberText(v)}});
        if (!(p.step > 0) || !isIntegral(p.step) || (p.log && p.step != 1))
            issues.push_back({p.key, "bad_step", {numberText(p.step)}});
    }
    if (!(p.low < p.high))
        issues.push_back({p.key, "low_not_below_high", {numberText(p.low), numberText(p.high)}});
    if ((p.kind == ParamKind::LogUniform || (p.kind == ParamKind::Int && p.log)) && !(p.low > 0))
        issues.push_back({p.key, "log_needs_positive", {numberText(p.low)}});
    if ((field.min && p.low < *field.min) || (field.max && p.high > *field.max))
        issues.push_back({p.key,
                          "range_outside_key",
                          {numberText(p.low), numberText(p.high), optionalText(field.min), optionalText(field.max)}});
    for (double point : p.grid)
        if (point < p.low || point > p.high)
            issues.push_back({p.key, "grid_outside_range", {numberText(point), numberText(p.low), numberText(p.high)}});
}

// Whether `parent` can ever take the value text `equals`.
bool canTake(const ParamSpec &parent, const std::string &equals)
{
    if (parent.kind == ParamKind::Choice)
        return std::find(parent.choices.begin(), parent.choices.end(), equals) != parent.choices.end();
    if (parent.kind == ParamKind::Int) {
        const auto v = detail::parseNumber(equals);
        if (!v || !isIntegral(*v) || *v < parent.low || *v > parent.high || detail::valueText(parent, *v) != equals)
            return false;
        return parent.log || std::fmod(*v - parent.low, parent.step) == 0;
    }
    // A continuous value is never hit exactly, except a grid point under the grid sampler.
    return false;
}

void checkCondition(const SearchSpace &space, const ParamSpec &p, ConfigIssues &issues)
{
    const auto &when = *p.when;
    if (when.parent == p.key) {
        issues.push_back({p.key, "condition_self", {}});
        return;
    }
    const ParamSpec *parent = space.findParam(when.parent);
    if (!parent) {
        issues.push_back({p.key, "condition_unknown_parent", {when.parent}});
        return;
    }
    if (!canTake(*parent, when.equals))
        issues.push_back({p.key, "condition_bad_value", {when.parent, when.equals}});
    // Follow the chain of parents; coming back to p is a cycle.
    std::set<std::string> seen{p.key};
    for (const ParamSpec *q = parent; q && q->when; q = space.findParam(q->when->parent)) {
        if (!seen.insert(q->key).second || q->when->parent == p.key) {
            issues.push_back({p.key, "condition_cycle", {when.parent}});
            return;
        }
    }
}

void checkSettings(const SearchSpace &space, ConfigIssues &issues)
{
    auto atLeast = [&](const char *key, double value, double min) {
        if (value < min)
            issues.push_back({key, "out_of_range", {numberText(value), numberText(min), ""}});
    };
    if (space.baseConfig.empty())
        issues.push_back({"base", "missing_field", {}});
    if (space.objective.metric.empty())
        issues.push_back({"objective.metric", "missing_field", {}});
    atLeast("trials", space.trials, 1);
    atLeast("parallel", space.parallel, 1);
    atLeast("sampler.startup_trials", space.sampler.startupTrials, 0);
    atLeast("sampler.ei_candidates", space.sampler.eiCandidates, 1);
    atLeast("pruner.startup_trials", space.pruner.startupTrials, 0);
    atLeast("pruner.warmup_steps", static_cast<double>(space.pruner.warmupSteps), 0);
    atLeast("pruner.min_resource", static_cast<double>(space.pruner.minResource), 1);
    atLeast("pruner.reduction_factor", space.pruner.reductionFactor, 2);
    if (space.pruner.maxResource != 0 && space.pruner.maxResource <= space.pruner.minResource)
        issues.push_back({"pruner.max_resource",
                          "out_of_range",
                          {std::to_string(space.pruner.maxResource), std::to_string(space.pruner.minResource + 1), ""}});
}

} // namespace

const ParamSpec *SearchSpace::findParam(const std::string &key) const
{
    for (const auto &p : params)
        if (p.key == key)
            return &p;
    return nullptr;
}

ConfigIssues validateSearchSpace(const SearchSpace &space)
{
    ConfigIssues issues;
    checkSettings(space, issues);
    if (space.params.empty())
        issues.push_back({"params", "empty_space", {}});
    std::set<std::string> keys;
    for (const auto &p : space.params) {
        if (!keys.insert(p.key).second)
            issues.push_back({p.key, "duplicate_key", {""}});
        if (p.when)
            checkCondition(space, p, issues);
        const ConfigField *field = findConfigField(p.key);
        if (!field) {
            issues.push_back({p.key, "unknown_param_key", {}});
            continue;
        }
        if (p.kind != ParamKind::Choice) {
            checkNumeric(p, *field, issues);
            continue;
        }
        if (p.choices.empty())
            issues.push_back({p.key, "empty_choices", {}});
        std::set<std::string> seen;
        for (const auto &choice : p.choices) {
            if (!seen.insert(choice).second)
                issues.push_back({p.key, "duplicate_choice", {choice}});
            else if (const auto problem = choiceProblem(*field, choice); !problem.empty())
                issues.push_back({p.key, "choice_not_allowed", {choice, problem}});
        }
    }
    return issues;
}

std::optional<std::uint64_t> gridSize(const SearchSpace &space)
{
    for (const auto &p : space.params)
        if ((p.kind == ParamKind::Uniform || p.kind == ParamKind::LogUniform) && p.grid.empty())
            return std::nullopt;
    return detail::GridTree(space).total();
}

const char *kindName(ParamKind kind)
{
    switch (kind) {
    case ParamKind::Choice: return "choices";
    case ParamKind::Uniform: return "uniform";
    case ParamKind::LogUniform: return "log_uniform";
    case ParamKind::Int: return "int";
    }
    return "";
}

const char *directionName(Direction direction) { return direction == Direction::Maximize ? "maximize" : "minimize"; }

const char *samplerName(SamplerKind kind)
{
    switch (kind) {
    case SamplerKind::Grid: return "grid";
    case SamplerKind::Random: return "random";
    case SamplerKind::Tpe: return "tpe";
    }
    return "";
}

const char *prunerName(PrunerKind kind)
{
    switch (kind) {
    case PrunerKind::None: return "none";
    case PrunerKind::Median: return "median";
    case PrunerKind::Asha: return "asha";
    }
    return "";
}

const char *costName(CostKind kind)
{
    switch (kind) {
    case CostKind::None: return "none";
    case CostKind::WallTime: return "wall_time";
    case CostKind::Parameters: return "parameters";
    case CostKind::Memory: return "memory";
    }
    return "";
}

} // namespace seekbench::tuning
