#include "process_group.h"

#include "cuda_device.h"
#include "torch_compat.h"

#include <torch/csrc/distributed/c10d/HashStore.hpp>
// A pip wheel's LibTorch is built with Gloo but ships none of Gloo's headers, which
// ProcessGroupGloo.hpp needs: CMake looks for them (SEEKBENCH_HAS_GLOO), and a build
// without them offers NCCL alone.
#ifdef SEEKBENCH_HAS_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace seekbench::engine {
namespace {

// Both 1.13's ProcessGroup and 2.x's Backend subclasses expose the same collective calls.
template<typename Group>
class C10dGroup final : public ProcessGroup
{
public:
    C10dGroup(c10::intrusive_ptr<c10d::Store> store, c10::intrusive_ptr<Group> group, int rank, int size,
              std::string backend, std::optional<c10::Device> collectiveDevice = std::nullopt)
        : m_store(std::move(store)), m_group(std::move(group)), m_rank(rank), m_size(size),
          m_backend(std::move(backend)), m_device(collectiveDevice)
    {}
    int rank() const override { return m_rank; }
    int worldSize() const override { return m_size; }
    std::string backend() const override { return m_backend; }
    void allReduceSum(std::vector<at::Tensor> &tensors) override
    {
        c10d::AllreduceOptions opts;
        opts.reduceOp = c10d::ReduceOp::SUM;
        auto staged = stage(tensors);
        m_group->allreduce(staged, opts)->wait();
        copyBack(tensors, staged);
    }
    std::unique_ptr<Pending> allReduceSumAsync(std::vector<at::Tensor> &tensors) override
    {
        struct Work final : Pending
        {
            c10::intrusive_ptr<c10d::Work> work;
            std::vector<at::Tensor> originals, staged;
            void wait() override
            {
                work->wait();
                copyBack(originals, staged);
            }
        };
        c10d::AllreduceOptions opts;
        opts.reduceOp = c10d::ReduceOp::SUM;
        auto pending = std::make_unique<Work>();
        pending->originals = tensors;
        pending->staged = stage(tensors);
        pending->work = m_group->allreduce(pending->staged, opts);
        return pending;
    }
    void broadcast(std::vector<at::Tensor> &tensors, int root) override
    {
        c10d::BroadcastOptions opts;
        opts.rootRank = root;
        auto staged = stage(tensors);
        m_group->broadcast(staged, opts)->wait();
        copyBack(tensors, staged);
    }
    void barrier() override { m_group->barrier()->wait(); }

private:
    // Tensors not on the collective device (NCCL's CUDA device) travel through it.
    std::vector<at::Tensor> stage(const std::vector<at::Tensor> &tensors) const
    {
        if (!m_device)
            return tensors;
        std::vector<at::Tensor> out;
        out.reserve(tensors.size());
        for (const auto &t : tensors)
            out.push_back(t.device() == *m_device ? t : t.to(*m_device));
        return out;
    }
    static void copyBack(std::vector<at::Tensor> &originals, const std::vector<at::Tensor> &staged)
    {
        for (std::size_t i = 0; i < originals.size(); ++i)
            if (!originals[i].is_same(staged[i]))
                originals[i].copy_(staged[i]);
    }

    c10::intrusive_ptr<c10d::Store> m_store;
    c10::intrusive_ptr<Group> m_group;
    int m_rank, m_size;
    std::string m_backend;
    std::optional<c10::Device> m_device;
};

// The only lines that need NCCL's header; never compiled on a CPU LibTorch.
std::unique_ptr<ProcessGroup> makeNcclGroup(const c10::intrusive_ptr<c10d::Store> &store, int rank, int size,
                                            std::chrono::milliseconds timeout, c10::Device device)
{
#ifdef USE_C10D_NCCL
    auto opts = c10d::ProcessGroupNCCL::Options::create();
    opts->timeout = timeout;
    auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, size, opts);
    return std::make_unique<C10dGroup<c10d::ProcessGroupNCCL>>(store, group, rank, size, "nccl", device);
#else
    (void)store, (void)rank, (void)size, (void)timeout, (void)device;
    throw std::logic_error("makeNcclGroup on a build without NCCL");
#endif
}

