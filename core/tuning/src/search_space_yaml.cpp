#include "seekbench/tuning/search_space.h"

#include "param_values.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace seekbench::tuning {
namespace {

using detail::numberText;

// Reads one sweep file, collecting every problem instead of stopping at the first.
class SpaceReader
{
public:
    ConfigIssues issues;
    std::set<std::string> brokenParams; // params dropped for a problem already reported

    // The entries of a map node, reporting duplicates and any key not in `allowed`.
    std::vector<std::pair<std::string, YAML::Node>> entries(const YAML::Node &node, const std::string &prefix,
                                                            const std::vector<std::string> &allowed)
    {
        std::vector<std::pair<std::string, YAML::Node>> out;
        if (!node.IsMap()) {
            issues.push_back(
                {prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1), "wrong_type", {"map", text(node)}});
            return out;
        }
        std::set<std::string> seen;
        for (const auto &entry : node) {
            const std::string key = entry.first.Scalar();
            if (!seen.insert(key).second) {
                issues.push_back({prefix + key, "duplicate_key", {std::to_string(entry.first.Mark().line + 1)}});
                continue;
            }
            if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                issues.push_back({prefix + key, "unknown_key", {}});
                continue;
            }
            out.emplace_back(key, entry.second);
        }
        return out;
    }

    static std::string text(const YAML::Node &node)
    {
        if (node.IsScalar())
            return node.Scalar();
        return node.IsSequence() ? "a list" : node.IsMap() ? "a map" : "nothing";
    }

    std::optional<std::string> scalar(const YAML::Node &node, const std::string &key)
    {
        if (node.IsScalar())
            return node.Scalar();
        issues.push_back({key, "wrong_type", {"scalar", text(node)}});
        return std::nullopt;
    }

    std::optional<double> number(const YAML::Node &node, const std::string &key)
    {
        const auto v = node.IsScalar() ? detail::parseNumber(node.Scalar()) : std::nullopt;
        if (!v)
            issues.push_back({key, "wrong_type", {"number", text(node)}});
        return v;
    }

    template<typename Int>
    void integer(const YAML::Node &node, const std::string &key, Int &out)
    {
        const auto v = number(node, key);
        if (v && (std::floor(*v) != *v || std::fabs(*v) > 9.0e15))
            issues.push_back({key, "wrong_type", {"int", node.Scalar()}});
        else if (v)
            out = static_cast<Int>(*v);
    }

    void boolean(const YAML::Node &node, const std::string &key, bool &out)
    {
        const std::string s = node.IsScalar() ? node.Scalar() : std::string();
        if (s == "true" || s == "false")
            out = s == "true";
        else
            issues.push_back({key, "wrong_type", {"bool", text(node)}});
    }

    // A name out of a fixed set, as an enum.
    template<typename Enum>
    void named(const YAML::Node &node, const std::string &key, Enum &out,
               const std::vector<std::pair<const char *, Enum>> &names)
    {
        const auto s = scalar(node, key);
        if (!s)
            return;
        std::vector<std::string> allowed;
        for (const auto &[name, value] : names) {
            if (*s == name) {
                out = value;
                return;
            }
            allowed.push_back(name);
        }
        std::string list;
        for (const auto &a : allowed)
            list += (list.empty() ? "" : ", ") + a;
        issues.push_back({key, "bad_choice", {*s, list}});
    }

    std::optional<std::pair<double, double>> range(const YAML::Node &node, const std::string &key)
    {
        if (!node.IsSequence() || node.size() != 2) {
            issues.push_back({key, "wrong_type", {"[low, high]", text(node)}});
            return std::nullopt;
        }
        const auto low = number(node[0], key), high = number(node[1], key);
        if (!low || !high)
            return std::nullopt;
        return std::make_pair(*low, *high);
    }

    void readParam(SearchSpace &space, const std::string &key, const YAML::Node &node)
    {
        const std::size_t before = issues.size();
        ParamSpec p;
        p.key = key;
        std::vector<std::string> kinds;
        bool hasStep = false, hasLog = false;
        static const std::vector<std::string> known{"choices", "uniform", "log_uniform", "int",
                                                    "step",    "log",     "grid",        "when"};
        for (const auto &[field, value] : entries(node, key + ".", {})) {
            if (std::find(known.begin(), known.end(), field) == known.end()) {
                issues.push_back({key, "unknown_param_field", {field}});
                continue;
            }
            if (field == "choices" || field == "uniform" || field == "log_uniform" || field == "int")
                kinds.push_back(field);
            if (field == "choices") {
                p.kind = ParamKind::Choice;
                if (!value.IsSequence())
                    issues.push_back({key, "wrong_type", {"a list", text(value)}});
                for (const auto &item : value)
                    if (const auto s = scalar(item, key))
                        p.choices.push_back(*s);
            } else if (field == "uniform" || field == "log_uniform" || field == "int") {
                p.kind = field == "uniform" ? ParamKind::Uniform
                         : field == "int"   ? ParamKind::Int
                                            : ParamKind::LogUniform;
                if (const auto r = range(value, key))
                    std::tie(p.low, p.high) = *r;
            } else if (field == "step") {
                hasStep = true;
                if (const auto v = number(value, key))
                    p.step = *v;
            } else if (field == "log") {
                hasLog = true;
                boolean(value, key, p.log);
            } else if (field == "grid") {
                if (!value.IsSequence())
                    issues.push_back({key, "wrong_type", {"a list", text(value)}});
                for (const auto &item : value)
                    if (const auto v = number(item, key))
                        p.grid.push_back(*v);
            } else if (field == "when") {
                const auto conditions = entries(value, key + ".when.", {});
                if (conditions.size() != 1)
                    issues.push_back({key, "wrong_type", {"{parent: value}", text(value)}});
                else if (const auto equals = scalar(conditions[0].second, key))
                    p.when = ParamCondition{conditions[0].first, *equals};
            }
        }
        if (kinds.size() != 1) {
            std::string given;
            for (const auto &k : kinds)
                given += (given.empty() ? "" : ", ") + k;
            issues.push_back({key, "bad_param_kind", {given.empty() ? "none" : given}});
        }
        // step and log belong to int, grid to the continuous kinds; elsewhere they would be ignored silently.
        if (kinds.size() == 1) {
            if ((hasStep || hasLog) && p.kind != ParamKind::Int)
                issues.push_back({key, "field_not_for_kind", {hasStep ? "step" : "log", kindName(p.kind)}});
            if (!p.grid.empty() && p.kind != ParamKind::Uniform && p.kind != ParamKind::LogUniform)
                issues.push_back({key, "field_not_for_kind", {"grid", kindName(p.kind)}});
        }
        if (issues.size() != before)
            brokenParams.insert(key);
        space.params.push_back(std::move(p));
    }

    void read(SearchSpace &space, const YAML::Node &root)
    {
        bool hasBase = false, hasParams = false;
        for (const auto &[key, value] :
             entries(root, "", {"base", "objective", "cost", "sampler", "pruner", "trials", "parallel", "params"})) {
            if (key == "base") {
                hasBase = true;
                if (const auto s = scalar(value, key))
                    space.baseConfig = *s;
            } else if (key == "objective") {
                for (const auto &[f, v] : entries(value, "objective.", {"metric", "direction", "at"})) {
                    if (f == "metric") {
                        if (const auto s = scalar(v, "objective.metric"))
                            space.objective.metric = *s;
                    } else if (f == "direction") {
                        named(v, "objective.direction", space.objective.direction,
                              {{"minimize", Direction::Minimize}, {"maximize", Direction::Maximize}});
                    } else {
                        named(v, "objective.at", space.objective.at,
                              {{"end", ObjectiveAt::End}, {"best", ObjectiveAt::Best}});
                    }
                }
            } else if (key == "cost") {
                named(value, "cost", space.cost,
                      {{"none", CostKind::None},
                       {"wall_time", CostKind::WallTime},
                       {"parameters", CostKind::Parameters},
                       {"memory", CostKind::Memory}});
            } else if (key == "sampler") {
                readSampler(space.sampler, value);
            } else if (key == "pruner") {
                readPruner(space.pruner, value);
            } else if (key == "trials") {
                integer(value, key, space.trials);
            } else if (key == "parallel") {
                integer(value, key, space.parallel);
            } else if (key == "params") {
                hasParams = true;
                for (const auto &[paramKey, spec] : entries(value, "", {}))
                    readParam(space, paramKey, spec);
            }
        }
        if (root.IsMap() && !hasBase)
            issues.push_back({"base", "missing_field", {}});
        if (root.IsMap() && !hasParams)
            issues.push_back({"params", "missing_field", {}});
    }

    void readSampler(SamplerSettings &s, const YAML::Node &node)
    {
        for (const auto &[f, v] :
             entries(node, "sampler.",
                     {"kind", "seed", "startup_trials", "ei_candidates", "multivariate", "constant_liar"})) {
            const std::string key = "sampler." + f;
            if (f == "kind")
                named(v, key, s.kind,
                      {{"grid", SamplerKind::Grid}, {"random", SamplerKind::Random}, {"tpe", SamplerKind::Tpe}});
            else if (f == "seed")
                integer(v, key, s.seed);
            else if (f == "startup_trials")
                integer(v, key, s.startupTrials);
            else if (f == "ei_candidates")
                integer(v, key, s.eiCandidates);
            else if (f == "multivariate")
                boolean(v, key, s.multivariate);
            else
                boolean(v, key, s.constantLiar);
        }
    }

    void readPruner(PrunerSettings &s, const YAML::Node &node)
    {
        for (const auto &[f, v] :
             entries(node, "pruner.",
                     {"kind", "startup_trials", "warmup_steps", "min_resource", "reduction_factor", "max_resource"})) {
            const std::string key = "pruner." + f;
            if (f == "kind")
                named(v, key, s.kind,
                      {{"none", PrunerKind::None}, {"median", PrunerKind::Median}, {"asha", PrunerKind::Asha}});
            else if (f == "startup_trials")
                integer(v, key, s.startupTrials);
            else if (f == "warmup_steps")
                integer(v, key, s.warmupSteps);
            else if (f == "min_resource")
                integer(v, key, s.minResource);
            else if (f == "reduction_factor")
                integer(v, key, s.reductionFactor);
            else
                integer(v, key, s.maxResource);
        }
    }
};

} // namespace

