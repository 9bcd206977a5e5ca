#pragma once

// The OpenBLAS kernels of this process (issue 29). selectBlasKernels() runs first thing
// in seekbench-cli: when OpenBLAS fell back to generic kernels on a processor with
// AVX-512 or AVX2 (decideBlasCore), it self-checks the better core types in child
// processes (`seekbench-cli blas-check`, cached per machine and library), then
// re-executes the CLI once with OPENBLAS_CORETYPE set. A value the user or the system
// set is never overridden; SEEKBENCH_BLAS_SELECT=0 turns the selection off. The choice
// travels to child processes (ranks) with the host it was made for: a process on
// another machine (a Slurm job) decides again. The run's environment event records the
// core in use and why (blas_core, blas_selection).

#include <string>

namespace seekbench::engine {

struct BlasSelfCheck
{
    bool ok = false;
    double maxRelativeError = 0; // of a 512x512 fp32 GEMM against the same in float64
    double gflops = 0;           // fp32 GEMM 1024x1024 on this process's threads
    std::string core;            // the core OpenBLAS says it runs
};

// The core OpenBLAS says it uses ("Prescott", "SkylakeX"), empty when not OpenBLAS.
std::string openblasCoreName();
BlasSelfCheck runBlasSelfCheck();
// Prints the check as one JSON line; the exit code is 0 when it passed.
int blasCheckMain();
// Returns when nothing is to be done; otherwise replaces the process (execv).
void selectBlasKernels(int argc, char **argv);

} // namespace seekbench::engine
