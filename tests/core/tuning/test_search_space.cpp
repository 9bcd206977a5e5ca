// Sweep definitions: every problem of a sweeps/<name>.yaml reported at once with a stable
// key and code (the CLI prints them, the GUI places them), the grid's size, and the YAML
// written back reading as the same space.

#include "seekbench/config/config_issue.h"
#include "seekbench/tuning/search_space.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::tuning;

namespace {

const char *kGood = R"(base: configs/tiny.yaml
objective: {metric: eval/accuracy, direction: maximize, at: best}
cost: wall_time
sampler: {kind: tpe, seed: 7, startup_trials: 5, ei_candidates: 32, multivariate: false, constant_liar: true}
pruner: {kind: asha, min_resource: 50, reduction_factor: 3, max_resource: 2000}
trials: 40
parallel: 2
params:
  training.lr: {log_uniform: [1.0e-4, 3.0e-2]}
  training.warmup_steps: {int: [0, 200], step: 10}
  training.weight_decay: {uniform: [0, 0.1], grid: [0, 0.01, 0.1]}
  model.hidden_size: {choices: [64, 128, 256]}
  model.num_hidden_layers: {int: [1, 16], log: true}
  training.optimizer: {choices: [adamw, sgd]}
  training.momentum: {uniform: [0.5, 0.99], when: {training.optimizer: sgd}}
)";

// A valid space with `params:` replaced by the given lines.
std::string withParams(const std::string &params) { return "base: configs/tiny.yaml\nparams:\n" + params; }

std::string issuesText(const ConfigIssues &issues)
{
    std::string text;
    for (const auto &i : issues) {
        text += "[" + i.key + " " + i.code;
        for (const auto &a : i.args)
            text += " '" + a + "'";
        text += "] ";
    }
    return text;
}

} // namespace

class TestSearchSpace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryField();
    void badSpaces_data();
    void badSpaces();
    void everyProblemAtOnce();
    void yamlRoundTrips();
    void gridSize_data();
    void gridSize();
    void everyCodeHasEnglish();
};

void TestSearchSpace::parsesEveryField()
{
    const auto parse = parseSearchSpace(kGood);
    QVERIFY2(parse.issues.empty(), issuesText(parse.issues).c_str());
    const SearchSpace &s = *parse.space;
    QCOMPARE(s.baseConfig, std::string("configs/tiny.yaml"));
    QCOMPARE(s.objective.metric, std::string("eval/accuracy"));
    QVERIFY(s.objective.direction == Direction::Maximize);
    QVERIFY(s.objective.at == ObjectiveAt::Best);
    QVERIFY(s.cost == CostKind::WallTime);
    QCOMPARE(s.sampler.seed, std::uint64_t(7));
    QCOMPARE(s.sampler.startupTrials, 5);
    QCOMPARE(s.sampler.eiCandidates, 32);
    QVERIFY(!s.sampler.multivariate);
    QVERIFY(s.pruner.kind == PrunerKind::Asha);
    QCOMPARE(s.pruner.minResource, std::int64_t(50));
    QCOMPARE(s.pruner.maxResource, std::int64_t(2000));
    QCOMPARE(s.trials, 40);
    QCOMPARE(s.parallel, 2);
    QCOMPARE(s.params.size(), std::size_t(7));
    const ParamSpec *lr = s.findParam("training.lr");
    QVERIFY(lr && lr->kind == ParamKind::LogUniform && lr->low == 1e-4 && lr->high == 3e-2);
    const ParamSpec *warmup = s.findParam("training.warmup_steps");
    QVERIFY(warmup && warmup->kind == ParamKind::Int && warmup->step == 10);
    const ParamSpec *hidden = s.findParam("model.hidden_size");
    QVERIFY(hidden && hidden->choices == std::vector<std::string>({"64", "128", "256"}));
    const ParamSpec *layers = s.findParam("model.num_hidden_layers");
    QVERIFY(layers && layers->log);
    const ParamSpec *momentum = s.findParam("training.momentum");
    QVERIFY(momentum && momentum->when == (ParamCondition{"training.optimizer", "sgd"}));
    QCOMPARE(s.findParam("training.weight_decay")->grid, std::vector<double>({0, 0.01, 0.1}));
}

