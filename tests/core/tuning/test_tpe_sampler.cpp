// TPE: beats random search on simple problems over fixed seeds, spreads parallel asks
// (constant liar), learns to avoid infeasible regions, respects conditions, and stays
// deterministic in (seed, trial number, history).

#include "seekbench/tuning/sampler.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <set>

using namespace seekbench::tuning;

namespace {

ParamSpec uniform(const char *key, double low, double high)
{
    ParamSpec p;
    p.key = key;
    p.kind = ParamKind::Uniform;
    p.low = low;
    p.high = high;
    return p;
}

SearchSpace space2d(double lo1, double hi1, double lo2, double hi2)
{
    SearchSpace s;
    s.baseConfig = "configs/tiny.yaml";
    s.params = {uniform("x1", lo1, hi1), uniform("x2", lo2, hi2)};
    return s;
}

using Objective2d = std::function<double(double, double)>;

// Best value after `trials` sequential trials.
double bestAfter(SamplerSettings settings, const SearchSpace &space, const Objective2d &f, int trials)
{
    auto sampler = makeSampler(settings);
    std::vector<Trial> history;
    double best = INFINITY;
    for (int n = 0; n < trials; ++n) {
        Trial t;
        t.number = n;
        t.params = *sampler->suggest(space, history, n);
        t.state = TrialState::Complete;
        t.value = f(std::stod(t.params.at("x1")), std::stod(t.params.at("x2")));
        best = std::min(best, *t.value);
        history.push_back(std::move(t));
    }
    return best;
}

double meanBest(SamplerKind kind, bool multivariate, const SearchSpace &space, const Objective2d &f)
{
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        SamplerSettings s;
        s.kind = kind;
        s.seed = seed;
        s.multivariate = multivariate;
        sum += bestAfter(s, space, f, 40);
    }
    return sum / 10;
}

double quadratic(double x, double y) { return (x - 0.3) * (x - 0.3) + (y + 0.2) * (y + 0.2); }

double branin(double x1, double x2)
{
    const double b = 5.1 / (4 * M_PI * M_PI), c = 5 / M_PI, t = 1 / (8 * M_PI);
    return std::pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * std::cos(x1) + 10;
}

Trial complete(int number, TrialParams params, double value)
{
    Trial t;
    t.number = number;
    t.params = std::move(params);
    t.state = TrialState::Complete;
    t.value = value;
    return t;
}

} // namespace

class TestTpeSampler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void beatsRandom_data();
    void beatsRandom();
    void parallelAsksSpreadOut();
    void avoidsInfeasibleRegion();
    void conditionalParams();
    void deterministicForResume();
    void startupTrialsAreRandom();
};

void TestTpeSampler::beatsRandom_data()
{
    QTest::addColumn<bool>("branin");
    QTest::addColumn<bool>("multivariate");
    QTest::newRow("quadratic, independent") << false << false;
    QTest::newRow("quadratic, multivariate") << false << true;
    QTest::newRow("branin, independent") << true << false;
    QTest::newRow("branin, multivariate") << true << true;
}

void TestTpeSampler::beatsRandom()
{
    QFETCH(bool, branin);
    QFETCH(bool, multivariate);
    const SearchSpace space = branin ? space2d(-5, 10, 0, 15) : space2d(-1, 1, -1, 1);
    const Objective2d f = branin ? Objective2d(::branin) : Objective2d(quadratic);
    const double random = meanBest(SamplerKind::Random, false, space, f);
    const double tpe = meanBest(SamplerKind::Tpe, multivariate, space, f);
    qInfo("mean best over 10 seeds at 40 trials: random %.5f, TPE %.5f", random, tpe);
    QVERIFY(tpe < random);
}

void TestTpeSampler::parallelAsksSpreadOut()
{
    const SearchSpace space = space2d(-1, 1, -1, 1);
    for (bool multivariate : {false, true}) {
        SamplerSettings s;
        s.seed = 5;
        s.multivariate = multivariate;
        auto sampler = makeSampler(s);
        std::vector<Trial> history;
        for (int n = 0; n < 12; ++n) {
            const auto p = *sampler->suggest(space, history, n);
            history.push_back(complete(n, p, quadratic(std::stod(p.at("x1")), std::stod(p.at("x2")))));
        }
        // Four asks, none told: each sees the earlier ones as running.
        std::set<TrialParams> asked;
        for (int n = 12; n < 16; ++n) {
            const auto p = *sampler->suggest(space, history, n);
            asked.insert(p);
            Trial t;
            t.number = n;
            t.params = p;
            history.push_back(t);
        }
        QCOMPARE(asked.size(), std::size_t(4));
    }
}

