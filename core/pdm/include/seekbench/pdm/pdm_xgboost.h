#pragma once

// The predictive maintenance scenario's XGBoost (issue 26): one binary:logistic booster per
// failure mode on point-in-time windows. Alone on the windows' summary features it is the
// baseline; with the neural model's embedding appended it is the explainable model, whose
// global importance and per-alert contributions (TreeSHAP, in log-odds) sit beside every
// alert.
//
// Trained on the training split's windows, early-stopped on the validation split's. A
// failure mode with no failure in the training windows gets no booster: it scores 0 and
// says why in its note.
//
// Saved as a folder: one XGBoost JSON model per mode with a booster, and a manifest
// (pdm_xgboost.json) listing the features and the modes. Loading treats the folder as
// untrusted and names the file at fault.

#include "seekbench/pdm/alert_explanation.h"
#include "seekbench/pdm/windows.h"
#include "seekbench/xgb/booster.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::pdm {

// What the boosters see, one row per window: the summary features ("vibration_rms.last",
// ...) and then the embedding, if any ("embedding.0", ...).
struct WindowFeatureTable
{
    std::vector<std::string> names;
    std::vector<float> values; // [row][names.size()]
    std::size_t rows = 0;

    std::size_t cols() const { return names.size(); }
    xgb::DenseRows dense() const { return {values.data(), rows, cols()}; }
};

// `embedding` is [window][embeddingDim] (empty with embeddingDim 0). Throws
// std::invalid_argument when it does not hold one row per window.
WindowFeatureTable windowFeatureTable(const Windows &windows, const std::vector<float> &embedding = {},
                                      int embeddingDim = 0);

struct PdmXgbOptions
{
    xgb::TrainOptions booster = defaultBoosterOptions();
    // Weight positives by sqrt(negatives / positives) of each mode's training windows:
    // failures are rare, and the square root keeps scores close to probabilities.
    bool balance_classes = true;

    static xgb::TrainOptions defaultBoosterOptions()
    {
        xgb::TrainOptions o;
        o.rounds = 200;
        o.max_depth = 4;
        o.early_stopping_rounds = 20;
        return o;
    }
};

struct FeatureShare
{
    std::string name;
    double share = 0; // of the total gain; a mode's shares sum to 1
};

class PdmXgboost
{
public:
    // Throws std::invalid_argument when `table` does not have one row per window, and
    // std::runtime_error when there are no training windows or XGBoost fails.
    static PdmXgboost train(const Windows &windows, const WindowFeatureTable &table, const PdmXgbOptions &options = {});

    const std::vector<std::string> &featureNames() const { return m_features; }
    const std::vector<std::string> &modes() const { return m_modes; }
    bool hasBooster(int mode) const;
    const xgb::Booster &booster(int mode) const; // empty when the mode has none
    const std::string &note(int mode) const;     // why a mode has no booster; "" if it has one

    // [row][mode]; 0 for a mode without a booster. The table's features must be the
    // model's (std::invalid_argument otherwise).
    std::vector<float> scores(const WindowFeatureTable &table) const;
    // Every feature, largest share first (all 0 for a mode without a booster).
    std::vector<FeatureShare> importance(int mode) const;
    // The `topK` features of row `row` with the largest |contribution| to mode `mode`.
    AlertExplanation explain(const WindowFeatureTable &table, std::size_t row, int mode, int topK = 5) const;

    // Writes the folder (created if needed). Throws std::runtime_error naming the file.
    void save(const std::filesystem::path &folder) const;
    // Throws std::runtime_error naming the file: a manifest that is missing or not JSON,
    // a mode file that is missing or not a model, a model whose feature count is not the
    // manifest's.
    static PdmXgboost load(const std::filesystem::path &folder);
    static constexpr const char *kManifestFile = "pdm_xgboost.json";

private:
    void checkMode(int mode) const;
    void checkTable(const WindowFeatureTable &table) const;

    std::vector<std::string> m_features, m_modes, m_notes;
    std::vector<xgb::Booster> m_boosters; // one a mode, empty() without one
};

} // namespace seekbench::pdm
