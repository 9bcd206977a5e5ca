// c10d through the engine's ProcessGroup: Gloo ranks in threads over a real TCPStore,
// all-reduce and broadcast of known tensors, and the clean error for NCCL on CPU builds.

#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h> // torch first, then Qt

#include "cuda_device.h"
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
    void backendFromConfig_data();
    void backendFromConfig();
    void deviceOfEachRank_data();
    void deviceOfEachRank();
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

// training.backend: auto picks NCCL only for a CUDA rank on a build with NCCL; an
// explicit nccl where it cannot work is an error naming the key and the cause.
void TestProcessGroup::backendFromConfig_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<bool>("onCuda");
    QTest::addColumn<bool>("ncclBuilt");
    QTest::addColumn<QString>("expected"); // the backend, or a part of the error
    QTest::newRow("auto on cpu") << "auto" << false << true << "gloo";
    QTest::newRow("auto on cuda with nccl") << "auto" << true << true << "nccl";
    QTest::newRow("auto on cuda without nccl") << "auto" << true << false << "gloo";
    QTest::newRow("gloo on cuda") << "gloo" << true << true << "gloo";
    QTest::newRow("nccl on cuda") << "nccl" << true << true << "nccl";
    QTest::newRow("nccl absent") << "nccl" << true << false
                                 << "error: training.backend is nccl, but this build's LibTorch has no NCCL";
    QTest::newRow("nccl on cpu") << "nccl" << false << true
                                 << "error: training.backend is nccl, which needs training.device: cuda";
    QTest::newRow("unknown") << "mpi" << false << false << "error: training.backend 'mpi' is not one of";
}

void TestProcessGroup::backendFromConfig()
{
    QFETCH(QString, configured);
    QFETCH(bool, onCuda);
    QFETCH(bool, ncclBuilt);
    QFETCH(QString, expected);
    std::string got;
    try {
        got = engine::resolveBackend(configured.toStdString(), onCuda, ncclBuilt);
    } catch (const std::runtime_error &e) {
        got = std::string("error: ") + e.what();
    }
    QVERIFY2(got.rfind(expected.toStdString(), 0) == 0, got.c_str());
}

// A CUDA rank trains on the device its LOCAL_RANK names; one that has none is an error
// naming both numbers (the GPU itself is not needed for this rule).
void TestProcessGroup::deviceOfEachRank_data()
{
    QTest::addColumn<int>("localRank");
    QTest::addColumn<int>("devices");
    QTest::addColumn<QString>("expected");
    QTest::newRow("single process") << 0 << 1 << "0";
    QTest::newRow("rank 3 of 4 gpus") << 3 << 4 << "3";
    QTest::newRow("more ranks than gpus")
        << 2 << 2 << "error: LOCAL_RANK 2 has no GPU: this process sees 2 CUDA devices (0-1); start at most 2";
    QTest::newRow("no gpu") << 0 << 0 << "error: training.device is cuda but this process sees no CUDA device";
}

void TestProcessGroup::deviceOfEachRank()
{
    QFETCH(int, localRank);
    QFETCH(int, devices);
    QFETCH(QString, expected);
    std::string got;
    try {
        got = std::to_string(engine::cuda::deviceIndexForLocalRank(localRank, devices));
    } catch (const std::runtime_error &e) {
        got = std::string("error: ") + e.what();
    }
    QVERIFY2(got.rfind(expected.toStdString(), 0) == 0, got.c_str());
    // This build: no device without CUDA, and asking for one says so.
    if (!engine::cuda::built()) {
        QCOMPARE(engine::cuda::deviceCount(), 0);
        QVERIFY(!engine::cuda::memoryStats(0).available);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, engine::cuda::setDevice(0));
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
