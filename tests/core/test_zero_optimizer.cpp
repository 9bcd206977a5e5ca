// ZeRO stage 1 (ZeroOptimizer): two Gloo ranks in threads over a real TCPStore. Each rank
// owns a contiguous shard, keeps optimizer state for that shard only, and after the
// owners' broadcast every rank holds exactly the weights one plain AdamW (or SGD with
// momentum) step gives on the same averaged gradients. gatherState() gives every rank the
// whole state for a checkpoint; releaseForeignState() drops the other shards again.

#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h> // torch first, then Qt

#include "two_ranks.h"
#include "zero_optimizer.h"

#include <QtTest>

using namespace seekbench;
using seekbench::test::onTwoRanks;

namespace {

// Parameters of uneven sizes, the same on every rank, with fixed gradients. The two ranks
// are threads of this process, so each call draws from its own seeded generator: seeding
// the global one from both threads at once let their draws interleave, and rank 0 then
// started from other weights than the reference (seen once under load in CI).
std::vector<at::Tensor> makeParams()
{
    at::Generator generator = at::detail::createCPUGenerator(7);
    std::vector<at::Tensor> params;
    for (std::int64_t n : {64, 8, 200, 3, 120, 40})
        params.push_back(torch::randn({n}, generator).requires_grad_(true));
    return params;
}

void setGradients(std::vector<at::Tensor> &params, int step)
{
    for (std::size_t i = 0; i < params.size(); ++i)
        params[i].mutable_grad() = torch::sin(torch::arange(params[i].numel(), torch::kFloat) * float(i + 1)
                                              + float(step));
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::vector<at::Tensor> &params, bool adam)
{
    if (adam)
        return std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(1e-2).weight_decay(0.1));
    return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(1e-2).momentum(0.9));
}

} // namespace

class TestZeroOptimizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shardsAreContiguousAndBalanced();
    void stepsEqualPlainOptimizer_data();
    void stepsEqualPlainOptimizer();
    void gatherGivesWholeStateAndReleaseDropsIt();
};

void TestZeroOptimizer::shardsAreContiguousAndBalanced()
{
    std::vector<int> owners;
    std::int64_t owned[2] = {0, 0};
    const auto errors = onTwoRanks([&](engine::ProcessGroup &group, int rank) {
        const auto params = makeParams();
        engine::ZeroOptimizer zero(group, params);
        if (rank != 0)
            return;
        for (std::size_t i = 0; i < params.size(); ++i)
            owners.push_back(zero.owner(i));
        owned[0] = zero.ownedElements(0);
        owned[1] = zero.ownedElements(1);
    });
    QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + errors[1]).c_str());
    QCOMPARE(owners.size(), std::size_t(6));
    // Contiguous: rank 0's parameters come first, then rank 1's, and both ranks own some.
    QVERIFY(std::is_sorted(owners.begin(), owners.end()));
    QCOMPARE(owners.front(), 0);
    QCOMPARE(owners.back(), 1);
    QCOMPARE(owned[0] + owned[1], std::int64_t(64 + 8 + 200 + 3 + 120 + 40));
    // About equal element counts: the 200-element parameter decides the cut, so neither
    // shard holds more than two thirds.
    QVERIFY2(owned[0] <= 2 * 435 / 3 && owned[1] <= 2 * 435 / 3,
             qPrintable(QStringLiteral("%1 / %2").arg(owned[0]).arg(owned[1])));
}

void TestZeroOptimizer::stepsEqualPlainOptimizer_data()
{
    QTest::addColumn<bool>("adam");
    QTest::newRow("adamw") << true;
    QTest::newRow("sgd momentum") << false;
}