std::unique_ptr<ProcessGroup> makeGroup(const c10::intrusive_ptr<c10d::Store> &store, int rank, int size,
                                        const std::string &masterAddr, const ProcessGroupOptions &options)
{
    if (options.backend == "nccl") {
        if (!ncclAvailable())
            throw std::runtime_error("the NCCL backend was requested, but this build's LibTorch has no NCCL "
                                     "(a CPU LibTorch; build against a CUDA LibTorch, or use gloo)");
        if (options.cudaDevice < 0)
            throw std::runtime_error("the NCCL backend needs the rank's CUDA device (training.device: cuda)");
        cuda::setDevice(options.cudaDevice);
        return makeNcclGroup(store, rank, size, options.timeout,
                             c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(options.cudaDevice)));
    }
    if (options.backend != "gloo")
        throw std::runtime_error("unknown distributed backend '" + options.backend + "' (gloo or nccl)");
#ifdef SEEKBENCH_HAS_GLOO
    auto opts = c10d::ProcessGroupGloo::Options::create(options.timeout);
    // An explicit device: resolving this host's name can fail in containers.
    if (const char *ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
    else
        opts->devices.push_back(
            c10d::ProcessGroupGloo::createDeviceForHostname(masterAddr == "localhost" ? "127.0.0.1" : masterAddr));
    opts->threads = 2;
    auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, size, opts);
    return std::make_unique<C10dGroup<c10d::ProcessGroupGloo>>(store, group, rank, size, "gloo");
#else
    (void)masterAddr;
    throw std::runtime_error("the Gloo backend is not in this build: its LibTorch ships no Gloo headers (a pip "
                             "wheel's); use training.backend: nccl on CUDA, or build against a LibTorch with them");
#endif
}

} // namespace

std::unique_ptr<ProcessGroup> ProcessGroup::connect(const RankEnvironment &env, const ProcessGroupOptions &options)
{
    c10::intrusive_ptr<c10d::Store> store;
    try {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(env.masterPort);
        o.isServer = env.rank == 0 && !options.externalStore;
        o.numWorkers = env.worldSize;
        o.timeout = options.timeout;
        store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, o);
    } catch (const std::exception &e) {
        throw std::runtime_error("rank " + std::to_string(env.rank) + " could not reach the rendezvous store at "
                                 + env.masterAddr + ":" + std::to_string(env.masterPort) + ": " + e.what());
    }
    try {
        return makeGroup(store, env.rank, env.worldSize, env.masterAddr, options);
    } catch (const std::exception &e) {
        throw std::runtime_error("rank " + std::to_string(env.rank) + " could not join the " + options.backend
                                 + " process group at " + env.masterAddr + ":" + std::to_string(env.masterPort) + ": "
                                 + e.what());
    }
}

std::unique_ptr<ProcessGroup> ProcessGroup::create(const c10::intrusive_ptr<c10d::Store> &store, int rank,
                                                   int worldSize, const ProcessGroupOptions &options)
{
    return makeGroup(store, rank, worldSize, "127.0.0.1", options);
}

bool ncclAvailable() { return cuda::ncclBuilt(); }

std::string resolveBackend(const std::string &configured, bool onCudaDevice, bool ncclBuilt)
{
    if (configured == "auto")
        return onCudaDevice && ncclBuilt ? "nccl" : "gloo";
    if (configured == "gloo")
        return "gloo";
    if (configured == "nccl") {
        if (!ncclBuilt)
            throw std::runtime_error("training.backend is nccl, but this build's LibTorch has no NCCL (a CPU "
                                     "LibTorch; build against a CUDA LibTorch, or use gloo or auto)");
        if (!onCudaDevice)
            throw std::runtime_error("training.backend is nccl, which needs training.device: cuda");
        return "nccl";
    }
    throw std::runtime_error("training.backend '" + configured + "' is not one of: auto, gloo, nccl");
}

} // namespace seekbench::engine
