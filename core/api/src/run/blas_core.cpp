#include "seekbench/run/blas_core.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace seekbench {

CpuFeatures parseCpuInfo(const std::string &cpuinfo)
{
    CpuFeatures cpu;
    std::istringstream in(cpuinfo);
    std::string line;
    bool flagsSeen = false;
    while (std::getline(in, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string key = line.substr(0, colon);
        key.erase(key.find_last_not_of(" \t") + 1);
        const std::string value = line.substr(colon + 1);
        if (key == "vendor_id" && cpu.vendor.empty()) {
            std::istringstream v(value);
            v >> cpu.vendor;
        } else if (key == "flags" && !flagsSeen) {
            flagsSeen = true;
            std::istringstream words(value);
            std::set<std::string> flags;
            for (std::string w; words >> w;)
                flags.insert(w);
            cpu.avx2 = flags.count("avx2");
            cpu.fma = flags.count("fma");
            cpu.avx512f = flags.count("avx512f");
            cpu.avx512bw = flags.count("avx512bw");
            cpu.avx512vl = flags.count("avx512vl");
            cpu.avx512dq = flags.count("avx512dq");
            cpu.avx512bf16 = flags.count("avx512_bf16");
        }
    }
    return cpu;
}

CpuFeatures cpuFeatures()
{
    std::ifstream in("/proc/cpuinfo");
    std::ostringstream text;
    text << in.rdbuf();
    return parseCpuInfo(text.str());
}

bool isGenericBlasCore(const std::string &core)
{
    static const std::set<std::string> generic = {"Prescott", "Katmai",  "Coppermine", "Northwood",    "Banias",
                                                  "Core2",    "Penryn",  "Dunnington", "Nehalem",      "Atom",
                                                  "Generic",  "generic", "Opteron",    "Opteron_SSE3", "Barcelona"};
    return generic.count(core) > 0;
}

std::vector<std::string> blasCoreCandidates(const CpuFeatures &cpu)
{
    std::vector<std::string> out;
    const bool avx512 = cpu.avx512f && cpu.avx512bw && cpu.avx512vl && cpu.avx512dq;
    // SkylakeX for every AVX-512 processor: Cooperlake only adds OpenBLAS's own bf16
    // GEMM, which LibTorch does not call (its bf16 matmuls go through oneDNN).
    if (avx512)
        out.push_back("SkylakeX");
    if (cpu.avx2 && cpu.fma)
        out.push_back(cpu.vendor == "AuthenticAMD" ? "Zen" : "Haswell");
    return out;
}

BlasCoreDecision decideBlasCore(const CpuFeatures &cpu, const std::string &reportedCore,
                                const std::optional<std::string> &userSetting, bool selectionOn,
                                const std::function<bool(const std::string &coreType)> &check)
{
    using Action = BlasCoreDecision::Action;
    if (userSetting && !userSetting->empty())
        return {Action::Keep, *userSetting, "OPENBLAS_CORETYPE=" + *userSetting + " was set before Seekbench started"};
    if (!selectionOn)
        return {Action::Off, "", "kernel selection is turned off; OpenBLAS chose " + reportedCore};
    if (reportedCore.empty())
        return {Action::None, "", "not OpenBLAS, or it does not say its core"};
    if (!isGenericBlasCore(reportedCore))
        return {Action::None, "", "OpenBLAS knows this processor (" + reportedCore + ")"};
    const auto candidates = blasCoreCandidates(cpu);
    if (candidates.empty())
        return {Action::None, "",
                "OpenBLAS chose its generic " + reportedCore + " kernels; this processor has no AVX2 or AVX-512"};
    std::string failed;
    for (const std::string &c : candidates) {
        if (check(c))
            return {Action::Select, c,
                    "OpenBLAS chose its generic " + reportedCore + " kernels on a processor with "
                        + (c == "Haswell" || c == "Zen" ? "AVX2" : "AVX-512") + "; " + c
                        + " kernels selected (their self-check matched a double-precision reference"
                        + (failed.empty() ? "" : "; " + failed + " did not") + ")"};
        failed += (failed.empty() ? "" : ", ") + c;
    }
    return {Action::None, "",
            "OpenBLAS chose its generic " + reportedCore + " kernels; the self-check of " + failed
                + " failed, so they are kept"};
}

} // namespace seekbench
