#pragma once

#include "seekbench/config/config_issue.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::tuning {

// A sweep's definition, read from sweeps/<name>.yaml:
//
//   base: configs/tiny.yaml
//   objective: {metric: eval/loss, direction: minimize, at: end}
//   cost: wall_time        # optional: wall_time | parameters | memory
//   sampler: {kind: tpe, seed: 1, startup_trials: 10, ei_candidates: 24,
//             multivariate: true, constant_liar: true}
//   pruner: {kind: asha, min_resource: 50, reduction_factor: 3}
//   trials: 40
//   parallel: 2
//   params:
//     training.lr: {log_uniform: [1.0e-4, 3.0e-2]}
//     training.warmup_steps: {int: [0, 200], step: 10}
//     training.weight_decay: {uniform: [0, 0.1], grid: [0, 0.01, 0.1]}
//     model.hidden_size: {choices: [64, 128, 256]}
//     model.num_hidden_layers: {int: [1, 16], log: true}
//     training.optimizer: {choices: [adamw, sgd]}
//     training.momentum: {uniform: [0.5, 0.99], when: {training.optimizer: sgd}}
//
// Problems are ConfigIssues, like config validation, so the CLI prints them with
// describe() and the GUI places them at the field. The key is the param key for a param's
// problem, or the top-level field ("objective.direction", "sampler.kind", "trials").
// Codes beyond config_issue.h's (yaml_syntax, unknown_key, duplicate_key, wrong_type,
// out_of_range, bad_choice are reused with their meaning there):
//   missing_field            {}                    a required field (base, params) is absent
//   unknown_param_key        {}                    the param's key is not in configSchema()
//   unknown_param_field      {field}               a param's field other than the kinds, step, log, grid, when
//   bad_param_kind           {given}               not exactly one of choices/uniform/log_uniform/int
//   field_not_for_kind       {field, kind}         step/log on a non-int param, grid on an int or choices
//   param_type_mismatch      {kind, key_type}      e.g. int on a double key, uniform on a string key
//   empty_choices            {}
//   duplicate_choice         {value}
//   choice_not_allowed       {value, reason}       not of the key's type or not one of its choices
//   range_outside_key        {low, high, min, max} the range leaves the key's own min/max
//   low_not_below_high       {low, high}
//   log_needs_positive       {low}
//   bad_step                 {step}                step <= 0, or fractional for int
//   grid_outside_range       {value, low, high}
//   condition_unknown_parent {parent}              the parent is not another param of the space
//   condition_self           {}                    a param conditioned on itself
//   condition_bad_value      {parent, value}       the value can never be taken by the parent
//   condition_cycle          {parent}              conditions form a cycle
//   empty_space              {}                    no params
// (out_of_range on settings: trials, parallel, sampler.*, pruner.* below their minimum.)
enum class ParamKind { Choice, Uniform, LogUniform, Int };

// The param is active only when its parent param's value text equals `equals`.
struct ParamCondition
{
    std::string parent;
    std::string equals;

    bool operator==(const ParamCondition &) const = default;
};

struct ParamSpec
{
    std::string key; // a configSchema() path, e.g. "training.lr"
    ParamKind kind = ParamKind::Uniform;
    std::vector<std::string> choices; // Choice: value texts as ConfigField::set takes them
    double low = 0, high = 0;         // Uniform, LogUniform, Int (inclusive)
    double step = 1;                  // Int
    bool log = false;                 // Int on a log scale
    std::vector<double> grid;         // Uniform/LogUniform: the points a grid sampler uses
    std::optional<ParamCondition> when;

    bool operator==(const ParamSpec &) const = default;
};

enum class Direction { Minimize, Maximize };
enum class ObjectiveAt { End, Best }; // the metric's last value, or its best over the run

struct Objective
{
    std::string metric = "eval/loss";
    Direction direction = Direction::Minimize;
    ObjectiveAt at = ObjectiveAt::End;

    bool operator==(const Objective &) const = default;
};

enum class SamplerKind { Grid, Random, Tpe };

struct SamplerSettings
{
    SamplerKind kind = SamplerKind::Tpe;
    std::uint64_t seed = 0;
    int startupTrials = 10; // TPE: random trials before the model is used
    int eiCandidates = 24;  // TPE: samples from l(x) ranked by l(x)/g(x)
    bool multivariate = true;
    bool constantLiar = true; // running trials count as bad, so parallel asks spread out

    bool operator==(const SamplerSettings &) const = default;
};

enum class PrunerKind { None, Median, Asha };

struct PrunerSettings
{
    PrunerKind kind = PrunerKind::None;
    int startupTrials = 5;        // Median: completed trials before any pruning
    std::int64_t warmupSteps = 0; // Median: steps before a trial can be pruned
    std::int64_t minResource = 1; // ASHA: first rung, in steps
    int reductionFactor = 3;      // ASHA: rung k is at minResource * reductionFactor^k
    std::int64_t maxResource = 0; // ASHA: no rungs at or past it; 0 = unbounded

    bool operator==(const PrunerSettings &) const = default;
};

enum class CostKind { None, WallTime, Parameters, Memory };

struct SearchSpace
{
    std::string name;       // the sweep's name (the file's stem); not written by toYaml
    std::string baseConfig; // project-relative config path, e.g. configs/tiny.yaml
    Objective objective;
    CostKind cost = CostKind::None;
    SamplerSettings sampler;
    PrunerSettings pruner;
    int trials = 20;
    int parallel = 1;
    std::vector<ParamSpec> params;

    const ParamSpec *findParam(const std::string &key) const;
    bool operator==(const SearchSpace &) const = default;
};

struct SpaceParse
{
    std::optional<SearchSpace> space; // set only when issues is empty
    ConfigIssues issues;
};

// Every problem at once, like config validation; validateSearchSpace() included.
SpaceParse parseSearchSpace(const std::string &yamlText);
// The key must exist in configSchema(); ranges and choices stay within the key's
// min/max/choices and type; int only for int keys; low < high; log needs low > 0; a
// condition's parent must be another param; and the rest of the codes above.
ConfigIssues validateSearchSpace(const SearchSpace &space);
// Round-trips through parseSearchSpace (name excepted).
std::string toYaml(const SearchSpace &space);
// Number of grid points over all params (conditional branches counted exactly), or nullopt
// when a uniform/log-uniform param has no `grid:` points.
std::optional<std::uint64_t> gridSize(const SearchSpace &space);

// Names as written in the YAML ("log_uniform", "maximize", "tpe", "asha", "wall_time").
const char *kindName(ParamKind kind);
const char *directionName(Direction direction);
const char *samplerName(SamplerKind kind);
const char *prunerName(PrunerKind kind);
const char *costName(CostKind kind);

} // namespace seekbench::tuning