void TestZeroOptimizer::stepsEqualPlainOptimizer()
{
    QFETCH(bool, adam);
    const int steps = 3;
    // The reference: one process, the plain optimizer on the same gradients.
    auto reference = makeParams();
    auto plain = makeOptimizer(reference, adam);
    for (int s = 0; s < steps; ++s) {
        setGradients(reference, s);
        plain->step();
    }
    const std::int64_t plainState = engine::ZeroOptimizer::stateBytes(*plain);

    std::vector<std::vector<at::Tensor>> result(2);
    std::int64_t shardState[2] = {0, 0};
    const auto errors = onTwoRanks([&](engine::ProcessGroup &group, int rank) {
        auto params = makeParams();
        auto optimizer = makeOptimizer(params, adam);
        engine::ZeroOptimizer zero(group, params);
        for (int s = 0; s < steps; ++s) {
            setGradients(params, s); // the averaged gradients, identical on both ranks
            zero.dropForeignGradients();
            for (std::size_t i = 0; i < params.size(); ++i)
                if (zero.owner(i) != rank && params[i].grad().defined())
                    throw std::runtime_error("a foreign gradient survived dropForeignGradients()");
            optimizer->step();
            zero.broadcastParameters();
        }
        shardState[rank] = engine::ZeroOptimizer::stateBytes(*optimizer);
        for (auto &p : params)
            result[std::size_t(rank)].push_back(p.detach().clone());
    });
    QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + errors[1]).c_str());
    for (int rank = 0; rank < 2; ++rank)
        for (std::size_t i = 0; i < reference.size(); ++i)
            QVERIFY2(torch::allclose(result[std::size_t(rank)][i], reference[i].detach(), 1e-6, 1e-6),
                     qPrintable(
                         QStringLiteral("rank %1, parameter %2 differs from the plain optimizer").arg(rank).arg(i)));
    // Each rank keeps only its shard's state; together they are the whole.
    QVERIFY(shardState[0] > 0 && shardState[1] > 0);
    QVERIFY(shardState[0] < plainState && shardState[1] < plainState);
    QCOMPARE(shardState[0] + shardState[1], plainState);
}

void TestZeroOptimizer::gatherGivesWholeStateAndReleaseDropsIt()
{
    auto reference = makeParams();
    auto plain = makeOptimizer(reference, true);
    setGradients(reference, 0);
    plain->step();
    const std::int64_t whole = engine::ZeroOptimizer::stateBytes(*plain);

    std::int64_t gathered[2] = {0, 0}, released[2] = {0, 0};
    bool sameState[2] = {false, false};
    const auto errors = onTwoRanks([&](engine::ProcessGroup &group, int rank) {
        auto params = makeParams();
        auto optimizer = makeOptimizer(params, true);
        engine::ZeroOptimizer zero(group, params);
        setGradients(params, 0);
        zero.dropForeignGradients();
        optimizer->step();
        zero.broadcastParameters();
        zero.gatherState(*optimizer);
        gathered[rank] = engine::ZeroOptimizer::stateBytes(*optimizer);
        // The gathered moments equal the plain optimizer's, parameter by parameter.
        bool same = true;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto key = c10::guts::to_string(params[i].unsafeGetTensorImpl());
            const auto refKey = c10::guts::to_string(reference[i].unsafeGetTensorImpl());
            auto &mine = static_cast<torch::optim::AdamWParamState &>(*optimizer->state().at(key));
            auto &ref = static_cast<torch::optim::AdamWParamState &>(*plain->state().at(refKey));
            same = same && mine.step() == ref.step() && torch::allclose(mine.exp_avg(), ref.exp_avg())
                   && torch::allclose(mine.exp_avg_sq(), ref.exp_avg_sq());
        }
        sameState[rank] = same;
        zero.releaseForeignState(*optimizer);
        released[rank] = engine::ZeroOptimizer::stateBytes(*optimizer);
    });
    QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + errors[1]).c_str());
    QCOMPARE(gathered[0], whole);
    QCOMPARE(gathered[1], whole);
    QVERIFY(sameState[0]);
    QVERIFY(sameState[1]);
    QCOMPARE(released[0] + released[1], whole);
    QVERIFY(released[0] < whole && released[1] < whole);
}

QTEST_GUILESS_MAIN(TestZeroOptimizer)
#include "test_zero_optimizer.moc"
