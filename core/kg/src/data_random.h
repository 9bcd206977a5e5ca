#pragma once

// The ontology and corpus generators' random numbers: splitmix64 written out, with uniform
// numbers made from its raw bits, so that a seed gives the same ontology and corpus with
// every compiler and standard library (std::*_distribution differ between them).

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::kg {

class DataRandom
{
public:
    explicit DataRandom(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n); 0 when n <= 0.
    int below(int n)
    {
        if (n <= 0)
            return 0;
        return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }
    // Uniform in [lo, hi], both included.
    int between(int lo, int hi) { return hi <= lo ? lo : lo + below(hi - lo + 1); }
    bool chance(double p) { return uniform() < p; }

    template<typename T>
    const T &pick(const std::vector<T> &items)
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }
    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }
    template<typename T>
    void shuffle(std::vector<T> &items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            using std::swap;
            swap(items[i - 1], items[static_cast<std::size_t>(below(static_cast<int>(i)))]);
        }
    }

private:
    std::uint64_t m_state;
};

} // namespace seekbench::kg
