#pragma once

// Small per-user, per-machine caches of measurements (the BLAS self-check's verdicts, the
// fp32/bf16 GEMM speeds of precision: auto): JSON files under $XDG_CACHE_HOME/seekbench
// (or ~/.cache/seekbench; without a home, a per-user folder under /tmp). A home shared
// between machines (NFS on a cluster) is why every entry is keyed by machineIdentity().

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace seekbench::engine {

std::filesystem::path machineCacheFile(const std::string &name);
// An environment variable's value, empty when unset (part of the caches' keys).
std::string envText(const char *name);
// The processor model and the BLAS library's build: what a measurement depends on.
std::string machineIdentity();
std::string openblasConfig();
// A missing or damaged file reads as an empty object (measured again).
nlohmann::json readMachineCache(const std::filesystem::path &file);
// Atomically, through a temporary file; a failure leaves the old file (the cache is only
// a cache).
void writeMachineCache(const std::filesystem::path &file, const nlohmann::json &j);

} // namespace seekbench::engine
