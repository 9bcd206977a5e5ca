#pragma once

// A c10d process group over PyTorch's own collectives: Gloo on CPU, NCCL when the
// LibTorch found at build time has it. Rendezvous is a TCPStore at MASTER_ADDR:MASTER_PORT
// (or a store the caller provides). The construction differs between LibTorch 1.13 and
// 2.x (ProcessGroupGloo became a Backend); this class is where that difference lives.

#include "seekbench/run/rank_environment.h"

#include <ATen/core/Tensor.h>
#include <c10/util/intrusive_ptr.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace c10d {
class Store;
}

namespace seekbench::engine {

struct ProcessGroupOptions
{
    std::string backend = "gloo";                               // | nccl (resolveBackend)
    std::chrono::milliseconds timeout{std::chrono::minutes(5)}; // LibTorch's default is 30 min
    bool externalStore = false; // a launcher hosts the TCPStore; rank 0 connects like the rest
    // nccl: the rank's CUDA device (its LOCAL_RANK). NCCL reduces device tensors only, so
    // host tensors given to a collective (loss sums, ZeRO's step counts) travel through
    // this device and are copied back.
    int cudaDevice = -1;
};

class ProcessGroup
{
public:
    // Hosts the TCPStore on rank 0 and connects the others; throws std::runtime_error
    // naming the address, the rank and the cause (a rank that fails before rendezvous).
    static std::unique_ptr<ProcessGroup> connect(const RankEnvironment &env, const ProcessGroupOptions &options);
    // Over an existing store (a launcher's TCPStore, or a HashStore shared by threads).
    static std::unique_ptr<ProcessGroup> create(const c10::intrusive_ptr<c10d::Store> &store, int rank, int worldSize,
                                                const ProcessGroupOptions &options);

    virtual ~ProcessGroup() = default;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    virtual std::string backend() const = 0;

    // In place, summed over ranks; waits for completion.
    virtual void allReduceSum(std::vector<at::Tensor> &tensors) = 0;

    // Started now, finished by wait(): several buckets travel at once.
    class Pending
    {
    public:
        virtual ~Pending() = default;
        virtual void wait() = 0;
    };
    virtual std::unique_ptr<Pending> allReduceSumAsync(std::vector<at::Tensor> &tensors) = 0;
    virtual void broadcast(std::vector<at::Tensor> &tensors, int root) = 0;
    virtual void barrier() = 0;
};

// Whether this build can make an NCCL group (a CUDA LibTorch with USE_C10D_NCCL).
bool ncclAvailable();

// training.backend for this build and device: auto is nccl when the rank trains on a
// CUDA device and the build has NCCL, else gloo. Throws std::runtime_error naming the key
// for nccl where it cannot work (no NCCL in the build, or a CPU device) and for an
// unknown name.
std::string resolveBackend(const std::string &configured, bool onCudaDevice, bool ncclBuilt);

} // namespace seekbench::engine