SpaceParse parseSearchSpace(const std::string &yamlText)
{
    SpaceParse parse;
    YAML::Node root;
    try {
        root = YAML::Load(yamlText);
    } catch (const YAML::Exception &e) {
        parse.issues.push_back(
            {"", "yaml_syntax", {std::to_string(e.mark.line + 1), std::to_string(e.mark.column + 1), e.msg}});
        return parse;
    }
    SearchSpace space;
    SpaceReader reader;
    reader.read(space, root);
    parse.issues = std::move(reader.issues);
    // Validate what could be read; problems of a param already reported are not repeated.
    if (root.IsMap()) {
        const bool paramsReported = std::any_of(parse.issues.begin(), parse.issues.end(),
                                                [](const ConfigIssue &i) { return i.key == "params"; });
        for (auto &issue : validateSearchSpace(space)) {
            const bool known = std::find(parse.issues.begin(), parse.issues.end(), issue) != parse.issues.end();
            const bool repeated = reader.brokenParams.count(issue.key) != 0
                                  || (issue.code == "empty_space" && paramsReported);
            if (!known && !repeated)
                parse.issues.push_back(std::move(issue));
        }
    }
    if (parse.issues.empty())
        parse.space = std::move(space);
    return parse;
}

std::string toYaml(const SearchSpace &space)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "base" << YAML::Value << space.baseConfig;
    out << YAML::Key << "objective" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "metric" << YAML::Value << space.objective.metric;
    out << YAML::Key << "direction" << YAML::Value << directionName(space.objective.direction);
    out << YAML::Key << "at" << YAML::Value << (space.objective.at == ObjectiveAt::Best ? "best" : "end");
    out << YAML::EndMap;
    if (space.cost != CostKind::None)
        out << YAML::Key << "cost" << YAML::Value << costName(space.cost);
    const auto &s = space.sampler;
    out << YAML::Key << "sampler" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << samplerName(s.kind);
    out << YAML::Key << "seed" << YAML::Value << s.seed;
    out << YAML::Key << "startup_trials" << YAML::Value << s.startupTrials;
    out << YAML::Key << "ei_candidates" << YAML::Value << s.eiCandidates;
    out << YAML::Key << "multivariate" << YAML::Value << YAML::TrueFalseBool << s.multivariate;
    out << YAML::Key << "constant_liar" << YAML::Value << YAML::TrueFalseBool << s.constantLiar;
    out << YAML::EndMap;
    const auto &pr = space.pruner;
    out << YAML::Key << "pruner" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "kind" << YAML::Value << prunerName(pr.kind);
    out << YAML::Key << "startup_trials" << YAML::Value << pr.startupTrials;
    out << YAML::Key << "warmup_steps" << YAML::Value << pr.warmupSteps;
    out << YAML::Key << "min_resource" << YAML::Value << pr.minResource;
    out << YAML::Key << "reduction_factor" << YAML::Value << pr.reductionFactor;
    out << YAML::Key << "max_resource" << YAML::Value << pr.maxResource;
    out << YAML::EndMap;
    out << YAML::Key << "trials" << YAML::Value << space.trials;
    out << YAML::Key << "parallel" << YAML::Value << space.parallel;
    out << YAML::Key << "params" << YAML::Value << YAML::BeginMap;
    for (const auto &p : space.params) {
        out << YAML::Key << p.key << YAML::Value << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << kindName(p.kind) << YAML::Value << YAML::Flow << YAML::BeginSeq;
        if (p.kind == ParamKind::Choice) {
            // Quoted so "1e3" or "true" come back as the same text.
            for (const auto &c : p.choices)
                out << YAML::DoubleQuoted << c;
        } else {
            out << numberText(p.low) << numberText(p.high);
        }
        out << YAML::EndSeq;
        if (p.kind == ParamKind::Int && p.step != 1)
            out << YAML::Key << "step" << YAML::Value << numberText(p.step);
        if (p.kind == ParamKind::Int && p.log)
            out << YAML::Key << "log" << YAML::Value << YAML::TrueFalseBool << true;
        if (!p.grid.empty()) {
            out << YAML::Key << "grid" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (double g : p.grid)
                out << numberText(g);
            out << YAML::EndSeq;
        }
        if (p.when) {
            out << YAML::Key << "when" << YAML::Value << YAML::Flow << YAML::BeginMap;
            out << YAML::Key << p.when->parent << YAML::Value << YAML::DoubleQuoted << p.when->equals;
            out << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace seekbench::tuning
