// The window options, a window's copy and its summary features (windows.h); the
// windowing itself is windows.cpp.

#include "seekbench/pdm/windows.h"
#include "seekbench/text/number_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace seekbench::pdm {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const char *field, double value, const char *allowed)
{
    if (!ok)
        throw std::invalid_argument(std::string("windows.") + field + " must be " + allowed + " (got "
                                    + shortNumber(value) + ")");
}

} // namespace

const char *splitName(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Validation: return "validation";
    case Split::Test: return "test";
    }
    return "?";
}

WindowOptions defaultWindowOptions(TimeUnit unit)
{
    WindowOptions o;
    if (unit == TimeUnit::Cycles) {
        o.step = 1;
        o.history = 30;
        o.horizon = 30;
        o.rul_cap = 125;
        o.baseline = 0;
    }
    return o;
}

void validateWindowOptions(const WindowOptions &o)
{
    require(std::isfinite(o.step) && o.step > 0, "step", o.step, "a positive number of time units");
    require(o.history >= 1 && o.history <= 4096, "history", o.history, "1 to 4096 steps");
    require(o.stride >= 1, "stride", o.stride, "at least 1");
    require(std::isfinite(o.horizon) && o.horizon > 0, "horizon", o.horizon, "a positive number of time units");
    require(std::isfinite(o.rul_cap) && o.rul_cap > 0, "rul_cap", o.rul_cap, "a positive number of time units");
    require(std::isfinite(o.baseline) && o.baseline >= 0, "baseline", o.baseline, "0 or more time units");
    require(o.validation_share >= 0 && o.validation_share < 1, "validation_share", o.validation_share, "in [0, 1)");
    require(o.test_share >= 0 && o.test_share < 1, "test_share", o.test_share, "in [0, 1)");
    require(o.validation_share + o.test_share < 1, "validation_share + test_share", o.validation_share + o.test_share,
            "below 1, leaving machines for training");
    require(!(o.test_from == -kInf), "test_from", o.test_from, "a time, +inf (no cut) or unset");
}

std::size_t Windows::count(Split s) const { return std::size_t(std::count(split.begin(), split.end(), s)); }

void Windows::copyWindow(std::size_t i, float *out) const
{
    const MachineSteps &ms = steps[std::size_t(machine[i])];
    const int per_sensor = options.stats == StepStats::Mean ? 2 : 4;
    for (int h = 0; h < history; ++h) {
        const long j = long(end_step[i]) - history + 1 + h;
        float *row = out + std::size_t(h) * std::size_t(features);
        for (int f = 0; f < features; ++f) {
            const bool missing_share = f % per_sensor == per_sensor - 1;
            float v = j >= 0 ? ms.values[std::size_t(j) * std::size_t(features) + std::size_t(f)] : kMissing;
            if (missing_share && isMissing(v))
                v = 1.0f;
            row[f] = isMissing(v) ? 0.0f : (v - feature_mean[std::size_t(f)]) / feature_scale[std::size_t(f)];
        }
    }
}

int summaryFeatureCount(const Windows &windows) { return windows.features * 4; }

std::vector<std::string> summaryFeatureNames(const Windows &windows)
{
    std::vector<std::string> names;
    for (const std::string &f : windows.feature_names)
        for (const char *what : {".last", ".mean", ".slope", ".max"})
            names.push_back(f + what);
    return names;
}

void summaryFeatures(const Windows &windows, std::size_t i, float *out)
{
    const int H = windows.history, F = windows.features;
    std::vector<float> x(std::size_t(H) * std::size_t(F));
    windows.copyWindow(i, x.data());
    const double centre = (H - 1) / 2.0;
    double denominator = 0;
    for (int h = 0; h < H; ++h)
        denominator += (h - centre) * (h - centre);
    for (int f = 0; f < F; ++f) {
        double sum = 0, slope = 0, mx = -kInf;
        for (int h = 0; h < H; ++h) {
            const double v = x[std::size_t(h) * std::size_t(F) + std::size_t(f)];
            sum += v;
            slope += (h - centre) * v;
            mx = std::max(mx, v);
        }
        float *o = out + std::size_t(f) * 4;
        o[0] = x[std::size_t(H - 1) * std::size_t(F) + std::size_t(f)];
        o[1] = float(sum / H);
        o[2] = denominator > 0 ? float(slope / denominator) : 0.0f;
        o[3] = float(mx);
    }
}

std::string windowSummaryJson(const Windows &w)
{
    using nlohmann::json;
    const WindowOptions &o = w.options;
    json j = {{"step", o.step},
              {"history", o.history},
              {"stride", o.stride},
              {"horizon", o.horizon},
              {"rul_cap", o.rul_cap},
              {"baseline", o.baseline},
              {"stats", o.stats == StepStats::Mean ? "mean" : "full"},
              {"test_from", std::isinf(o.test_from) ? json(nullptr) : json(o.test_from)},
              {"features_per_step", w.features},
              {"failure_modes", w.failure_modes}};
    json splits = json::object();
    for (Split s : {Split::Train, Split::Validation, Split::Test}) {
        std::vector<std::int64_t> positives(w.failure_modes.size(), 0);
        std::int64_t windows = 0, observed = 0;
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (w.split[i] != s)
                continue;
            ++windows;
            observed += w.rul_observed[i];
            for (std::size_t k = 0; k < positives.size(); ++k)
                positives[k] += w.failure[i * positives.size() + k];
        }
        json perMode = json::object();
        for (std::size_t k = 0; k < positives.size(); ++k)
            perMode[w.failure_modes[k]] = positives[k];
        splits[splitName(s)] = {{"machines", std::count(w.machine_split.begin(), w.machine_split.end(), s)},
                                {"windows", windows},
                                {"positives", perMode},
                                {"rul_observed", observed}};
    }
    j["splits"] = splits;
    return j.dump();
}

} // namespace seekbench::pdm