void TestSearchSpace::badSpaces_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("args");

    auto row = [](const char *name, const std::string &yaml, const char *key, const char *code, QStringList args = {}) {
        QTest::newRow(name) << QString::fromStdString(yaml) << QString::fromLatin1(key) << QString::fromLatin1(code)
                            << args;
    };
    using L = QStringList;
    row("malformed yaml", "base: configs/tiny.yaml\nparams:\n  training.lr: {uniform: [0, 1]\n", "", "yaml_syntax",
        L{QStringLiteral("4"), QStringLiteral("1"), QStringLiteral("end of map flow not found")});
    row("not a map", "- a\n- b\n", "", "wrong_type", L{QStringLiteral("map"), QStringLiteral("a list")});
    row("missing base", "params:\n  training.lr: {uniform: [0.1, 0.2]}\n", "base", "missing_field");
    row("missing params", "base: configs/tiny.yaml\n", "params", "missing_field");
    row("empty params", "base: configs/tiny.yaml\nparams: {}\n", "params", "empty_space");
    row("unknown top-level key", std::string(kGood) + "budget: 3\n", "budget", "unknown_key");
    row("duplicate top-level key", std::string(kGood) + "trials: 5\n", "trials", "duplicate_key",
        L{QStringLiteral("16")});
    row("unknown param key", withParams("  model.wideness: {uniform: [1, 2]}\n"), "model.wideness", "unknown_param_key");
    row("unknown param field", withParams("  training.lr: {uniform: [0.1, 0.2], prior: flat}\n"), "training.lr",
        "unknown_param_field", L{QStringLiteral("prior")});
    row("no kind", withParams("  training.lr: {step: 2}\n"), "training.lr", "bad_param_kind", L{QStringLiteral("none")});
    row("two kinds", withParams("  training.lr: {uniform: [0.1, 0.2], choices: [0.1]}\n"), "training.lr",
        "bad_param_kind", L{QStringLiteral("uniform, choices")});
    row("range not a pair", withParams("  training.lr: {uniform: [0.1]}\n"), "training.lr", "wrong_type",
        L{QStringLiteral("[low, high]"), QStringLiteral("a list")});
    row("range not numbers", withParams("  training.lr: {uniform: [a, 0.2]}\n"), "training.lr", "wrong_type",
        L{QStringLiteral("number"), QStringLiteral("a")});
    row("out of the key's range", withParams("  training.weight_decay: {uniform: [0, 20]}\n"), "training.weight_decay",
        "range_outside_key", L{QStringLiteral("0"), QStringLiteral("20"), QStringLiteral("0"), QStringLiteral("10")});
    row("below the key's range", withParams("  training.warmup_steps: {int: [-5, 10]}\n"), "training.warmup_steps",
        "range_outside_key",
        L{QStringLiteral("-5"), QStringLiteral("10"), QStringLiteral("0"), QStringLiteral("1073741824")});
    row("low not below high", withParams("  training.lr: {uniform: [0.2, 0.1]}\n"), "training.lr", "low_not_below_high",
        L{QStringLiteral("0.2"), QStringLiteral("0.1")});
    row("log with low 0", withParams("  training.weight_decay: {log_uniform: [0, 0.1]}\n"), "training.weight_decay",
        "log_needs_positive", L{QStringLiteral("0")});
    row("log int with low 0", withParams("  training.warmup_steps: {int: [0, 100], log: true}\n"),
        "training.warmup_steps", "log_needs_positive", L{QStringLiteral("0")});
    row("empty choices", withParams("  model.hidden_size: {choices: []}\n"), "model.hidden_size", "empty_choices");
    row("duplicate choice", withParams("  model.hidden_size: {choices: [64, 64]}\n"), "model.hidden_size",
        "duplicate_choice", L{QStringLiteral("64")});
    row("choice of the wrong type", withParams("  model.hidden_size: {choices: [64, wide]}\n"), "model.hidden_size",
        "choice_not_allowed", L{QStringLiteral("wide"), QStringLiteral("not a integer")});
    row("choice outside the key's choices", withParams("  training.optimizer: {choices: [adamw, lion]}\n"),
        "training.optimizer", "choice_not_allowed",
        L{QStringLiteral("lion"), QStringLiteral("not one of: adamw, sgd")});
    row("choice outside the key's range", withParams("  model.hidden_size: {choices: [0, 64]}\n"), "model.hidden_size",
        "choice_not_allowed", L{QStringLiteral("0"), QStringLiteral("outside 1..1073741824")});
    row("int on a double key", withParams("  training.lr: {int: [1, 3]}\n"), "training.lr", "param_type_mismatch",
        L{QStringLiteral("int"), QStringLiteral("number")});
    row("uniform on an int key", withParams("  model.hidden_size: {uniform: [32, 64]}\n"), "model.hidden_size",
        "param_type_mismatch", L{QStringLiteral("uniform"), QStringLiteral("integer")});
    row("int with fractional step", withParams("  training.warmup_steps: {int: [0, 100], step: 2.5}\n"),
        "training.warmup_steps", "bad_step", L{QStringLiteral("2.5")});
    row("int with step 0", withParams("  training.warmup_steps: {int: [0, 100], step: 0}\n"), "training.warmup_steps",
        "bad_step", L{QStringLiteral("0")});
    row("int with fractional bound", withParams("  training.warmup_steps: {int: [0, 10.5]}\n"), "training.warmup_steps",
        "wrong_type", L{QStringLiteral("int"), QStringLiteral("10.5")});
    row("step on a float", withParams("  training.lr: {uniform: [0.1, 0.2], step: 0.01}\n"), "training.lr",
        "field_not_for_kind", L{QStringLiteral("step"), QStringLiteral("uniform")});
    row("grid on choices", withParams("  model.hidden_size: {choices: [64], grid: [64]}\n"), "model.hidden_size",
        "field_not_for_kind", L{QStringLiteral("grid"), QStringLiteral("choices")});
    row("grid point outside", withParams("  training.lr: {uniform: [0.1, 0.2], grid: [0.1, 0.3]}\n"), "training.lr",
        "grid_outside_range", L{QStringLiteral("0.3"), QStringLiteral("0.1"), QStringLiteral("0.2")});
    row("condition on unknown parent",
        withParams("  training.momentum: {uniform: [0.5, 0.9], when: {training.optimizer: sgd}}\n"),
        "training.momentum", "condition_unknown_parent", L{QStringLiteral("training.optimizer")});
    row("condition on itself", withParams("  training.optimizer: {choices: [sgd], when: {training.optimizer: sgd}}\n"),
        "training.optimizer", "condition_self");
    row("condition on a value never taken",
        withParams("  training.optimizer: {choices: [adamw, sgd]}\n"
                   "  training.momentum: {uniform: [0.5, 0.9], when: {training.optimizer: lion}}\n"),
        "training.momentum", "condition_bad_value", L{QStringLiteral("training.optimizer"), QStringLiteral("lion")});
    row("condition cycle",
        withParams("  training.optimizer: {choices: [adamw, sgd], when: {training.schedule: cosine}}\n"
                   "  training.schedule: {choices: [cosine, linear], when: {training.optimizer: sgd}}\n"),
        "training.optimizer", "condition_cycle", L{QStringLiteral("training.schedule")});
    row("unknown direction",
        "base: configs/tiny.yaml\nobjective: {direction: up}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "objective.direction", "bad_choice", L{QStringLiteral("up"), QStringLiteral("minimize, maximize")});
    row("unknown sampler",
        "base: configs/tiny.yaml\nsampler: {kind: cmaes}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "sampler.kind", "bad_choice", L{QStringLiteral("cmaes"), QStringLiteral("grid, random, tpe")});
    row("unknown pruner",
        "base: configs/tiny.yaml\npruner: {kind: hyperband}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "pruner.kind", "bad_choice", L{QStringLiteral("hyperband"), QStringLiteral("none, median, asha")});
    row("unknown cost", "base: configs/tiny.yaml\ncost: money\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n", "cost",
        "bad_choice", L{QStringLiteral("money"), QStringLiteral("none, wall_time, parameters, memory")});
    row("unknown sampler field",
        "base: configs/tiny.yaml\nsampler: {kind: tpe, n_candidates: 3}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "sampler.n_candidates", "unknown_key");
    row("multivariate not a bool",
        "base: configs/tiny.yaml\nsampler: {multivariate: maybe}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "sampler.multivariate", "wrong_type", L{QStringLiteral("bool"), QStringLiteral("maybe")});
    row("zero trials", "base: configs/tiny.yaml\ntrials: 0\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n", "trials",
        "out_of_range", L{QStringLiteral("0"), QStringLiteral("1"), QString()});
    row("fractional trials", "base: configs/tiny.yaml\ntrials: 2.5\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "trials", "wrong_type", L{QStringLiteral("int"), QStringLiteral("2.5")});
    row("reduction factor 1",
        "base: configs/tiny.yaml\npruner: {kind: asha, reduction_factor: 1}\nparams:\n  training.lr: {uniform: [0.1, 0.2]}\n",
        "pruner.reduction_factor", "out_of_range", L{QStringLiteral("1"), QStringLiteral("2"), QString()});
}

void TestSearchSpace::badSpaces()
{
    QFETCH(QString, yaml);
    QFETCH(QString, key);
    QFETCH(QString, code);
    QFETCH(QStringList, args);
    const auto parse = parseSearchSpace(yaml.toStdString());
    QVERIFY(!parse.space);
    // One problem, reported once (a cycle once per param in it, with the same code).
    QVERIFY2(!parse.issues.empty(), "no issue");
    for (const auto &issue : parse.issues)
        QVERIFY2(issue.code == parse.issues[0].code
                     && (issue.key == parse.issues[0].key || issue.code == "condition_cycle"),
                 issuesText(parse.issues).c_str());
    QVERIFY2(parse.issues.size() == (code == QLatin1String("condition_cycle") ? 2u : 1u),
             issuesText(parse.issues).c_str());
    QCOMPARE(QString::fromStdString(parse.issues[0].key), key);
    QCOMPARE(QString::fromStdString(parse.issues[0].code), code);
    QStringList got;
    for (const auto &a : parse.issues[0].args)
        got << QString::fromStdString(a);
    QCOMPARE(got, args);
}

void TestSearchSpace::everyProblemAtOnce()
{
    const auto parse = parseSearchSpace("sampler: {kind: bayes}\n"
                                        "trials: -1\n"
                                        "params:\n"
                                        "  model.wideness: {uniform: [1, 2]}\n"
                                        "  training.lr: {log_uniform: [0, 1]}\n"
                                        "  model.hidden_size: {choices: []}\n");
    QVERIFY(!parse.space);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto &i : parse.issues)
        got.emplace_back(i.key, i.code);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"sampler.kind", "bad_choice"},
        {"base", "missing_field"},
        {"trials", "out_of_range"},
        {"model.wideness", "unknown_param_key"},
        {"training.lr", "log_needs_positive"},
        {"training.lr", "range_outside_key"},
        {"model.hidden_size", "empty_choices"},
    };
    QVERIFY2(got == expected, issuesText(parse.issues).c_str());
}

void TestSearchSpace::yamlRoundTrips()
{
    const auto parse = parseSearchSpace(kGood);
    QVERIFY(parse.space);
    const std::string yaml = toYaml(*parse.space);
    const auto again = parseSearchSpace(yaml);
    QVERIFY2(again.issues.empty(), (issuesText(again.issues) + "\n" + yaml).c_str());
    QVERIFY(*again.space == *parse.space);
    QCOMPARE(toYaml(*again.space), yaml);

    // Defaults and odd texts survive too: a choice that reads as a number or a bool stays text.
    SearchSpace s;
    s.baseConfig = "configs/a b.yaml";
    ParamSpec optimizer;
    optimizer.key = "training.optimizer";
    optimizer.kind = ParamKind::Choice;
    optimizer.choices = {"adamw", "sgd"};
    s.params.push_back(optimizer);
    ParamSpec attn;
    attn.key = "model.attention_bias";
    attn.kind = ParamKind::Choice;
    attn.choices = {"true", "false"};
    attn.when = ParamCondition{"training.optimizer", "sgd"};
    s.params.push_back(attn);
    ParamSpec eps;
    eps.key = "model.rms_norm_eps";
    eps.kind = ParamKind::LogUniform;
    eps.low = 1e-7;
    eps.high = 1.0 / 3.0;
    s.params.push_back(eps);
    QVERIFY2(validateSearchSpace(s).empty(), issuesText(validateSearchSpace(s)).c_str());
    const auto back = parseSearchSpace(toYaml(s));
    QVERIFY2(back.space, issuesText(back.issues).c_str());
    QVERIFY(*back.space == s);
}

void TestSearchSpace::gridSize_data()
{
    QTest::addColumn<QString>("params");
    QTest::addColumn<qint64>("size"); // -1: no grid

    QTest::newRow("choices") << QStringLiteral("  model.hidden_size: {choices: [64, 128, 256]}\n") << qint64(3);
    QTest::newRow("int with step") << QStringLiteral("  training.warmup_steps: {int: [0, 200], step: 10}\n")
                                   << qint64(21);
    QTest::newRow("int off the step at the top")
        << QStringLiteral("  training.warmup_steps: {int: [0, 25], step: 10}\n") << qint64(3);
    QTest::newRow("log int counts every int")
        << QStringLiteral("  model.num_hidden_layers: {int: [1, 16], log: true}\n") << qint64(16);
    QTest::newRow("uniform without grid") << QStringLiteral("  model.hidden_size: {choices: [64]}\n"
                                                            "  training.lr: {uniform: [0.1, 0.2]}\n")
                                          << qint64(-1);
    QTest::newRow("uniform with grid") << QStringLiteral(
        "  model.hidden_size: {choices: [64, 128]}\n"
        "  training.lr: {uniform: [0.1, 0.2], grid: [0.1, 0.15, 0.2]}\n")
                                       << qint64(6);
    // Counted, not listed: a billion points take no time or memory.
    QTest::newRow("huge int range") << QStringLiteral("  training.max_steps: {int: [1, 1000000000]}\n")
                                    << qint64(1000000000);
    // 0 and 8 plain, 4 switches on two choices: 2 + 2.
    QTest::newRow("condition on an int") << QStringLiteral(
        "  model.n_routed_experts: {int: [0, 8], step: 4}\n"
        "  model.num_experts_per_tok: {choices: [1, 2], when: {model.n_routed_experts: \"4\"}}\n")
                                         << qint64(4);
    // adamw: 1 branch; sgd: 3 momenta x 2 nesterov-like choices = 6; times 2 hidden sizes.
    QTest::newRow("conditions") << QStringLiteral(
        "  model.hidden_size: {choices: [64, 128]}\n"
        "  training.optimizer: {choices: [adamw, sgd]}\n"
        "  training.momentum: {uniform: [0.5, 0.9], grid: [0.5, 0.7, 0.9], when: {training.optimizer: sgd}}\n"
        "  model.attention_bias: {choices: [true, false], when: {training.optimizer: sgd}}\n")
                                << qint64(2 * (1 + 3 * 2));
}

void TestSearchSpace::gridSize()
{
    QFETCH(QString, params);
    QFETCH(qint64, size);
    const auto parse = parseSearchSpace(withParams(params.toStdString()));
    QVERIFY2(parse.space, issuesText(parse.issues).c_str());
    const auto n = tuning::gridSize(*parse.space);
    if (size < 0)
        QVERIFY(!n);
    else
        QCOMPARE(qint64(n.value_or(0)), size);
}

void TestSearchSpace::everyCodeHasEnglish()
{
    // The codes documented in search_space.h all have their own sentence in describe().
    for (const char *code :
         {"missing_field", "unknown_param_key", "unknown_param_field", "bad_param_kind", "field_not_for_kind",
          "param_type_mismatch", "empty_choices", "duplicate_choice", "choice_not_allowed", "range_outside_key",
          "low_not_below_high", "log_needs_positive", "bad_step", "grid_outside_range", "condition_unknown_parent",
          "condition_self", "condition_bad_value", "condition_cycle", "empty_space"}) {
        const ConfigIssue issue{"training.lr", code, {"a", "b", "c", "d"}};
        const std::string text = describe(issue);
        QVERIFY2(text.find(code) == std::string::npos, text.c_str());
        QVERIFY2(text.rfind("training.lr: ", 0) == 0, text.c_str());
    }
    QCOMPARE(describe({"training.weight_decay", "range_outside_key", {"0", "20", "0", "10"}}),
             std::string("training.weight_decay: range 0..20 leaves the key's own range; it must be between 0 and 10"));
}

QTEST_GUILESS_MAIN(TestSearchSpace)
#include "test_search_space.moc"
