#include "seekbench/tuning/propose.h"

#include "param_values.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace seekbench::tuning {
namespace {

// Settings of the run, not hyperparameters.
constexpr std::array<std::string_view, 26> kNotTunable = {"training.seed",
                                                          "data.seed",
                                                          "training.device",
                                                          "training.backend",
                                                          "training.threads",
                                                          "training.eval_every",
                                                          "training.log_every",
                                                          "training.checkpoint_every",
                                                          "training.keep_last",
                                                          "training.keep_best",
                                                          "training.system_sample_hz",
                                                          "training.on_nonfinite",
                                                          "training.eval_batches",
                                                          "training.early_stopping_metric",
                                                          "training.zero_stage",
                                                          "training.max_steps",
                                                          "data.kind",
                                                          "data.eval_samples",
                                                          "data.validation_samples",
                                                          "data.num_classes",
                                                          "model.num_labels",
                                                          "model.vocab_size",
                                                          "crossmodal.data_dir",
                                                          "aml.test_months",
                                                          "aml.validation_months",
                                                          "model.max_position_embeddings"};

double clampTo(const ConfigField &f, double v)
{
    if (f.min)
        v = std::max(v, *f.min);
    if (f.max)
        v = std::min(v, *f.max);
    return v;
}

} // namespace

bool isTunableKey(const ConfigField &field)
{
    if (std::find(kNotTunable.begin(), kNotTunable.end(), field.path) != kNotTunable.end())
        return false;
    if (field.type == ConfigField::Type::String)
        return !field.choices.empty();
    return !(field.min && field.max && *field.min >= *field.max);
}

std::optional<ParamSpec> proposeParam(const ConfigField &field, const std::string &value)
{
    if (!isTunableKey(field))
        return std::nullopt;
    ParamSpec p;
    p.key = field.path;
    switch (field.type) {
    case ConfigField::Type::Bool:
        p.kind = ParamKind::Choice;
        p.choices = {"false", "true"};
        return p;
    case ConfigField::Type::String:
        if (field.choices.size() < 2)
            return std::nullopt; // one choice: nothing to vary
        p.kind = ParamKind::Choice;
        p.choices = field.choices;
        return p;
    case ConfigField::Type::Double: {
        const auto v = detail::parseNumber(value);
        if (!v)
            return std::nullopt;
        if (*v > 0.5 && *v < 1 && field.max && *field.max <= 1) {
            p.kind = ParamKind::Uniform;
            p.low = clampTo(field, 1 - 10 * (1 - *v));
            p.high = clampTo(field, 1);
        } else if (*v > 0) {
            p.kind = ParamKind::LogUniform;
            p.low = clampTo(field, *v / 10);
            p.high = clampTo(field, *v * 10);
            if (p.low <= 0)
                p.low = *v / 10;
        } else {
            // Zero (no weight decay, no dropout): a small positive range from the bottom.
            p.kind = ParamKind::Uniform;
            p.low = field.min.value_or(0);
            p.high = clampTo(field, std::max(p.low, 0.0) + 0.1);
        }
        break;
    }
    case ConfigField::Type::Int:
    case ConfigField::Type::UInt64: {
        const auto v = detail::parseNumber(value);
        if (!v || *v != std::floor(*v))
            return std::nullopt;
        p.kind = ParamKind::Int;
        if (*v >= 2) {
            p.low = clampTo(field, std::floor(*v / 2));
            p.high = clampTo(field, *v * 2);
            p.log = *v >= 8 && p.low > 0;
        } else {
            p.low = field.min.value_or(0);
            p.high = clampTo(field, *v + 4);
        }
        break;
    }
    }
    if (!(p.low < p.high))
        return std::nullopt;
    return p;
}

Direction directionForMetric(const std::string &metric)
{
    const std::string_view m(metric);
    const auto slash = m.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? m : m.substr(slash + 1);
    for (const char *higher : {"accuracy", "auc", "f1", "precision", "recall"})
        if (name.find(higher) != std::string_view::npos)
            return Direction::Maximize;
    return name == "ap" || name == "map" ? Direction::Maximize : Direction::Minimize;
}

SearchSpace proposeSpace(const std::string &basePath, const std::string &metric, std::vector<ParamSpec> params,
                         int trials, int parallel)
{
    SearchSpace s;
    s.baseConfig = basePath;
    s.objective.metric = metric;
    s.objective.direction = directionForMetric(metric);
    s.trials = trials;
    s.parallel = parallel;
    s.params = std::move(params);
    return s;
}

} // namespace seekbench::tuning
