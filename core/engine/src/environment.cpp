#include "environment.h"

#include "fused_ops.h"

#include "seekbench/engine/blas_kernels.h"
#include "seekbench/run/host_info.h"

#include "cuda_device.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <dlfcn.h>
#include <fstream>
#include <link.h>
#include <sched.h>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace seekbench::engine {
namespace {

int collectBlasLibrary(struct dl_phdr_info *info, size_t, void *data)
{
    auto *found = static_cast<std::string *>(data);
    const std::string name = info->dlpi_name ? info->dlpi_name : "";
    if (name.find("blas") != std::string::npos || name.find("mkl") != std::string::npos) {
        char resolved[4096];
        if (realpath(name.c_str(), resolved))
            *found += std::string(found->empty() ? "" : ";") + resolved;
        else
            *found += std::string(found->empty() ? "" : ";") + name;
    }
    return 0;
}

} // namespace

BlasInfo loadedBlas()
{
    BlasInfo info;
    std::string libs;
    dl_iterate_phdr(&collectBlasLibrary, &libs);
    using ConfigFn = char *(*)();
    if (auto fn = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"))) {
        info.name = "OpenBLAS";
        info.detail = fn();
        if (libs.find("openmp") != std::string::npos)
            info.detail += " (OpenMP build)";
        else if (libs.find("pthread") != std::string::npos)
            info.detail += " (pthread build: its threads oversubscribe next to LibTorch's OpenMP)";
    } else if (dlsym(RTLD_DEFAULT, "mkl_get_max_threads")) {
        info.name = "MKL";
        info.detail = libs;
    } else if (libs.find("/blas/") != std::string::npos || libs.find("libblas") != std::string::npos) {
        info.name = "reference BLAS";
        info.detail = libs;
        info.reference = true;
    } else {
        info.name = "unknown";
        info.detail = libs;
    }
    return info;
}

std::string cpuFlags()
{
    static const std::set<std::string> interesting = {"avx",      "avx2",        "fma",         "avx512f",
                                                      "avx512bw", "avx512_bf16", "avx512_vnni", "amx_bf16",
                                                      "amx_tile", "sse4_2",      "f16c"};
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) != 0)
            continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        std::string flag, out;
        while (words >> flag)
            if (interesting.count(flag))
                out += (out.empty() ? "" : " ") + flag;
        return out;
    }
    return "";
}

int coresForProcess()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return CPU_COUNT(&set);
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string torchVersion() { return TORCH_VERSION; }

std::string environmentJson(unsigned long long seed, unsigned long long dataFingerprint)
{
    const BlasInfo blas = loadedBlas();
    nlohmann::json j = {
        {"torch_version", torchVersion()},
        {"cuda_build", cuda::built()},
        {"cuda_available", cuda::deviceCount() > 0},
        {"cuda_devices", cuda::deviceCount()},
        {"nccl", cuda::ncclBuilt()},
        {"blas", blas.name},
        {"blas_detail", blas.detail},
        {"cpu_flags", cpuFlags()},
        {"cores", coresForProcess()},
        {"intra_op_threads", at::get_num_threads()},
        // The fused fp32 CPU kernels (fused_ops.h), or LibTorch's operators throughout.
        {"fused_kernels", fusedKernelsEnabled()},
        {"inter_op_threads", at::get_num_interop_threads()},
        {"seed", seed},
        {"data_fingerprint", dataFingerprint},
        {"host", run::hostName()},
        {"os", run::osDescription()},
        {"pid", static_cast<long>(getpid())},
    };
    // The kernels OpenBLAS runs and why (blas_kernels.h): selected, kept, or known.
    if (const std::string core = openblasCoreName(); !core.empty())
        j["blas_core"] = core;
    if (const char *reason = std::getenv("SEEKBENCH_BLAS_REASON"))
        j["blas_selection"] = reason;
    if (const char *gflops = std::getenv("SEEKBENCH_BLAS_GFLOPS"))
        j["blas_gflops"] = std::atof(gflops);
    return j.dump();
}

} // namespace seekbench::engine
