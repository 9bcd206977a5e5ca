// fANOVA importance: on y = 10 x1 + 0.1 x2 + noise, x1 explains nearly everything; the
// result is normalised, seeded, and ignores trials that did not complete.

#include "seekbench/tuning/importance.h"

#include <QtTest>

#include <random>

using namespace seekbench::tuning;

namespace {

SearchSpace space()
{
    SearchSpace s;
    s.baseConfig = "configs/tiny.yaml";
    ParamSpec x1, x2, c;
    x1.key = "x1";
    x2.key = "x2";
    x1.high = x2.high = 1;
    c.key = "c";
    c.kind = ParamKind::Choice;
    c.choices = {"a", "b", "c"};
    s.params = {x1, x2, c};
    return s;
}

std::vector<Trial> history(int n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    std::normal_distribution<double> noise(0, 0.1);
    std::vector<Trial> out;
    for (int i = 0; i < n; ++i) {
        Trial t;
        t.number = i;
        const double x1 = u(rng), x2 = u(rng);
        t.params = {{"x1", std::to_string(x1)}, {"x2", std::to_string(x2)}, {"c", std::string(1, char('a' + i % 3))}};
        t.state = TrialState::Complete;
        t.value = 10 * x1 + 0.1 * x2 + noise(rng);
        out.push_back(t);
    }
    return out;
}

} // namespace

class TestImportance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dominantParam();
    void categoricalEffect();
    void seededAndFiltered();
};

void TestImportance::dominantParam()
{
    const auto result = parameterImportance(space(), history(100, 1), 0, 64);
    QCOMPARE(result.size(), std::size_t(3));
    QCOMPARE(result[0].key, std::string("x1"));
    double sum = 0;
    for (const auto &r : result) {
        sum += r.mean;
        QVERIFY(r.stddev >= 0);
    }
    QVERIFY(std::abs(sum - 1.0) < 1e-9);
    const double x2 = result[1].key == "x2" ? result[1].mean : result[2].mean;
    qInfo("x1 %.4f (sd %.4f), x2 %.4f", result[0].mean, result[0].stddev, x2);
    QVERIFY(result[0].mean > 0.8);
    QVERIFY(result[0].mean > x2);
}

void TestImportance::categoricalEffect()
{
    auto trials = history(90, 2);
    for (auto &t : trials)
        *t.value = (t.params.at("c") == "b" ? 5.0 : 0.0) + 0.01 * *t.value;
    const auto result = parameterImportance(space(), trials, 3, 32);
    QCOMPARE(result[0].key, std::string("c"));
    QVERIFY(result[0].mean > 0.8);
}

void TestImportance::seededAndFiltered()
{
    auto trials = history(60, 4);
    const auto a = parameterImportance(space(), trials, 7, 16);
    const auto b = parameterImportance(space(), trials, 7, 16);
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QCOMPARE(a[i].mean, b[i].mean);
    // Running, pruned and failed trials carry no final value and change nothing.
    for (auto state : {TrialState::Running, TrialState::Pruned, TrialState::Failed}) {
        Trial t;
        t.number = 1000;
        t.state = state;
        t.params = {{"x1", "0.5"}};
        trials.push_back(t);
    }
    const auto c = parameterImportance(space(), trials, 7, 16);
    for (std::size_t i = 0; i < a.size(); ++i)
        QCOMPARE(c[i].mean, a[i].mean);
    QVERIFY(parameterImportance(space(), {}, 0, 8).empty());
}

QTEST_GUILESS_MAIN(TestImportance)
#include "test_importance.moc"
