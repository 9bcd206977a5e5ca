#pragma once

// What the pdm tests share: series compared bit for bit (NaN payloads included).

#include "seekbench/pdm/fleet.h"

#include <cstring>
#include <vector>

template<typename T>
bool sameBits(const std::vector<T> &a, const std::vector<T> &b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

inline bool sameSeries(const seekbench::pdm::MachineSeries &a, const seekbench::pdm::MachineSeries &b)
{
    if (a.name != b.name || !sameBits(a.time, b.time) || !sameBits(a.regime, b.regime)
        || a.values.size() != b.values.size())
        return false;
    for (std::size_t s = 0; s < a.values.size(); ++s)
        if (!sameBits(a.values[s], b.values[s]))
            return false;
    return true;
}
