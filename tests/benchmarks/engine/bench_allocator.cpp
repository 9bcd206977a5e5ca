// Allocator: the bare training step at the `small` config with and without the malloc
// thresholds that seekbench::train() sets (configureAllocatorForTraining(): mallopt
// M_MMAP_THRESHOLD 32 MiB, M_TRIM_THRESHOLD 1 GiB). mallopt is process-global, so each
// run is a fresh child process (this executable again, via /proc/self/exe); the
// untuned one gets SEEKBENCH_MALLOC_TUNING=0. Alternated A B A B.
//
//   bench_allocator [--config small] [--rounds 3] [--steps 20] [--warmup 3] [--threads 2]

#include "engine_bench.h"

#include <cstdio>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

using namespace seekbench;
using namespace seekbench::bench;

int main(int argc, char **argv)
{
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 5 && args[0] == "--child") {
            const auto ends = runBareLoop(benchConfig(args[1], std::stoi(args[2]), std::stoi(args[4])));
            const int warmup = std::stoi(args[3]);
            std::printf("%.6f %.6f\n", 1e3 * secondsPerStep(ends, warmup), 1e3 * medianStepSeconds(ends, warmup));
            return 0;
        }
        std::string config = "small";
        int rounds = 3, steps = 20, warmup = 3, threads = 2;
        for (size_t i = 0; i + 1 < args.size(); i += 2) {
            const std::string &k = args[i], &v = args[i + 1];
            if (k == "--config")
                config = v;
            else if (k == "--rounds")
                rounds = std::stoi(v);
            else if (k == "--steps")
                steps = std::stoi(v);
            else if (k == "--warmup")
                warmup = std::stoi(v);
            else if (k == "--threads")
                threads = std::stoi(v);
            else {
                std::fprintf(stderr, "unknown option %s\n", k.c_str());
                return 2;
            }
        }
        std::printf("bench_allocator: bare step at %s, %d steps per child (warm-up %d), %d threads, %d rounds ABAB\n"
                    "  A = malloc thresholds raised (trainer default), B = SEEKBENCH_MALLOC_TUNING=0 (glibc default); %s\n",
                    config.c_str(), steps, warmup, threads, rounds, loadAverage().c_str());
        const std::string common = config + " " + std::to_string(steps) + " " + std::to_string(warmup) + " "
                                   + std::to_string(threads);
        std::vector<double> tuned, plain, ratios;
        for (int r = 0; r < rounds; ++r) {
            double ms = 0, med = 0;
            std::istringstream(runSelf("", "--child " + common)) >> ms >> med;
            tuned.push_back(ms);
            std::istringstream(runSelf("SEEKBENCH_MALLOC_TUNING=0", "--child " + common)) >> ms >> med;
            plain.push_back(ms);
            ratios.push_back(plain.back() / tuned.back());
            std::printf("  round %d: tuned %.3f ms/step, glibc default %.3f ms/step, default/tuned %.4f\n", r + 1,
                        tuned.back(), plain.back(), ratios.back());
            std::fflush(stdout);
        }
        const double r = median(ratios);
        std::printf("  median: tuned %.3f ms/step, glibc default %.3f ms/step; ratio of the medians %.4f; median "
                    "per-pair default/tuned %.4f (the default costs %+.1f%% of a step; tuning saves %.1f%%)\n",
                    median(tuned), median(plain), median(plain) / median(tuned), r, 100.0 * (r - 1.0),
                    100.0 * (1.0 - 1.0 / r));
        std::printf("%s\n", loadAverage().c_str());
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_allocator: %s\n", e.what());
        return 1;
    }
}
