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
bool quantizedEngineAvailable();

// What `--int8` exports: dynamic INT8 linear layers through the quantized engine, or,
// where this LibTorch has none (or SEEKBENCH_INT8_WEIGHT_ONLY=1 asks for it), weight-only
// INT8: int8 weights with per-channel scales, widened to fp32 in each call. Weight-only
// keeps the size saving on any LibTorch and needs no engine to load; it is not faster.
enum class Int8Kind { Dynamic, WeightOnly };
Int8Kind chooseInt8Kind();
// "int8_dynamic" or "int8_weight_only": config.json's seekbench.quantization, the report's
// and the server's name for it.
std::string int8KindName(Int8Kind kind);

} // namespace seekbench::engine
