#pragma once

// Which OpenBLAS kernels a process should run with (issue 29). Debian's OpenBLAS 0.3.21
// does not know recent processors and falls back to generic kernels (Prescott: SSE3)
// on machines with AVX-512 or AVX2, about 3x slower than the machine allows. OpenBLAS
// reads OPENBLAS_CORETYPE when it loads, so the CLI decides here and re-executes itself
// with it set, once. Torch-free and pure, so the decision is tested as a table.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace seekbench {

struct CpuFeatures
{
    std::string vendor; // "GenuineIntel", "AuthenticAMD", ...
    bool avx2 = false, fma = false;
    bool avx512f = false, avx512bw = false, avx512vl = false, avx512dq = false, avx512bf16 = false;
};

// From /proc/cpuinfo's "vendor_id" and "flags" lines (the first processor).
CpuFeatures parseCpuInfo(const std::string &cpuinfo);
CpuFeatures cpuFeatures(); // of this machine

// OpenBLAS core names that use none of the processor's vector units beyond SSE4.
bool isGenericBlasCore(const std::string &core);

// The core types worth trying on this processor, best first: SkylakeX with AVX-512,
// then Haswell (Intel) or Zen (AMD) with AVX2.
std::vector<std::string> blasCoreCandidates(const CpuFeatures &cpu);

struct BlasCoreDecision
{
    enum class Action {
        Keep,   // the user's or the system's OPENBLAS_CORETYPE, untouched
        None,   // nothing to do: OpenBLAS knows this processor, or no better kernels exist
        Select, // run with coreType
        Off,    // selection turned off (Settings, SEEKBENCH_BLAS_SELECT=0)
    };
    Action action = Action::None;
    std::string coreType; // Select: the core type to set
    std::string reason;   // one sentence for the run's log and environment
};

// `check` runs the self-check of a candidate (a small GEMM against a double-precision
// reference, in a child process) and says whether its results were right; the first
// candidate that passes is chosen.
BlasCoreDecision decideBlasCore(const CpuFeatures &cpu, const std::string &reportedCore,
                                const std::optional<std::string> &userSetting, bool selectionOn,
                                const std::function<bool(const std::string &coreType)> &check);

} // namespace seekbench