void TestTpeSampler::avoidsInfeasibleRegion()
{
    // x1 > 0.6 does not fit (say, out of memory); the best feasible point is x1 = 0.3.
    // Infeasible trials count as the worst, so the sampler learns to stay below 0.6.
    const SearchSpace space = space2d(0, 1, 0, 1);
    auto count = [&](SamplerKind kind) {
        SamplerSettings s;
        s.kind = kind;
        int late = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            s.seed = seed;
            auto sampler = makeSampler(s);
            std::vector<Trial> history;
            for (int n = 0; n < 50; ++n) {
                const auto p = *sampler->suggest(space, history, n);
                const double x1 = std::stod(p.at("x1"));
                Trial t = complete(n, p, (x1 - 0.3) * (x1 - 0.3));
                if (x1 > 0.6) {
                    t.state = TrialState::Infeasible;
                    t.value.reset();
                    late += n >= 30;
                }
                history.push_back(t);
            }
        }
        return late;
    };
    const int random = count(SamplerKind::Random), tpe = count(SamplerKind::Tpe);
    qInfo("infeasible among trials 30-49 of 5 seeds: random %d, TPE %d", random, tpe);
    QVERIFY(tpe * 3 < random);
}

void TestTpeSampler::conditionalParams()
{
    SearchSpace space = space2d(0, 1, 0, 1);
    ParamSpec opt;
    opt.key = "opt";
    opt.kind = ParamKind::Choice;
    opt.choices = {"a", "b"};
    space.params.push_back(opt);
    ParamSpec m = uniform("m", 0, 1);
    m.when = ParamCondition{"opt", "b"};
    space.params.push_back(m);
    ParamSpec k;
    k.key = "k";
    k.kind = ParamKind::Int;
    k.low = 1;
    k.high = 8;
    k.when = ParamCondition{"opt", "b"};
    space.params.push_back(k);
    for (bool multivariate : {false, true}) {
        SamplerSettings s;
        s.seed = 9;
        s.multivariate = multivariate;
        auto sampler = makeSampler(s);
        std::vector<Trial> history;
        int bLate = 0;
        for (int n = 0; n < 50; ++n) {
            const auto p = *sampler->suggest(space, history, n);
            const bool b = p.at("opt") == "b";
            QCOMPARE(p.count("m"), std::size_t(b ? 1 : 0));
            QCOMPARE(p.count("k"), std::size_t(b ? 1 : 0));
            // Branch b with m near 0.8 is the good region.
            const double v = b ? std::abs(std::stod(p.at("m")) - 0.8) : 1.0 + std::stod(p.at("x1"));
            history.push_back(complete(n, p, v));
            bLate += n >= 30 && b;
        }
        QVERIFY2(bLate >= 14, qPrintable(QString::number(bLate)));
    }
}

void TestTpeSampler::deterministicForResume()
{
    const SearchSpace space = space2d(-1, 1, -1, 1);
    SamplerSettings s;
    s.seed = 21;
    std::vector<Trial> history;
    auto sampler = makeSampler(s);
    for (int n = 0; n < 25; ++n) {
        const auto p = *sampler->suggest(space, history, n);
        history.push_back(complete(n, p, quadratic(std::stod(p.at("x1")), std::stod(p.at("x2")))));
    }
    // A new process with the stored history asks the same.
    auto resumed = makeSampler(s);
    QCOMPARE(*resumed->suggest(space, history, 25), *sampler->suggest(space, history, 25));
    s.seed = 22;
    QVERIFY(*makeSampler(s)->suggest(space, history, 25) != *sampler->suggest(space, history, 25));
}

void TestTpeSampler::startupTrialsAreRandom()
{
    const SearchSpace space = space2d(-1, 1, -1, 1);
    SamplerSettings tpe;
    tpe.seed = 4;
    SamplerSettings random = tpe;
    random.kind = SamplerKind::Random;
    std::vector<Trial> history;
    for (int n = 0; n < 10; ++n) {
        const auto p = *makeSampler(tpe)->suggest(space, history, n);
        QCOMPARE(p, *makeSampler(random)->suggest(space, history, n));
        history.push_back(complete(n, p, 0.0));
    }
    QVERIFY(*makeSampler(tpe)->suggest(space, history, 10) != *makeSampler(random)->suggest(space, history, 10));
}

QTEST_GUILESS_MAIN(TestTpeSampler)
#include "test_tpe_sampler.moc"
