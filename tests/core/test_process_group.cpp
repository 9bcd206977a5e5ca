// c10d through the engine's ProcessGroup: Gloo ranks in threads over a real TCPStore,
// all-reduce and broadcast of known tensors, and the clean error for NCCL on CPU builds.

#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h> // torch first, then Qt

#include "two_ranks.h"

#include <QtTest>

#include <thread>

using namespace seekbench;

class TestProcessGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoRanksAllReduceAndBroadcast();
    void ncclAbsentIsAClearError();
    void unreachableStoreNamesTheAddress();
};

void TestProcessGroup::twoRanksAllReduceAndBroadcast()
{
    std::vector<at::Tensor> results(2), broadcasts(2);
    const auto errors = test::onTwoRanks([&](engine::ProcessGroup &group, int rank) {
        std::vector<at::Tensor> t{torch::arange(4, torch::kFloat) * float(rank + 1)};
        group.allReduceSum(t);
        results[std::size_t(rank)] = t[0];
        std::vector<at::Tensor> b{torch::full({3}, float(rank == 0 ? 7 : -1))};
        group.broadcast(b, 0);
        broadcasts[std::size_t(rank)] = b[0];
        group.barrier();
    });
    QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + errors[1]).c_str());
    const auto expected = torch::arange(4, torch::kFloat) * 3; // 1x + 2x
    QVERIFY(torch::equal(results[0], expected));
    QVERIFY(torch::equal(results[1], expected));
    QVERIFY(torch::equal(broadcasts[1], torch::full({3}, 7.0f)));
}

void TestProcessGroup::ncclAbsentIsAClearError()
{
    if (engine::ncclAvailable())
        QSKIP("this LibTorch has NCCL");
    RankEnvironment env;
    env.masterPort = 0;
    engine::ProcessGroupOptions o;
    o.backend = "nccl";
    c10d::TCPStoreOptions so;
    so.port = 0;
    so.isServer = true;
    so.waitWorkers = false;
    auto store = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", so);
    try {
        engine::ProcessGroup::create(store, 0, 1, o);
        QFAIL("an NCCL group was made on a CPU build");
    } catch (const std::runtime_error &e) {
        QVERIFY2(std::string(e.what()).find("this build's LibTorch has no NCCL") != std::string::npos, e.what());
    }
}

void TestProcessGroup::unreachableStoreNamesTheAddress()
{
    RankEnvironment env;
    env.rank = 1;
    env.worldSize = 2;
    env.masterAddr = "127.0.0.1";
    env.masterPort = 9; // discard: nothing listens there
    engine::ProcessGroupOptions o;
    o.timeout = std::chrono::milliseconds(1500);
    try {
        engine::ProcessGroup::connect(env, o);
        QFAIL("connected to nothing");
    } catch (const std::runtime_error &e) {
        QVERIFY2(std::string(e.what()).find("rank 1 could not reach the rendezvous store at 127.0.0.1:9")
                     != std::string::npos,
                 e.what());
    }
}

QTEST_GUILESS_MAIN(TestProcessGroup)
#include "test_process_group.moc"
