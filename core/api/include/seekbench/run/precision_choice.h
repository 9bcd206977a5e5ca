#pragma once

// training.precision: auto (issue 29). On a CPU, bf16 autocast pays only where the
// processor multiplies bf16 natively (AVX-512 BF16, AMX): there it can beat fp32, while on
// AVX2-only machines LibTorch's bf16 matmuls take a slow path, 10-20x slower than fp32. So
// auto measures instead of guessing: a GEMM of the model's typical shape in fp32 and in
// bf16 on this machine (the engine's measurePrecisionSpeed, cached per machine), and bf16
// wins only when clearly faster. On CUDA, bf16 where the device multiplies it in tensor
// cores (compute capability 8.0 and later), else fp32. Torch-free and pure, so the
// decision is tested as a table and the editor can show what auto would pick.

#include "seekbench/config/run_config.h"

#include <optional>
#include <string>

namespace seekbench {

// M x K times K x N, each a power of two: the bucket a measurement is cached under.
struct GemmShape
{
    int m = 0, k = 0, n = 0;
    bool operator==(const GemmShape &) const = default;
    std::string text() const; // "2048x256x1024"
};

// The shape that dominates a step: the tokens of one micro-batch (text: batch x seq_len;
// cross-modal: batch x patches; AML: batch x sequence_length) through the MLP's first
// projection (hidden x intermediate).
GemmShape typicalGemmShape(const RunConfig &config);

// One measurement of this machine: the same GEMM in fp32 and in bf16 (LibTorch's kernels,
// as autocast runs them), on `threads` threads.
struct PrecisionSpeed
{
    GemmShape shape;
    int threads = 0;
    double fp32Gflops = 0;
    double bf16Gflops = 0;

    std::string toJson() const;
    // Throws std::invalid_argument naming what is missing or malformed.
    static PrecisionSpeed fromJson(const std::string &text);
};

// bf16 must be this much faster than fp32 to be chosen: it rounds activations to 8
// mantissa bits, so a tie goes to fp32.
constexpr double kBf16MinSpeedup = 1.15;

struct PrecisionChoice
{
    std::string precision; // fp32 | bf16 | fp16: concrete, never "auto"
    std::string reason;    // one sentence for the run's log and environment
};

// `requested` other than "auto" is returned as is. For auto on "cpu", `speed` is the
// measurement (nullopt when it could not be made: fp32); on "cuda", `cudaBf16` says the
// device has bf16 tensor cores.
PrecisionChoice decidePrecision(const std::string &requested, const std::string &device,
                                const std::optional<PrecisionSpeed> &speed, bool cudaBf16);

// The step's matmuls at `gflops` (trainingStepFlops at the config's batch): a lower bound
// on its time, since the rest of the step (norms, softmax, optimizer) adds to it.
double matmulStepSeconds(const RunConfig &config, double gflops);

} // namespace seekbench
