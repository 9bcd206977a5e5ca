#pragma once

// Shared pieces of the engine benchmarks. Torch-free on purpose: the one translation
// unit that includes <torch/torch.h> is engine_bench.cpp, so the three benchmark mains
// compile in seconds.

#include "seekbench/config/run_config.h"

#include <string>
#include <vector>

namespace seekbench::bench {

// resources/configs/<name>.yaml (or a path), made fit for timing the step: no periodic
// evaluation or checkpoint, the final evaluation cut to one batch, a metric point every
// step, `threads` intra-op threads and `steps` optimizer steps.
RunConfig benchConfig(const std::string &nameOrPath, int steps, int threads);

// The bare LibTorch loop: the same model, data, AdamW groups, clipping, warmup+cosine
// schedule and accumulation as seekbench::train(), nothing else. Returns the
// steady-clock time (seconds) at the end of every optimizer step. With `profileTo`, the
// steps after `profileFrom` run under LibTorch's profiler, which writes a Chrome trace
// there (profile_summary.py adds it up per operator).
std::vector<double> runBareLoop(const RunConfig &config, const std::string &profileTo = {}, int profileFrom = 0);

// The same step doing less work, for the "gains from doing less work" figure (never the
// parity figure): gradients set to none instead of zeroed, the loss is cross-entropy
// alone (no accuracy count, no zero auxiliary loss), and AdamW as multi-tensor
// (_foreach) kernels, the same arithmetic as PyTorch's AdamW(foreach=True).
std::vector<double> runLeanLoop(const RunConfig &config);

// seekbench::train() with metric sampling on: a JsonLinesSink to a temp file and an
// onEvent that writes and formats the events like the CLI does. Returns the steady-clock
// time of every "step" event. `slowed`: the perf-smoke check's side A, each step made
// SEEKBENCH_PERF_SMOKE_SLOWDOWN times as long (../perf_smoke.h).
std::vector<double> runTrainer(const RunConfig &config, bool slowed = false);

// Median seconds of one 2048x2048 fp32 torch::mm, as FLOP/s.
double gemmPeakFlops(int n, int reps, int threads);

double steadySeconds();
double median(std::vector<double> v);

// Mean seconds per step from the end of step `warmup` to the end of the last step.
double secondsPerStep(const std::vector<double> &stepEnds, int warmup);
// Median of the per-step intervals after `warmup` steps.
double medianStepSeconds(const std::vector<double> &stepEnds, int warmup);

// Runs this executable again (/proc/self/exe) with `args` and `env` ("K=V", may be
// empty) prepended, returns its stdout; throws on failure.
std::string runSelf(const std::string &env, const std::string &args);

// "load average: a, b, c" from /proc/loadavg.
std::string loadAverage();

} // namespace seekbench::bench
