#include "seekbench/kg/word_features.h"

#include <algorithm>
#include <string>

namespace seekbench::kg {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed)
{
    std::uint64_t h = seed;
    for (const unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

int wordShape(std::string_view word)
{
    int upper = 0, lower = 0, digit = 0, other = 0;
    for (const unsigned char c : word) {
        if (c >= 'A' && c <= 'Z')
            ++upper;
        else if (c >= 'a' && c <= 'z')
            ++lower;
        else if (c >= '0' && c <= '9')
            ++digit;
        else
            ++other;
    }
    if (other > 0 && upper + lower + digit == 0)
        return 5;
    if (digit > 0 && upper + lower == 0)
        return 4;
    if (digit > 0)
        return 3;
    if (upper >= 2 && lower == 0)
        return 2;
    if (upper == 1 && word.size() > 0 && word[0] >= 'A' && word[0] <= 'Z')
        return 1;
    if (other > 0 && upper + lower == 0)
        return 5;
    return 0;
}

void wordBuckets(std::string_view word, int buckets, std::vector<std::int64_t> &out)
{
    const std::size_t first = out.size();
    std::string w = "<";
    for (const char c : word)
        w += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    w += '>';
    const auto range = std::uint64_t(buckets > 1 ? buckets - 1 : 1);
    out.push_back(std::int64_t(1 + fnv1a64(w) % range)); // the whole word
    for (std::size_t n = 3; n <= 5; ++n) {
        for (std::size_t i = 0; i + n <= w.size(); ++i) {
            // Distinct seeds per n keep "abc" as a 3-gram apart from "<abc>" as the word.
            out.push_back(
                std::int64_t(1 + fnv1a64(std::string_view(w).substr(i, n), 0x9E3779B97F4A7C15ULL + n) % range));
        }
    }
    std::sort(out.begin() + std::ptrdiff_t(first), out.end());
    out.erase(std::unique(out.begin() + std::ptrdiff_t(first), out.end()), out.end());
}

} // namespace seekbench::kg
