#pragma once

// LibTorch's quantized engine for INT8 (issue 23). Debian's LibTorch has oneDNN and
// QNNPACK, not FBGEMM; oneDNN is chosen when present (measured faster for dynamic INT8
// linear layers on x86, tests/benchmarks/README.md), QNNPACK otherwise.

#include <string>

namespace seekbench::engine {

// Sets the process's quantized engine (once; later calls return the same) and returns its
// name: "onednn", "qnnpack" or "fbgemm". Throws std::runtime_error when this LibTorch has
// no quantized engine at all.
std::string selectQuantizedEngine();

} // namespace seekbench::engine
