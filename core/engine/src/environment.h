#pragma once

// What a run records about where it ran: versions, CUDA/NCCL, the BLAS actually loaded,
// CPU flags, thread counts. Checkpoints carry the threads and BLAS so resume can warn.

#include "seekbench/engine/torch_version.h"

#include <string>

namespace seekbench::engine {

struct BlasInfo
{
    std::string name;   // "OpenBLAS", "reference BLAS", "MKL", "unknown"
    std::string detail; // openblas_get_config() or the loaded library path
    bool reference = false;
};

BlasInfo loadedBlas();
std::string cpuFlags(); // the interesting ones: avx2 avx512f avx512_bf16 amx...
int coresForProcess();  // sched_getaffinity count
std::string environmentJson(unsigned long long seed, unsigned long long dataFingerprint);

} // namespace seekbench::engine
