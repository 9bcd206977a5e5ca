#pragma once

// training.precision: auto, the engine's half (the decision is core_api's
// decidePrecision). The measurement is a GEMM of the model's typical shape in fp32 and
// under bf16 autocast, on the threads the run uses, cached per machine, BLAS build, core
// type, thread count and shape (machine_cache.h): the first run of a shape pays about a
// second, later ones read the cache.

#include "seekbench/config/run_config.h"
#include "seekbench/run/precision_choice.h"

namespace seekbench::engine {

// Measures (or reads from the cache) on `threads` intra-op threads; restores the
// process's thread count afterwards.
PrecisionSpeed measurePrecisionSpeed(const GemmShape &shape, int threads);

// The intra-op threads a training process uses for this config: training.threads, else
// the launcher's share (SEEKBENCH_THREADS), else the cores this process may run on. The
// trainer and the `precision` verb both use it, so the verb reads the trainer's cached
// measurement instead of measuring on another thread count.
int trainingThreads(const RunConfig &config);

// The concrete precision a run trains in: the config's, or for auto the decision on this
// machine (`cudaDevice` >= 0 when the run trains on that CUDA device).
PrecisionChoice resolvePrecision(const RunConfig &config, int threads, int cudaDevice);

} // namespace seekbench::engine
