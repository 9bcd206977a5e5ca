// Grid and random samplers: the grid enumerates every combination once (conditions
// respected) and then stops; random is reproducible per seed. Both are deterministic in
// (seed, trial number, history), which is what resuming a sweep relies on.

#include "seekbench/tuning/sampler.h"

#include <QtTest>

#include <set>

using namespace seekbench::tuning;

namespace {

SearchSpace conditionalSpace()
{
    const auto parse = parseSearchSpace(
        "base: configs/tiny.yaml\n"
        "params:\n"
        "  model.hidden_size: {choices: [64, 128]}\n"
        "  training.optimizer: {choices: [adamw, sgd]}\n"
        "  training.momentum: {uniform: [0.5, 0.9], grid: [0.5, 0.7, 0.9], when: {training.optimizer: sgd}}\n"
        "  training.warmup_steps: {int: [0, 20], step: 10}\n"
        "  training.beta1: {log_uniform: [0.5, 0.99], grid: [0.5, 0.9], when: {training.optimizer: adamw}}\n");
    return *parse.space;
}

SearchSpace continuousSpace()
{
    const auto parse = parseSearchSpace("base: configs/tiny.yaml\n"
                                        "params:\n"
                                        "  training.lr: {log_uniform: [1.0e-4, 1.0e-1]}\n"
                                        "  training.weight_decay: {uniform: [0, 0.1]}\n"
                                        "  training.warmup_steps: {int: [0, 200], step: 10}\n"
                                        "  model.num_hidden_layers: {int: [1, 16], log: true}\n"
                                        "  training.optimizer: {choices: [adamw, sgd]}\n"
                                        "  training.momentum: {uniform: [0.5, 0.9], when: {training.optimizer: sgd}}\n");
    return *parse.space;
}

SamplerSettings settingsOf(SamplerKind kind, std::uint64_t seed = 0)
{
    SamplerSettings s;
    s.kind = kind;
    s.seed = seed;
    return s;
}

Trial running(int number, TrialParams params)
{
    Trial t;
    t.number = number;
    t.params = std::move(params);
    return t;
}

} // namespace

class TestSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gridEnumeratesEveryCombinationOnce();
    void gridSkipsTakenPointsWhenResumed();
    void gridRefusesContinuousParams();
    void randomIsReproduciblePerSeed();
    void randomStaysInTheSpace();
    void trialStatesRoundTrip();
};

void TestSampler::gridEnumeratesEveryCombinationOnce()
{
    const SearchSpace space = conditionalSpace();
    // hidden 2 x warmup 3 x (sgd: 3 momenta + adamw: 2 betas) = 30
    QCOMPARE(gridSize(space).value_or(0), std::uint64_t(30));
    auto sampler = makeSampler(settingsOf(SamplerKind::Grid));
    std::vector<Trial> history;
    std::set<TrialParams> seen;
    for (int n = 0;; ++n) {
        const auto params = sampler->suggest(space, history, n);
        if (!params)
            break;
        QVERIFY(seen.insert(*params).second);
        // Conditions: momentum exactly with sgd, beta1 exactly with adamw.
        const bool sgd = params->at("training.optimizer") == "sgd";
        QCOMPARE(params->count("training.momentum"), std::size_t(sgd ? 1 : 0));
        QCOMPARE(params->count("training.beta1"), std::size_t(sgd ? 0 : 1));
        QCOMPARE(params->size(), std::size_t(4));
        history.push_back(running(n, *params));
        QVERIFY(n < 100);
    }
    QCOMPARE(seen.size(), std::size_t(30));
    QVERIFY(seen.count({{"model.hidden_size", "128"},
                        {"training.optimizer", "sgd"},
                        {"training.momentum", "0.7"},
                        {"training.warmup_steps", "20"}}));
}

void TestSampler::gridSkipsTakenPointsWhenResumed()
{
    const SearchSpace space = conditionalSpace();
    auto sampler = makeSampler(settingsOf(SamplerKind::Grid));
    // Two parallel asks with the same number (a restarted runner) still differ once the first is recorded.
    std::vector<Trial> history;
    const auto first = sampler->suggest(space, history, 5);
    QVERIFY(first);
    QCOMPARE(*sampler->suggest(space, history, 5), *first);
    history.push_back(running(5, *first));
    const auto second = sampler->suggest(space, history, 5);
    QVERIFY(second && *second != *first);
}

void TestSampler::gridRefusesContinuousParams()
{
    auto sampler = makeSampler(settingsOf(SamplerKind::Grid));
    QVERIFY(!sampler->suggest(continuousSpace(), {}, 0));
}

void TestSampler::randomIsReproduciblePerSeed()
{
    const SearchSpace space = continuousSpace();
    auto draw = [&](std::uint64_t seed) {
        const SamplerSettings settings = settingsOf(SamplerKind::Random, seed);
        auto sampler = makeSampler(settings);
        std::vector<TrialParams> out;
        for (int n = 0; n < 20; ++n)
            out.push_back(*sampler->suggest(space, {}, n));
        return out;
    };
    QCOMPARE(draw(1), draw(1));
    QVERIFY(draw(1) != draw(2));
    const auto a = draw(3);
    QCOMPARE(std::set<TrialParams>(a.begin(), a.end()).size(), a.size());
    // A fresh sampler object gives the same point for the same trial number: no hidden state.
    auto sampler = makeSampler(settingsOf(SamplerKind::Random, 3));
    QCOMPARE(*sampler->suggest(space, {}, 7), a[7]);
}

void TestSampler::randomStaysInTheSpace()
{
    const SearchSpace space = continuousSpace();
    auto sampler = makeSampler(settingsOf(SamplerKind::Random, 11));
    std::set<std::string> optimizers, layers;
    for (int n = 0; n < 400; ++n) {
        const auto p = *sampler->suggest(space, {}, n);
        const double lr = std::stod(p.at("training.lr"));
        QVERIFY(lr >= 1e-4 && lr <= 1e-1);
        const int warmup = std::stoi(p.at("training.warmup_steps"));
        QVERIFY(warmup >= 0 && warmup <= 200 && warmup % 10 == 0);
        QCOMPARE(p.at("training.warmup_steps"), std::to_string(warmup));
        const int l = std::stoi(p.at("model.num_hidden_layers"));
        QVERIFY(l >= 1 && l <= 16);
        layers.insert(p.at("model.num_hidden_layers"));
        optimizers.insert(p.at("training.optimizer"));
        QCOMPARE(p.count("training.momentum"), std::size_t(p.at("training.optimizer") == "sgd" ? 1 : 0));
    }
    QCOMPARE(optimizers.size(), std::size_t(2));
    QCOMPARE(layers.size(), std::size_t(16));
}

void TestSampler::trialStatesRoundTrip()
{
    for (auto s :
         {TrialState::Running, TrialState::Complete, TrialState::Pruned, TrialState::Failed, TrialState::Infeasible})
        QVERIFY(parseTrialState(stateName(s)) == s);
    QVERIFY(!parseTrialState("done"));
}

QTEST_GUILESS_MAIN(TestSampler)
#include "test_sampler.moc"
