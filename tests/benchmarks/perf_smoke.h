#pragma once

// The perf-smoke checks (CTest label "perf-smoke", run by scripts/test and CI, one at a
// time): a benchmark's `--check` mode measures its ratio at small sizes, A and B
// alternated in one process, and exits 1 when the ratio crosses a generous threshold.
// Header-only and dependency-free, shared by the store and engine benchmarks.
//
// SEEKBENCH_PERF_SMOKE_SLOWDOWN=F (a number >= 1, default 1) makes side A of every
// check F times slower: after each timed piece of A's work the check spins on the CPU
// for (F - 1) times that piece's own time. F = 2 halves a "higher is better" ratio and
// doubles a "lower is better" one; it exists to show that such a regression fails.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <time.h>

namespace seekbench::perfsmoke {

inline double slowdownFactor()
{
    const char *v = std::getenv("SEEKBENCH_PERF_SMOKE_SLOWDOWN");
    if (!v || !*v)
        return 1.0;
    char *end = nullptr;
    const double f = std::strtod(v, &end);
    if (end == v || *end != '\0' || !(f >= 1.0) || f > 1000.0) {
        std::fprintf(stderr, "SEEKBENCH_PERF_SMOKE_SLOWDOWN=%s: expected a number from 1 to 1000\n", v);
        std::exit(2);
    }
    return f;
}

// Spins for (F - 1) * seconds: side A's piece of work that took `seconds` now takes F
// times as long. Returns at once when no slowdown is asked for.
inline void stretch(double seconds)
{
    static const double factor = slowdownFactor();
    if (factor <= 1.0 || seconds <= 0)
        return;
    using clock = std::chrono::steady_clock;
    const auto until = clock::now() + std::chrono::duration<double>((factor - 1.0) * seconds);
    volatile unsigned long spin = 0;
    while (clock::now() < until)
        spin = spin + 1;
}

// CPU seconds of this process, all its threads (those that ended included).
inline double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// As stretch(), for a check that compares CPU time: spins until this process has used
// (F - 1) * cpuSeconds more CPU.
inline void stretchCpu(double cpuSecondsUsed)
{
    static const double factor = slowdownFactor();
    if (factor <= 1.0 || cpuSecondsUsed <= 0)
        return;
    const double until = cpuSeconds() + (factor - 1.0) * cpuSecondsUsed;
    volatile unsigned long spin = 0;
    while (cpuSeconds() < until)
        spin = spin + 1;
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

inline std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    double a = 0, b = 0, c = 0;
    in >> a >> b >> c;
    char buf[96];
    std::snprintf(buf, sizeof buf, "load average %.2f, %.2f, %.2f", a, b, c);
    return buf;
}

struct Threshold
{
    bool atMost = false; // true: the ratio must stay at or below `value`; false: at or above
    double value = 0;
};

// Prints the pair-by-pair ratios, their median (the criterion: robust to load that
// changes between pairs) and the ratio of the two sides' medians; returns the exit
// code, 0 when the median of the per-pair ratios meets the threshold, else 1.
inline int verdict(const char *check, const char *ratioName, const std::vector<double> &pairRatios,
                   double ratioOfMedians, Threshold t)
{
    const double r = median(pairRatios);
    const bool ok = t.atMost ? r <= t.value : r >= t.value;
    std::printf("perf-smoke %s: %s per pair:", check, ratioName);
    for (double x : pairRatios)
        std::printf(" %.3f", x);
    std::printf("\nperf-smoke %s: %s median of %zu pairs %.3f, ratio of the medians %.3f (threshold %s %.2f; "
                "slowdown of A %.2fx; %s): %s\n",
                check, ratioName, pairRatios.size(), r, ratioOfMedians, t.atMost ? "<=" : ">=", t.value,
                slowdownFactor(), loadAverage().c_str(), ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}

} // namespace seekbench::perfsmoke
