#pragma once

// A trial's param where a chart's axis puts it: the choice's index for a choice, the number
// otherwise; NaN when the param is inactive (absent) or its text is not one of its values.
// The Sweeps mode's charts (ui) and the sweep report (projects) place trials with it, so
// the two agree. Header-only: plain parsing, no state.

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace seekbench::tuning {

inline double paramAxisValue(const ParamSpec &spec, const TrialParams &params)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const auto it = params.find(spec.key);
    if (it == params.end())
        return kNaN;
    if (spec.kind == ParamKind::Choice) {
        const auto c = std::find(spec.choices.begin(), spec.choices.end(), it->second);
        return c == spec.choices.end() ? kNaN : double(c - spec.choices.begin());
    }
    const char *text = it->second.c_str();
    char *end = nullptr;
    const double v = std::strtod(text, &end);
    return end != text && *end == '\0' ? v : kNaN;
}

} // namespace seekbench::tuning
