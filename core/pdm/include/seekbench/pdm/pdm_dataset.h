#pragma once

// What a predictive maintenance run trains on (data.kind "pdm_fleet"): the windows of a
// project's fleet, cut with the run config's pdm.* options, handed to the trainer in memory.
// Also the model outputs a run keeps for the views (per window: failure scores, RUL, the
// attention over steps and sensors, and the embedding the XGBoost model reads), in a file
// of its own, checked on reading like any input.

#include "seekbench/config/run_config.h"
#include "seekbench/pdm/windows.h"
#include "seekbench/run/dataset_source.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace seekbench::pdm {

// The window options of a run config for a fleet in `unit`: pdm.* where set, the unit's
// defaults (defaultWindowOptions) where 0, the split seeded by training.seed.
WindowOptions windowOptionsOf(const RunConfig &config, TimeUnit unit);
// The smallest lead time an alert must have to count (pdm.min_lead, or a day / 5 cycles).
double minLeadOf(const RunConfig &config, TimeUnit unit);

class PdmDataset : public DatasetSource
{
public:
    PdmDataset(std::shared_ptr<const Windows> windows, std::string origin)
        : windows(std::move(windows)), origin(std::move(origin))
    {}
    std::shared_ptr<const Windows> windows;
    std::string origin; // "fleet 'plant' of project DIR"
};

// A fingerprint of the windows (which machine and step each is, and the labels), so outputs
// are never read against other windows.
std::uint64_t windowsFingerprint(const Windows &windows);

struct ModelOutputs
{
    std::uint64_t fingerprint = 0; // windowsFingerprint of the windows scored
    std::int64_t windows = 0;
    int modes = 0, history = 0, sensors = 0, embedding = 0;
    std::vector<float> scores;   // [window][mode], probability of failure within the horizon
    std::vector<float> rul;      // [window], in the fleet's time unit
    std::vector<float> temporal; // [window][history], sums to 1 (empty without attention)
    std::vector<float> sensor;   // [window][sensor], mean over the steps, sums to 1 (empty without attention)
    std::vector<float> features; // [window][embedding], the model's last state
};

// Written atomically; false with `error` naming the file.
bool writeModelOutputs(const std::filesystem::path &file, const ModelOutputs &outputs, std::string &error);
// Throws std::runtime_error naming the file and the problem (not an outputs file, a size
// that does not match its header or the file, a fingerprint of other windows when
// `expectedFingerprint` is not 0).
ModelOutputs readModelOutputs(const std::filesystem::path &file, std::uint64_t expectedFingerprint = 0);

// The file a run keeps them in: <run folder>/eval/pdm_outputs.bin.
inline const char *kModelOutputsFile = "eval/pdm_outputs.bin";

} // namespace seekbench::pdm
